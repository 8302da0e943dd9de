// Shared by frames.spec.ts and policy.spec.ts: the requests made in frames, how a frame's load and a getUserMedia
// outcome are summarised (stable across runs: no ports), and the assertions for "allowed" and "blocked by policy".
import { expect } from '../harness/check';
import type { EnumerateOutcome, FrameLoad, GumOutcome } from '../harness/probe-page';

export type Kind = 'audio' | 'video';

export interface Request {
  key: string;
  constraints: { audio?: boolean; video?: boolean };
  kinds: Kind[];
  text: string;
}

export const REQUESTS: Request[] = [
  { key: 'video', constraints: { video: true }, kinds: ['video'], text: 'getUserMedia({video:true})' },
  { key: 'audio', constraints: { audio: true }, kinds: ['audio'], text: 'getUserMedia({audio:true})' },
  { key: 'both', constraints: { audio: true, video: true }, kinds: ['audio', 'video'], text: 'getUserMedia({audio:true, video:true})' },
];
export const BOTH = REQUESTS[2];

/** The policy-controlled feature that gates each kind (mediacapture-main "Permissions Policy Integration"). */
export const FEATURE: Record<Kind, 'camera' | 'microphone'> = { video: 'camera', audio: 'microphone' };
export const DEVICE_KIND: Record<Kind, 'videoinput' | 'audioinput'> = { video: 'videoinput', audio: 'audioinput' };

/** Origins without their port, so a summary reads the same in every run (ports are picked per run). */
export function originLabel(origin: string | null | undefined): string {
  if (origin === null || origin === undefined) return String(origin);
  return origin.replace(/:\d+$/, '');
}

export function originOf(u: string): string {
  return new URL(u).origin;
}

export function loadSummary(load: FrameLoad): string {
  if (!load.loaded) return 'frame did not load';
  if (!load.scriptRan) return 'frame loaded, its script did not run';
  return `frame origin ${originLabel(load.frameOrigin)}`;
}

/** The outcome, plus a note when a resolved stream does not look like device capture (no settings.deviceId). */
/** What getUserMedia did, for a cell's summary; null when it was never called (the frame's script did not run). */
export function gumSummary(r: GumOutcome | null): string {
  if (!r) return 'getUserMedia not called';
  if (r.outcome !== 'resolved') return r.summary;
  const synthetic = (r.tracks ?? []).filter((t) => !deviceIdOf(t.settings)).map((t) => t.kind);
  return synthetic.length ? `${r.summary} (${synthetic.join('+')} track without settings.deviceId)` : r.summary;
}

function deviceIdOf(settings: Record<string, unknown> | undefined): string {
  const id = settings?.deviceId;
  return typeof id === 'string' ? id : '';
}

/** Frame checks see the frame first: it must have loaded and its probe answered from the expected origin. */
export function expectFrameRan(load: FrameLoad, origin: string): void {
  expect(load.loaded).toBe(true);
  expect(load.scriptRan).toBe(true);
  expect(load.frameOrigin).toBe(origin);
}

/**
 * Allowed: the promise resolves with exactly the requested kinds, each a track of a capture device (its settings carry
 * the device's deviceId: a canvas- or WebAudio-made track does not). Blocked: rejected with a NotAllowedError
 * DOMException (the "Permission Failure" step).
 */
export function expectGum(r: GumOutcome, allowed: boolean, kinds: Kind[]): void {
  if (allowed) {
    expect(r.outcome).toBe('resolved');
    expect((r.tracks ?? []).map((t) => t.kind).sort()).toEqual([...kinds].sort());
    for (const t of r.tracks ?? []) {
      expect(t.readyState).toBe('live');
      expect(deviceIdOf(t.settings)).not.toBe('');
    }
  } else {
    expect(r).toRejectWith('NotAllowedError');
    expect(r.error?.isDOMException).toBe(true);
  }
}

export function expectedGum(allowed: boolean, kinds: Kind[]): string {
  return allowed ? `resolved: ${[...kinds].sort().join('+')}` : 'rejected NotAllowedError';
}

/** The device kinds an enumeration lists, in a stable order with counts: "audioinput x1, videoinput x1". */
export function enumerateSummary(e: EnumerateOutcome): string {
  if (e.outcome !== 'resolved') return `enumerateDevices ${e.outcome}${e.error ? ' ' + e.error.name : ''}`;
  const counts = new Map<string, number>();
  for (const d of e.devices ?? []) counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
  const parts = ['audioinput', 'videoinput'].map((k) => `${k} x${counts.get(k) ?? 0}`);
  return `enumerateDevices: ${parts.join(', ')}`;
}

/**
 * Devices of a kind the document may not use are not listed; a kind it may use is listed exactly when the top-level
 * document (which may use both) lists it, so the check holds with fake and with real devices.
 */
export function expectEnumerated(e: EnumerateOutcome, allowed: Record<Kind, boolean>, top: EnumerateOutcome): void {
  expect(top.outcome).toBe('resolved');
  expect(e.outcome).toBe('resolved');
  for (const kind of ['audio', 'video'] as Kind[]) {
    const n = (e.devices ?? []).filter((d) => d.kind === DEVICE_KIND[kind]).length;
    const atTop = (top.devices ?? []).filter((d) => d.kind === DEVICE_KIND[kind]).length;
    if (allowed[kind]) expect(n > 0).toBe(atTop > 0);
    else expect(n).toBe(0);
  }
}
