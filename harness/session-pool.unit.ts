// The session pool with a fake engine: what is shared, what is never shared, and what a reused session reports.
import { expect, test } from '@playwright/test';
import { ProbePage } from './probe-page';
import { effectiveIsolation, leftPending, memo, refused, refusedInFrame, SessionPool, spoil, touched } from './session-pool';
import type { Engine, EngineSession, PromptRecord, RefusalMemory, SessionOptions } from './types';

const GRANTED: SessionOptions = { permissions: { camera: 'granted', microphone: 'granted' } };
const PROMPT: SessionOptions = { permissions: { camera: 'prompt', microphone: 'granted' } };

interface FakeSession extends EngineSession {
  n: number;
  closed: boolean;
  prompted: PromptRecord[];
  visited: string[];
  recycled: number;
  renewed: number;
}

function fakeEngine(
  opts: { recycleFails?: boolean; pages?: boolean; memory?: RefusalMemory; evaluate?: (expression: string) => unknown } = {},
): {
  engine: Engine;
  made: FakeSession[];
} {
  const made: FakeSession[] = [];
  const engine: Engine = {
    info: { id: 'webkit', browser: 'Fake', version: '1', driver: 'none', devices: 'fake', executable: '/fake', source: 'custom' },
    observes: { prompts: true, indicator: true },
    canHold: () => true,
    canProvide: () => true,
    newSession: async () => {
      const s: FakeSession = {
        n: made.length,
        closed: false,
        prompted: [],
        visited: [],
        recycled: 0,
        renewed: 0,
        async goto(url) {
          this.visited.push(url);
        },
        evaluate: async (expression: string) => (opts.evaluate?.(expression) ?? null) as never,
        prompts() {
          return this.prompted;
        },
        captureIndicator: async () => ({ camera: 'none', microphone: 'none' }),
        async recycle() {
          this.recycled++;
          if (opts.recycleFails) throw new Error('lost the focus');
        },
        async close() {
          this.closed = true;
        },
      };
      if (opts.pages)
        s.renewPage = async function (this: FakeSession) {
          this.renewed++;
        };
      if (opts.memory) Object.assign(s, { refusalMemory: opts.memory });
      made.push(s);
      return s;
    },
    alive: () => true,
    close: async () => {},
  };
  return { engine, made };
}

test('a check that may share gets the session an earlier check gave back', async () => {
  const { engine, made } = fakeEngine();
  const pool = new SessionPool(engine);
  const a = await pool.acquire(GRANTED, 'document');
  expect(a.session.reused).toBe(false);
  await a.release(true);
  const b = await pool.acquire(GRANTED, 'document');
  expect(b.session.reused).toBe(true);
  expect(made).toHaveLength(1);
});

test('a check that needs its own context, a failed attempt or a spoiled session never shares', async () => {
  const { engine, made } = fakeEngine();
  const pool = new SessionPool(engine);
  for (const [opts, isolation, reusable, spoilIt] of [
    [GRANTED, 'new', true, false],
    [PROMPT, 'document', true, true],
    [GRANTED, 'document', false, false],
    [GRANTED, 'document', true, true],
  ] as const) {
    const s = await pool.acquire(opts, isolation);
    expect(s.session.reused).toBe(false);
    if (spoilIt) spoil(s.session);
    await s.release(reusable);
    expect(made.at(-1)?.closed).toBe(true);
  }
  expect(made).toHaveLength(4);
});

test("the check's endCaptures runs for a session kept for the next check, and not for one that is closed", async () => {
  const { engine } = fakeEngine();
  const pool = new SessionPool(engine);
  const ended: string[] = [];
  await (await pool.acquire(GRANTED, 'document')).release(true, async () => ended.push('kept'));
  await (await pool.acquire(GRANTED, 'new')).release(true, async () => ended.push('closed'));
  expect((await pool.acquire(GRANTED, 'document')).session.reused).toBe(true);
  expect(ended).toEqual(['kept']);
});

test('a session that cannot be readied (recycle throws) is closed and a new one made', async () => {
  const { engine, made } = fakeEngine({ recycleFails: true });
  const pool = new SessionPool(engine);
  await (await pool.acquire(GRANTED, 'document')).release(true);
  const b = await pool.acquire(GRANTED, 'document');
  expect(b.session.reused).toBe(false);
  expect(made[0]?.closed).toBe(true);
});

test('a reused session reports only the prompts of the check it is lent to', async () => {
  const { engine, made } = fakeEngine();
  const pool = new SessionPool(engine);
  const a = await pool.acquire(GRANTED, 'document');
  made[0]?.prompted.push({ audio: true, video: false, answer: 'granted', at: 1 });
  expect(a.session.prompts()).toHaveLength(1);
  await a.release(true);
  const b = await pool.acquire(GRANTED, 'document');
  expect(b.session.prompts()).toEqual([]);
  made[0]?.prompted.push({ audio: false, video: true, answer: 'granted', at: 2 });
  expect(b.session.prompts()).toEqual([{ audio: false, video: true, answer: 'granted', at: 2 }]);
});

test('sessions in different environments are not mixed', async () => {
  const { engine } = fakeEngine();
  const pool = new SessionPool(engine);
  await (await pool.acquire(GRANTED, 'document')).release(true);
  expect((await pool.acquire({ ...GRANTED, devices: 'no-camera' }, 'document')).session.reused).toBe(false);
  expect((await pool.acquire({ permissions: { camera: 'denied', microphone: 'granted' } }, 'document')).session.reused).toBe(false);
});

test('a pending outcome is found at any depth; GUM_ISOLATION=context overrides what a check declares', () => {
  expect(leftPending({ load: {}, gum: { outcome: 'pending' } })).toBe(true);
  expect(leftPending({ gum: { outcome: 'resolved' }, tracks: [{ outcome: 'x' }] })).toBe(false);
  expect(effectiveIsolation(undefined, {})).toBe('document');
  expect(effectiveIsolation('context', {})).toBe('context');
  expect(effectiveIsolation('document', { GUM_ISOLATION: 'context' })).toBe('new');
});

test('a document a check left as it found it serves the next check opening the same URL, without a navigation', async () => {
  const { engine, made } = fakeEngine();
  const pool = new SessionPool(engine);
  const a = await pool.acquire(GRANTED, 'document');
  await a.session.goto('https://a.test/index.html');
  await a.release(true, async () => {
    throw new Error('a clean document holds no captures to end');
  });
  const b = await pool.acquire(GRANTED, 'document');
  await b.session.goto('https://a.test/index.html');
  expect(made[0]?.visited).toEqual(['https://a.test/index.html']);
  expect(made[0]?.recycled).toBe(0);
  // A second navigation inside one check always loads a new document.
  await b.session.goto('https://a.test/index.html');
  expect(made[0]?.visited).toHaveLength(2);
  await b.release(true);
  const c = await pool.acquire(GRANTED, 'document');
  await c.session.goto('https://b.test/index.html');
  expect(made[0]?.visited.at(-1)).toBe('https://b.test/index.html');
});

test('a document a check changed is not reused: the session is recycled and the next check navigates', async () => {
  const { engine, made } = fakeEngine();
  const pool = new SessionPool(engine);
  const a = await pool.acquire(GRANTED, 'document');
  await a.session.goto('https://a.test/index.html');
  touched(a.session);
  await a.release(true);
  const b = await pool.acquire(GRANTED, 'document');
  await b.session.goto('https://a.test/index.html');
  expect(made[0]?.visited).toHaveLength(2);
  expect(made[0]?.recycled).toBe(1);
});

test('memos live with the context: a reused session has them, a fresh context does not', async () => {
  const { engine } = fakeEngine();
  const pool = new SessionPool(engine);
  let reads = 0;
  const read = async (): Promise<number> => ++reads;
  const a = await pool.acquire(GRANTED, 'document');
  expect(await memo(a.session, 'model', read)).toBe(1);
  await a.release(true);
  const b = await pool.acquire(GRANTED, 'document');
  expect(await memo(b.session, 'model', read)).toBe(1);
  await b.release(true);
  const c = await pool.acquire(GRANTED, 'new');
  expect(await memo(c.session, 'model', read)).toBe(2);
});

test('after a refusal inside a frame: a new page (tab memory), the same document (no memory), or closed (no new page)', async () => {
  const cases = [
    { pages: true, memory: 'tab', reused: true, renewed: 1, closed: false, visits: 2 },
    { pages: false, memory: undefined, reused: false, renewed: 0, closed: true, visits: 1 },
    { pages: true, memory: 'nothing', reused: true, renewed: 0, closed: false, visits: 1 },
  ] as const;
  for (const c of cases) {
    const { engine, made } = fakeEngine({ pages: c.pages, ...(c.memory ? { memory: c.memory } : {}) });
    const pool = new SessionPool(engine);
    const a = await pool.acquire(GRANTED, 'document');
    await a.session.goto('https://a.test/');
    refusedInFrame(a.session);
    await a.release(true);
    const b = await pool.acquire(GRANTED, 'document');
    await b.session.goto('https://a.test/');
    expect(b.session.reused).toBe(c.reused);
    expect(made[0]?.renewed).toBe(c.renewed);
    expect(made[0]?.recycled).toBe(0);
    expect(made[0]?.closed).toBe(c.closed);
    // A new page means a new document: the same URL is navigated to again; a kept document is not.
    expect(made.at(-1)?.visited).toHaveLength(c.visits);
  }
});

test('a rejection anywhere in an outcome counts as a refusal; resolutions and pending calls do not', () => {
  expect(refused({ load: { loaded: true }, gum: { outcome: 'rejected' } })).toBe(true);
  expect(refused({ outer: { inner: { gum: { outcome: 'rejected' } } } })).toBe(true);
  expect(refused({ gum: { outcome: 'resolved' } })).toBe(false);
  expect(refused({ gum: { outcome: 'pending' } })).toBe(false);
  expect(refused(null)).toBe(false);
});

test('a frame a check left is taken over by the next check asking for the same one; any other operation removes it first', async () => {
  const ops: string[] = [];
  const { engine, made } = fakeEngine({
    evaluate: (expression) => {
      const op = /"(frame|gum|removeFrame)"/.exec(expression)?.[1] ?? '?';
      ops.push(op);
      if (op === 'removeFrame') return { removed: true };
      if (op === 'frame') return { id: 'f', loaded: true, scriptRan: true, frameOrigin: 'https://b.test', ms: 1 };
      return { outcome: 'resolved' };
    },
  });
  const pool = new SessionPool(engine);
  const spec = { src: 'https://b.test/frame.html', allow: 'camera' };
  const runCheck = async (body: (top: ProbePage) => Promise<void>): Promise<void> => {
    const { session, release } = await pool.acquire(GRANTED, 'document');
    await session.goto('https://a.test/index.html');
    await body(new ProbePage(session));
    await release(true);
  };
  let first = '';
  await runCheck(async (top) => {
    const f = await top.frame(spec);
    first = f.page.path.join('/');
    await f.page.gum({ video: true });
  });
  expect(ops).toEqual(['frame', 'gum']);
  await runCheck(async (top) => {
    const f = await top.frame(spec);
    expect(f.page.path.join('/')).toBe(first);
    expect(f.load.scriptRan).toBe(true);
    await f.page.gum({ audio: true });
  });
  expect(ops).toEqual(['frame', 'gum', 'gum']);
  // Another frame spec: the one left is removed before the new one is made.
  await runCheck(async (top) => {
    await top.frame({ ...spec, allow: 'microphone' });
  });
  expect(ops.slice(3)).toEqual(['removeFrame', 'frame']);
  // An operation on the top document: the frame left is removed first.
  await runCheck(async (top) => {
    await top.gum({ video: true });
  });
  expect(ops.slice(5)).toEqual(['removeFrame', 'gum']);
  expect(made).toHaveLength(1);
  expect(made[0]?.visited).toHaveLength(1);
});

test('a check that never ran an operation beside frames it inherited does not keep the document', async () => {
  const { engine, made } = fakeEngine({
    evaluate: (expression) =>
      expression.includes('"frame"') ? { id: 'f', loaded: true, scriptRan: true, frameOrigin: null, ms: 1 } : null,
  });
  const pool = new SessionPool(engine);
  const a = await pool.acquire(GRANTED, 'document');
  await a.session.goto('https://a.test/index.html');
  await new ProbePage(a.session).frame({ src: 'https://b.test/frame.html' });
  await a.release(true);
  const b = await pool.acquire(GRANTED, 'document');
  await b.session.goto('https://a.test/index.html');
  await b.release(true);
  const c = await pool.acquire(GRANTED, 'document');
  await c.session.goto('https://a.test/index.html');
  expect(made[0]?.visited).toHaveLength(2);
});

test('a popup a check left serves the next check asking for it; one nobody takes is closed before anything else runs, and the page must have the focus back', async () => {
  const ops: string[] = [];
  let pageFocus = true;
  const { engine, made } = fakeEngine({
    evaluate: (expression) => {
      if (expression === 'document.hasFocus()') {
        ops.push('hasFocus');
        return pageFocus;
      }
      const op = /"(popup|gum|env|removeFrame)"/.exec(expression)?.[1] ?? '?';
      ops.push(op);
      if (op === 'removeFrame') return { removed: true };
      if (op === 'popup') return { id: 'p', opened: true, loaded: true, scriptRan: true, frameOrigin: 'https://a.test', ms: 1 };
      return { outcome: 'resolved' };
    },
  });
  const pool = new SessionPool(engine);
  const runCheck = async (url: string, body: (top: ProbePage) => Promise<void>): Promise<void> => {
    const { session, release } = await pool.acquire(GRANTED, 'document');
    await session.goto(url);
    await body(new ProbePage(session));
    await release(true);
  };
  const A = 'https://a.test/index.html';
  let first = '';
  await runCheck(A, async (top) => {
    const p = await top.popup({ url: A });
    first = p.page.path.join('/');
    await p.page.gum({ video: true });
  });
  await runCheck(A, async (top) => {
    const p = await top.popup({ url: A });
    expect(p.page.path.join('/')).toBe(first);
    await p.page.gum({ audio: true });
  });
  expect(ops).toEqual(['popup', 'gum', 'gum']);
  // The same document, no popup asked for: it is closed and the page has the focus before the check's operation.
  await runCheck(A, async (top) => {
    await top.gum({ video: true });
  });
  expect(ops.slice(3)).toEqual(['removeFrame', 'hasFocus', 'gum']);
  // Another URL: the popup is closed before the navigation (it would outlive it).
  await runCheck(A, async (top) => {
    await top.popup({ url: A });
  });
  ops.length = 0;
  await runCheck('https://b.test/index.html', async () => {});
  expect(ops).toEqual(['removeFrame', 'hasFocus']);
  expect(made).toHaveLength(1);
  // The focus does not come back: the check fails with a harness error (it is retried in a fresh context).
  await runCheck(A, async (top) => {
    await top.popup({ url: A });
  });
  pageFocus = false;
  await expect(runCheck(A, async (top) => void (await top.gum({ video: true })))).rejects.toThrow('did not get the focus back');
});

test('a session holding a popup that is not kept as a document is closed, not recycled', async () => {
  const { engine, made } = fakeEngine({
    evaluate: (expression) =>
      expression.includes('"popup"')
        ? { id: 'p', opened: true, loaded: true, scriptRan: true, frameOrigin: null, ms: 1 }
        : { outcome: 'resolved' },
  });
  const pool = new SessionPool(engine);
  const a = await pool.acquire(GRANTED, 'document');
  await a.session.goto('https://a.test/index.html');
  const top = new ProbePage(a.session);
  await top.popup({ blank: true });
  touched(a.session);
  await a.release(true);
  expect(made[0]?.closed).toBe(true);
  expect(made[0]?.recycled).toBe(0);
});

test('a session in a "prompt" profile is shared like any other, unless a request left pending (its prompt open) spoiled it', async () => {
  let outcome = 'resolved';
  const { engine, made } = fakeEngine({ evaluate: () => ({ outcome }) });
  const pool = new SessionPool(engine);
  const runCheck = async (): Promise<boolean> => {
    const { session, release } = await pool.acquire(PROMPT, 'document');
    await session.goto('https://a.test/index.html');
    await new ProbePage(session).gum({ video: true });
    await release(true);
    return session.reused;
  };
  expect(await runCheck()).toBe(false);
  expect(await runCheck()).toBe(true);
  outcome = 'pending';
  expect(await runCheck()).toBe(true);
  expect(made[0]?.closed).toBe(true);
  outcome = 'rejected';
  expect(await runCheck()).toBe(false);
  expect(made).toHaveLength(2);
});

test("a check needing a context as a new one starts gets one earlier checks only read in, never one they did more in; 'new' always a new one", async () => {
  const { engine, made } = fakeEngine({ evaluate: () => ({ outcome: 'resolved' }) });
  const pool = new SessionPool(engine);
  const runCheck = async (isolation: 'context' | 'new' | 'document', op: (p: ProbePage) => Promise<unknown>): Promise<void> => {
    const { session, release } = await pool.acquire(PROMPT, isolation);
    await session.goto('https://a.test/index.html');
    await op(new ProbePage(session));
    await release(true);
  };
  await runCheck('context', (p) => p.enumerate());
  await runCheck('context', (p) => p.permissions());
  expect(made).toHaveLength(1);
  // A capture: the context is no longer as a new one starts, so it is closed rather than handed to another such check.
  await runCheck('context', (p) => p.gum({ video: true }));
  expect(made[0]?.closed).toBe(true);
  await runCheck('context', (p) => p.enumerate());
  expect(made).toHaveLength(2);
  // A 'document' check may take it; once it captured there, a 'context' check gets a new one.
  await runCheck('document', (p) => p.gum({ video: true }));
  expect(made).toHaveLength(2);
  await runCheck('context', (p) => p.enumerate());
  expect(made).toHaveLength(3);
  await runCheck('new', (p) => p.enumerate());
  expect(made).toHaveLength(4);
  expect(made[3]?.closed).toBe(true);
});
