// Fitness distance of one settings dictionary for one constraint set.
//
// Spec: Constrainable Pattern, "applyConstraints" > definitions before the SelectSettings algorithm:
// "We define the fitness distance between a settings dictionary and a constraint set CS as the sum, for
// each member (represented by a constraintName and constraintValue pair) which exists in CS, of the
// following values" — the rules below are applied in exactly the spec's order, first match wins.

import {
  type Constraint,
  type ConstraintValue,
  DEFAULT_SUPPORTED,
  type Kind,
  type MediaTrackConstraintSetInput,
  type NormalizedSet,
  appliesTo,
  describeConstraint,
  idealOf,
  isExistenceBoolean,
  isNumericType,
  isRequired,
  normalizeConstraintSet,
} from './constraints';

export type SettingValue = number | string | boolean;
/** A MediaTrackSettings dictionary as plain data (what track.getSettings() returns). */
export type Settings = Readonly<Record<string, SettingValue | undefined>>;

export interface FitnessContext {
  /** Kind of the track the settings belong to; without it every property counts as applicable. */
  kind?: Kind;
  /** True inside an `advanced` set: bare values are exact there, ideal outside. */
  inAdvanced?: boolean;
  /** Names the UA supports (getSupportedConstraints()); others score 0. Defaults to mediacapture-main's. */
  supported?: readonly string[];
}

/**
 * Relative tolerance for comparing doubles (aspectRatio, frameRate, latency). The spec gives aspectRatio
 * settings "rounded to the tenth decimal place", so 16/9 is reported as 1.7777777778 and must still
 * equal an exact 16/9; 1e-9 relative covers that and nothing a page could mean as a different value.
 */
export const DOUBLE_TOLERANCE = 1e-9;

export const nearlyEqual = (a: number, b: number): boolean =>
  a === b || Math.abs(a - b) <= DOUBLE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

/** Spec: "(actual == ideal) ? 0 : |actual - ideal| / max(|actual|, |ideal|)". */
export function numericDistance(actual: number, ideal: number): number {
  if (actual === ideal) return 0;
  return Math.abs(actual - ideal) / Math.max(Math.abs(actual), Math.abs(ideal));
}

const numbersEqual = (c: Constraint, a: number, b: number): boolean => (c.type === 'ulong' ? a === b : nearlyEqual(a, b));

/** Spec: "For string valued constraints, we define == below to be true if one of the values in the sequence is exactly the same". */
function valueMatches(c: Constraint, expected: ConstraintValue, actual: SettingValue): boolean {
  if (Array.isArray(expected)) return typeof actual === 'string' && expected.includes(actual);
  if (typeof expected === 'number') return typeof actual === 'number' && numbersEqual(c, actual, expected);
  return actual === expected;
}

/** Does `actual` satisfy the required part (min / max / exact, and a bare value inside `advanced`)? */
export function satisfiesRequired(c: Constraint, actual: SettingValue | undefined, inAdvanced: boolean): boolean {
  if (actual === undefined) return false;
  if (c.min !== undefined || c.max !== undefined) {
    if (typeof actual !== 'number') return false;
    if (c.min !== undefined && actual < c.min && !numbersEqual(c, actual, c.min)) return false;
    if (c.max !== undefined && actual > c.max && !numbersEqual(c, actual, c.max)) return false;
  }
  if (c.exact !== undefined && !valueMatches(c, c.exact, actual)) return false;
  if (inAdvanced && c.bare !== undefined && !isExistenceBoolean(c) && !valueMatches(c, c.bare, actual)) return false;
  return true;
}

/** Which spec rule decided a constraint's term (for explanations in reports). */
export type FitnessRule =
  'unsupported' | 'required-unsatisfied' | 'not-applicable' | 'boolean-existence' | 'missing-setting' | 'no-ideal' | 'numeric' | 'discrete';

export interface FitnessTerm {
  name: string;
  constraint: string;
  actual: SettingValue | undefined;
  distance: number;
  rule: FitnessRule;
}

/** The term one constraint contributes, with the rule that decided it. */
export function constraintTerm(c: Constraint, settings: Settings, ctx: FitnessContext = {}): FitnessTerm {
  const inAdvanced = ctx.inAdvanced ?? false;
  const supported = ctx.supported ?? DEFAULT_SUPPORTED;
  const actual = settings[c.name];
  const term = (distance: number, rule: FitnessRule): FitnessTerm => ({
    name: c.name,
    constraint: describeConstraint(c),
    actual,
    distance,
    rule,
  });

  // 1. "If constraintName is not supported by the User Agent, the fitness distance is 0."
  if (!supported.includes(c.name)) return term(0, 'unsupported');
  // 2. "If the constraint is required ... and the settings dictionary's constraintName member's value does
  //    not satisfy the constraint or doesn't exist, the fitness distance is positive infinity."
  if (isRequired(c, inAdvanced) && !satisfiesRequired(c, actual, inAdvanced)) return term(Infinity, 'required-unsatisfied');
  // 3. "If the constraint does not apply for this type of object, the fitness distance is 0."
  if (ctx.kind !== undefined && !appliesTo(c.name, ctx.kind)) return term(0, 'not-applicable');
  // 4. "If constraintValue is a boolean, but the constrainable property is not ... (constraintValue == exists) ? 0 : 1"
  if (isExistenceBoolean(c)) return term(c.bare === (actual !== undefined) ? 0 : 1, 'boolean-existence');
  // 5. "If the settings dictionary's constraintName member does not exist, the fitness distance is 1."
  if (actual === undefined) return term(1, 'missing-setting');
  // 6. "If no ideal value is specified ... the fitness distance is 0."
  const ideal = idealOf(c, inAdvanced);
  if (ideal === undefined) return term(0, 'no-ideal');
  // 7. Numeric: "(actual == ideal) ? 0 : |actual - ideal| / max(|actual|, |ideal|)".
  if (isNumericType(c.type) && typeof ideal === 'number') {
    if (typeof actual !== 'number') return term(1, 'numeric');
    return term(numbersEqual(c, actual, ideal) ? 0 : numericDistance(actual, ideal), 'numeric');
  }
  // 8. String, enum and boolean: "(actual == ideal) ? 0 : 1".
  return term(valueMatches(c, ideal, actual) ? 0 : 1, 'discrete');
}

export const constraintDistance = (c: Constraint, settings: Settings, ctx: FitnessContext = {}): number =>
  constraintTerm(c, settings, ctx).distance;

const asNormalized = (set: NormalizedSet | MediaTrackConstraintSetInput, ctx: FitnessContext): NormalizedSet =>
  Array.isArray(set) ? (set as NormalizedSet) : normalizeConstraintSet(set, ctx.supported ?? DEFAULT_SUPPORTED);

export interface FitnessExplanation {
  distance: number;
  terms: FitnessTerm[];
}

/** Fitness distance with the term of every constraint. Plain-data sets are converted as WebIDL would first. */
export function explainFitness(
  settings: Settings,
  set: NormalizedSet | MediaTrackConstraintSetInput,
  ctx: FitnessContext = {},
): FitnessExplanation {
  const terms = asNormalized(set, ctx).map((c) => constraintTerm(c, settings, ctx));
  return { distance: terms.reduce((sum, t) => sum + t.distance, 0), terms };
}

/** The spec's fitness distance between a settings dictionary and one constraint set. */
export function fitnessDistance(settings: Settings, set: NormalizedSet | MediaTrackConstraintSetInput, ctx: FitnessContext = {}): number {
  let sum = 0;
  for (const c of asNormalized(set, ctx)) {
    sum += constraintDistance(c, settings, ctx);
    if (sum === Infinity) return Infinity;
  }
  return sum;
}

/** Spec: a settings dictionary "satisfies ConstraintSet CS if the fitness distance between the set and CS is less than infinity". */
export const satisfies = (settings: Settings, set: NormalizedSet | MediaTrackConstraintSetInput, ctx: FitnessContext = {}): boolean =>
  fitnessDistance(settings, set, ctx) < Infinity;
