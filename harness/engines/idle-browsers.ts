// Which of an engine's browsers nobody has used for a while. Firefox gets a browser per permission profile and device
// set wherever its prefs cannot be switched at run time (firefox.ts), and an idle Firefox is not idle: measured on
// firefox-esr 140 headless, 50-100 ms of CPU a second each, so the dozen a full run launched (one per profile) burned
// about a core by its end on a 2-core machine. Most device sets and profiles are used by one run of consecutive checks,
// so a browser unused for a while is closed, and launched again (about 4 s) if a later check needs it. One that had to
// be launched again is one that checks keep coming back to (measured: 5 launches each for prompt and denied in a run
// with a browser per profile): it then stays.
import type { EngineSession } from '../types';

interface Entry {
  /** Session calls in flight: a browser is never closed under a check. */
  busy: number;
  last: number;
}

export class IdleBrowsers {
  private readonly entries = new Map<string, Entry>();
  /** Keys whose browser has been closed as idle once: the next one launched for them is kept. */
  private readonly closedOnce = new Set<string>();
  constructor(
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A browser that just started, for the key it serves. */
  started(key: string): void {
    if (this.closedOnce.has(key)) this.entries.delete(key);
    else this.entries.set(key, { busy: 0, last: this.now() });
  }

  /** The key's browser is about to be used (a session is being made on it): not idle from now. */
  used(key: string): void {
    const e = this.entries.get(key);
    if (e) e.last = this.now();
  }

  private begin(key: string): void {
    const e = this.entries.get(key);
    if (e) {
      e.busy++;
      e.last = this.now();
    }
  }

  private end(key: string): void {
    const e = this.entries.get(key);
    if (e) {
      e.busy = Math.max(0, e.busy - 1);
      e.last = this.now();
    }
  }

  /** The keys whose browsers have had nothing in flight for idleMs; they are forgotten here and the caller closes them. */
  sweep(keep: (key: string) => boolean = () => false): string[] {
    const out: string[] = [];
    for (const [key, e] of this.entries) {
      if (keep(key) || e.busy > 0 || this.now() - e.last < this.idleMs) continue;
      this.entries.delete(key);
      out.push(key);
      this.closedOnce.add(key);
    }
    return out;
  }

  /** The session with every call it makes to its browser counted as use of that browser. */
  track<S extends EngineSession>(key: string, session: S): EngineSession {
    const during =
      <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
      async (...a: A): Promise<R> => {
        this.begin(key);
        try {
          return await f(...a);
        } finally {
          this.end(key);
        }
      };
    // Every optional member the session has must come through: a missing one silently changes how the pool treats the
    // session (without renewPage, each refusal inside a frame cost Firefox a new context instead of a new tab).
    const refocus = session.refocus?.bind(session);
    const recycle = session.recycle?.bind(session);
    const renewPage = session.renewPage?.bind(session);
    const returned = session.returned?.bind(session);
    return {
      goto: during((url: string) => session.goto(url)),
      evaluate: during(<T>(expression: string) => session.evaluate<T>(expression)) as EngineSession['evaluate'],
      prompts: () => session.prompts(),
      captureIndicator: during(() => session.captureIndicator()),
      ...(refocus ? { refocus: during(refocus) } : {}),
      ...(recycle ? { recycle: during(recycle) } : {}),
      ...(renewPage ? { renewPage: during(renewPage) } : {}),
      ...(returned ? { returned } : {}),
      ...(session.refusalMemory ? { refusalMemory: session.refusalMemory } : {}),
      close: during(() => session.close()),
    };
  }
}
