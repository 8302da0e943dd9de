// SelectSettings, getUserMedia's outcome, and applyConstraints' outcome.
// (Over 350 lines on purpose: it follows the spec's algorithms step by step, and splitting them would hide the order.)
//
// Spec: Constrainable Pattern > "SelectSettings algorithm" and "ApplyConstraints algorithm";
// MediaDevices > getUserMedia() method steps (NotFound / Constraint / Permission Failure);
// "getUserMedia specific failure is allowed"; "device information can be exposed".
//
// Two implementations of SelectSettings live here:
// - selectFromCandidates(): the spec's algorithm word for word, over a finite list of settings dictionaries.
// - selectSettings(): the same algorithm over candidate *regions* (candidates.ts), where the minimum is
//   found in closed form (numeric members) or by exhaustive search over heights (width/height/aspectRatio,
//   which are coupled). The unit tests check the two agree.

import {
  ALLOWED_REQUIRED_FOR_DEVICE_SELECTION,
  type Constraint,
  ConstraintTypeError,
  DEFAULT_SUPPORTED,
  type Kind,
  type NormalizedConstraints,
  type NormalizedSet,
  appliesTo,
  describeConstraint,
  disallowedRequired,
  forKind,
  idealOf,
  isExistenceBoolean,
  isRequired,
  kindOfDevice,
  normalizeTrackConstraints,
  parseMediaStreamConstraints,
  withoutNames,
  type ParsedRequest,
} from './constraints';
import { type DeviceDescription, type Interval, type Region, aspectOf, regionsOf, settingsAt } from './candidates';
import {
  DOUBLE_TOLERANCE,
  type FitnessTerm,
  type SettingValue,
  type Settings,
  constraintDistance,
  explainFitness,
  fitnessDistance,
  nearlyEqual,
  numericDistance,
  satisfiesRequired,
} from './fitness';

export interface SelectionContext {
  kind: Kind;
  supported: readonly string[];
}

/** Distances closer than this are ties (sums of a handful of ratios). */
const TIE = 1e-12;
/** Above this many heights in a width/height region, only the heights that can be optimal are searched. */
const HEIGHT_SCAN_LIMIT = 20000;
const MAX_EXAMPLES = 5;

// ------------------------------------------------------------------ the literal algorithm over a finite list

export interface ListSelection {
  best: number;
  /** Every candidate at the minimal distance. */
  chosen: Settings[];
  /** After the required constraints and the applied advanced sets. */
  remaining: Settings[];
  advancedApplied: boolean[];
}

/** Spec SelectSettings, steps 3 to 6, over an explicit list of settings dictionaries. */
export function selectFromCandidates(
  candidates: readonly Settings[],
  constraints: NormalizedConstraints,
  ctx: SelectionContext,
): ListSelection | undefined {
  const basicCtx = { kind: ctx.kind, supported: ctx.supported, inAdvanced: false };
  // Step 3: "For every possible settings dictionary of copy compute its fitness distance, treating bare
  // values of properties as ideal values. Let candidates be the set of settings dictionaries for which the
  // fitness distance is finite."
  let remaining = candidates.filter((s) => fitnessDistance(s, constraints.basic, basicCtx) < Infinity);
  // Step 4: "If candidates is empty, return undefined".
  if (remaining.length === 0) return undefined;
  // Step 5: advanced sets in order, bare values exact; keep the finite ones, or ignore the set.
  const advancedApplied: boolean[] = [];
  for (const set of constraints.advanced) {
    const kept = remaining.filter((s) => fitnessDistance(s, set, { ...basicCtx, inAdvanced: true }) < Infinity);
    advancedApplied.push(kept.length > 0);
    if (kept.length > 0) remaining = kept;
  }
  // Step 6: "The User Agent MUST use one with the smallest fitness distance, as calculated in step 3."
  const scored = remaining.map((s) => ({ s, d: fitnessDistance(s, constraints.basic, basicCtx) }));
  const best = Math.min(...scored.map((x) => x.d));
  return { best, chosen: scored.filter((x) => x.d <= best + TIE).map((x) => x.s), remaining, advancedApplied };
}

// ------------------------------------------------------------------ regions: restriction by required constraints

/** The numeric interval a required constraint allows: min, max, exact, and a bare value inside `advanced`. */
function requiredBounds(c: Constraint, inAdvanced: boolean): { lo: number; hi: number } | undefined {
  let lo = -Infinity;
  let hi = Infinity;
  const pin = (x: unknown): boolean => {
    if (typeof x !== 'number') return false;
    lo = Math.max(lo, x);
    hi = Math.min(hi, x);
    return true;
  };
  if (c.min !== undefined) lo = Math.max(lo, c.min);
  if (c.max !== undefined) hi = Math.min(hi, c.max);
  if (c.exact !== undefined && !pin(c.exact)) return undefined;
  if (inAdvanced && c.bare !== undefined && !isExistenceBoolean(c) && !pin(c.bare)) return undefined;
  return { lo, hi };
}

/** Interval intersection; doubles within DOUBLE_TOLERANCE of each other still meet (at a region value). */
function intersect(iv: Interval, lo: number, hi: number): Interval | undefined {
  let nlo = Math.max(iv.lo, lo);
  let nhi = Math.min(iv.hi, hi);
  if (iv.integer) {
    nlo = Math.ceil(nlo);
    nhi = Math.floor(nhi);
  }
  if (nlo <= nhi) return { ...iv, lo: nlo, hi: nhi };
  if (!iv.integer && nearlyEqual(nlo, nhi)) {
    const at = Math.min(iv.hi, Math.max(iv.lo, (nlo + nhi) / 2));
    return { ...iv, lo: at, hi: at };
  }
  return undefined;
}

/** Heights worth trying in a width/height region (all of them unless the range is huge). */
function heightsToScan(H: Interval, special: readonly number[]): number[] {
  if (H.hi - H.lo <= HEIGHT_SCAN_LIMIT) {
    const out: number[] = [];
    for (let h = H.lo; h <= H.hi; h++) out.push(h);
    return out;
  }
  const set = new Set<number>([H.lo, H.hi]);
  for (const x of special) {
    if (!Number.isFinite(x)) continue;
    for (const y of [Math.floor(x) - 1, Math.floor(x), Math.ceil(x), Math.ceil(x) + 1]) if (y >= H.lo && y <= H.hi) set.add(y);
  }
  const step = Math.ceil((H.hi - H.lo) / HEIGHT_SCAN_LIMIT);
  for (let h = H.lo; h <= H.hi; h += step) set.add(h);
  return [...set].sort((a, b) => a - b);
}

/** The ends of a height range and the integers around the given values (clamped into the range). */
function fewHeights(H: Interval, special: readonly number[]): number[] {
  const set = new Set<number>([H.lo, H.hi]);
  for (const x of special) {
    if (!Number.isFinite(x)) continue;
    const c = Math.min(H.hi, Math.max(H.lo, x));
    for (const y of [Math.floor(c), Math.ceil(c)]) if (y >= H.lo && y <= H.hi) set.add(y);
  }
  return [...set].sort((a, b) => a - b);
}

/** The integer widths [lo, hi] a height allows, given the width range and the aspect-ratio interval. */
function widthsFor(h: number, W: Interval, aspect: { lo: number; hi: number } | undefined): [number, number] {
  const lo = aspect ? Math.max(W.lo, Math.ceil(aspect.lo * (1 - DOUBLE_TOLERANCE) * h)) : W.lo;
  const hi = aspect ? Math.min(W.hi, Math.floor(aspect.hi * (1 + DOUBLE_TOLERANCE) * h)) : W.hi;
  return [lo, hi];
}

function sizeFeasible(r: Region): boolean {
  const W = r.ranges['width'];
  const H = r.ranges['height'];
  if (!W || !H) return true;
  if (!r.aspect) return W.lo <= W.hi && H.lo <= H.hi;
  const a = r.aspect;
  return heightsToScan(H, [W.lo / a.lo, W.hi / a.hi, W.lo / a.hi, W.hi / a.lo]).some((h) => {
    const [lo, hi] = widthsFor(h, W, a);
    return lo <= hi;
  });
}

const hasSize = (r: Region): boolean => r.ranges['width'] !== undefined && r.ranges['height'] !== undefined;

/** The part of a region where one constraint's required part holds (undefined = fitness infinity everywhere). */
export function restrictByConstraint(r: Region, c: Constraint, inAdvanced: boolean): Region | undefined {
  if (!isRequired(c, inAdvanced)) return r;
  if (c.name === 'aspectRatio' && hasSize(r)) {
    const b = requiredBounds(c, inAdvanced);
    if (!b) return undefined;
    const cur = r.aspect ?? { lo: 0, hi: Infinity };
    const lo = Math.max(cur.lo, b.lo);
    const hi = Math.min(cur.hi, b.hi);
    if (lo > hi && !nearlyEqual(lo, hi)) return undefined;
    const next: Region = { ...r, aspect: { lo: Math.min(lo, hi), hi: Math.max(lo, hi) } };
    return sizeFeasible(next) ? next : undefined;
  }
  const iv = r.ranges[c.name];
  if (iv) {
    const b = requiredBounds(c, inAdvanced);
    const niv = b && intersect(iv, b.lo, b.hi);
    if (!niv) return undefined;
    const next: Region = { ...r, ranges: { ...r.ranges, [c.name]: niv } };
    return (c.name === 'width' || c.name === 'height') && !sizeFeasible(next) ? undefined : next;
  }
  const values = r.choices[c.name];
  if (values) {
    const kept = values.filter((v) => satisfiesRequired(c, v, inAdvanced));
    return kept.length > 0 ? { ...r, choices: { ...r.choices, [c.name]: kept } } : undefined;
  }
  // The settings dictionary has no such member: "doesn't exist" -> infinity (this also covers a required
  // constraint of the other kind in applyConstraints, where nothing removed it).
  return undefined;
}

/** The part of a region whose fitness distance for a set is finite. Unsupported names score 0 (rule 1). */
export function restrictRegion(r: Region, set: NormalizedSet, inAdvanced: boolean, ctx: SelectionContext): Region | undefined {
  let cur: Region | undefined = r;
  for (const c of set) {
    if (!ctx.supported.includes(c.name)) continue;
    cur = restrictByConstraint(cur, c, inAdvanced);
    if (!cur) return undefined;
  }
  return cur;
}

// ------------------------------------------------------------------ regions: minimal fitness distance

export interface RegionPick {
  region: Region;
  distance: number;
  /** How far the point is from the UA defaults (orders ties; not a spec quantity). */
  tie: number;
  settings: Settings;
}

/** Weight of keeping the default aspect ratio when ordering equally fit examples (cropping less). */
const ASPECT_TIE_WEIGHT = 2;

/** Closeness to the UA defaults, to pick a plausible example among equally fit settings. */
function tieScore(s: Settings, defaults: Settings): number {
  let t = 0;
  const [w, h, dw, dh] = [s['width'], s['height'], defaults['width'], defaults['height']];
  if (typeof w === 'number' && typeof h === 'number' && typeof dw === 'number' && typeof dh === 'number' && h > 0 && dh > 0) {
    t += ASPECT_TIE_WEIGHT * numericDistance(w / h, dw / dh);
  }
  for (const [name, d] of Object.entries(defaults)) {
    const v = s[name];
    if (v === undefined || d === undefined) continue;
    t += typeof v === 'number' && typeof d === 'number' ? numericDistance(v, d) : v === d ? 0 : 1;
  }
  return t;
}

const better = (d: number, t: number, bd: number, bt: number): boolean => d < bd - TIE || (d <= bd + TIE && t < bt - TIE);

/**
 * The minimal basic-set fitness distance inside a region (already restricted, so every required
 * constraint holds) and a point reaching it. Members are independent except width/height/aspectRatio.
 */
export function minimiseRegion(r: Region, basic: NormalizedSet, ctx: SelectionContext): RegionPick {
  const fctx = { kind: ctx.kind, supported: ctx.supported, inAdvanced: false };
  const byName = new Map(basic.map((c) => [c.name, c] as const));
  const scoring = (name: string): Constraint | undefined => {
    const c = byName.get(name);
    if (!c || !ctx.supported.includes(name) || !appliesTo(name, ctx.kind) || isExistenceBoolean(c)) return undefined;
    return idealOf(c, false) === undefined ? undefined : c;
  };
  const term = (c: Constraint | undefined, name: string, v: SettingValue): number => (c ? constraintDistance(c, { [name]: v }, fctx) : 0);
  const defaultNum = (name: string): number | undefined =>
    typeof r.defaults[name] === 'number' ? (r.defaults[name] as number) : undefined;
  const picks: Record<string, SettingValue> = {};

  // Discrete members: the value matching the ideal, else the default, else the first listed.
  for (const [name, values] of Object.entries(r.choices)) {
    const c = scoring(name);
    let best = values[0] as SettingValue;
    let bd = Infinity;
    let bt = Infinity;
    for (const v of values) {
      const d = term(c, name, v);
      const t = v === r.defaults[name] ? 0 : 1;
      if (better(d, t, bd, bt)) [best, bd, bt] = [v, d, t];
    }
    picks[name] = best;
  }

  // Independent numeric members: the ideal clamped into the interval (distance is monotone on each side).
  const coupled = hasSize(r);
  for (const [name, iv] of Object.entries(r.ranges)) {
    if (coupled && (name === 'width' || name === 'height')) continue;
    const c = scoring(name);
    const targets = [iv.lo, iv.hi];
    const ideal = c && idealOf(c, false);
    if (typeof ideal === 'number') targets.push(ideal);
    const dn = defaultNum(name);
    if (dn !== undefined) targets.push(dn);
    let best = iv.lo;
    let bd = Infinity;
    let bt = Infinity;
    for (const x of targets) {
      const clamped = Math.min(iv.hi, Math.max(iv.lo, x));
      for (const v of iv.integer ? [Math.floor(clamped), Math.ceil(clamped)] : [clamped]) {
        if (v < iv.lo || v > iv.hi) continue;
        const d = term(c, name, v);
        const t = dn === undefined ? 0 : numericDistance(v, dn);
        if (better(d, t, bd, bt)) [best, bd, bt] = [v, d, t];
      }
    }
    picks[name] = best;
  }

  // width / height / aspectRatio: for a fixed height the distance in width is a sum of two "V" shaped terms
  // (width ideal, and aspect ideal x height, since |w/h - a| / max(w/h, a) = |w - a h| / max(w, a h)),
  // monotone outside the two ideals and concave between them: the optimum is at an ideal or an end, rounded
  // down or up. Heights are scanned exhaustively.
  if (coupled) {
    const W = r.ranges['width'] as Interval;
    const H = r.ranges['height'] as Interval;
    const cw = scoring('width');
    const ch = scoring('height');
    const ca = scoring('aspectRatio');
    const iw = cw && (idealOf(cw, false) as number);
    const ih = ch && (idealOf(ch, false) as number);
    const ia = ca && (idealOf(ca, false) as number);
    const dw = defaultNum('width');
    const dh = defaultNum('height');
    const da = dw !== undefined && dh !== undefined && dh > 0 ? dw / dh : undefined;
    const special = [
      ih,
      dh,
      iw !== undefined && ia ? iw / ia : undefined,
      dw !== undefined && ia ? dw / ia : undefined,
      iw !== undefined && da ? iw / da : undefined,
    ].filter((x): x is number => typeof x === 'number');
    // Without an aspect-ratio ideal or bound, width and height are independent: the height optimum is the
    // clamped height ideal, so only a few heights (ideal, default, default-aspect ones, ends) are tried.
    const independent = ca === undefined && r.aspect === undefined;
    const heights =
      independent && H.hi - H.lo > 64
        ? fewHeights(H, [...special, ...(da !== undefined ? [W.lo / da, W.hi / da, ...(iw !== undefined ? [iw / da] : [])] : [])])
        : heightsToScan(H, special);
    let bw = W.lo;
    let bh = H.lo;
    let bd = Infinity;
    let bt = Infinity;
    for (const h of heights) {
      const [lo, hi] = widthsFor(h, W, r.aspect);
      if (lo > hi) continue;
      const hTerm = term(ch, 'height', h);
      const hTie = dh === undefined ? 0 : numericDistance(h, dh);
      const targets = [lo, hi, iw, ia !== undefined ? ia * h : undefined, dw, da !== undefined ? da * h : undefined];
      for (const x of targets) {
        if (typeof x !== 'number' || !Number.isFinite(x)) continue;
        const clamped = Math.min(hi, Math.max(lo, x));
        for (const w of [Math.floor(clamped), Math.ceil(clamped)]) {
          if (w < lo || w > hi) continue;
          const d = hTerm + term(cw, 'width', w) + term(ca, 'aspectRatio', aspectOf(w, h));
          const t =
            hTie +
            (dw === undefined ? 0 : numericDistance(w, dw)) +
            (da === undefined ? 0 : ASPECT_TIE_WEIGHT * numericDistance(w / h, da));
          if (better(d, t, bd, bt)) [bw, bh, bd, bt] = [w, h, d, t];
        }
      }
    }
    picks['width'] = bw;
    picks['height'] = bh;
  }

  const settings = settingsAt(r, picks);
  return { region: r, distance: fitnessDistance(settings, basic, fctx), tie: tieScore(settings, r.defaults), settings };
}

// ------------------------------------------------------------------ SelectSettings over regions

export interface Selection {
  /** Minimal fitness distance (basic set, bare values ideal) over the remaining candidates. */
  best: number;
  /** Up to a few settings at that distance, closest to the UA defaults first. */
  examples: Settings[];
  /** Devices with a setting at the best distance. */
  bestDevices: string[];
  /** Candidate regions left after the required constraints and the applied advanced sets. */
  remaining: Region[];
  advancedApplied: boolean[];
}

/** Spec SelectSettings over candidate regions (same steps as selectFromCandidates). */
export function selectSettings(
  regions: readonly Region[],
  constraints: NormalizedConstraints,
  ctx: SelectionContext,
): Selection | undefined {
  let remaining = regions.map((r) => restrictRegion(r, constraints.basic, false, ctx)).filter((r): r is Region => r !== undefined);
  if (remaining.length === 0) return undefined;
  const advancedApplied: boolean[] = [];
  for (const set of constraints.advanced) {
    const kept = remaining.map((r) => restrictRegion(r, set, true, ctx)).filter((r): r is Region => r !== undefined);
    advancedApplied.push(kept.length > 0);
    if (kept.length > 0) remaining = kept;
  }
  const picks = remaining.map((r) => minimiseRegion(r, constraints.basic, ctx));
  const best = Math.min(...picks.map((p) => p.distance));
  const winners = picks.filter((p) => p.distance <= best + TIE).sort((a, b) => a.tie - b.tie);
  const examples = new Map<string, Settings>();
  for (const p of winners) if (examples.size < MAX_EXAMPLES) examples.set(JSON.stringify(p.settings), p.settings);
  return {
    best,
    examples: [...examples.values()],
    bestDevices: [...new Set(winners.map((p) => p.region.deviceId))],
    remaining,
    advancedApplied,
  };
}

/**
 * Spec: "let failedConstraint be any required constraint whose fitness distance was infinity for all
 * settings dictionaries examined while executing the SelectSettings algorithm". Empty when no single
 * constraint is impossible on its own (then the spec's answer is "").
 */
export function failedConstraints(regions: readonly Region[], basic: NormalizedSet, ctx: SelectionContext): string[] {
  return basic
    .filter((c) => ctx.supported.includes(c.name) && isRequired(c, false))
    .filter((c) => regions.every((r) => restrictByConstraint(r, c, false) === undefined))
    .map((c) => c.name);
}

// ------------------------------------------------------------------ verdicts

export interface SettingsExplanation {
  /** What distanceOf() returns. */
  distance: number;
  /** Basic-set fitness distance alone (bare values ideal). */
  basicDistance: number;
  terms: FitnessTerm[];
  /** Required basic constraints the settings break. */
  requiredViolated: string[];
  /** Indices of advanced sets the oracle applied (satisfiable) that the settings break. */
  advancedViolated: number[];
  /** Indices of advanced sets the oracle skipped (no candidate satisfied them). */
  advancedSkipped: number[];
}

export interface KindVerdict {
  kind: Kind;
  /** Minimal fitness distance the spec allows. */
  best: number;
  /** A few settings dictionaries at that distance (defaults-nearest first). */
  bestSettings: Settings[];
  bestDevices: string[];
  /** Devices that pass the required constraints (the spec's candidateSet after SelectSettings). */
  eligibleDevices: string[];
  advancedApplied: boolean[];
  /** The constraints the verdict is about, after WebIDL conversion and cross-kind removal. */
  constraints: NormalizedConstraints;
  /** Fitness distance of actual settings; Infinity if they break a required constraint or an applied advanced set. */
  distanceOf(settings: Settings): number;
  explain(settings: Settings): SettingsExplanation;
  /** distanceOf(settings) - best: 0 for a spec-optimal choice. */
  gap(settings: Settings): number;
}

function makeVerdict(
  kind: Kind,
  constraints: NormalizedConstraints,
  supported: readonly string[],
  selection: Selection,
  eligibleDevices: string[],
  appliedFor: (settings: Settings) => boolean[],
): KindVerdict {
  const fctx = { kind, supported };
  const explain = (settings: Settings): SettingsExplanation => {
    const basic = explainFitness(settings, constraints.basic, { ...fctx, inAdvanced: false });
    const requiredViolated = basic.terms.filter((t) => t.distance === Infinity).map((t) => t.name);
    const applied = appliedFor(settings);
    const advancedViolated: number[] = [];
    const advancedSkipped: number[] = [];
    constraints.advanced.forEach((set, i) => {
      if (!applied[i]) advancedSkipped.push(i);
      else if (fitnessDistance(settings, set, { ...fctx, inAdvanced: true }) === Infinity) advancedViolated.push(i);
    });
    const distance = requiredViolated.length > 0 || advancedViolated.length > 0 ? Infinity : basic.distance;
    return { distance, basicDistance: basic.distance, terms: basic.terms, requiredViolated, advancedViolated, advancedSkipped };
  };
  const distanceOf = (settings: Settings): number => explain(settings).distance;
  return {
    kind,
    best: selection.best,
    bestSettings: selection.examples,
    bestDevices: selection.bestDevices,
    eligibleDevices,
    advancedApplied: selection.advancedApplied,
    constraints,
    distanceOf,
    explain,
    gap: (settings) => distanceOf(settings) - selection.best,
  };
}

/**
 * Which advanced sets are evaluated against all devices at once ('global': the candidateSet is one big
 * list of settings dictionaries, as Chromium does it) or device by device ('per-device': SelectSettings run
 * "on each candidate" device, then the UA picks the device by distance). The spec's wording allows both;
 * see the report.
 */
export type AdvancedScope = 'global' | 'per-device';

interface KindSelection {
  selection: Selection;
  eligibleDevices: string[];
  appliedFor: (settings: Settings) => boolean[];
}

function selectForKind(
  devices: readonly DeviceDescription[],
  constraints: NormalizedConstraints,
  ctx: SelectionContext,
  scope: AdvancedScope,
): KindSelection | undefined {
  const perDevice = devices.map((d) => ({ device: d, regions: regionsOf(d) }));
  const eligibleDevices = perDevice
    .filter((x) => x.regions.some((r) => restrictRegion(r, constraints.basic, false, ctx)))
    .map((x) => x.device.deviceId);
  if (scope === 'global') {
    const selection = selectSettings(
      perDevice.flatMap((x) => x.regions),
      constraints,
      ctx,
    );
    return selection && { selection, eligibleDevices, appliedFor: () => selection.advancedApplied };
  }
  const each = perDevice
    .map((x) => ({ id: x.device.deviceId, sel: selectSettings(x.regions, constraints, ctx) }))
    .filter((x) => x.sel !== undefined);
  if (each.length === 0) return undefined;
  const best = Math.min(...each.map((x) => (x.sel as Selection).best));
  const winners = each.filter((x) => (x.sel as Selection).best <= best + TIE);
  const first = winners[0]?.sel as Selection;
  const selection: Selection = {
    best,
    examples: winners.flatMap((x) => (x.sel as Selection).examples).slice(0, MAX_EXAMPLES),
    bestDevices: winners.map((x) => x.id),
    remaining: each.flatMap((x) => (x.sel as Selection).remaining),
    advancedApplied: first.advancedApplied,
  };
  const appliedFor = (s: Settings): boolean[] => (each.find((x) => x.id === s['deviceId'])?.sel ?? first).advancedApplied;
  return { selection, eligibleDevices, appliedFor };
}

export type GumError = 'TypeError' | 'OverconstrainedError' | 'NotFoundError' | 'NotAllowedError';

export interface Rejection {
  outcome: 'reject';
  error: GumError;
  /** OverconstrainedError: the acceptable values of error.constraint ("" included where the spec allows it). */
  constraints?: string[];
  /** OverconstrainedError: the constraints impossible on their own, whether or not they may be exposed. */
  failing?: string[];
  /** Whether a permission prompt may be shown before this rejection (spec: these come before prompting). */
  promptAllowed: boolean;
  kind?: Kind;
  reason: string;
  /** Other outcomes the spec also allows (a MAY), with the reason. */
  mayInstead?: Alternative[];
}

export interface Resolution {
  outcome: 'resolve';
  perKind: Partial<Record<Kind, KindVerdict>>;
  /** distance(actual) - best for one kind's track: "engine chose distance 0.25, spec best 0; gap 0.25". */
  gap(kind: Kind, actualSettings: Settings): number;
  mayInstead?: Alternative[];
}

export type Judgement = Rejection | Resolution;

export interface Alternative {
  because: string;
  judgement: Judgement;
}

export type PermissionState = 'granted' | 'denied' | 'prompt';

export interface JudgeOptions {
  /**
   * "Device information can be exposed" (permission granted, or a live capture in the document).
   * true: OverconstrainedError.constraint must name a failing constraint; false: it must be "";
   * undefined: either is accepted.
   */
  permissionGranted?: boolean;
  /** Permission states; "denied" masks NotFound/Overconstrained as NotAllowedError, and denies capture. */
  permission?: { camera?: PermissionState; microphone?: PermissionState };
  /** getSupportedConstraints() names of the UA (default: mediacapture-main's). */
  supported?: readonly string[];
  advancedScope?: AdvancedScope;
}

const permissionName = (kind: Kind): 'camera' | 'microphone' => (kind === 'video' ? 'camera' : 'microphone');

const reject = (error: GumError, reason: string, extra: Partial<Rejection> = {}): Rejection => ({
  outcome: 'reject',
  error,
  promptAllowed: false,
  reason,
  ...extra,
});

function exposedNames(failing: string[], permissionGranted: boolean | undefined): string[] {
  const named = failing.length > 0 ? failing : [''];
  if (permissionGranted === true) return named;
  if (permissionGranted === false) return [''];
  return [...new Set([...named, ''])];
}

function judgeParsed(parsed: ParsedRequest, devices: readonly DeviceDescription[], opts: JudgeOptions): Judgement {
  const supported = opts.supported ?? DEFAULT_SUPPORTED;
  // getUserMedia step 3: "If requestedMediaTypes is the empty set, return a promise rejected with a TypeError."
  if (parsed.kinds.length === 0) return reject('TypeError', 'no media type requested: {} / both false / only unknown members');
  const denied = (kind: Kind): boolean => opts.permission?.[permissionName(kind)] === 'denied';
  // "getUserMedia specific failure is allowed" is false when any requested kind's permission is denied.
  const specificFailureAllowed = !parsed.kinds.some(denied);
  const maskable = (r: Rejection): Rejection =>
    specificFailureAllowed
      ? r
      : reject(
          'NotAllowedError',
          `${r.error} masked by a denied permission ("getUserMedia specific failure is allowed" is false): ${r.reason}`,
          { kind: r.kind },
        );

  const perKind: Partial<Record<Kind, KindVerdict>> = {};
  for (const kind of parsed.kinds) {
    const ofKind = devices.filter((d) => kindOfDevice(d.kind) === kind);
    // "If candidateSet is the empty set, jump to the step labeled NotFound Failure below."
    if (ofKind.length === 0) return maskable(reject('NotFoundError', `no ${kind} input device`, { kind }));
    // Cross-kind constraints are removed, then the allowed-list TypeError.
    const cs = forKind(parsed.constraints[kind] ?? { basic: [], advanced: [] }, kind);
    const bad = disallowedRequired(cs);
    if (bad.length > 0) {
      return reject(
        'TypeError',
        `required ${bad.join(', ')} not in the allowed required constraints for device selection (${ALLOWED_REQUIRED_FOR_DEVICE_SELECTION.length} names)`,
        { kind },
      );
    }
    const ctx: SelectionContext = { kind, supported };
    const sel = selectForKind(ofKind, cs, ctx, opts.advancedScope ?? 'global');
    if (!sel) {
      const failing = failedConstraints(ofKind.flatMap(regionsOf), cs.basic, ctx);
      const shown =
        failing.length > 0
          ? failing.map((n) => describeConstraint(cs.basic.find((c) => c.name === n) as Constraint)).join('; ')
          : 'no single constraint is impossible alone';
      return maskable(
        reject('OverconstrainedError', `no ${kind} candidate satisfies the required constraints (${shown})`, {
          kind,
          failing,
          constraints: exposedNames(failing, opts.permissionGranted),
        }),
      );
    }
    // "Remove from candidateSet any candidate whose device's permission state is denied ... Permission Failure".
    if (denied(kind)) return reject('NotAllowedError', `${permissionName(kind)} permission is denied`, { kind });
    perKind[kind] = makeVerdict(kind, cs, supported, sel.selection, sel.eligibleDevices, sel.appliedFor);
  }
  return {
    outcome: 'resolve',
    perKind,
    gap(kind, actualSettings) {
      const v = perKind[kind];
      if (!v) throw new Error(`no ${kind} track was requested`);
      return v.gap(actualSettings);
    },
  };
}

const sameOutcome = (a: Judgement, b: Judgement): boolean =>
  a.outcome === b.outcome && (a.outcome === 'resolve' || (b.outcome === 'reject' && a.error === b.error));

/** deviceId constraints made only of "" (spec: such a value "MAY be interpreted as if the constraint is not specified"). */
const isEmptyString = (v: unknown): boolean => v === undefined || (Array.isArray(v) && v.every((x) => x === ''));
const isEmptyDeviceId = (c: Constraint): boolean => c.name === 'deviceId' && [c.bare, c.exact, c.ideal].every(isEmptyString);

function onlyEmptyDeviceId(parsed: ParsedRequest): boolean {
  return parsed.kinds.some((k) => {
    const cs = parsed.constraints[k];
    return cs !== undefined && [cs.basic, ...cs.advanced].some((set) => set.some(isEmptyDeviceId));
  });
}

/**
 * The spec's verdict for navigator.mediaDevices.getUserMedia(request) given the devices present.
 * Covers the constraint-related steps only: WebIDL conversion, empty request, NotFound, the allowed-list
 * TypeError, SelectSettings / OverconstrainedError, and the permission masking. Not covered: secure
 * context, fully-active document, permissions policy, visibility/focus waits, device start failures.
 */
export function judge(request: unknown, devices: readonly DeviceDescription[], opts: JudgeOptions = {}): Judgement {
  let parsed: ParsedRequest;
  try {
    parsed = parseMediaStreamConstraints(request, opts.supported ?? DEFAULT_SUPPORTED);
  } catch (e) {
    if (e instanceof ConstraintTypeError) return reject('TypeError', `WebIDL conversion: ${e.message}`);
    throw e;
  }
  const main = judgeParsed(parsed, devices, opts);
  if (onlyEmptyDeviceId(parsed)) {
    const stripped: ParsedRequest = {
      kinds: parsed.kinds,
      constraints: Object.fromEntries(
        Object.entries(parsed.constraints).map(([k, cs]) => [k, withoutEmptyDeviceId(cs as NormalizedConstraints)]),
      ) as ParsedRequest['constraints'],
    };
    const alt = judgeParsed(stripped, devices, opts);
    if (!sameOutcome(main, alt))
      main.mayInstead = [
        { because: 'deviceId "" MAY be interpreted as if the constraint is not specified (spec, deviceId property)', judgement: alt },
      ];
  }
  return main;
}

function withoutEmptyDeviceId(cs: NormalizedConstraints): NormalizedConstraints {
  const strip = (set: NormalizedSet): Constraint[] => set.filter((c) => !isEmptyDeviceId(c));
  return { basic: strip(cs.basic), advanced: cs.advanced.map(strip) };
}

/** The judgement's gap for one kind (Infinity when the settings break a constraint; throws for a rejection). */
export function gap(judgement: Judgement, kind: Kind, actualSettings: Settings): number {
  if (judgement.outcome !== 'resolve') throw new Error(`the spec expects a rejection (${judgement.error}); there is no gap to measure`);
  return judgement.gap(kind, actualSettings);
}

// ------------------------------------------------------------------ applyConstraints

export type ApplyJudgement =
  | {
      outcome: 'reject';
      error: 'TypeError' | 'OverconstrainedError';
      /** Acceptable values of error.constraint (the track exists, so the name is always exposed). */
      constraints?: string[];
      /** Spec: "The existing constraints remain in effect": the settings must not change. */
      settingsAfter?: Settings;
      reason: string;
      mayInstead?: { because: string; judgement: ApplyJudgement }[];
    }
  | ({ outcome: 'resolve'; mayInstead?: { because: string; judgement: ApplyJudgement }[] } & KindVerdict);

export interface ApplyOptions {
  supported?: readonly string[];
  /** The track's settings before the call (returned as settingsAfter on failure). */
  current?: Settings;
}

function applyOn(device: DeviceDescription, cs: NormalizedConstraints, opts: ApplyOptions): ApplyJudgement {
  const kind = kindOfDevice(device.kind);
  const ctx: SelectionContext = { kind, supported: opts.supported ?? DEFAULT_SUPPORTED };
  const regions = regionsOf(device);
  const selection = selectSettings(regions, cs, ctx);
  if (!selection) {
    // ApplyConstraints algorithm step 2: failedConstraint, or "" if there isn't one.
    const failing = failedConstraints(regions, cs.basic, ctx);
    return {
      outcome: 'reject',
      error: 'OverconstrainedError',
      constraints: failing.length > 0 ? failing : [''],
      ...(opts.current ? { settingsAfter: opts.current } : {}),
      reason: `no setting of ${device.deviceId} satisfies the required constraints`,
    };
  }
  return { outcome: 'resolve', ...makeVerdict(kind, cs, ctx.supported, selection, [device.deviceId], () => selection.advancedApplied) };
}

/**
 * The spec's verdict for track.applyConstraints(constraints) on a track of `device`: the same
 * SelectSettings restricted to that one device. On failure the track keeps its settings and constraints
 * and the error names the constraint. Required constraints of the other kind are *not* removed here
 * (only getUserMedia removes them); the fitness rules then give them infinity (the "required" rule comes
 * before the "does not apply" rule), so the literal verdict is OverconstrainedError, with the
 * "ignored" reading offered in mayInstead.
 */
export function judgeApplyConstraints(device: DeviceDescription, constraints: unknown, opts: ApplyOptions = {}): ApplyJudgement {
  let cs: NormalizedConstraints;
  try {
    cs = normalizeTrackConstraints(constraints, opts.supported ?? DEFAULT_SUPPORTED);
  } catch (e) {
    if (e instanceof ConstraintTypeError) return { outcome: 'reject', error: 'TypeError', reason: `WebIDL conversion: ${e.message}` };
    throw e;
  }
  const main = applyOn(device, cs, opts);
  const kind = kindOfDevice(device.kind);
  const foreign = [
    ...new Set(
      [cs.basic, ...cs.advanced]
        .flat()
        .filter((c) => !appliesTo(c.name, kind))
        .map((c) => c.name),
    ),
  ];
  if (foreign.length > 0) {
    const alt = applyOn(device, withoutNames(cs, foreign), opts);
    if (alt.outcome !== main.outcome)
      main.mayInstead = [
        {
          because: `constraints of the other kind (${foreign.join(', ')}) ignored as "does not apply for this type of object"`,
          judgement: alt,
        },
      ];
  }
  return main;
}
