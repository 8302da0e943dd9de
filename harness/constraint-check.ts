// Glue between an engine and the spec oracle (harness/oracle/): reads the devices the engine really reports,
// turns them into oracle DeviceDescriptions, runs getUserMedia() / applyConstraints() in the page and the
// oracle on the same constraints, and says whether they agree. Pure Node-side logic apart from the ProbePage
// calls, so the checks (tests/constraints*.spec.ts) and the fuzzer (harness/cli/fuzz.ts) share it.
//
// What the oracle is fed (never hand-written device models):
// - getSupportedConstraints(): names the engine does not list are dropped the way WebIDL drops unknown
//   dictionary members, and score 0 in the fitness distance.
// - Devices: enumerateDevices() after a granted getUserMedia({audio:true, video:true}) (ids are exposed then),
//   and for each input device the getCapabilities() of an unconstrained track opened on exactly that device
//   (the spec defines InputDeviceInfo.getCapabilities() as exactly that; engines disagree with themselves, see
//   the constraints/device-capabilities-* checks). InputDeviceInfo.getCapabilities() is only the fallback when
//   the device cannot be opened on its own. The unconstrained track's settings are the device's defaults (they
//   only order the oracle's examples; they never change a distance).
// - Capabilities are ranges, never native modes: no engine reports its camera's real modes. The oracle then
//   assumes that crop-and-scale reaches every size and frame rate inside the ranges (its modelling choice 2)
//   and guesses native modes only for resizeMode "none" (choice 3). A cell whose verdict depends on that guess
//   says so (`notes`).
//
// Tolerances (an engine's reported value is snapped to the constraint's value before the oracle sees it):
// - frameRate: within 1% of a frame rate the constraints mention (cameras report 29.97 for 30, or 30.00003).
// - aspectRatio: when width and height are integers, a ratio the constraints mention counts as met if it is
//   reachable by moving width or height by at most one pixel (1000x563 for 16:9): sizes are whole pixels.
// - gap: distances are sums of ratios of doubles, so a gap below 1e-6 is zero.

import {
  type ApplyJudgement,
  type DeviceDescription,
  type DeviceKind,
  type Judgement,
  type JudgeOptions,
  type Kind,
  type KindVerdict,
  type Settings,
  type SettingValue,
  APPLICABLE_NAMES,
  aspectOf,
  judge,
  judgeApplyConstraints,
} from './oracle';
import type { ApplyOutcome, DeviceInfo, GumOutcome, ProbePage, SupportedConstraintsOutcome, TrackInfo } from './probe-page';

export const GAP_TOLERANCE = 1e-6;
export const FRAME_RATE_TOLERANCE = 0.01;
export const ASPECT_PIXEL_TOLERANCE = 1;

// ------------------------------------------------------------------ the engine's devices

export interface ModelDevice extends DeviceDescription {
  label: string;
  /** Where `capabilities` came from. */
  capsSource: 'track' | 'device-info' | 'none';
  /** InputDeviceInfo.getCapabilities() as enumerateDevices() gave it (null when the engine has no such method). */
  deviceInfoCaps: Record<string, unknown> | null;
}

export interface EngineModel {
  devices: ModelDevice[];
  /** Names getSupportedConstraints() lists as true. */
  supported: string[];
  supportedOutcome: SupportedConstraintsOutcome;
  /** The granted getUserMedia({audio:true, video:true}) that exposed the device ids. */
  grant: GumOutcome;
  /** Modelling assumptions the verdicts rest on, in words. */
  notes: string[];
}

interface CachedTrack {
  capabilities: Record<string, unknown>;
  settings: Record<string, unknown>;
}
/** Per engine: track capabilities and settings of an unconstrained track, by device kind + label. */
export type CapsCache = Map<string, CachedTrack>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const primitives = (o: Record<string, unknown> | undefined): Record<string, SettingValue> =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))) as Record<string, SettingValue>;

const kindOf = (deviceKind: string): Kind | undefined => (deviceKind === 'videoinput' ? 'video' : deviceKind === 'audioinput' ? 'audio' : undefined);

function defaultsFrom(kind: Kind, settings: Record<string, unknown>): Settings {
  const keep = APPLICABLE_NAMES[kind].filter((n) => n !== 'deviceId' && n !== 'groupId');
  return Object.fromEntries(Object.entries(primitives(settings)).filter(([k]) => keep.includes(k)));
}

export class HarnessError extends Error {}

/**
 * The engine's devices as the oracle needs them. Opens each input device once (cached per engine in `cache`
 * by kind and label: ids are salted per session, labels are not).
 */
export async function readEngineModel(page: ProbePage, cache: CapsCache = new Map()): Promise<EngineModel> {
  const supportedOutcome = await page.supportedConstraints();
  const supported = supportedOutcome.value ? Object.keys(supportedOutcome.value).filter((k) => supportedOutcome.value?.[k] === true) : [];
  const grant = await page.gum({ audio: true, video: true });
  if (grant.outcome !== 'resolved') throw new HarnessError(`getUserMedia({audio:true, video:true}) ${grant.summary}: cannot read the engine's devices`);
  const en = await page.enumerate();
  if (en.outcome !== 'resolved' || !en.devices) throw new HarnessError(`enumerateDevices() ${en.outcome}: cannot read the engine's devices`);
  const inputs = en.devices.filter((d) => kindOf(d.kind) !== undefined && d.deviceId !== '');
  if (!inputs.some((d) => d.kind === 'videoinput') || !inputs.some((d) => d.kind === 'audioinput')) {
    throw new HarnessError(`enumerateDevices() after a grant lists ${inputs.length} input device(s) with ids: need a camera and a microphone`);
  }
  const devices: ModelDevice[] = [];
  const labels = new Map<string, number>();
  for (const d of inputs) {
    const kind = kindOf(d.kind) as Kind;
    const n = labels.get(`${d.kind}|${d.label}`) ?? 0;
    labels.set(`${d.kind}|${d.label}`, n + 1);
    const key = `${d.kind}|${d.label}|${n}`;
    let track = cache.get(key);
    if (!track) {
      const opened = grant.tracks?.find((t) => t.kind === kind && t.settings?.['deviceId'] === d.deviceId) ?? (await openAlone(page, kind, d));
      if (opened && isRecord(opened.capabilities)) {
        track = { capabilities: opened.capabilities, settings: opened.settings };
        cache.set(key, track);
      }
    }
    const infoCaps = isRecord(d.capabilities) && Object.keys(d.capabilities).length > 0 ? d.capabilities : null;
    const capabilities = track?.capabilities ?? infoCaps ?? {};
    devices.push({
      kind: d.kind as DeviceKind,
      deviceId: d.deviceId,
      groupId: d.groupId,
      label: d.label,
      capabilities,
      capsSource: track ? 'track' : infoCaps ? 'device-info' : 'none',
      deviceInfoCaps: d.capabilities,
      ...(track ? { defaults: defaultsFrom(kind, track.settings) } : {}),
    });
  }
  const notes = ['capabilities are ranges without native modes: the oracle assumes crop-and-scale reaches every size and frame rate inside them'];
  for (const d of devices) {
    if (d.capsSource !== 'track') notes.push(`${d.label}: ${d.capsSource === 'none' ? 'no capabilities at all' : 'capabilities from InputDeviceInfo.getCapabilities() (the device could not be opened alone)'}`);
    if (d.kind === 'videoinput' && !Array.isArray(d.capabilities['resizeMode'])) notes.push(`${d.label}: no resizeMode capability, downscaling assumed`);
  }
  return { devices, supported, supportedOutcome, grant, notes };
}

async function openAlone(page: ProbePage, kind: Kind, d: DeviceInfo): Promise<TrackInfo | undefined> {
  const r = await page.gum({ [kind]: { deviceId: { exact: d.deviceId } } });
  return r.tracks?.find((t) => t.kind === kind && t.settings?.['deviceId'] === d.deviceId);
}

export const deviceLabel = (model: EngineModel, deviceId: unknown): string => {
  const d = model.devices.find((x) => x.deviceId === deviceId);
  return d ? `'${d.label}'` : 'an unlisted device';
};

// ------------------------------------------------------------------ tolerances

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

function errorText(e: { name: string; constraint?: string | null } | undefined): string {
  if (!e) return 'no error';
  return e.name === 'OverconstrainedError' ? `${e.name}(${JSON.stringify(e.constraint ?? null)})` : e.name;
}
function specErrorText(error: string, constraints?: readonly string[]): string {
  if (error !== 'OverconstrainedError' || !constraints) return error;
  return `${error}(${constraints.map((c) => JSON.stringify(c)).join(' or ')})`;
}

// ------------------------------------------------------------------ getUserMedia verdicts

export interface KindResult {
  kind: Kind;
  settings: Settings;
  /** What the oracle scored (after the tolerances). */
  judged: Settings;
  snapped: string[];
  distance: number;
  best: number;
  gap: number;
  bestSettings: Settings[];
  bestDevices: string[];
  element?: { videoWidth: number; videoHeight: number; distance: number; gap: number } | { error: string };
  /** Why the settings score what they score (the fitness terms) and which advanced sets the oracle applied. */
  terms: { name: string; constraint: string; actual: unknown; distance: number; rule: string }[];
  advancedApplied: boolean[];
  requiredViolated: string[];
  advancedViolated: number[];
}

export interface ConstraintObserved {
  summary: string;
  constraints: unknown;
  engine: { outcome: string; error?: { name: string; constraint?: string | null; message: string }; tracks?: string[] };
  oracle:
    | { outcome: 'reject'; error: string; constraints?: string[]; reason: string; reading?: string }
    | { outcome: 'resolve'; reading?: string; best: Partial<Record<Kind, { distance: number; settings: Settings[]; devices: string[] }>> };
  chosen?: Partial<Record<Kind, Settings>>;
  videoElement?: unknown;
  gap?: Partial<Record<Kind, { settings: number; element?: number }>>;
  kinds?: KindResult[];
  devices: { kind: string; label: string; capsSource: string }[];
  supported: string[];
  notes: string[];
}

export interface CaseVerdict {
  agree: boolean;
  /** Each way the engine differs from the oracle, in words (empty when it agrees). */
  problems: string[];
  /** A short class of the disagreement, stable under reduction ("resolved/OverconstrainedError", "gap:video"). */
  signature: string;
  observed: ConstraintObserved;
  /** The judgement the engine was compared with (the reading that fits it best). */
  judgement: Judgement;
  expectedOutcome: 'resolve' | string;
  acceptableConstraints?: string[];
  kinds: KindResult[];
}

/** The oracle's readings of the spec for a request: literal, per-device advanced sets, and its MAY alternatives. */
function readings(constraints: unknown, model: EngineModel): { name: string; j: Judgement }[] {
  const base: JudgeOptions = { permissionGranted: true, supported: model.supported };
  const out: { name: string; j: Judgement }[] = [];
  const add = (name: string, j: Judgement): void => {
    out.push({ name, j });
    for (const alt of j.mayInstead ?? []) out.push({ name: `${name}; ${alt.because}`, j: alt.judgement });
  };
  add('', judge(constraints, model.devices, { ...base, advancedScope: 'global' }));
  add('advanced sets applied per device', judge(constraints, model.devices, { ...base, advancedScope: 'per-device' }));
  return out;
}

interface Scored {
  name: string;
  j: Judgement;
  problems: string[];
  signature: string;
  kinds: KindResult[];
}

function scoreKind(kind: Kind, v: KindVerdict, track: TrackInfo, constraints: unknown, video: GumOutcome['video']): KindResult {
  const settings = primitives(track.settings) as Settings;
  const { settings: judged, snapped } = snapSettings(settings, constraints);
  const ex = v.explain(judged);
  const r: KindResult = {
    kind,
    settings,
    judged,
    snapped,
    distance: ex.distance,
    best: v.best,
    gap: ex.distance - v.best,
    bestSettings: v.bestSettings,
    bestDevices: v.bestDevices,
    terms: ex.terms.map((t) => ({ name: t.name, constraint: t.constraint, actual: t.actual, distance: t.distance, rule: t.rule })),
    advancedApplied: v.advancedApplied,
    requiredViolated: ex.requiredViolated,
    advancedViolated: ex.advancedViolated,
  };
  if (kind === 'video' && video !== undefined && video !== null) {
    if ('error' in video) r.element = { error: video.error };
    else {
      const el: Record<string, SettingValue | undefined> = { ...settings, width: video.videoWidth, height: video.videoHeight };
      if (video.videoHeight > 0) el['aspectRatio'] = aspectOf(video.videoWidth, video.videoHeight);
      const d = v.distanceOf(snapSettings(el, constraints).settings);
      r.element = { videoWidth: video.videoWidth, videoHeight: video.videoHeight, distance: d, gap: d - v.best };
    }
  }
  return r;
}

function scoreReading(name: string, j: Judgement, out: GumOutcome, constraints: unknown): Scored {
  const problems: string[] = [];
  if (j.outcome === 'reject') {
    if (out.outcome !== 'rejected') {
      problems.push(`${out.outcome} where the spec requires ${specErrorText(j.error, j.constraints)}`);
      return { name, j, problems, signature: `${out.outcome}/${j.error}`, kinds: [] };
    }
    if (out.error?.name !== j.error) {
      problems.push(`rejected ${errorText(out.error)} where the spec requires ${specErrorText(j.error, j.constraints)}`);
      return { name, j, problems, signature: `${out.error?.name ?? 'unknown'}/${j.error}`, kinds: [] };
    }
    if (j.error === 'OverconstrainedError' && j.constraints && !j.constraints.includes(out.error.constraint ?? (undefined as unknown as string))) {
      problems.push(`OverconstrainedError.constraint is ${JSON.stringify(out.error.constraint ?? null)}, the spec allows ${j.constraints.map((c) => JSON.stringify(c)).join(' or ')}`);
      return { name, j, problems, signature: 'constraint-name', kinds: [] };
    }
    return { name, j, problems, signature: '', kinds: [] };
  }
  if (out.outcome !== 'resolved') {
    const what = out.outcome === 'rejected' || out.outcome === 'threw' ? `${out.outcome} ${errorText(out.error)}` : out.outcome;
    problems.push(`${what} where the spec resolves`);
    return { name, j, problems, signature: `${out.outcome === 'rejected' ? out.error?.name : out.outcome}/resolve`, kinds: [] };
  }
  const kinds: KindResult[] = [];
  const sig: string[] = [];
  const tracks = out.tracks ?? [];
  for (const kind of ['audio', 'video'] as const) {
    const v = j.perKind[kind];
    const ofKind = tracks.filter((t) => t.kind === kind);
    if (!v) {
      if (ofKind.length > 0) {
        problems.push(`${ofKind.length} ${kind} track(s) where none was requested`);
        sig.push(`tracks:${kind}`);
      }
      continue;
    }
    if (ofKind.length !== 1) {
      problems.push(`${ofKind.length} ${kind} tracks where the spec gives one`);
      sig.push(`tracks:${kind}`);
      continue;
    }
    const r = scoreKind(kind, v, ofKind[0] as TrackInfo, constraints, out.video);
    kinds.push(r);
    if (!(r.gap <= GAP_TOLERANCE)) {
      const why = r.requiredViolated.length
        ? ` (breaks required ${r.requiredViolated.join(', ')})`
        : r.advancedViolated.length
          ? ` (breaks advanced set${r.advancedViolated.length > 1 ? 's' : ''} ${r.advancedViolated.join(', ')}, which the spec applies)`
          : '';
      const [d, b] = fmtApart(r.distance, r.best);
      problems.push(`${kind} settings at distance ${d}, the spec's best is ${b}${why}`);
      // The class of the gap keeps a reduction on the same failure: a broken requirement, an ignored advanced set, or a worse ideal.
      sig.push(`gap:${kind}:${r.requiredViolated.length ? `required(${r.requiredViolated.join(',')})` : r.advancedViolated.length ? 'advanced' : 'ideal'}`);
    }
    if (r.element && 'error' in r.element) {
      problems.push(`video element: ${r.element.error}`);
      sig.push('element:none');
    } else if (r.element && !(r.element.gap <= GAP_TOLERANCE)) {
      const [d, b] = fmtApart(r.element.distance, r.best);
      problems.push(`video element ${r.element.videoWidth}x${r.element.videoHeight} at distance ${d}, the spec's best is ${b}`);
      sig.push('element');
    }
  }
  return { name, j, problems, signature: sig.join(','), kinds };
}

function summaryOf(s: Scored, out: GumOutcome, constraints: unknown, model: EngineModel): string {
  const j = s.j;
  if (j.outcome === 'reject') {
    const spec = `spec: ${specErrorText(j.error, j.constraints)}`;
    if (out.outcome === 'rejected' || out.outcome === 'threw') return `${out.outcome} ${errorText(out.error)}; ${spec}`;
    if (out.outcome === 'resolved') {
      const got = (out.tracks ?? []).map((t) => `${t.kind} ${briefSettings(t.kind as Kind, primitives(t.settings), mentionedNames(constraints, t.kind as Kind), model)}`);
      return `resolved (${got.join(', ')}); ${spec}`;
    }
    return `${out.outcome}; ${spec}`;
  }
  if (out.outcome !== 'resolved') {
    const best = Object.values(j.perKind)
      .map((v) => `${v.kind} best ${fmt(v.best)}${v.bestSettings[0] ? ` (${briefSettings(v.kind, v.bestSettings[0], mentionedNames(constraints, v.kind), model)})` : ''}`)
      .join(', ');
    return `${out.outcome === 'rejected' || out.outcome === 'threw' ? `${out.outcome} ${errorText(out.error)}` : out.outcome}; spec resolves: ${best}`;
  }
  const several = s.kinds.length > 1;
  const parts = s.kinds.map((r) => {
    const mention = mentionedNames(constraints, r.kind);
    const best = r.bestSettings[0] ? ` (${briefSettings(r.kind, r.bestSettings[0], mention, model)})` : '';
    let t = `${several ? `${r.kind}: ` : ''}chose ${briefSettings(r.kind, r.settings, mention, model)} (distance ${fmt(r.distance)}), spec best ${fmt(r.best)}${best}; gap ${fmt(r.gap)}`;
    if (r.element && 'error' in r.element) t += `; video element: ${r.element.error}`;
    else if (r.element && (r.element.videoWidth !== r.settings['width'] || r.element.videoHeight !== r.settings['height'])) {
      t += `; video element ${r.element.videoWidth}x${r.element.videoHeight} (distance ${fmt(r.element.distance)})`;
    }
    return t;
  });
  const extra = s.problems.filter((p) => p.includes('track'));
  return [...parts, ...extra].join('; ');
}

/** Compares what the engine did for getUserMedia(constraints) with every reading of the spec the oracle offers. */
export function judgeGumCase(constraints: unknown, out: GumOutcome, model: EngineModel): CaseVerdict {
  const scored = readings(constraints, model).map((r) => scoreReading(r.name, r.j, out, constraints));
  const chosen = scored.find((s) => s.problems.length === 0) ?? (scored[0] as Scored);
  const j = chosen.j;
  const notes = [...model.notes];
  if (chosen.name) notes.push(`matched the oracle's reading: ${chosen.name}`);
  for (const k of chosen.kinds) notes.push(...k.snapped);
  if (mentionedNames(constraints, 'video').includes('resizeMode')) notes.push('resizeMode "none": native modes are guessed from the capability ranges (oracle modelling choice 3)');
  const observed: ConstraintObserved = {
    summary: summaryOf(chosen, out, constraints, model),
    constraints,
    engine: {
      outcome: out.outcome,
      ...(out.error ? { error: { name: out.error.name, constraint: out.error.constraint, message: out.error.message } } : {}),
      ...(out.tracks ? { tracks: out.tracks.map((t) => `${t.kind}: ${t.label}`) } : {}),
    },
    oracle:
      j.outcome === 'reject'
        ? { outcome: 'reject', error: j.error, ...(j.constraints ? { constraints: j.constraints } : {}), reason: j.reason, ...(chosen.name ? { reading: chosen.name } : {}) }
        : {
            outcome: 'resolve',
            ...(chosen.name ? { reading: chosen.name } : {}),
            best: Object.fromEntries(
              Object.values(j.perKind).map((v) => [v.kind, { distance: v.best, settings: v.bestSettings, devices: v.bestDevices.map((id) => deviceLabel(model, id)) }]),
            ),
          },
    ...(out.tracks ? { chosen: Object.fromEntries(out.tracks.map((t) => [t.kind, primitives(t.settings)])) } : {}),
    ...(out.video !== undefined ? { videoElement: out.video } : {}),
    ...(chosen.kinds.length
      ? { gap: Object.fromEntries(chosen.kinds.map((k) => [k.kind, { settings: k.gap, ...(k.element && !('error' in k.element) ? { element: k.element.gap } : {}) }])) }
      : {}),
    ...(chosen.kinds.length ? { kinds: chosen.kinds } : {}),
    devices: model.devices.map((d) => ({ kind: d.kind, label: d.label, capsSource: d.capsSource })),
    supported: model.supported,
    notes,
  };
  return {
    agree: chosen.problems.length === 0,
    problems: chosen.problems,
    signature: chosen.signature,
    observed,
    judgement: j,
    expectedOutcome: j.outcome === 'reject' ? j.error : 'resolve',
    ...(j.outcome === 'reject' && j.constraints ? { acceptableConstraints: j.constraints } : {}),
    kinds: chosen.kinds,
  };
}

/** Runs getUserMedia(constraints) in the page (with a <video> element for video) and judges it. */
export async function runGumCase(
  page: ProbePage, model: EngineModel, constraints: unknown, waitMs = 8000, videoElement = true, videoWaitMs?: number,
): Promise<CaseVerdict & { outcome: GumOutcome }> {
  const outcome = await page.gum(constraints, { video: videoElement, waitMs, ...(videoWaitMs ? { videoWaitMs } : {}) });
  return { ...judgeGumCase(constraints, outcome, model), outcome };
}

// ------------------------------------------------------------------ applyConstraints verdicts

export interface ApplyVerdict {
  agree: boolean;
  problems: string[];
  observed: { summary: string; [k: string]: unknown };
  judgement?: ApplyJudgement;
  outcome: ApplyOutcome;
  /** Settings members whose value changed across a rejected applyConstraints(). */
  changed: string[];
  kind?: KindResult;
}

function changedMembers(before: Settings, after: Settings): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => before[k] !== after[k]).sort();
}

/**
 * getUserMedia(gumConstraints), then applyConstraints(apply) on its `kind` track, judged by the oracle on the
 * track's device. A rejection must name an acceptable constraint and leave every setting as it was.
 */
export async function runApplyCase(page: ProbePage, model: EngineModel, gumConstraints: unknown, kind: Kind, apply: unknown): Promise<ApplyVerdict> {
  const r = await page.applyConstraints(gumConstraints, kind, apply, { video: kind === 'video' });
  return judgeApplyCase(model, kind, apply, r);
}

export function judgeApplyCase(model: EngineModel, kind: Kind, apply: unknown, r: ApplyOutcome): ApplyVerdict {
  const base = { apply, engine: { outcome: r.outcome, error: r.error }, before: r.before?.settings, after: r.after?.settings, constraintsAfter: r.constraintsAfter, videoElement: r.video, notes: model.notes };
  if (!r.before || !r.after) {
    return { agree: false, problems: [`no ${kind} track to apply constraints to (${r.summary})`], observed: { ...base, summary: r.summary }, outcome: r, changed: [] };
  }
  const before = primitives(r.before.settings) as Settings;
  const after = primitives(r.after.settings) as Settings;
  const device = model.devices.find((d) => d.deviceId === before['deviceId']);
  if (!device) {
    return { agree: false, problems: ['the track\'s deviceId is not among the enumerated devices'], observed: { ...base, summary: `track on an unlisted device; ${r.summary}` }, outcome: r, changed: [] };
  }
  const main = judgeApplyConstraints(device, apply, { supported: model.supported, current: before });
  const candidates = [main, ...(main.mayInstead ?? []).map((m) => m.judgement)];
  const changed = changedMembers(before, after);
  const mention = mentionedNames({ [kind]: apply }, kind);
  const tryOne = (j: ApplyJudgement): { problems: string[]; summary: string; kind?: KindResult } => {
    const problems: string[] = [];
    if (j.outcome === 'reject') {
      const spec = `spec: ${specErrorText(j.error, j.constraints)}, settings kept`;
      if (r.outcome !== 'rejected') {
        problems.push(`${r.outcome} where the spec requires ${specErrorText(j.error, j.constraints)}`);
        return { problems, summary: `applyConstraints ${r.outcome}: ${briefSettings(kind, after, mention, model)}; ${spec}` };
      }
      if (r.error?.name !== j.error) problems.push(`rejected ${errorText(r.error)} where the spec requires ${specErrorText(j.error, j.constraints)}`);
      else if (j.constraints && !j.constraints.includes(r.error?.constraint ?? (undefined as unknown as string))) {
        problems.push(`OverconstrainedError.constraint is ${JSON.stringify(r.error?.constraint ?? null)}, the spec allows ${j.constraints.map((c) => JSON.stringify(c)).join(' or ')}`);
      }
      if (changed.length) problems.push(`settings changed although the call failed: ${changed.map((k) => `${k} ${String(before[k])} -> ${String(after[k])}`).join(', ')}`);
      return { problems, summary: `applyConstraints rejected ${errorText(r.error)}, settings ${changed.length ? `changed (${changed.join(', ')})` : 'unchanged'}; ${spec}` };
    }
    if (r.outcome !== 'resolved') {
      problems.push(`applyConstraints ${r.outcome === 'rejected' ? `rejected ${errorText(r.error)}` : r.outcome} where the spec resolves`);
      const best = j.bestSettings[0] ? ` (${briefSettings(kind, j.bestSettings[0], mention, model)})` : '';
      return { problems, summary: `applyConstraints ${r.outcome === 'rejected' ? `rejected ${errorText(r.error)}` : r.outcome}; spec resolves: best ${fmt(j.best)}${best}` };
    }
    const k = scoreKind(kind, j, r.after as TrackInfo, { [kind]: apply }, r.video);
    if (!(k.gap <= GAP_TOLERANCE)) problems.push(`settings after at distance ${fmt(k.distance)}, the spec's best is ${fmt(k.best)}${k.requiredViolated.length ? ` (breaks required ${k.requiredViolated.join(', ')})` : ''}`);
    if (k.element && 'error' in k.element) problems.push(`video element: ${k.element.error}`);
    else if (k.element && !(k.element.gap <= GAP_TOLERANCE)) problems.push(`video element ${k.element.videoWidth}x${k.element.videoHeight} at distance ${fmt(k.element.distance)}`);
    const best = k.bestSettings[0] ? ` (${briefSettings(kind, k.bestSettings[0], mention, model)})` : '';
    let summary = `applyConstraints: chose ${briefSettings(kind, after, mention, model)} (distance ${fmt(k.distance)}), spec best ${fmt(k.best)}${best}; gap ${fmt(k.gap)}`;
    if (k.element && 'error' in k.element) summary += `; video element: ${k.element.error}`;
    else if (k.element && (k.element.videoWidth !== after['width'] || k.element.videoHeight !== after['height'])) {
      summary += `; video element ${k.element.videoWidth}x${k.element.videoHeight} (distance ${fmt(k.element.distance)})`;
    }
    return { problems, summary, kind: k };
  };
  const tried = candidates.map((j) => ({ j, ...tryOne(j) }));
  const chosen = tried.find((t) => t.problems.length === 0) ?? (tried[0] as (typeof tried)[number]);
  const j = chosen.j;
  const oracle =
    j.outcome === 'reject'
      ? { outcome: 'reject', error: j.error, constraints: j.constraints, reason: j.reason }
      : { outcome: 'resolve', best: j.best, bestSettings: j.bestSettings };
  return {
    agree: chosen.problems.length === 0,
    problems: chosen.problems,
    observed: { ...base, summary: chosen.summary, device: device.label, oracle, changed, ...(chosen.kind ? { kind: chosen.kind } : {}) },
    judgement: j,
    outcome: r,
    changed,
    ...(chosen.kind ? { kind: chosen.kind } : {}),
  };
}
