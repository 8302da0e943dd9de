// getUserMedia(): the engine's outcome against the oracle's, as a cell's verdict and summary. Pure but for runGumCase.

import {
  aspectOf,
  DEFAULT_SUPPORTED,
  judge,
  type Judgement,
  type JudgeOptions,
  type Kind,
  type KindVerdict,
  type Settings,
  type SettingValue,
} from '../oracle';
import type { GumOutcome, ProbePage, TrackInfo } from '../probe-page';
import { deviceLabel, primitives, type EngineModel } from './engine-model';
import { briefSettings, errorText, fmt, fmtApart, GAP_TOLERANCE, mentionedNames, snapSettings, specErrorText } from './tolerances';

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

export function scoreKind(kind: Kind, v: KindVerdict, track: TrackInfo, constraints: unknown, video: GumOutcome['video']): KindResult {
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
    if (
      j.error === 'OverconstrainedError' &&
      j.constraints &&
      !j.constraints.includes(out.error.constraint ?? (undefined as unknown as string))
    ) {
      problems.push(
        `OverconstrainedError.constraint is ${JSON.stringify(out.error.constraint ?? null)}, the spec allows ${j.constraints.map((c) => JSON.stringify(c)).join(' or ')}`,
      );
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
      sig.push(
        `gap:${kind}:${r.requiredViolated.length ? `required(${r.requiredViolated.join(',')})` : r.advancedViolated.length ? 'advanced' : 'ideal'}`,
      );
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
      const got = (out.tracks ?? []).map(
        (t) => `${t.kind} ${briefSettings(t.kind as Kind, primitives(t.settings), mentionedNames(constraints, t.kind as Kind), model)}`,
      );
      return `resolved (${got.join(', ')}); ${spec}`;
    }
    return `${out.outcome}; ${spec}`;
  }
  if (out.outcome !== 'resolved') {
    const best = Object.values(j.perKind)
      .map(
        (v) =>
          `${v.kind} best ${fmt(v.best)}${v.bestSettings[0] ? ` (${briefSettings(v.kind, v.bestSettings[0], mentionedNames(constraints, v.kind), model)})` : ''}`,
      )
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

/**
 * A constrainable property of the spec that this engine does not support is ignored by resolution (fitness distance,
 * step 1: "If constraintName is not supported by the User Agent, the fitness distance is 0"), which is how the row is
 * judged; the cell says so, because the spec's other rule ("A conforming User Agent MUST support all the constrainable
 * properties") is a failure of its own, in constraints/shape/supported-constraints-complete.
 */
function unsupportedNotes(constraints: unknown, model: EngineModel): string[] {
  const names = new Set([...mentionedNames(constraints, 'video'), ...mentionedNames(constraints, 'audio')]);
  return [...names]
    .filter((n) => DEFAULT_SUPPORTED.includes(n) && !model.supported.includes(n))
    .map(
      (n) =>
        `${n} is not in this engine's getSupportedConstraints(): ignored here (fitness distance step 1); that the engine lacks it is checked by constraints/shape/supported-constraints-complete`,
    );
}

/** Compares what the engine did for getUserMedia(constraints) with every reading of the spec the oracle offers. */
export function judgeGumCase(constraints: unknown, out: GumOutcome, model: EngineModel): CaseVerdict {
  const scored = readings(constraints, model).map((r) => scoreReading(r.name, r.j, out, constraints));
  const chosen = scored.find((s) => s.problems.length === 0) ?? (scored[0] as Scored);
  const j = chosen.j;
  const notes = [...model.notes];
  if (chosen.name) notes.push(`matched the oracle's reading: ${chosen.name}`);
  for (const k of chosen.kinds) notes.push(...k.snapped);
  if (mentionedNames(constraints, 'video').includes('resizeMode'))
    notes.push('resizeMode "none": native modes are guessed from the capability ranges (oracle modelling choice 3)');
  notes.push(...unsupportedNotes(constraints, model));
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
        ? {
            outcome: 'reject',
            error: j.error,
            ...(j.constraints ? { constraints: j.constraints } : {}),
            reason: j.reason,
            ...(chosen.name ? { reading: chosen.name } : {}),
          }
        : {
            outcome: 'resolve',
            ...(chosen.name ? { reading: chosen.name } : {}),
            best: Object.fromEntries(
              Object.values(j.perKind).map((v) => [
                v.kind,
                { distance: v.best, settings: v.bestSettings, devices: v.bestDevices.map((id) => deviceLabel(model, id)) },
              ]),
            ),
          },
    ...(out.tracks ? { chosen: Object.fromEntries(out.tracks.map((t) => [t.kind, primitives(t.settings)])) } : {}),
    ...(out.video !== undefined ? { videoElement: out.video } : {}),
    ...(chosen.kinds.length
      ? {
          gap: Object.fromEntries(
            chosen.kinds.map((k) => [
              k.kind,
              { settings: k.gap, ...(k.element && !('error' in k.element) ? { element: k.element.gap } : {}) },
            ]),
          ),
        }
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
  page: ProbePage,
  model: EngineModel,
  constraints: unknown,
  waitMs = 8000,
  videoElement = true,
  videoWaitMs?: number,
): Promise<CaseVerdict & { outcome: GumOutcome }> {
  const outcome = await page.gum(constraints, { video: videoElement, waitMs, ...(videoWaitMs ? { videoWaitMs } : {}) });
  return { ...judgeGumCase(constraints, outcome, model), outcome };
}
