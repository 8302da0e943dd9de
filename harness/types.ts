// Shared vocabulary of the harness: engines, sessions, permissions, verdicts, the matrix contract.
import type { ReproStep } from './repro';

export const ENGINE_IDS = ['chromium', 'firefox', 'webkit'] as const;
export type EngineId = (typeof ENGINE_IDS)[number];

/** What the user answered (or did not answer) for one kind of device. */
export type PermissionState = 'granted' | 'denied' | 'prompt';
export interface PermissionProfile {
  camera: PermissionState;
  microphone: PermissionState;
}

/** fake: the engine's own synthetic devices. real: whatever the OS offers (PulseAudio sine source, no camera here). */
export type DeviceMode = 'fake' | 'real';

export interface EngineInfo {
  id: EngineId;
  /** Product name, e.g. "Chromium", "Firefox ESR", "WebKitGTK MiniBrowser". */
  browser: string;
  /** Exact build as the browser reports it, e.g. "156.0.8078.79". */
  version: string;
  /** How we drive it, e.g. "playwright 1.64.1 (CDP)", "gjs WebKit2 4.1 (in-process)". */
  driver: string;
  devices: DeviceMode;
  /** Path of the browser binary (or library) that ran. */
  executable: string;
  /** Where the build came from: the OS package, Playwright's own download, or a vendor-supplied path (GUM_*). */
  source: 'system' | 'playwright' | 'custom';
  userAgent?: string;
  /** How long launching the engine took in this run, ms. */
  launchMs?: number;
  /** Which builds the expectations applied to this column were recorded on, when not this one (set by the reporter). */
  expectations?: string;
}

/** A permission prompt the engine showed, as seen from the driver. */
export interface PromptRecord {
  audio: boolean;
  video: boolean;
  /** What the harness answered according to the session's permission profile. */
  answer: 'granted' | 'denied' | 'unanswered';
  /** ms since the session opened. */
  at: number;
}

/** A driver-level observation that this engine cannot make, with the reason (shown in the matrix cell). */
export interface Unobservable {
  unobservable: string;
}
export const isUnobservable = (v: unknown): v is Unobservable => typeof v === 'object' && v !== null && 'unobservable' in v;

/** Browser-side capture indicator as the browser UI would show it. */
export interface CaptureIndicator {
  camera: 'none' | 'active' | 'muted';
  microphone: 'none' | 'active' | 'muted';
}

/**
 * The capture devices a session's browser offers. 'default': the run's devices (the engine's fake ones, or the
 * machine's with GUM_DEVICES=real). The others take away every device of a kind, to provoke NotFoundError:
 * 'no-camera' guarantees that no camera exists (microphones: whatever the engine then offers), 'no-microphone' the
 * reverse, 'none' neither kind. Engines build them from their own fake-device switches where they have them. 'real':
 * the machine's own devices in a fake run (the run's PulseAudio sine source as the microphone; whatever cameras the
 * machine has), the same as 'default' under GUM_DEVICES=real.
 */
export type DeviceSet = 'default' | 'no-camera' | 'no-microphone' | 'none' | 'real';

/**
 * A failure imposed on capture, to provoke the errors the spec gives for it: 'device-busy' (a hardware or OS lock:
 * NotReadableError), 'device-fails' (any other failure to start the device: AbortError), 'user-media-disabled'
 * (user media support disabled on the document by a UA-defined mechanism: SecurityError).
 */
export type CaptureFault = 'device-busy' | 'device-fails' | 'user-media-disabled';

/** What a session is opened with, beyond its permission profile (see Engine.canProvide). */
export interface SessionEnvironment {
  /** Default 'default'. */
  devices?: DeviceSet;
  fault?: CaptureFault;
}

export interface SessionOptions extends SessionEnvironment {
  permissions: PermissionProfile;
}

/** See EngineSession.refusalMemory. */
export type RefusalMemory = 'tab' | 'nothing';

/**
 * One isolated browsing session (a fresh context / view) in an already-launched engine.
 * All page interaction goes through evaluate(): the expression is JavaScript evaluated in the
 * top-level document; if it yields a promise, the promise is awaited; the result must be JSON-serialisable.
 */
export interface EngineSession {
  goto(url: string): Promise<void>;
  evaluate<T = unknown>(expression: string): Promise<T>;
  /** Prompts seen since the session opened, or why the engine does not let us see them. */
  prompts(): PromptRecord[] | Unobservable;
  /** The browser's own capture indicator, or why it is not observable. */
  captureIndicator(): Promise<CaptureIndicator | Unobservable>;
  /**
   * Readies the session for another check (see harness/session-pool.ts): its document replaced by about:blank, which
   * ends every capture it started. A session without it is never shared.
   */
  recycle?(): Promise<void>;
  /**
   * Brings a recycled session's page to the front as the next check takes it (unless it was the last page brought there
   * and nothing since can have moved the focus: see focus-ledger.ts); throws if it cannot have the focus. With
   * `focused`, the focus belongs elsewhere (a popup the session keeps open for the next check): nothing is brought to
   * the front, and it throws unless `focused()` says the focus is still there.
   */
  refocus?(focused?: () => Promise<boolean>): Promise<void>;
  /**
   * What the engine keeps of a permission request refused inside a frame, as measured per engine: 'tab' (Chromium 156:
   * later requests from that origin's frames in the tab are refused at once), so the next check gets a new page
   * (renewPage()) and document; 'nothing' (Firefox ESR 140 and 153), so the document and its frames stay for the next
   * check as after any other. Absent (not measured): renewPage() readies the session after such a refusal (WebKitGTK:
   * the view to about:blank), and a session without it is closed.
   */
  readonly refusalMemory?: RefusalMemory;
  /**
   * Readies the session for another check with a new page (tab) in the same context, the old one closed: what a
   * browser keeps per tab (Chromium's pending and dismissed permission requests) goes with it. A session without it
   * that must be readied after a refusal inside a frame is closed instead (see session-pool.ts, refusedInFrame()).
   */
  renewPage?(): Promise<void>;
  /** The check it was lent to is done with it (kept for the next or about to be closed): nothing relies on it now. */
  returned?(): void;
  close(): Promise<void>;
}

/**
 * What a driver can observe outside the page, declared once per engine: `true`, or why it cannot (an affected check
 * is `unsupported` with that reason before it opens anything). Sessions report the same through prompts() and
 * captureIndicator().
 */
export interface DriverObservations {
  /** The permission prompts the engine shows, and how they were answered. */
  prompts: true | Unobservable;
  /** The browser's own capture indicator. */
  indicator: true | Unobservable;
}
/** What a driver that observes none of DriverObservations says about each: the reason. */
export type Unobserved = { [K in keyof DriverObservations]: Unobservable };

export interface Engine {
  info: EngineInfo;
  observes: DriverObservations;
  /**
   * Permission states this engine can really put a session in; for the rest, the reason it cannot.
   * e.g. headless Chromium answers every prompt itself, so 'prompt' may be unobservable there.
   */
  canHold(kind: 'camera' | 'microphone', state: PermissionState): true | Unobservable;
  /**
   * Whether this engine can open a session with these devices / this fault, or why not (the switch that was looked
   * for and why it does not exist). Sessions opened anyway get the default devices and no fault.
   */
  canProvide(env: SessionEnvironment): true | Unobservable;
  newSession(options: SessionOptions): Promise<EngineSession>;
  /** False once the browser (any of its processes the engine launched) has gone away: the harness relaunches it. */
  alive(): boolean;
  close(): Promise<void>;
}

export interface LaunchOptions {
  devices: DeviceMode;
  /** Host names to resolve to 127.0.0.1 inside the browser. */
  hosts: string[];
  /** PEM of the test CA; trusted inside this browser's profile only. */
  caCertPem: string;
  caCertPath: string;
  /** PEM chain (leaf then CA) the HTTPS fixture server presents for every test host. */
  leafCertPem: string;
  /** base64 sha256 of the leaf's SubjectPublicKeyInfo (Chromium trusts exactly this key). */
  leafSpki: string;
  /** Source of a script injected into every document and frame before the page's own scripts (GUM_SHIM). */
  initScript?: string;
  /** Vendor-supplied browser binary (GUM_CHROMIUM / GUM_FIREFOX / GUM_WEBKIT). */
  executablePath?: string;
}

// ---------------------------------------------------------------- matrix contract (reports/matrix.json)

export type Verdict = 'pass' | 'fail' | 'unsupported' | 'error';

export interface CheckInfo {
  id: string;
  title: string;
  /** e.g. "secure-context", "exceptions", "permissions". */
  area: string;
  /** The sentence or section of the seed page this check verifies, where one does. */
  seed?: string;
  /** What the spec requires, in a sentence, where it differs from or sharpens the seed. */
  spec?: string;
}

export interface Cell {
  check: string;
  engine: EngineId;
  verdict: Verdict;
  /** What the browser did, in a form a browser engineer can read. */
  observed: unknown;
  expected: unknown;
  ms: number;
  /** For unsupported: why not observable. For error: what went wrong in the harness. For fail: the difference. */
  reason?: string;
  /** Set when an expectation file records this outcome as a known difference. */
  expectation?: { verdict: Verdict; reason: string; bug?: string; intermittent?: Verdict[] };
  /** Set when this is a retry's result: the first attempt ended in this harness error. */
  firstAttempt?: string;
  /** fail and error: what the check did (pages opened, probe operations), for a repro (harness/repro.ts). */
  repro?: ReproStep[];
  /**
   * unsupported because the engine's module declares it cannot do this for any check (Engine.observes, canHold,
   * canProvide: a driver that sees no prompts, a fault no switch provokes): expected without a per-check record.
   */
  declared?: true;
}

/** What one check produced on one engine: the reporter turns it into the matrix cell. */
export interface CellOutcome {
  verdict: Verdict;
  observed: unknown;
  /** unsupported: why not observable; fail: the assertion; error: what went wrong in the harness. */
  reason?: string;
  /** Set when a retry decided the cell: the first attempt's harness error. */
  firstAttempt?: string;
  repro?: ReproStep[];
  /** unsupported, as the engine's module declares for every check (see Cell.declared). */
  declared?: true;
  /** Set when the engine could not be launched at all. */
  engineUnavailable?: boolean;
  engine?: EngineInfo;
}

export interface Matrix {
  generated: string;
  suite: { name: string; version: string };
  engines: EngineInfo[];
  checks: CheckInfo[];
  cells: Cell[];
  /** Wall time of the run and per-engine launch times, ms. */
  timing?: { wallMs: number; launchMs: Partial<Record<EngineId, number>> };
}
