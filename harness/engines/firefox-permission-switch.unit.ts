import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PermissionSwitchboard, profilePrefs } from './firefox-permission-switch';

/** Plays the extension's background page: asks for commands and answers them as the experiment would. */
function fakeExtension(dir: string, answer: (prefs: Record<string, number>) => Record<string, unknown>): () => void {
  const url = /const URL_ = "([^"]+)"/.exec(readFileSync(join(dir, 'background.js'), 'utf8'))?.[1];
  if (!url) throw new Error('no URL in background.js');
  let stopped = false;
  void (async () => {
    let done = '';
    while (!stopped) {
      const res = await fetch(`${url}?done=${encodeURIComponent(done)}`).catch(() => undefined);
      const command = (await res?.json().catch(() => null)) as { id: number; prefs: Record<string, number> } | null;
      if (!command) continue;
      done = JSON.stringify({ id: command.id, result: answer(command.prefs) });
    }
  })();
  return () => (stopped = true);
}

test('a profile is the two permission defaults Firefox reads: 1 allow, 2 block, 0 ask', () => {
  expect(profilePrefs({ camera: 'granted', microphone: 'prompt' })).toEqual({
    'permissions.default.camera': 1,
    'permissions.default.microphone': 0,
  });
  expect(profilePrefs({ camera: 'denied', microphone: 'denied' })).toEqual({
    'permissions.default.camera': 2,
    'permissions.default.microphone': 2,
  });
});

test('set() resolves once the extension reports the prefs it was sent', async () => {
  const board = new PermissionSwitchboard();
  const ext = await board.prepare();
  const sent: string[] = [];
  let stop = () => {};
  const prefs: Record<string, number> = {};
  await ext.install(async (method, params) => {
    sent.push(method);
    stop = fakeExtension((params as { extensionData: { path: string } }).extensionData.path, (p) => Object.assign(prefs, p));
    return {};
  });
  const sw = await ext.connected();
  expect(sent).toEqual(['webExtension.install']);
  expect(sw).not.toBeNull();
  await sw!.set({ camera: 'denied', microphone: 'prompt' });
  expect(prefs).toEqual({ 'permissions.default.camera': 2, 'permissions.default.microphone': 0 });
  await sw!.set({ camera: 'granted', microphone: 'granted' });
  expect(prefs).toEqual({ 'permissions.default.camera': 1, 'permissions.default.microphone': 1 });
  stop();
  board.close();
});

test('set() fails when the prefs read back differ, or the extension reports an error', async () => {
  const board = new PermissionSwitchboard();
  for (const answer of [() => ({ 'permissions.default.camera': 0, 'permissions.default.microphone': 0 }), () => ({ error: 'refused' })]) {
    const ext = await board.prepare();
    let stop = () => {};
    await ext.install(async (_m, params) => {
      stop = fakeExtension((params as { extensionData: { path: string } }).extensionData.path, answer);
      return {};
    });
    const sw = await ext.connected();
    await expect(sw!.set({ camera: 'denied', microphone: 'denied' })).rejects.toThrow(/permission|reads 0/);
    stop();
  }
  board.close();
});

test('a build that refuses the extension gets no switch', async () => {
  const board = new PermissionSwitchboard();
  const ext = await board.prepare();
  await ext.install(async () => {
    throw new Error('unknown command');
  });
  expect(await ext.connected()).toBeNull();
  board.close();
});

test('an extension installed without its experiment API (a build that does not allow them) gives no switch, at once', async () => {
  const board = new PermissionSwitchboard();
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
