// Node-side handle on a document (top level or any frame) with the probe's operations as typed methods.
// Every operation runs in the page through the engine's evaluate(); frames are reached by the probe's postMessage relay.
// (Over 350 lines on purpose: each operation's outcome type sits beside its method, and pages/probe.js is type-checked
// against these types, so the two cannot drift.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineSession } from './types';
import { frameKey, removeFrames, type DocumentFrames } from './document-frames';
import { documentFrames, leftPending, refused, refusedInFrame, spoil, touched, used } from './session-pool';

export const PROBE_SOURCE = readFileSync(join(__dirname, '..', 'pages', 'probe.js'), 'utf8');

/** What a call evaluates to in a document without the probe (no operation returns it). */
const NO_PROBE = { gumConformanceProbe: 'missing' } as const;
const isNoProbe = (v: unknown): v is typeof NO_PROBE =>
  typeof v === 'object' && v !== null && (v as Record<string, unknown>)['gumConformanceProbe'] === 'missing';

/**
 * Reads: operations that change nothing a context remembers (no capture, no permission request, no new document), so
 * a context only read in is still as a new one starts (see used() in session-pool.ts).
 */
const READS = new Set(['env', 'enumerate', 'permissions', 'supportedConstraints']);

/**
 * Operations that leave the document they run in (top level or a frame) as they found it: every track they start is
 * stopped before they return (a pending call spoils the session instead). `frame` and `popup` add a frame or a popup
 * window the pool keeps track of (document-frames.ts). After any other operation the next check needs a new document.
 */
const LEAVES_AS_FOUND = new Set([
  'env',
  'gum',
  'literalGum',
  'gumThenPermissions',
  'permissions',
  'enumerate',
  'supportedConstraints',
  'applyConstraints',
  'captureContent',
  'gumTwice',
  'frame',
  'popup',
]);
export function leavesDocumentAsFound(path: string[], op: string, args: unknown): boolean {
  const keep = typeof args === 'object' && args !== null && (args as { keep?: unknown }).keep === true;
  return LEAVES_AS_FOUND.has(op) && !keep;
}

export interface ErrorInfo {
  name: string;
  message: string;
  /** typeof the error's own message property (message above is always a string). */
  messageType?: string;
  className?: string;
  constraint?: string | null;
  isDOMException?: boolean;
  isOverconstrainedError?: boolean;
  isTypeError?: boolean;
  /** For an error from another realm's call (detachedGum): which realm's DOMException it is an instance of. */
  domExceptionRealm?: string;
}
export interface TrackInfo {
  kind: string;
  label: string;
  readyState: string;
  enabled: boolean;
  muted: boolean;
  settings: Record<string, unknown>;
  capabilities: Record<string, unknown> | null;
}
export interface GumOutcome {
  outcome: 'resolved' | 'rejected' | 'threw' | 'pending' | 'no-api' | 'no-reply' | 'frame-gone' | 'harness-error';
  summary: string;
  ms?: number;
  returnedPromise?: boolean;
  error?: ErrorInfo;
  tracks?: TrackInfo[];
  afterStop?: string[];
  /** The inherent constrainable properties (deviceId, groupId, facingMode) getSettings() reports after stop(), per track. */
  afterStopSettings?: Record<string, unknown>[];
  isMediaStream?: boolean;
  streamActive?: boolean;
  video?: { videoWidth: number; videoHeight: number } | { error: string } | null;
  detail?: string;
  waitedMs?: number;
}
export interface PageEnv {
  href: string;
  origin: string;
  isSecureContext: boolean;
  mediaDevices: string;
  getUserMedia: string;
  legacy: { getUserMedia: string; webkitGetUserMedia: string; mozGetUserMedia: string };
  topLevel: boolean;
  visibility: string;
  focus: boolean;
  /** typeof each [SecureContext] interface object of the spec on this global. */
  interfaces: { MediaDevices: string; MediaDeviceInfo: string; InputDeviceInfo: string };
  outcome?: string;
  summary?: string;
}
export interface PermissionStates {
  camera: string;
  microphone: string;
}
export interface DeviceInfo {
  kind: string;
  deviceId: string;
  groupId: string;
  label: string;
  capabilities: Record<string, unknown> | null;
  /** The entry's interface: InputDeviceInfo, MediaDeviceInfo, or what else its prototype's constructor is called. */
  interfaceName?: string;
}
export interface EnumerateOutcome {
  outcome: string;
  devices?: DeviceInfo[];
  /** A second enumerateDevices() right after: whether each entry is a new object (none === the first call's). */
  newObjectsEachCall?: boolean;
  error?: ErrorInfo;
  summary?: string;
}
export interface FrameSpec {
  /** Frame URL (cross- or same-origin fixture), or one of the script-built documents. */
  src?: string;
  srcdoc?: boolean;
  data?: boolean;
  blob?: boolean;
  /** No src: the frame keeps its initial about:blank document, and this document injects the probe into it. */
  blank?: boolean;
  allow?: string;
  sandbox?: string;
}
export interface FrameLoad {
  id: string;
  loaded: boolean;
  scriptRan: boolean;
  frameOrigin: string | null;
  ms: number;
}
/** A popup: `url` (opened with window.open) or `blank` (window.open('about:blank'), probe injected by the opener). */
export interface PopupSpec {
  url?: string;
  blank?: boolean;
}
export interface PopupLoad extends FrameLoad {
  /** window.open returned a window (false: it returned null). */
  opened: boolean;
  href?: string | null;
}

export interface GumOptions {
  /** How long a pending promise is waited for before it is reported as pending. */
  waitMs?: number;
  /** Which entry point: the modern one (default) or a legacy navigator.* callback form. */
  via?: 'mediaDevices' | 'getUserMedia' | 'webkitGetUserMedia' | 'mozGetUserMedia';
  /** Keep the tracks live (stopKept() ends them); by default they are stopped right after being described. */
  keep?: boolean;
  /** Also attach video tracks to a <video> element and read videoWidth/videoHeight. */
  video?: boolean;
  /** How long to wait for the <video> element's loadedmetadata (default 8000 ms). */
  videoWaitMs?: number;
}

let frameCounter = 0;

/** Told of every probe operation (for the cell's repro): the document's path, the operation and its arguments. */
export type ProbeRecorder = (path: string[], op: string, args: unknown) => void;

export class ProbePage {
  constructor(
    readonly session: EngineSession,
    readonly path: string[] = [],
    private readonly record?: ProbeRecorder,
  ) {}

  async call<T>(op: string, args: unknown = {}, timeoutMs = 20_000): Promise<T> {
    const frames = documentFrames(this.session);
    if (frames?.hasLeftovers) await this.removeLeftovers(frames);
    this.record?.(this.path, op, args);
    if (!READS.has(op)) used(this.session);
    const callExpr = `window.__probe.call(${JSON.stringify(this.path)}, ${JSON.stringify(op)}, ${JSON.stringify(args)}, ${timeoutMs})`;
    // Fixture pages load the probe themselves; sending its source with every call would have the engine parse it each
    // time (about 45 ms a call in Firefox, measured). It goes along only where the document has no probe yet.
    let result = await this.session.evaluate<T | typeof NO_PROBE>(`window.__probe ? ${callExpr} : ${JSON.stringify(NO_PROBE)}`);
    if (isNoProbe(result))
      result = await this.session.evaluate<T>(`(async () => { if (!window.__probe) { ${PROBE_SOURCE} } return await ${callExpr}; })()`);
    if (leftPending(result)) spoil(this.session);
    else if (this.path.length > 0 && refused(result)) refusedInFrame(this.session);
    else if (!leavesDocumentAsFound(this.path, op, args) || (result as { outcome?: unknown }).outcome === 'harness-error')
      touched(this.session);
    return result as T;
  }

  env(): Promise<PageEnv> {
    return this.call<PageEnv>('env');
  }

  /**
   * getUserMedia, reported as "pending" if it has not settled after `waitMs`. Pass a short bound only where pending is
   * what the check observes: a request expected to stay pending, or one that may leave a prompt open (pending is then
   * the engine prompting). The 8 s default caps requests expected to settle, which on a loaded two-core machine have
   * been seen to take over 2 s to reject.
   */
  gum(constraints: unknown, opts: GumOptions = {}): Promise<GumOutcome> {
    const waitMs = opts.waitMs ?? 8000;
    return this.call<GumOutcome>('gum', { constraints, ...opts, waitMs }, waitMs + 8000);
  }

  /** The seed's literal `navigator.mediaDevices.getUserMedia(c)`, with no feature test. */
  literalGum(constraints: unknown): Promise<LiteralGumOutcome> {
    return this.call<LiteralGumOutcome>('literalGum', { constraints }, 20_000);
  }

  /** getUserMedia, then the permission states as the page reads them right after. */
  gumThenPermissions(constraints: unknown, opts: GumOptions = {}): Promise<{ gum: GumOutcome; permissions: PermissionStates }> {
    const waitMs = opts.waitMs ?? 8000;
    return this.call('gumThenPermissions', { constraints, ...opts, waitMs }, waitMs + 8000);
  }

  /** getUserMedia through a removed iframe's MediaDevices (or, with `via`, its legacy navigator.* method). */
  detachedGum(constraints: unknown, waitMs = 4000, via?: GumOptions['via']): Promise<GumOutcome> {
    return this.call<GumOutcome>('detachedGum', { constraints, waitMs, via }, waitMs + 8000);
  }

  permissions(): Promise<PermissionStates> {
    return this.call<PermissionStates>('permissions');
  }

  enumerate(): Promise<EnumerateOutcome> {
    return this.call<EnumerateOutcome>('enumerate');
  }

  stopKept(): Promise<{ stopped: number }> {
    return this.call('stopKept');
  }

  /**
   * Stops what this document still captures before its session is lent to another check: the tracks a check kept.
   * Without injecting the probe to find out (a document it never ran in holds none), and not part of the check's repro.
   */
  async endCaptures(): Promise<void> {
    await this.session.evaluate(`window.__probe ? window.__probe.call(${JSON.stringify(this.path)}, "stopKept", {}, 2000) : null`);
  }

  /**
   * getUserMedia(first) kept live, then getUserMedia(second); `firstNow` describes the first capture's tracks once the
   * second is live. Everything is stopped before it returns.
   */
  gumTwice(first: unknown, second: unknown): Promise<{ first: GumOutcome; second: GumOutcome; firstNow: TrackInfo[] }> {
    return this.call('gumTwice', { first, second }, 30_000);
  }

  /** getUserMedia for one kind, then what its track carried (samples or frames), per CaptureContentOptions. */
  captureContent(opts: CaptureContentOptions): Promise<CaptureContentOutcome> {
    return this.call<CaptureContentOutcome>('captureContent', opts, 30_000);
  }

  /** navigator.mediaDevices.getSupportedConstraints(), with the type of each member. */
  supportedConstraints(): Promise<SupportedConstraintsOutcome> {
    return this.call<SupportedConstraintsOutcome>('supportedConstraints');
  }

  /** getUserMedia(constraints), then applyConstraints(apply) on its first `kind` track (stopped afterwards). */
  applyConstraints(
    constraints: unknown,
    kind: 'audio' | 'video',
    apply: unknown,
    opts: { waitMs?: number; video?: boolean } = {},
  ): Promise<ApplyOutcome> {
    const waitMs = opts.waitMs ?? 8000;
    return this.call<ApplyOutcome>('applyConstraints', { constraints, kind, apply, waitMs, video: opts.video }, 2 * waitMs + 8000);
  }

  /** Opens a popup from this document (window.open); the returned page addresses the popup's document. */
  async popup(spec: PopupSpec): Promise<{ load: PopupLoad; page: ProbePage }> {
    const frames = documentFrames(this.session);
    const key = frameKey(this.path, { popup: spec });
    const kept = frames?.takeOver(key);
    if (kept) {
      this.record?.(this.path, 'popup', { ...spec, id: kept.id });
      return { load: kept.load as PopupLoad, page: new ProbePage(this.session, [...this.path, kept.id], this.record) };
    }
    const id = `p${++frameCounter}`;
    // A session outside a pool keeps no frames, so nothing would close the popup: it is not lent again.
    if (!frames) spoil(this.session);
    const load = await this.call<PopupLoad>('popup', { ...spec, id }, 20_000);
    frames?.add(key, { parent: this.path, id, load, popup: true });
    return { load, page: new ProbePage(this.session, [...this.path, id], this.record) };
  }

  /**
   * The top-level document makes a Blob of an HTML document and navigates itself to its blob: URL; resolves once the
   * new document is the top-level one (this page then addresses it). Only for a top-level page.
   */
  async navigateToBlob(timeoutMs = 10_000): Promise<{ url: string; href: string | null }> {
    if (this.path.length) throw new Error('navigateToBlob: only a top-level page navigates itself');
    const { url } = await this.call<{ url: string }>('navigateToBlob');
    const deadline = Date.now() + timeoutMs;
    let href: string | null = null;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      // Evaluations may fail while the old document is torn down: that is the navigation, not an error.
      href = await this.session.evaluate<string>('document.readyState === "complete" ? String(location.href) : ""').catch(() => null);
      if (href === url) break;
    }
    return { url, href };
  }

  /**
   * Adds an iframe to this document; the returned page addresses the document inside it. Where the check before left
   * the same frame in this same document (a shared session), that one is taken over instead of loading another.
   */
  async frame(spec: FrameSpec): Promise<{ load: FrameLoad; page: ProbePage }> {
    const frames = documentFrames(this.session);
    const key = frameKey(this.path, spec);
    const kept = frames?.takeOver(key);
    if (kept) {
      this.record?.(this.path, 'frame', { ...spec, id: kept.id });
      return { load: kept.load as FrameLoad, page: new ProbePage(this.session, [...this.path, kept.id], this.record) };
    }
    const id = `f${++frameCounter}`;
    const load = await this.call<FrameLoad>('frame', { ...spec, id }, 20_000);
    frames?.add(key, { parent: this.path, id, load });
    return { load, page: new ProbePage(this.session, [...this.path, id], this.record) };
  }

  /** Removes the frames a check before left in this document that this check did not ask for (not part of its repro). */
  private async removeLeftovers(frames: DocumentFrames): Promise<void> {
    try {
      await removeFrames(this.session, frames.takeLeftovers());
    } catch (e) {
      touched(this.session);
      throw e;
    }
  }
}

/** What a microphone track carried, read through an AnalyserNode (AudioContext) while the probe listened. */
export interface AudioContent {
  /**
   * How the samples were read: live through an AnalyserNode, or, where the AudioContext would not run, recorded for
   * 1.5 s with MediaRecorder and decoded offline (then nothing after a stop() is read).
   */
  via: 'AnalyserNode' | 'MediaRecorder';
  /** The AudioContext's state once resumed ("running" unless the engine could not start one). */
  contextState: string;
  sampleRate: number;
  /** How many 2048-sample windows were read, one about every 50 ms. */
  windows: number;
  /** The largest RMS of a window, and the largest sample magnitude, over the listening time (before any stop()). */
  maxRms: number;
  peak: number;
  /**
   * The frequency with the most energy over the listening time: the strongest bin of every window's power spectrum,
   * summed (FFT bin centre, Hz); null if nothing was heard.
   */
  dominantHz: number | null;
  /** With stop: the largest sample magnitude read from 300 ms after stop() on. */
  peakAfterStop?: number;
  error?: string;
}
/** What a camera track carried, drawn from a <video> element onto a 64x48 canvas at intervals. */
export interface VideoContent {
  videoWidth: number;
  videoHeight: number;
  /** Per drawn sample: mean and largest luma (0-255, BT.709 weights). */
  samples: { meanLuma: number; maxLuma: number }[];
  /** Mean absolute luma difference between consecutive samples. */
  changes: number[];
  /**
   * Frames per second while sampling: the rise of requestVideoFrameCallback's presentedFrames between the window's
   * first and last callback over the time between them, or (where presentedFrames is missing or the window saw fewer
   * than two callbacks 250 ms apart) callbacks per second. Null where the engine has no requestVideoFrameCallback.
   */
  fps: number | null;
  fpsFrom: 'presentedFrames' | 'callbacks' | null;
  /** requestVideoFrameCallback callbacks per second while sampling (fewer than frames when rendering updates lag). */
  callbacksPerSecond: number | null;
  /**
   * With stop: the frames delivered from stop() to 1 s after it: captured after stop() (requestVideoFrameCallback's
   * captureTime), or where the engine gives no captureTime, presented 300 ms or more after it (presentationTime, or the
   * callback's time); which of the two decided (null: no callback after stop()); every callback after stop(); and the
   * change between two drawn samples.
   */
  framesAfterStop?: number | null;
  afterStopBy?: 'captureTime' | 'presentationTime' | 'both' | null;
  callbacksAfterStop?: number | null;
  changeAfterStop?: number;
  error?: string;
}
export interface CaptureContentOutcome {
  outcome: 'resolved' | 'rejected' | 'pending' | 'no-track' | 'no-api' | 'harness-error';
  summary: string;
  error?: ErrorInfo;
  /** The track as it was while the content was read (settings included). */
  track?: TrackInfo;
  audio?: AudioContent;
  video?: VideoContent;
}
export interface CaptureContentOptions {
  kind: 'audio' | 'video';
  /** Set track.enabled = false before reading. */
  disable?: boolean;
  /** stop() the track after reading, and read on. */
  stop?: boolean;
}

export interface SupportedConstraintsOutcome {
  outcome: 'resolved' | 'threw' | 'no-api' | 'harness-error';
  value?: Record<string, unknown>;
  /** typeof of each member. */
  types?: Record<string, string>;
  type?: string;
  /** Its prototype is Object.prototype (a dictionary converted to a plain object). */
  plainObject?: boolean;
  error?: ErrorInfo;
  summary: string;
}
export interface ApplyOutcome {
  /** How applyConstraints() settled; `gum-*` when getUserMedia itself did not resolve. */
  outcome: 'resolved' | 'rejected' | 'threw' | 'pending' | 'no-track' | 'harness-error' | `gum-${string}`;
  summary: string;
  gum: GumOutcome;
  before?: TrackInfo;
  after?: TrackInfo;
  constraintsAfter?: unknown;
  error?: ErrorInfo;
  ms?: number;
  video?: GumOutcome['video'];
}
export interface LiteralGumOutcome {
  outcome: 'resolved' | 'rejected' | 'threw';
  error?: ErrorInfo;
  summary: string;
}
