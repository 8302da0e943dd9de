import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PrefSwitchboard, type SwitchablePrefs } from './firefox-pref-switch';

/** Plays the extension's background page: asks for commands and answers them as the experiment would. */
function fakeExtension(dir: string, answer: (prefs: SwitchablePrefs) => Record<string, unknown>): () => void {
  const url = /const URL_ = "([^"]+)"/.exec(readFileSync(join(dir, 'background.js'), 'utf8'))?.[1];
  if (!url) throw new Error('no URL in background.js');
  let stopped = false;
  void (async () => {
    let done = '';
    while (!stopped) {
      const res = await fetch(`${url}?done=${encodeURIComponent(done)}`).catch(() => undefined);
      const command = (await res?.json().catch(() => null)) as { id: number; prefs: SwitchablePrefs } | null;
      if (!command) continue;
      done = JSON.stringify({ id: command.id, result: answer(command.prefs) });
    }
  })();
  return () => (stopped = true);
}

const DENIED_NO_CAMERA: SwitchablePrefs = {
  'permissions.default.camera': 2,
  'permissions.default.microphone': 0,
  'media.audio_loopback_dev': '',
  'media.video_loopback_dev': 'no camera',
};
const GRANTED_DEFAULT: SwitchablePrefs = {
  'permissions.default.camera': 1,
  'permissions.default.microphone': 1,
  'media.audio_loopback_dev': '',
  'media.video_loopback_dev': '',
};

test('set() resolves once the extension reports the prefs it was sent', async () => {
  const board = new PrefSwitchboard();
  const ext = await board.prepare();
  const sent: string[] = [];
  let stop = () => {};
  const prefs: Record<string, number | string> = {};
  await ext.install(async (method, params) => {
    sent.push(method);
    stop = fakeExtension((params as { extensionData: { path: string } }).extensionData.path, (p) => Object.assign(prefs, p));
    return {};
  });
  const sw = await ext.connected();
  expect(sent).toEqual(['webExtension.install']);
  expect(sw).not.toBeNull();
  await sw!.set(DENIED_NO_CAMERA);
  expect(prefs).toEqual(DENIED_NO_CAMERA);
  await sw!.set(GRANTED_DEFAULT);
  expect(prefs).toEqual(GRANTED_DEFAULT);
  stop();
  board.close();
});

test('set() fails when the prefs read back differ, or the extension reports an error', async () => {
  const board = new PrefSwitchboard();
  for (const answer of [() => ({ ...DENIED_NO_CAMERA, 'media.video_loopback_dev': '' }), () => ({ error: 'refused' })]) {
    const ext = await board.prepare();
    let stop = () => {};
    await ext.install(async (_m, params) => {
      stop = fakeExtension((params as { extensionData: { path: string } }).extensionData.path, answer);
      return {};
    });
    const sw = await ext.connected();
    await expect(sw!.set(DENIED_NO_CAMERA)).rejects.toThrow(
      /prefs not set: refused|media.video_loopback_dev reads {2}after setting no camera/,
    );
    stop();
  }
  board.close();
});

test('a build that refuses the extension gets no switch', async () => {
  const board = new PrefSwitchboard();
  const ext = await board.prepare();
  await ext.install(async () => {
    throw new Error('unknown command');
  });
  expect(await ext.connected()).toBeNull();
  board.close();
});

test('an extension installed without its experiment API (a build that does not allow them) gives no switch, at once', async () => {
  const board = new PrefSwitchboard();
  const ext = await board.prepare();
  await ext.install(async (_m, params) => {
    const dir = (params as { extensionData: { path: string } }).extensionData.path;
    const url = /const URL_ = "([^"]+)"/.exec(readFileSync(join(dir, 'background.js'), 'utf8'))?.[1];
    await fetch(`${url}?absent=1`);
    return {};
  });
  const started = Date.now();
  expect(await ext.connected()).toBeNull();
  expect(Date.now() - started).toBeLessThan(1000);
  board.close();
});
