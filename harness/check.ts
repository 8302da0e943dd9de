// The test API: `check(meta, body)` declares one conformance check. Fixtures carry the environment (the engine,
// sessions under a permission profile, fixture URLs), so a check reads as the behaviour it verifies.
//
// The verdict is decided here, where the thrown object is still at hand: a body that returns is `pass`, a failed
// `expect()` is `fail`, `unsupported()` is `unsupported`, anything else is `error` (the harness's or the driver's
// fault). It travels to the reporter as typed data (the `cell` attachment), never as message text. A harness error is
// tried once more in the same test, after the engine is relaunched if it died; the first verdict a browser gave
// stands. To Playwright Test every cell is an outcome it expects (a verdict of fail or error marks the test as an
// expected failure), so an engine failure never costs a worker restart and a browser relaunch.
// Playwright Test's root test type, without its browser fixtures: a check drives its engine through the harness, and
// the `test` export's auto fixture ("trace recording") makes every driver call a test step with a source-mapped stack,
// which measured as over half of a worker's CPU on the constraints area (Chromium: 4.4 s busy, 1.9 s without it).
import { _baseTest as base } from '@playwright/test';
import { readEngineModel, type CapsCache, type EngineModel } from './constraint-check';
import { EngineUnavailable, errorLine, isExpectFailure, Unsupported } from './errors';
import { launchEngine } from './engines';
import { launchOptions } from './engines/launch-options';
import { EngineSupervisor } from './engines/supervisor';
import type { HostKey } from './hosts';
import { expect } from './matchers';
import { engineOfProject, WAITS_TAG, type Lane } from './lanes';
import { ProbePage } from './probe-page';
import { profileText, ReproJournal } from './repro';
import { readRunConfig, serverPorts } from './run-config';
import { fixtureUrl } from './server';
import { effectiveIsolation, memo, SessionPool, type Isolation, type LentSession, type Placement, type Release } from './session-pool';
import {
  isUnobservable,
  type CaptureIndicator,
  type Engine,
  type EngineId,
  type PermissionProfile,
  type PromptRecord,
  type SessionEnvironment,
  type Unobservable,
  type CellOutcome,
  type DriverObservations,
} from './types';

export { expect };

export interface CheckMeta {
  /** Stable id, `area/behaviour`; expectation files and the matrix key on it. The area is its first segment. */
  id: string;
  title: string;
  /** The seed sentence (or section) this check verifies, verbatim where possible. */
  seed?: string;
  /** What the spec requires, where it differs from or sharpens the seed. */
  spec?: string;
  /** The expected outcome in a few words, shown in the matrix. */
  expected: string;
  /**
   * 'context': every session this check opens is a context as a new one starts: made for it, or one earlier checks
   * only read in (enumerateDevices(), permissions.query(), properties; never under GUM_ISOLATION=context or on a
   * retry). Default: what the area needs (CONTEXT_AREAS), else 'document': a warm session from an earlier check,
   * navigated to a new document.
   */
  isolation?: Isolation;
  /**
   * The bounded wait this check spends most of its time in, if any (e.g. 'a request left pending for 2 s'): such a
   * check runs in its engine's waiting lane, beside the engine's other checks (harness/lanes.ts; GUM_WAIT_LANE=0: in
   * turn with them). Default: what the area does (WAITING_AREAS).
   */
  waits?: string;
}

/**
 * Areas whose checks observe what a context remembers across documents, so each needs a context of its own: the
 * devices exposed before any capture, and permission states and prompts as the user left them. (A session holding a
 * prompt left open, a request still pending, is never shared anyway; see session-pool.ts. permission-matrix checks
 * observe the stored decision, or a prompt their own request opens, and share; its checks of a context where nothing
 * was requested yet declare `isolation: 'context'` themselves.)
 */
const CONTEXT_AREAS: Record<string, string> = {
  'device-exposure': 'what enumerateDevices() exposes depends on captures earlier in the context',
  permissions: 'a permission answer may be remembered by the context',
  // Not frames: what Chromium 156 remembers of a request refused inside a frame is kept per tab, and a session whose
  // frame saw a refusal gets a new page before it is lent again (refusedInFrame() in session-pool.ts).
};

/**
 * Areas whose every check waits out a bound, or spends it sampling what a track carries in real time (the frame rate
 * is read from presentedFrames, so a loaded machine's late rendering updates do not show in it).
 */
const WAITING_AREAS: Record<string, string> = {
  indicator: 'watches the capture indicator for 3.5 s',
  'captured-content': 'samples a track for 1-2 s',
  'real-devices': 'samples a track for 1-2 s',
};

export function laneOf(meta: Pick<CheckMeta, 'id' | 'waits'>): Lane {
  return (meta.waits ?? WAITING_AREAS[meta.id.split('/')[0] ?? '']) ? 'waits' : 'main';
}

export function isolationOf(meta: Pick<CheckMeta, 'id' | 'isolation'>): Isolation {
  return meta.isolation ?? (CONTEXT_AREAS[meta.id.split('/')[0] ?? ''] ? 'context' : 'document');
}

const pools = new WeakMap<Engine, SessionPool>();
const poolOf = (engine: Engine): SessionPool => {
  let pool = pools.get(engine);
  if (!pool) pools.set(engine, (pool = new SessionPool(engine)));
  return pool;
};

/** Per engine: each device's capabilities and default settings, read once (by kind and label: ids are salted). */
const capabilityCaches = new WeakMap<Engine, CapsCache>();
const capsOf = (engine: Engine): CapsCache => {
  let caps = capabilityCaches.get(engine);
  if (!caps) capabilityCaches.set(engine, (caps = new Map()));
  return caps;
};

/**
 * The engine's devices as a top-level page sees them. Device ids are stable per origin within a context, so the model
 * is read once per context and origin (a fresh context reads its own); a frame's is read every time.
 */
async function deviceModelOf(engine: Engine, page: ProbePage): Promise<EngineModel> {
  const url = (page.session as Partial<LentSession>).documentUrl;
  const origin = url && !page.path.length ? new URL(url).origin : 'null';
  const read = (): Promise<EngineModel> => readEngineModel(page, capsOf(engine));
  return origin === 'null' ? read() : memo(page.session, `device-model ${origin}`, read);
}

export const GRANTED: PermissionProfile = { camera: 'granted', microphone: 'granted' };
export const DENIED: PermissionProfile = { camera: 'denied', microphone: 'denied' };
export const PROMPT: PermissionProfile = { camera: 'prompt', microphone: 'prompt' };

export interface OpenedPage extends ProbePage {
  /** Prompts the engine showed in this session, or why it cannot tell. */
  prompts(): PromptRecord[] | Unobservable;
  /** The browser's own capture indicator for this session right now, or why it cannot tell. */
  indicator(): Promise<CaptureIndicator | Unobservable>;
  /** Navigates this page to a new document at `url`, in the same session (context, permission profile, devices). */
  goto(url: string): Promise<void>;
}

export interface CheckFixtures {
  /** Opens a URL in a fresh session (context) holding the given permission profile (default: both granted). */
  open: (url: string, permissions?: PermissionProfile, env?: SessionEnvironment) => Promise<OpenedPage>;
  /** URL of a fixture path on a test host (`a`, `b`: HTTPS sites; `insecure`: plain HTTP, not loopback; ...). */
  url: (host: HostKey, path?: string, scheme?: 'http' | 'https') => string;
  /** Records what the browser did; it becomes the cell's `observed`. */
  observe: (observed: unknown) => void;
  /** Ends the check as `unsupported`: the engine or driver gives no way to observe this. */
  unsupported: (reason: string) => never;
  /** Ends the check as `unsupported` before it opens anything when the engine's driver cannot observe this at all. */
  needs: (observation: keyof DriverObservations) => void;
  /** The devices this engine offers a top-level page (ids as that origin sees them), for the constraint oracle. */
  deviceModel: (page: ProbePage) => Promise<EngineModel>;
  engine: Engine;
  engineId: EngineId;
}

/** One attempt may take this long before it is a harness error (a bounded wait inside a check is far shorter). */
const ATTEMPT_MS = 40_000;

interface Attempt {
  outcome: CellOutcome;
  thrown?: unknown;
}

async function attempt(engine: Engine, isolation: Placement, body: (fx: CheckFixtures) => Promise<void>): Promise<Attempt> {
  const sessions: { release: Release; page: ProbePage }[] = [];
  let outcome: CellOutcome | undefined;
  /** Set when the attempt has ended: a timed-out body that goes on must not open sessions nobody closes. */
  let over = false;
  let observed: unknown;
  let seen = false;
  /** What the check did, for a failing cell's repro. */
  const journal = new ReproJournal();
  /** The step the body started last, named by a timeout so that a hang says where it hung (a session, a navigation, a probe operation). */
  let step = 'starting';
  const unsupported = (reason: string): never => {
    if (!reason.trim()) throw new Error('harness: unsupported() needs a reason');
    throw new Unsupported(reason);
  };
  /** What the engine's module declares it cannot do, for every check alike. */
  const declaredLimit = (reason: string): never => {
    throw new Unsupported(reason, true);
  };
  const ports = serverPorts();
  const fixtures: CheckFixtures = {
    engine,
    engineId: engine.info.id,
    url: (host, path = '/index.html', scheme) => fixtureUrl(ports, host, path, scheme),
    observe: (o) => {
      observed = o;
      seen = true;
    },
    unsupported,
    needs: (observation) => {
      const can = engine.observes[observation];
      if (isUnobservable(can)) declaredLimit(can.unobservable);
    },
    deviceModel: (page) => deviceModelOf(engine, page),
    open: async (url, permissions = GRANTED, env = {}) => {
      for (const kind of ['camera', 'microphone'] as const) {
        const can = engine.canHold(kind, permissions[kind]);
        if (isUnobservable(can)) declaredLimit(`${kind} cannot be put in state "${permissions[kind]}": ${can.unobservable}`);
      }
      // A device set or fault the engine cannot provide would silently run the check on the default devices.
      const provides = engine.canProvide(env);
      if (isUnobservable(provides)) {
        declaredLimit(`${env.fault ? `fault "${env.fault}"` : `device set "${env.devices}"`}: ${provides.unobservable}`);
      }
      step = `getting a session with ${profileText(permissions)}${env.devices ? `, device set "${env.devices}"` : ''}${env.fault ? `, fault "${env.fault}"` : ''}`;
      const { session, release } = await poolOf(engine).acquire({ permissions, ...env }, isolation);
      if (over) {
        await release(false);
        throw new Error('harness: the attempt already ended');
      }
      const n = journal.opened(url, permissions, env);
      const page = new ProbePage(session, [], (path, op, args) => {
        step = `probe ${op}${path.length ? ` in frame ${path.join(' > ')}` : ''}`;
        journal.called(n, path, op, args);
      }) as OpenedPage;
      sessions.push({ release, page });
      step = `loading ${url}`;
      await session.goto(url);
      page.prompts = () => session.prompts();
      page.indicator = () => session.captureIndicator();
      page.goto = async (next) => {
        journal.opened(next, permissions, env, n);
        step = `loading ${next}`;
        await session.goto(next);
      };
      return page;
    },
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`harness: timed out after ${ATTEMPT_MS / 1000} s; last step started: ${step}`)), ATTEMPT_MS);
  });
  try {
    await Promise.race([body(fixtures), deadline]);
    outcome = { verdict: 'pass', observed: seen ? observed : null };
    return { outcome };
  } catch (e) {
    if (e instanceof Unsupported) {
      outcome = {
        verdict: 'unsupported',
        reason: e.reason,
        observed: seen ? observed : { unobservable: e.reason },
        ...(e.declared ? { declared: true as const } : {}),
      };
      return { outcome };
    }
    const verdict = isExpectFailure(e) ? 'fail' : 'error';
    outcome = { verdict, reason: errorLine(e), observed: seen ? observed : null, repro: journal.steps };
    return { outcome, thrown: e };
  } finally {
    over = true;
    clearTimeout(timer);
    // After a harness error (a timed-out body among them) the sessions are closed, which also ends whatever the body
    // was still waiting for; after a verdict the last one opened goes back to the pool. The others are closed: the
    // later one took the focus from them, and Firefox's getUserMedia waits for it (the spec's "has system focus" step)
    // where bringing the page to the front does not give it back (measured on ESR 140).
    const handBack = outcome !== undefined && outcome.verdict !== 'error';
    await Promise.all(sessions.map(({ release, page }, i) => release(handBack && i === sessions.length - 1, () => page.endCaptures())));
  }
}

/** Runs a check on the worker's engine: one attempt, and one more after a harness error. */
async function runCheck(supervisor: EngineSupervisor, isolation: Placement, body: (fx: CheckFixtures) => Promise<void>): Promise<Attempt> {
  let first: Attempt | undefined;
  for (let i = 0; i < 2; i++) {
    let engine: Engine;
    try {
      engine = await supervisor.get();
    } catch (e) {
      const reason = e instanceof EngineUnavailable ? e.message : `harness: ${errorLine(e)}`;
      return { outcome: { verdict: 'error', reason, observed: null, engineUnavailable: e instanceof EngineUnavailable }, thrown: e };
    }
    // A retry after a harness error gets fresh sessions: the shared ones may be what went wrong.
    const a = await attempt(engine, first ? 'new' : isolation, body);
    a.outcome.engine = engine.info;
    if (!first && a.outcome.verdict === 'error') {
      first = a;
      continue;
    }
    return first ? { ...a, outcome: { ...a.outcome, firstAttempt: first.outcome.reason } } : a;
  }
  return first!;
}

export const test = base.extend<object, { supervisor: EngineSupervisor }>({
  supervisor: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use, workerInfo) => {
      const id = engineOfProject(workerInfo.project.name);
      if (!id) throw new Error(`harness: project "${workerInfo.project.name}" is not an engine's`);
      const cfg = readRunConfig();
      const supervisor = new EngineSupervisor(id, async () => launchEngine(id, await launchOptions(cfg)));
      await use(supervisor);
      await supervisor.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

/** Declares one check. It runs once per engine project; known engine differences come from expectations/. */
export function check(meta: CheckMeta, body: (fx: CheckFixtures) => Promise<void>): void {
  registeredAtCaller(() =>
    test(
      `${meta.id} ${meta.title}`,
      {
        annotation: [{ type: 'check', description: JSON.stringify({ ...meta, area: meta.id.split('/')[0] }) }],
        tag: laneOf(meta) === 'waits' ? [WAITS_TAG] : [],
      },
      async ({ supervisor }, testInfo) => {
        // Two attempts and an engine relaunch between them fit; each attempt is bounded by ATTEMPT_MS itself.
        test.setTimeout(2 * ATTEMPT_MS + 60_000);
        const { outcome, thrown } = await runCheck(supervisor, effectiveIsolation(isolationOf(meta)), body);
        await testInfo.attach('cell', { body: JSON.stringify(outcome), contentType: 'application/json' });
        if (outcome.verdict === 'unsupported') test.skip(true, `unsupported, no way to observe this here: ${outcome.reason}`);
        if (outcome.verdict === 'fail' || outcome.verdict === 'error') {
          // The matrix, not Playwright's status, is the verdict: an expected failure keeps the worker and its browser.
          testInfo.expectedStatus = 'failed';
          throw thrown;
        }
      },
    ),
  );
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
