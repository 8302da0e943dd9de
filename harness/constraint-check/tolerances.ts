// Tolerances applied to an engine's reported values before the oracle sees them, and how values are written in cells.

import { APPLICABLE_NAMES, type Kind, type Settings, type SettingValue } from '../oracle';
import { deviceLabel, isRecord, type EngineModel } from './engine-model';

export const GAP_TOLERANCE = 1e-6;
export const FRAME_RATE_TOLERANCE = 0.01;
export const ASPECT_PIXEL_TOLERANCE = 1;

/** Numbers a constraint on `name` mentions anywhere (basic and advanced; bare, exact, ideal, min, max). */
function mentioned(constraints: unknown, name: string): number[] {
  const out: number[] = [];
  const fromValue = (v: unknown): void => {
    if (typeof v === 'number') out.push(v);
    else if (isRecord(v)) for (const k of ['exact', 'ideal', 'min', 'max']) if (typeof v[k] === 'number') out.push(v[k] as number);
  };
  const fromSet = (set: unknown): void => {
    if (isRecord(set)) fromValue(set[name]);
  };
  if (!isRecord(constraints)) return out;
  for (const kind of ['audio', 'video']) {
    const t = constraints[kind];
    fromSet(t);
    if (isRecord(t) && Array.isArray(t['advanced'])) t['advanced'].forEach(fromSet);
  }
  return out;
}
/** Names a constraints object mentions for one kind (basic or advanced). */
export function mentionedNames(constraints: unknown, kind: Kind): string[] {
  if (!isRecord(constraints) || !isRecord(constraints[kind])) return [];
  const t = constraints[kind] as Record<string, unknown>;
  const names = new Set(Object.keys(t).filter((k) => k !== 'advanced'));
  if (Array.isArray(t['advanced'])) for (const s of t['advanced']) if (isRecord(s)) Object.keys(s).forEach((k) => names.add(k));
  return [...names];
}

/** The engine's settings with frameRate and aspectRatio snapped to a mentioned value within tolerance. */
export function snapSettings(settings: Settings, constraints: unknown): { settings: Settings; snapped: string[] } {
  const s: Record<string, SettingValue | undefined> = { ...settings };
  const snapped: string[] = [];
  const fr = s['frameRate'];
  if (typeof fr === 'number') {
    const t = mentioned(constraints, 'frameRate').find((x) => x !== fr && Math.abs(fr - x) <= FRAME_RATE_TOLERANCE * Math.abs(x));
    if (t !== undefined) {
      s['frameRate'] = t;
      snapped.push(`frameRate ${fr} taken as ${t}`);
    }
  }
  const [w, h, ar] = [s['width'], s['height'], s['aspectRatio']];
  if (typeof w === 'number' && typeof h === 'number' && h > 0 && Number.isInteger(w) && Number.isInteger(h)) {
    const t = mentioned(constraints, 'aspectRatio').find(
      (x) => x > 0 && x !== ar && (Math.abs(w - x * h) <= ASPECT_PIXEL_TOLERANCE || Math.abs(h - w / x) <= ASPECT_PIXEL_TOLERANCE),
    );
    if (t !== undefined && ar !== undefined) {
      s['aspectRatio'] = t;
      snapped.push(`aspectRatio ${fmt(ar as number, 6)} (${w}x${h}) taken as ${fmt(t, 6)}`);
    }
  }
  return { settings: s, snapped };
}

// ------------------------------------------------------------------ formatting

export function fmt(x: number, digits = 4): string {
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '-∞';
  if (x !== 0 && Math.abs(x) < 10 ** -digits) return x.toExponential(1);
  return String(Number(x.toFixed(digits)));
}

/** Two distances printed with as many decimals as it takes to tell them apart (0.99999998 vs 0.99996). */
export function fmtApart(a: number, b: number): [string, string] {
  for (let d = 4; d <= 12; d++) if (fmt(a, d) !== fmt(b, d) || a === b) return [fmt(a, d), fmt(b, d)];
  return [fmt(a, 12), fmt(b, 12)];
}

/** "1280x720@20" for video (plus the other members the constraints mention), "sampleRate=48000 ..." for audio. */
export function briefSettings(kind: Kind, s: Settings, mention: readonly string[], model?: EngineModel): string {
  const parts: string[] = [];
  const extra = (name: string): void => {
    const v = s[name];
    if (name === 'deviceId' || name === 'groupId') parts.push(`on ${model ? deviceLabel(model, s['deviceId']) : String(s['deviceId'])}`);
    else parts.push(`${name}=${v === undefined ? '(none)' : typeof v === 'number' ? fmt(v) : String(v)}`);
  };
  const names = [...new Set(mention.filter((n) => APPLICABLE_NAMES[kind].includes(n)).map((n) => (n === 'groupId' ? 'deviceId' : n)))];
  if (kind === 'video') {
    const fr = s['frameRate'];
    parts.push(`${String(s['width'])}x${String(s['height'])}@${typeof fr === 'number' ? fmt(fr, 2) : '?'}`);
    for (const n of names) if (!['width', 'height', 'frameRate'].includes(n)) extra(n);
  } else {
    for (const n of names) extra(n);
    if (names.length === 0) parts.push(`on ${model ? deviceLabel(model, s['deviceId']) : String(s['deviceId'])}`);
  }
  return parts.join(' ');
}

export function errorText(e: { name: string; constraint?: string | null } | undefined): string {
  if (!e) return 'no error';
  return e.name === 'OverconstrainedError' ? `${e.name}(${JSON.stringify(e.constraint ?? null)})` : e.name;
}
export function specErrorText(error: string, constraints?: readonly string[]): string {
  if (error !== 'OverconstrainedError' || !constraints) return error;
  return `${error}(${constraints.map((c) => JSON.stringify(c)).join(' or ')})`;
}
