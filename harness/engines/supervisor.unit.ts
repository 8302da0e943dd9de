// The engine supervisor with fake engines: a build that cannot start is given up on after one retry, and a browser
// that dies is relaunched for the next check. (The same paths against real browsers: a GUM_FIREFOX script that exits
// at once, and a kill -9 in the middle of a run, are in the README's "When a browser cannot start or dies".)
import { expect, test } from '@playwright/test';
import { EngineUnavailable } from '../errors';
import type { Engine } from '../types';
import { EngineSupervisor } from './supervisor';

function fakeEngine(state: { alive: boolean; closed: number }): Engine {
  return {
    info: { id: 'firefox', browser: 'Fake', version: '1.0', driver: 'none', devices: 'fake', executable: '/fake', source: 'custom' },
    observes: { prompts: true, indicator: true },
    canHold: () => true,
    canProvide: () => true,
    newSession: async () => {
      throw new Error('not used');
    },
    alive: () => state.alive,
    close: async () => {
      state.closed++;
    },
  };
}

test('a build that cannot start: one retry, then every later check fails at once with the launch error', async () => {
  let launches = 0;
  const s = new EngineSupervisor('firefox', async () => {
    launches++;
    throw new Error('firefox: cannot launch /fake/firefox: browserType.launch: Browser closed.\nlogs...');
  });
  await expect(s.get()).rejects.toThrow(EngineUnavailable);
  expect(launches).toBe(2);
  const t0 = Date.now();
  for (let i = 0; i < 100; i++)
    await expect(s.get()).rejects.toThrow('firefox: cannot launch /fake/firefox: browserType.launch: Browser closed.');
  expect(launches).toBe(2);
  expect(Date.now() - t0).toBeLessThan(1_000);
});

test('a launch that fails once and then works is used', async () => {
  let launches = 0;
  const state = { alive: true, closed: 0 };
  const s = new EngineSupervisor('chromium', async () => {
    if (launches++ === 0) throw new Error('transient');
    return fakeEngine(state);
  });
  expect((await s.get()).info.browser).toBe('Fake');
  expect(launches).toBe(2);
});

test('a browser that died is closed and relaunched for the next check; a live one is reused', async () => {
  const states: { alive: boolean; closed: number }[] = [];
  const s = new EngineSupervisor('webkit', async () => {
    const st = { alive: true, closed: 0 };
    states.push(st);
    return fakeEngine(st);
  });
  const first = await s.get();
  expect(await s.get()).toBe(first);
  states[0].alive = false; // kill -9
  const second = await s.get();
  expect(second).not.toBe(first);
  expect(states).toHaveLength(2);
  expect(states[0].closed).toBe(1);
  expect(s.relaunches).toBe(1);
  await s.close();
  expect(states[1].closed).toBe(1);
});
