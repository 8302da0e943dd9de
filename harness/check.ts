// The test API: `check(meta, body)` declares one conformance check. Fixtures carry the environment (the engine,
// sessions under a permission profile, fixture URLs), so a check reads as the behaviour it verifies.
import { test as base, expect } from '@playwright/test';
import { ensureCerts } from './certs';
import { launchEngine } from './engines';
import { loadExpectations, type ExpectationSet } from './expectations';
import { isAssertionFailure } from './report/build-matrix';
import type { HostKey } from './hosts';
import { ProbePage } from './probe-page';
import { readRunConfig, serverPorts } from './run-config';
import { fixtureUrl } from './server';
import {
  ENGINE_IDS, isUnobservable, type CaptureIndicator, type Engine, type EngineId, type EngineSession, type PermissionProfile,
  type PromptRecord, type SessionEnvironment, type Unobservable,
} from './types';

export { expect };

export interface CheckMeta {
  /** Stable id, `area/behaviour`; expectation files and the matrix key on it. */
  id: string;
  title: string;
  area: string;
  /** The seed sentence (or section) this check verifies, verbatim where possible. */
  seed?: string;
  /** What the spec requires, where it differs from or sharpens the seed. */
  spec?: string;
  /** The expected outcome in a few words, shown in the matrix. */
  expected: string;
}

export const GRANTED: PermissionProfile = { camera: 'granted', microphone: 'granted' };
export const DENIED: PermissionProfile = { camera: 'denied', microphone: 'denied' };
export const PROMPT: PermissionProfile = { camera: 'prompt', microphone: 'prompt' };

export interface OpenedPage extends ProbePage {
  /** Prompts the engine showed in this session, or why it cannot tell. */
  prompts(): PromptRecord[] | Unobservable;
  /** The browser's own capture indicator for this session right now, or why it cannot tell. */
  indicator(): Promise<CaptureIndicator | Unobservable>;
}

interface CheckFixtures {
  /** Opens a URL in a fresh session (context) holding the given permission profile (default: both granted). */
  open: (url: string, permissions?: PermissionProfile, env?: SessionEnvironment) => Promise<OpenedPage>;
  /** URL of a fixture path on a test host (`a`, `b`: HTTPS sites; `insecure`: plain HTTP, not loopback; ...). */
  url: (host: HostKey, path?: string, scheme?: 'http' | 'https') => string;
  /** Records what the browser did; it becomes the cell's `observed`. */
  observe: (observed: unknown) => void;
  /** Ends the check as `unsupported`: the engine or driver gives no way to observe this. */
  unsupported: (reason: string) => void;
  engineId: EngineId;
}
interface WorkerFixtures {
  engine: Engine;
  expectationSet: ExpectationSet;
}

const UNSUPPORTED = 'unsupported: ';

export const test = base.extend<CheckFixtures, WorkerFixtures>({
  engine: [async ({}, use, workerInfo) => {
    const id = workerInfo.project.name as EngineId;
    if (!ENGINE_IDS.includes(id)) throw new Error(`harness: project "${id}" is not an engine`);
    const cfg = readRunConfig();
    const certs = await ensureCerts(cfg.certsDir);
    const { MAPPED_HOSTS } = await import('./hosts');
    const t0 = Date.now();
    const engine = await launchEngine(id, {
      devices: cfg.devices, hosts: MAPPED_HOSTS, caCertPem: certs.caCert, caCertPath: certs.caCertPath,
      leafCertPem: certs.leafCert, leafSpki: certs.leafSpki, initScript: cfg.shimSource,
    });
    engine.info.launchMs = Date.now() - t0;
    await use(engine);
    await engine.close();
  }, { scope: 'worker', timeout: 90_000 }],

  expectationSet: [async ({}, use) => {
    await use(loadExpectations(readRunConfig().expectationsDir));
  }, { scope: 'worker' }],

  engineId: async ({ engine }, use) => use(engine.info.id),

  url: async ({}, use) => {
    const ports = serverPorts();
    await use((host, path = '/index.html', scheme) => fixtureUrl(ports, host, path, scheme));
  },

  unsupported: async ({}, use) => {
    // The skip's reason is the cell's: an unsupported cell without the why a browser engineer needs is a harness bug.
    await use((reason: string) => {
      if (!reason.trim()) throw new Error('harness: unsupported() needs a reason');
      test.skip(true, UNSUPPORTED + reason);
    });
  },

  observe: async ({ engine }, use, testInfo) => {
    let observed: unknown;
    let seen = false;
    await use((o: unknown) => { observed = o; seen = true; });
    const skip = testInfo.annotations.find((a) => a.type === 'skip' && a.description?.startsWith(UNSUPPORTED));
    if (skip && !seen) observed = { unobservable: skip.description!.slice(UNSUPPORTED.length) };
    await testInfo.attach('observed', { body: JSON.stringify(observed ?? null), contentType: 'application/json' });
    await testInfo.attach('engine', { body: JSON.stringify(engine.info), contentType: 'application/json' });
  },

  open: async ({ engine, unsupported }, use) => {
    const sessions: EngineSession[] = [];
    await use(async (url, permissions = GRANTED, env = {}) => {
      for (const kind of ['camera', 'microphone'] as const) {
        const can = engine.canHold(kind, permissions[kind]);
        if (isUnobservable(can)) unsupported(`${kind} cannot be put in state "${permissions[kind]}": ${can.unobservable}`);
      }
      // A device set or fault the engine cannot provide would silently run the check on the default devices.
      const provides = engine.canProvide(env);
      if (isUnobservable(provides)) {
        unsupported(`${env.fault ? `fault "${env.fault}"` : `device set "${env.devices}"`}: ${provides.unobservable}`);
      }
      const session = await engine.newSession({ permissions, ...env });
      sessions.push(session);
      await session.goto(url);
      const page = new ProbePage(session) as OpenedPage;
      page.prompts = () => session.prompts();
      page.indicator = () => session.captureIndicator();
      return page;
    });
    await Promise.all(sessions.map((s) => s.close().catch(() => {})));
  },
});

/** Declares one check. It runs once per engine project; known engine differences come from expectations/. */
export function check(
  meta: CheckMeta,
  body: (fx: CheckFixtures & { engine: Engine }) => Promise<void>,
): void {
  registeredAtCaller(() => test(`${meta.id} ${meta.title}`, { annotation: [{ type: 'check', description: JSON.stringify(meta) }] },
    async ({ open, url, observe, unsupported, engine, engineId, expectationSet }) => {
      const known = expectationSet[engineId]?.[meta.id];
      if (known?.verdict === 'fail') test.fail(true, known.reason);
      try {
        await body({ open, url, observe, unsupported, engine, engineId });
      } catch (e) {
        // A harness error is never the recorded failure: make it unexpected so Playwright retries it (a skip has
        // already set the expected status to 'skipped' and is left alone).
        if (test.info().expectedStatus === 'failed' && !isAssertionFailure(String((e as Error)?.message ?? e))) test.info().expectedStatus = 'passed';
        throw e;
      }
    }));
}

/**
 * Playwright Test takes a test's location from the frame that called test(), which would make every check point at
 * this file. Capturing the stack from above this helper makes it the spec line that called check() instead, so
 * reports, `--list` and failure output name the right file and line.
 */
function registeredAtCaller(register: () => void): void {
  const capture = Error.captureStackTrace;
  Error.captureStackTrace = (target: object) => capture(target, registeredAtCaller);
  try {
    register();
  } finally {
    Error.captureStackTrace = capture;
  }
}
