// Warm sessions, handed from one check to the next. Creating a context (a WebKitGTK view with its own web and network
// processes, a Firefox context that must take the focus) costs far more than the getUserMedia() call a check makes, and
// most checks do not need one of their own: what they observe lives in the document they open, which a navigation
// replaces. A check that needs a fresh context (what a context remembers: prompts answered or pending, devices
// exposed before any capture) says so with `isolation: 'context'` (and may get a context earlier checks only read in,
// as a new one starts); every other check reuses an idle session with the
// same environment (permission profile, device set, fault). Between two checks the engine ends every capture the
// session's document still holds (EngineSession.recycle), and the next check's navigation replaces the document (the
// spec's "document unload" steps stop its tracks) before it runs anything. Where the check left its document exactly
// as it found it (only probe operations that stop every track they start: see probe-page.ts), the next check that
// opens the same URL runs in that document instead, as WPT runs its subtests: no navigation, no probe to load again;
// the frames and popups it added stay for a check that asks for the same one (document-frames.ts).
// What a context computes once (an origin's device ids, the devices' capabilities) is memoised with it (memo()).
//
// `npm run bench` runs the same checks with GUM_ISOLATION=context (a fresh context for every check, one at a time) and
// compares the verdicts cell by cell: that is the evidence that sharing is safe.
import { DocumentFrames, frameHasFocus, removeFrames, type KeptFrame } from './document-frames';
import type { Engine, EngineSession, PromptRecord, SessionOptions, Unobservable } from './types';
import { isUnobservable } from './types';

/** What a check declares it needs (CheckMeta.isolation). */
export type Isolation = 'context' | 'document';

/**
 * What the pool gives a check: 'document', any idle session of its environment; 'context', a context nothing has
 * happened in but reads (see used()), so as a new one starts: a new one, or an idle one that was only read in; 'new',
 * a context made for this check alone (the one-at-a-time baseline, and a retry after a harness error).
 */
export type Placement = Isolation | 'new';

/** The placement every check gets when GUM_ISOLATION=context (the one-at-a-time baseline), else what it declares. */
export function effectiveIsolation(declared: Isolation | undefined, env: NodeJS.ProcessEnv = process.env): Placement {
  return env['GUM_ISOLATION'] === 'context' ? 'new' : (declared ?? 'document');
}

const keyOf = (o: SessionOptions): string =>
  `${o.permissions.camera}/${o.permissions.microphone}/${o.devices ?? 'default'}/${o.fault ?? ''}`;

/** A session lent to one check: prompts() counts only what this check caused. */
export interface LentSession extends EngineSession {
  readonly reused: boolean;
  /** This session goes back closed, not to the pool: the check left something behind a navigation may not end. */
  spoil(): void;
  /** The document was changed (a frame, a kept track, a navigation from inside): the next check gets a new one. */
  touch(): void;
  /** Something other than a read happened in the context (see used()). */
  use(): void;
  /** A request was refused inside a frame: see refusedInFrame(). */
  refused(): void;
  /** What this session's context has memoised (see memo()), kept for as long as the context lives. */
  readonly memos: Map<string, unknown>;
  /** The URL the session was last navigated to, if any. */
  readonly documentUrl: string | undefined;
  /** The frames in that document: those a check before left, which this check may take over, and its own. */
  readonly frames: DocumentFrames;
}

/** The frames of the document a lent session is in; undefined for a session not lent by a pool. */
export function documentFrames(session: EngineSession): DocumentFrames | undefined {
  return 'frames' in session && session.frames instanceof DocumentFrames ? session.frames : undefined;
}

/**
 * Marks the session's context as used for more than reads (a capture, a permission request, a frame...): it no longer
 * serves a check that needs a context as a new one starts.
 */
export function used(session: EngineSession): void {
  if ('use' in session && typeof session.use === 'function') (session as LentSession).use();
}

/** Marks the document a check used as changed by it, so the next check sharing the session navigates afresh. */
export function touched(session: EngineSession): void {
  if ('touch' in session && typeof session.touch === 'function') (session as LentSession).touch();
}

/**
 * A value computed once per context and kept while the context lives (for example the devices an origin sees, whose
 * ids are stable per origin within a context). A context lent to another check keeps its memos; a fresh one has none.
 */
export async function memo<T>(session: EngineSession, key: string, make: () => Promise<T>): Promise<T> {
  const memos = 'memos' in session ? (session as LentSession).memos : undefined;
  if (memos?.has(key)) return memos.get(key) as T;
  const value = await make();
  memos?.set(key, value);
  return value;
}

/**
 * A request was refused inside a frame of the session's document. What the engine keeps of it decides what the next
 * check gets (EngineSession.refusalMemory): Chromium 156 (not 150) refused later requests from a frame of that origin
 * in the same tab at once ("Permission dismissed", whatever their allow), in a new document too, and a new tab in the
 * same context did not carry it (3 runs of frames/, no cell different from a context per check): a new page. Firefox
 * keeps nothing (ESR 140 and 153: frames/ with the document and its frames kept after refusals, every cell the same as
 * with a context per check): the session is shared as after any other check. An engine that has not said gets its
 * document replaced by its renewPage() (WebKitGTK: the view to about:blank), or the session is closed.
 */
export function refusedInFrame(session: EngineSession): void {
  if ('refused' in session && typeof session.refused === 'function') (session as LentSession).refused();
}

/** Whether an outcome reports a rejected request, at any depth (a frame's or popup's outcome included). */
export const refused = (result: unknown): boolean => reportsOutcome(result, 'rejected');

/**
 * Marks the session a check used as not to be shared, where the check left behind what the next navigation may not
 * end: a getUserMedia() still pending (whether an engine drops a request left open when its document goes is not
 * something this suite has established, so such a session is not lent again), or a popup opened outside a pool's
 * session (it takes the focus the spec's "has system focus" step waits for; a pool's session keeps its popups as frames).
 */
export function spoil(session: EngineSession): void {
  if ('spoil' in session && typeof session.spoil === 'function') (session as LentSession).spoil();
}

/** Whether an outcome reports a promise still pending, at any depth (a frame's or popup's outcome included). */
export const leftPending = (result: unknown): boolean => reportsOutcome(result, 'pending');

/** Whether an outcome, or any outcome nested in it, is `outcome`. */
function reportsOutcome(result: unknown, outcome: string, depth = 0): boolean {
  if (typeof result !== 'object' || result === null || depth > 6) return false;
  if ((result as { outcome?: unknown }).outcome === outcome) return true;
  return Object.values(result).some((v) => reportsOutcome(v, outcome, depth + 1));
}

/**
 * Gives a lent session back: kept for the next check when `reusable` and the pool may share it, closed otherwise.
 * `endCaptures` (the check's own way to stop what its page still captures) runs only for a session that is kept.
 */
export type Release = (reusable: boolean, endCaptures?: () => Promise<unknown>) => Promise<void>;

interface Idle {
  session: EngineSession;
  ready: Promise<boolean>;
  /** The document a check left as it found it: the next check that opens the same URL runs in it, no navigation. */
  document?: string;
  /** The frames that check left in it (see document-frames.ts). */
  frames?: ReadonlyMap<string, KeptFrame>;
}

/** Idle sessions kept per environment: a check rarely opens more than two at once. */
const IDLE_PER_KEY = 2;

export class SessionPool {
  // No close(): idle sessions go with their engine's browsers, and a relaunched engine gets a pool of its own.
  private readonly idle = new Map<string, Idle[]>();
  private readonly memos = new WeakMap<EngineSession, Map<string, unknown>>();
  /** Sessions whose context has seen more than reads (see used()). */
  private readonly usedContexts = new WeakSet<EngineSession>();
  constructor(private readonly engine: Engine) {}

  /** A session for one check: an idle one with the same environment when the check may share, else a new one. */
  async acquire(options: SessionOptions, isolation: Placement): Promise<{ session: LentSession; release: Release }> {
    const key = keyOf(options);
    // Sessions of every permission profile are shared, "prompt" ones too: what a context must not carry to the next
    // check (a request still pending, its prompt left open) spoils the session that holds it (see spoil()).
    const share = isolation !== 'new';
    /** An idle session this check may take: any, or for 'context' one only read in. */
    const fits = (s: EngineSession) => isolation === 'document' || !this.usedContexts.has(s);
    let session: EngineSession | undefined;
    let reused = false;
    let kept: string | undefined;
    let keptFrames: ReadonlyMap<string, KeptFrame> | undefined;
    while (share && !session) {
      const list = this.idle.get(key) ?? [];
      const at = list.findIndex((i) => fits(i.session));
      if (at < 0) break;
      const [next] = list.splice(at, 1);
      if (!next || !(await next.ready)) continue;
      try {
        // A popup kept open for the next check has the focus, not the page (see document-frames.ts).
        const popup = [...(next.frames?.values() ?? [])].find((f) => f.popup);
        await next.session.refocus?.(popup ? () => frameHasFocus(next.session, popup) : undefined);
      } catch {
        await next.session.close().catch(() => {});
        continue;
      }
      session = next.session;
      kept = next.document;
      keptFrames = next.frames;
      reused = true;
    }
    session ??= await this.engine.newSession(options);
    const base = session;
    const seen = promptCount(base.prompts());
    let spoiled = false;
    let renew = false;
    /** The document this check is in, and whether the check has left it as it found it. */
    let documentUrl: string | undefined;
    let clean = false;
    let frames = new DocumentFrames();
    const memos = this.memos.get(base) ?? new Map<string, unknown>();
    this.memos.set(base, memos);
    const lent: LentSession = {
      reused,
      memos,
      get documentUrl() {
        return documentUrl;
      },
      get frames() {
        return frames;
      },
      spoil: () => {
        spoiled = true;
      },
      refused: () => {
        if (base.refusalMemory === 'nothing') return;
        clean = false;
        renew = true;
      },
      touch: () => {
        clean = false;
      },
      use: () => {
        this.usedContexts.add(base);
      },
      goto: async (url) => {
        // Only the check's first navigation may be skipped: a check that navigates again means a new document.
        const skip = documentUrl === undefined && kept === url;
        // A popup left by the check before outlives this navigation: closed first.
        const popups = [...(keptFrames?.values() ?? [])].filter((f) => f.popup);
        if (!skip && popups.length) await removeFrames(base, popups);
        frames = new DocumentFrames(skip ? keptFrames : undefined);
        kept = undefined;
        keptFrames = undefined;
        if (!skip) await base.goto(url);
        documentUrl = url;
        clean = true;
      },
      evaluate: (expression) => base.evaluate(expression),
      prompts: () => {
        const all = base.prompts();
        return isUnobservable(all) ? all : all.slice(seen);
      },
      captureIndicator: () => base.captureIndicator(),
      close: () => base.close(),
    };
    const release: Release = async (reusable, endCaptures) => {
      base.returned?.();
      const ready = renew ? base.renewPage?.bind(base) : base.recycle?.bind(base);
      // A check that needed a context as a new one starts hands it back for another such check only if it just read.
      const keep = isolation === 'document' || (isolation === 'context' && !this.usedContexts.has(base));
      if (!keep || !reusable || spoiled || (this.idle.get(key)?.length ?? 0) >= IDLE_PER_KEY || !ready) {
        await base.close().catch(() => {});
        return;
      }
      if (clean && documentUrl !== undefined && !frames.hasLeftovers) {
        // Every track the check started was stopped in the page and nothing else changed but the frames it asked for:
        // the document stays, with them.
        const list = this.idle.get(key) ?? [];
        list.push({ session: base, ready: Promise.resolve(true), document: documentUrl, frames: frames.kept });
        this.idle.set(key, list);
        return;
      }
      // A popup stays open through a recycle (a navigation, a new page) and keeps the focus: such a session is closed.
      if (frames.holdsPopup) {
        await base.close().catch(() => {});
        return;
      }
      // Ending the captures and recycling run while the next check starts; a session that fails either is closed, not lent.
      const readied = (endCaptures ? endCaptures().then(ready) : ready()).then(
        () => true,
        async () => {
          await base.close().catch(() => {});
          return false;
        },
      );
      const list = this.idle.get(key) ?? [];
      list.push({ session: base, ready: readied });
      this.idle.set(key, list);
    };
    return { session: lent, release };
  }
}

function promptCount(p: PromptRecord[] | Unobservable): number {
  return isUnobservable(p) ? 0 : p.length;
}
