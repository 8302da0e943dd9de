// The iframes a shared document holds, so that checks asking for the same frame run in the one already loaded, as WPT
// runs several subtests against one iframe. Loading a frame is most of what a frame check costs (a cross-origin frame
// is a new process in Chromium and Firefox); the audio, video and audio+video requests of one `allow` case ask for the
// same frame. A frame is taken over only by a check whose operation is the same frame() call on the same document
// (same parent path, same spec); before any other operation, every frame the check inherited and did not take is
// removed, so no check runs beside a frame it did not ask for. A popup is kept the same way (the checks of one popup
// row ask the same popup different questions); one nobody takes over is closed, and the opener has the focus back
// before anything else runs (measured: at once, on Chromium 150, Firefox ESR 140 and WebKitGTK 2.50).
import type { EngineSession } from './types';

/** A frame as the probe reported it: its id in the parent document's probe, and how it loaded. */
export interface KeptFrame<L = unknown> {
  /** The path of the document the frame is in (the probe that created it, and removes it). */
  parent: string[];
  id: string;
  load: L;
  /** A window.open() window, not an iframe: it outlives a navigation of its opener. */
  popup?: boolean;
}

/** A frame() call's identity: the document it is made in and its spec (the id a call generates is not part of it). */
export function frameKey(parent: string[], spec: object): string {
  return JSON.stringify([parent, spec]);
}

export class DocumentFrames {
  /** Left by the check before, not yet taken over by this one. */
  private readonly inherited: Map<string, KeptFrame>;
  /** Made or taken over by this check: what the next check in this document may inherit. */
  private readonly own = new Map<string, KeptFrame>();

  constructor(inherited: ReadonlyMap<string, KeptFrame> = new Map()) {
    this.inherited = new Map(inherited);
  }

  /** The inherited frame with this key, now this check's own; undefined when there is none. */
  takeOver(key: string): KeptFrame | undefined {
    const frame = this.inherited.get(key);
    if (!frame) return undefined;
    this.inherited.delete(key);
    this.own.set(key, frame);
    return frame;
  }

  /** A frame this check made. */
  add(key: string, frame: KeptFrame): void {
    this.own.set(key, frame);
  }

  /**
   * The inherited frames nobody took over, outermost first and without those inside another one being removed
   * (removing a frame removes what it holds); they are forgotten here, the caller removes them from the page.
   */
  takeLeftovers(): KeptFrame[] {
    const left = [...this.inherited.values()].sort((a, b) => a.parent.length - b.parent.length);
    this.inherited.clear();
    const removed = new Set<string>();
    // A frame inside one that goes (or inside a frame of this check's own that holds it) goes with its parent.
    const out: KeptFrame[] = [];
    for (const f of left) {
      if (f.parent.some((id) => removed.has(id))) continue;
      removed.add(f.id);
      out.push(f);
    }
    return out;
  }

  /** Whether frames are left from the check before, not yet taken over or removed. */
  get hasLeftovers(): boolean {
    return this.inherited.size > 0;
  }

  /** Whether a popup is among the frames, inherited or this check's own. */
  get holdsPopup(): boolean {
    return [...this.inherited.values(), ...this.own.values()].some((f) => f.popup);
  }

  /** What the next check in this document inherits. */
  get kept(): ReadonlyMap<string, KeptFrame> {
    return this.own;
  }
}

/**
 * Removes frames from the page (closes popups), then waits for the top-level document to have the focus again where a
 * popup was closed: the spec's getUserMedia waits for it. Throws when a frame cannot be removed or the focus does not
 * come back within 2 s.
 */
export async function removeFrames(session: Pick<EngineSession, 'evaluate'>, frames: KeptFrame[]): Promise<void> {
  for (const f of frames) {
    const call = `window.__probe.call(${JSON.stringify(f.parent)}, "removeFrame", ${JSON.stringify({ id: f.id })}, 5000)`;
    const r = await session.evaluate<{ removed?: boolean }>(`window.__probe ? ${call} : null`).catch(() => null);
    if (!r?.removed) throw new Error(`harness: cannot remove frame ${f.id} left by the check before in this document`);
  }
  if (!frames.some((f) => f.popup)) return;
  const deadline = Date.now() + 2000;
  while (!(await session.evaluate<boolean>('document.hasFocus()').catch(() => false))) {
    if (Date.now() > deadline) throw new Error('harness: the page did not get the focus back after a popup was closed');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Whether a kept frame's (or popup's) document has the focus, as its probe reads document.hasFocus(). */
export async function frameHasFocus(session: Pick<EngineSession, 'evaluate'>, frame: KeptFrame): Promise<boolean> {
  const call = `window.__probe.call(${JSON.stringify([...frame.parent, frame.id])}, "env", {}, 2000)`;
  const env = await session.evaluate<{ focus?: unknown } | null>(`window.__probe ? ${call} : null`).catch(() => null);
  return env?.focus === true;
}
