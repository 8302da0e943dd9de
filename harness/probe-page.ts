// Node-side handle on a document (top level or any frame) with the probe's operations as typed methods.
// Every operation runs in the page through the engine's evaluate(); frames are reached by the probe's postMessage relay.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineSession } from './types';

export const PROBE_SOURCE = readFileSync(join(__dirname, '..', 'pages', 'probe.js'), 'utf8');

export interface ErrorInfo {
  name: string;
  message: string;
  className?: string;
  constraint?: string | null;
  isDOMException?: boolean;
  isOverconstrainedError?: boolean;
  isTypeError?: boolean;
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
  outcome?: string;
  summary?: string;
}
export interface PermissionStates { camera: string; microphone: string }
export interface DeviceInfo { kind: string; deviceId: string; groupId: string; label: string; capabilities: Record<string, unknown> | null }
export interface EnumerateOutcome { outcome: string; devices?: DeviceInfo[]; error?: ErrorInfo; summary?: string }
export interface FrameSpec {
  /** Frame URL (cross- or same-origin fixture), or one of the script-built documents. */
  src?: string;
  srcdoc?: boolean;
  data?: boolean;
  blob?: boolean;
  allow?: string;
  sandbox?: string;
}
export interface FrameLoad { id: string; loaded: boolean; scriptRan: boolean; frameOrigin: string | null; ms: number }

export interface GumOptions {
  /** How long a pending promise is waited for before it is reported as pending. */
  waitMs?: number;
  /** Which entry point: the modern one (default) or a legacy navigator.* callback form. */
  via?: 'mediaDevices' | 'getUserMedia' | 'webkitGetUserMedia' | 'mozGetUserMedia';
  /** Keep the tracks live (stopKept() ends them); by default they are stopped right after being described. */
  keep?: boolean;
  /** Also attach video tracks to a <video> element and read videoWidth/videoHeight. */
  video?: boolean;
}

let frameCounter = 0;

export class ProbePage {
  constructor(readonly session: EngineSession, readonly path: string[] = []) {}

  async call<T>(op: string, args: unknown = {}, timeoutMs = 20_000): Promise<T> {
    const expr = `(async () => { if (!window.__probe) { ${PROBE_SOURCE} }
      return await window.__probe.call(${JSON.stringify(this.path)}, ${JSON.stringify(op)}, ${JSON.stringify(args)}, ${timeoutMs}); })()`;
    return this.session.evaluate<T>(expr);
  }

  env(): Promise<PageEnv> {
    return this.call<PageEnv>('env');
  }

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

  detachedGum(constraints: unknown, waitMs = 4000): Promise<GumOutcome> {
    return this.call<GumOutcome>('detachedGum', { constraints, waitMs }, waitMs + 8000);
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

  /** Adds an iframe to this document; the returned page addresses the document inside it. */
  async frame(spec: FrameSpec): Promise<{ load: FrameLoad; page: ProbePage }> {
    const id = `f${++frameCounter}`;
    const load = await this.call<FrameLoad>('frame', { ...spec, id }, 20_000);
    return { load, page: new ProbePage(this.session, [...this.path, id]) };
  }
}

export interface LiteralGumOutcome { outcome: 'resolved' | 'rejected' | 'threw'; error?: ErrorInfo; summary: string }
