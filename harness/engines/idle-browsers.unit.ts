// When an engine's extra browsers count as idle: never with a call in flight, and only after the idle time.
import { expect, test } from '@playwright/test';
import type { EngineSession } from '../types';
import { IdleBrowsers } from './idle-browsers';

function fakeSession(wait: Promise<void>): EngineSession {
  return {
    goto: async () => {},
    evaluate: async () => {
      await wait;
      return null as never;
    },
    prompts: () => [],
    captureIndicator: async () => ({ camera: 'none', microphone: 'none' }),
    close: async () => {},
  };
}

test('a browser is idle once nothing ran on it for the idle time, never while a call is in flight', async () => {
  let now = 0;
  const idle = new IdleBrowsers(15_000, () => now);
  idle.started('prompt/prompt/default');
  idle.started('granted/granted/default');
  let finish = () => {};
  const session = idle.track('prompt/prompt/default', fakeSession(new Promise<void>((r) => (finish = r))));
  now = 10_000;
  const pending = session.evaluate('wait');
  now = 40_000;
  expect(idle.sweep((k) => k === 'granted/granted/default')).toEqual([]);
  finish();
  await pending;
  now = 54_999;
  expect(idle.sweep()).toEqual(['granted/granted/default']);
  now = 55_000;
  expect(idle.sweep()).toEqual(['prompt/prompt/default']);
  expect(idle.sweep()).toEqual([]);
});

test('a browser closed as idle and launched again is kept from then on', () => {
  let now = 0;
  const idle = new IdleBrowsers(15_000, () => now);
  idle.started('denied/denied/default');
  now = 20_000;
  expect(idle.sweep()).toEqual(['denied/denied/default']);
  idle.started('denied/denied/default');
  now = 100_000;
  expect(idle.sweep()).toEqual([]);
});

test('a tracked session keeps every method the session has', () => {
  const full: Required<EngineSession> = {
    ...fakeSession(Promise.resolve()),
    recycle: async () => {},
    refocus: async () => {},
    renewPage: async () => {},
    returned: () => {},
    refusalMemory: 'tab',
  };
  const tracked = new IdleBrowsers(15_000).track('granted/granted/default', full);
  expect(Object.keys(tracked).sort()).toEqual(Object.keys(full).sort());
  const bare = new IdleBrowsers(15_000).track('granted/granted/default', fakeSession(Promise.resolve()));
  expect(Object.keys(bare).sort()).toEqual(Object.keys(fakeSession(Promise.resolve())).sort());
});
