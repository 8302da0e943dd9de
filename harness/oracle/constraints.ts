// Constraints as plain data, and their conversion the way WebIDL converts them before getUserMedia()
// or applyConstraints() run a single step.
// (Over 350 lines on purpose: one WebIDL conversion per constraint type, kept beside each other as the spec lists them.)
//
// Spec: W3C Media Capture and Streams (editor's draft), sections "MediaTrackConstraints",
// "MediaTrackConstraintSet", "Constraint Types", "MediaStreamConstraints", "Constrainable Properties",
// "getUserMedia" method steps, and "allowed required constraints for device selection".
// WebIDL: union / dictionary / sequence / [Clamp] unsigned long / restricted double conversions.

export type Kind = 'audio' | 'video';
export type DeviceKind = 'audioinput' | 'videoinput';

export const kindOfDevice = (deviceKind: DeviceKind): Kind => (deviceKind === 'audioinput' ? 'audio' : 'video');

// ------------------------------------------------------------------ plain-data input types

/** ConstrainULongRange / ConstrainDoubleRange as written by a page. */
export interface NumericRangeInput {
  min?: number;
  max?: number;
  exact?: number;
  ideal?: number;
}
export type ConstrainULongInput = number | NumericRangeInput;
export type ConstrainDoubleInput = number | NumericRangeInput;
export type ConstrainBooleanInput = boolean | { exact?: boolean; ideal?: boolean };
export type ConstrainDOMStringInput = string | string[] | { exact?: string | string[]; ideal?: string | string[] };
export type ConstrainBooleanOrDOMStringInput = boolean | string | { exact?: boolean | string; ideal?: boolean | string };

/**
 * MediaTrackConstraintSet as plain data. Unknown names are allowed (and dropped on conversion, as WebIDL
 * drops dictionary members it does not know).
 */
export interface MediaTrackConstraintSetInput {
  width?: ConstrainULongInput;
  height?: ConstrainULongInput;
  aspectRatio?: ConstrainDoubleInput;
  frameRate?: ConstrainDoubleInput;
  facingMode?: ConstrainDOMStringInput;
  resizeMode?: ConstrainDOMStringInput;
  sampleRate?: ConstrainULongInput;
  sampleSize?: ConstrainULongInput;
  echoCancellation?: ConstrainBooleanOrDOMStringInput;
  autoGainControl?: ConstrainBooleanInput;
  noiseSuppression?: ConstrainBooleanInput;
  latency?: ConstrainDoubleInput;
  channelCount?: ConstrainULongInput;
  deviceId?: ConstrainDOMStringInput;
  groupId?: ConstrainDOMStringInput;
  backgroundBlur?: ConstrainBooleanInput;
  [otherName: string]: unknown;
}

export interface MediaTrackConstraintsInput extends MediaTrackConstraintSetInput {
  advanced?: MediaTrackConstraintSetInput[];
}

/** MediaStreamConstraints as plain data: the argument of getUserMedia(). */
export interface MediaStreamConstraintsInput {
  audio?: boolean | MediaTrackConstraintsInput;
  video?: boolean | MediaTrackConstraintsInput;
  [otherMember: string]: unknown;
}
/** The name the fuzzer and the checks use for a getUserMedia() argument. */
export type ConstraintsObject = MediaStreamConstraintsInput;

// ------------------------------------------------------------------ the catalogue of constrainable properties

/**
 * IDL type of a constraint:
 * ulong = ConstrainULong, double = ConstrainDouble, string = ConstrainDOMString, boolean = ConstrainBoolean,
 * booleanOrString = ConstrainBooleanOrDOMString (echoCancellation),
 * booleanOrDouble = (boolean or ConstrainDouble) (pan/tilt/zoom in mediacapture-image).
 */
export type ValueType = 'ulong' | 'double' | 'string' | 'boolean' | 'booleanOrString' | 'booleanOrDouble';

export interface PropertyInfo {
  name: string;
  type: ValueType;
  /** Track kinds the property is "defined for" (spec: "Constrainable Properties" tables). */
  kinds: readonly Kind[];
  spec: 'mediacapture-main' | 'mediacapture-image';
}

const prop = (name: string, type: ValueType, kinds: readonly Kind[], spec: PropertyInfo['spec'] = 'mediacapture-main'): PropertyInfo => ({
  name,
  type,
  kinds,
  spec,
});
const BOTH: readonly Kind[] = ['audio', 'video'];
const VIDEO: readonly Kind[] = ['video'];
const AUDIO: readonly Kind[] = ['audio'];

/**
 * Every property the oracle knows. mediacapture-main's MediaTrackConstraintSet, plus the video properties of
 * mediacapture-image, which Chromium lists in getSupportedConstraints(): they matter because a *required*
 * one in getUserMedia() is outside the allowed list, hence a TypeError. (pointsOfInterest is left out: its
 * ConstrainPoint2D type has no distance model here.)
 */
export const PROPERTIES: Readonly<Record<string, PropertyInfo>> = Object.freeze(
  Object.fromEntries(
    [
      prop('width', 'ulong', VIDEO),
      prop('height', 'ulong', VIDEO),
      prop('aspectRatio', 'double', VIDEO),
      prop('frameRate', 'double', VIDEO),
      prop('facingMode', 'string', VIDEO),
      prop('resizeMode', 'string', VIDEO),
      prop('sampleRate', 'ulong', AUDIO),
      prop('sampleSize', 'ulong', AUDIO),
      prop('echoCancellation', 'booleanOrString', AUDIO),
      prop('autoGainControl', 'boolean', AUDIO),
      prop('noiseSuppression', 'boolean', AUDIO),
      prop('latency', 'double', AUDIO),
      prop('channelCount', 'ulong', AUDIO),
      prop('deviceId', 'string', BOTH),
      prop('groupId', 'string', BOTH),
      prop('backgroundBlur', 'boolean', VIDEO),
      prop('whiteBalanceMode', 'string', VIDEO, 'mediacapture-image'),
      prop('exposureMode', 'string', VIDEO, 'mediacapture-image'),
      prop('focusMode', 'string', VIDEO, 'mediacapture-image'),
      prop('exposureCompensation', 'double', VIDEO, 'mediacapture-image'),
      prop('exposureTime', 'double', VIDEO, 'mediacapture-image'),
      prop('colorTemperature', 'double', VIDEO, 'mediacapture-image'),
      prop('iso', 'double', VIDEO, 'mediacapture-image'),
      prop('brightness', 'double', VIDEO, 'mediacapture-image'),
      prop('contrast', 'double', VIDEO, 'mediacapture-image'),
      prop('saturation', 'double', VIDEO, 'mediacapture-image'),
      prop('sharpness', 'double', VIDEO, 'mediacapture-image'),
      prop('focusDistance', 'double', VIDEO, 'mediacapture-image'),
      prop('pan', 'booleanOrDouble', VIDEO, 'mediacapture-image'),
      prop('tilt', 'booleanOrDouble', VIDEO, 'mediacapture-image'),
      prop('zoom', 'booleanOrDouble', VIDEO, 'mediacapture-image'),
      prop('torch', 'boolean', VIDEO, 'mediacapture-image'),
    ].map((p) => [p.name, p]),
  ),
);

/**
 * The constraint names that take part in device selection for each kind (the spec's property tables for
 * mediacapture-main, without backgroundBlur, which has no device-selection role).
 */
export const APPLICABLE_NAMES: Readonly<Record<Kind, readonly string[]>> = Object.freeze({
  video: ['width', 'height', 'aspectRatio', 'frameRate', 'facingMode', 'resizeMode', 'deviceId', 'groupId'],
  audio: [
    'sampleRate',
    'sampleSize',
    'echoCancellation',
    'autoGainControl',
    'noiseSuppression',
    'latency',
    'channelCount',
    'deviceId',
    'groupId',
  ],
});

/** Spec: "The allowed required constraints for device selection contains the following constraint names". */
export const ALLOWED_REQUIRED_FOR_DEVICE_SELECTION: readonly string[] = Object.freeze([
  'width',
  'height',
  'aspectRatio',
  'frameRate',
  'facingMode',
  'resizeMode',
  'sampleRate',
  'sampleSize',
  'echoCancellation',
  'autoGainControl',
  'noiseSuppression',
  'latency',
  'channelCount',
  'deviceId',
  'groupId',
]);

/**
 * What the oracle assumes getSupportedConstraints() returns when the caller does not say: everything in
 * mediacapture-main's MediaTrackSupportedConstraints (the 15 above plus backgroundBlur).
 */
export const DEFAULT_SUPPORTED: readonly string[] = Object.freeze([...ALLOWED_REQUIRED_FOR_DEVICE_SELECTION, 'backgroundBlur']);

/** Spec "Constrainable Properties": is the property defined for tracks of this kind? */
export const appliesTo = (name: string, kind: Kind): boolean => PROPERTIES[name]?.kinds.includes(kind) ?? false;

export const isNumericType = (t: ValueType): boolean => t === 'ulong' || t === 'double' || t === 'booleanOrDouble';

// ------------------------------------------------------------------ normalised constraints

export type Scalar = number | string | boolean;
/** A constraint value after WebIDL conversion; string types always hold lists (a disjunction). */
export type ConstraintValue = Scalar | readonly string[];

/**
 * One constraint (spec: "each of those property/value pairs can be considered to be an individual
 * constraint"), after WebIDL conversion. `bare` is a value written without a dictionary: it is an ideal in
 * the basic set and an exact value inside `advanced` (spec, fitness distance and SelectSettings).
 */
export interface Constraint {
  name: string;
  type: ValueType;
  bare?: ConstraintValue;
  exact?: ConstraintValue;
  ideal?: ConstraintValue;
  min?: number;
  max?: number;
}
export type NormalizedSet = readonly Constraint[];
export interface NormalizedConstraints {
  basic: NormalizedSet;
  advanced: readonly NormalizedSet[];
}
export const EMPTY_CONSTRAINTS: NormalizedConstraints = Object.freeze({ basic: [], advanced: [] });

/**
 * Spec "Constraints": required = has min, max or exact, or is a bare value inside an advanced set.
 * A boolean written for a non-boolean property (e.g. `pan: true`) asks only for the property to exist
 * (fitness distance rule 4) and is never treated as required.
 */
export function isRequired(c: Constraint, inAdvanced: boolean): boolean {
  if (c.min !== undefined || c.max !== undefined || c.exact !== undefined) return true;
  if (!inAdvanced || c.bare === undefined) return false;
  return !isExistenceBoolean(c);
}

/** The ideal the fitness distance uses: `ideal`, or a bare value outside `advanced`. */
export function idealOf(c: Constraint, inAdvanced: boolean): ConstraintValue | undefined {
  if (c.ideal !== undefined) return c.ideal;
  return inAdvanced ? undefined : c.bare;
}

/** Spec fitness distance: "If constraintValue is a boolean, but the constrainable property is not". */
export const isExistenceBoolean = (c: Constraint): boolean =>
  typeof c.bare === 'boolean' && c.type !== 'boolean' && c.type !== 'booleanOrString';

// ------------------------------------------------------------------ WebIDL conversion

/** A conversion that WebIDL (or a getUserMedia step) answers with a TypeError. */
export class ConstraintTypeError extends Error {
  override readonly name = 'TypeError';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${path}: ${message}`);
  }
}

const isObject = (v: unknown): v is object => (typeof v === 'object' && v !== null) || typeof v === 'function';
const isIterable = (v: object): boolean => typeof (v as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';

/** ECMAScript ToNumber for the values plain data can hold (Symbol and BigInt throw, as in JS). */
function toNumber(v: unknown, path: string): number {
  if (typeof v === 'symbol' || typeof v === 'bigint') throw new ConstraintTypeError(`cannot convert a ${typeof v} to a number`, path);
  return Number(v);
}

/** WebIDL [Clamp] unsigned long: NaN -> 0, clamp to [0, 2^32-1], round half to even. */
export function toClampedULong(v: unknown, path: string): number {
  const x = toNumber(v, path);
  if (Number.isNaN(x)) return 0;
  const clamped = Math.min(Math.max(x, 0), 4294967295);
  const floor = Math.floor(clamped);
  const frac = clamped - floor;
  if (frac > 0.5) return floor + 1;
  if (frac < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** WebIDL double (restricted): NaN and infinities are a TypeError. */
export function toRestrictedDouble(v: unknown, path: string): number {
  const x = toNumber(v, path);
  if (!Number.isFinite(x)) throw new ConstraintTypeError(`${String(x)} is not a finite double`, path);
  return x;
}

function toDOMString(v: unknown, path: string): string {
  if (typeof v === 'symbol') throw new ConstraintTypeError('cannot convert a Symbol to a string', path);
  return String(v);
}

function toStringList(v: object, path: string): string[] {
  return Array.from(v as Iterable<unknown>, (item, i) => toDOMString(item, `${path}[${i}]`));
}

/** (DOMString or sequence<DOMString>) as used by ConstrainDOMStringParameters.exact/ideal. */
function toStringOrList(v: unknown, path: string): string[] {
  if (isObject(v) && isIterable(v)) return toStringList(v, path);
  // Not iterable: the union has no dictionary, so WebIDL falls through to ToString ("[object Object]").
  return [toDOMString(v, path)];
}

/** Reads a dictionary member: absent and undefined are the same (WebIDL dictionary conversion). */
function member(dict: object, key: string): unknown {
  return (dict as Record<string, unknown>)[key];
}

type Draft = Omit<Constraint, 'name' | 'type'>;

function convertNumeric(v: unknown, type: 'ulong' | 'double' | 'booleanOrDouble', path: string): Draft {
  const scalar = type === 'ulong' ? toClampedULong : toRestrictedDouble;
  // Union conversion: null/undefined and objects become the range dictionary.
  if (v === null || isObject(v)) {
    const d: Draft = {};
    if (v === null) return d;
    for (const key of ['exact', 'ideal', 'max', 'min'] as const) {
      const m = member(v, key);
      if (m !== undefined) d[key] = scalar(m, `${path}.${key}`);
    }
    return d;
  }
  if (type === 'booleanOrDouble' && typeof v === 'boolean') return { bare: v };
  return { bare: scalar(v, path) };
}

function convertString(v: unknown, path: string): Draft {
  if (v === null) return {};
  if (isObject(v) && isIterable(v)) return { bare: toStringList(v, path) };
  if (isObject(v)) {
    const d: Draft = {};
    for (const key of ['exact', 'ideal'] as const) {
      const m = member(v, key);
      if (m !== undefined) d[key] = toStringOrList(m, `${path}.${key}`);
    }
    return d;
  }
  return { bare: [toDOMString(v, path)] };
}

function convertBoolean(v: unknown): Draft {
  if (v === null) return {};
  if (isObject(v)) {
    const d: Draft = {};
    for (const key of ['exact', 'ideal'] as const) {
      const m = member(v, key);
      if (m !== undefined) d[key] = Boolean(m);
    }
    return d;
  }
  return { bare: Boolean(v) };
}

/** (boolean or DOMString or ConstrainBooleanOrDOMStringParameters): booleans stay booleans, the rest become strings. */
function convertBooleanOrString(v: unknown, path: string): Draft {
  const scalar = (x: unknown, p: string): boolean | string => (typeof x === 'boolean' ? x : toDOMString(x, p));
  if (v === null) return {};
  if (isObject(v)) {
    const d: Draft = {};
    for (const key of ['exact', 'ideal'] as const) {
      const m = member(v, key);
      if (m !== undefined) d[key] = scalar(m, `${path}.${key}`);
    }
    return d;
  }
  return { bare: scalar(v, path) };
}

/**
 * Spec SelectSettings step 1: "If an empty list has been given as the value for a constraint, it MUST be
 * interpreted as if the constraint were not specified (in other words, an empty constraint == no constraint)".
 * Empty lists are dropped member by member; a constraint left with no member is dropped.
 */
function dropEmpty(d: Draft): Draft | undefined {
  const out: Draft = {};
  for (const key of ['bare', 'exact', 'ideal', 'min', 'max'] as const) {
    const v = d[key];
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    (out as Record<string, unknown>)[key] = v;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Converts one member of a MediaTrackConstraintSet. Returns undefined for "no constraint". */
export function normalizeConstraint(name: string, value: unknown, path = name): Constraint | undefined {
  const info = PROPERTIES[name];
  if (!info || value === undefined) return undefined;
  let draft: Draft;
  switch (info.type) {
    case 'ulong':
    case 'double':
    case 'booleanOrDouble':
      draft = convertNumeric(value, info.type, path);
      break;
    case 'string':
      draft = convertString(value, path);
      break;
    case 'boolean':
      draft = convertBoolean(value);
      break;
    case 'booleanOrString':
      draft = convertBooleanOrString(value, path);
      break;
  }
  const kept = dropEmpty(draft);
  return kept && { name, type: info.type, ...kept };
}

/**
 * WebIDL dictionary conversion of a MediaTrackConstraintSet. Members the UA does not support are not part
 * of its IDL dictionary and are silently dropped (spec: "WebIDL drops any unsupported names").
 * Members are read in lexicographic order, as WebIDL does.
 */
export function normalizeConstraintSet(
  value: unknown,
  supported: readonly string[] = DEFAULT_SUPPORTED,
  path = 'constraints',
): Constraint[] {
  if (value === undefined || value === null) return [];
  if (!isObject(value)) throw new ConstraintTypeError('a constraint set must be an object', path);
  const out: Constraint[] = [];
  for (const name of [...supported].filter((n) => PROPERTIES[n]).sort()) {
    const c = normalizeConstraint(name, member(value, name), `${path}.${name}`);
    if (c) out.push(c);
  }
  return out;
}

/** WebIDL conversion of MediaTrackConstraints (a constraint set plus `advanced`, a sequence of sets). */
export function normalizeTrackConstraints(
  value: unknown,
  supported: readonly string[] = DEFAULT_SUPPORTED,
  path = 'constraints',
): NormalizedConstraints {
  if (value === undefined || value === null) return { basic: [], advanced: [] };
  if (!isObject(value)) throw new ConstraintTypeError('MediaTrackConstraints must be an object', path);
  const rawAdvanced = member(value, 'advanced');
  let advanced: Constraint[][] = [];
  if (rawAdvanced !== undefined) {
    if (!isObject(rawAdvanced) || !isIterable(rawAdvanced)) {
      throw new ConstraintTypeError('advanced must be a sequence of constraint sets', `${path}.advanced`);
    }
    advanced = Array.from(rawAdvanced as Iterable<unknown>, (set, i) => normalizeConstraintSet(set, supported, `${path}.advanced[${i}]`));
  }
  return { basic: normalizeConstraintSet(value, supported, path), advanced };
}

export type RequestMember = { requested: false } | { requested: true; constraints: NormalizedConstraints };

/**
 * WebIDL conversion of one MediaStreamConstraints member, (boolean or MediaTrackConstraints) with default
 * false: absent/undefined -> false; null or any object -> dictionary (so `video: null` requests video);
 * anything else -> ToBoolean (so `video: 1` requests video, `video: ''` does not).
 * Spec getUserMedia step "If the value of the kind entry of constraints is true, set CS to the empty
 * constraint set".
 */
export function normalizeRequestMember(value: unknown, supported: readonly string[] = DEFAULT_SUPPORTED, path = 'member'): RequestMember {
  if (value === undefined) return { requested: false };
  if (value === null || isObject(value)) return { requested: true, constraints: normalizeTrackConstraints(value, supported, path) };
  return value ? { requested: true, constraints: EMPTY_CONSTRAINTS } : { requested: false };
}

export interface ParsedRequest {
  /** In the order getUserMedia iterates them: WebIDL dictionary members are ordered, "audio" before "video". */
  kinds: Kind[];
  constraints: Partial<Record<Kind, NormalizedConstraints>>;
}

/** WebIDL conversion of the getUserMedia() argument (optional MediaStreamConstraints constraints = {}). */
export function parseMediaStreamConstraints(request: unknown, supported: readonly string[] = DEFAULT_SUPPORTED): ParsedRequest {
  if (request !== undefined && request !== null && !isObject(request)) {
    throw new ConstraintTypeError('MediaStreamConstraints must be an object', 'constraints');
  }
  const parsed: ParsedRequest = { kinds: [], constraints: {} };
  for (const kind of ['audio', 'video'] as const) {
    const raw = request === undefined || request === null ? undefined : member(request, kind);
    const m = normalizeRequestMember(raw, supported, kind);
    if (m.requested) {
      parsed.kinds.push(kind);
      parsed.constraints[kind] = m.constraints;
    }
  }
  return parsed;
}

/**
 * Spec getUserMedia: "Remove any constrainable property inside of CS that are not defined for
 * MediaStreamTrack objects of type kind" (cross-kind constraints are ignored, not errors).
 */
export function forKind(c: NormalizedConstraints, kind: Kind): NormalizedConstraints {
  const keep = (set: NormalizedSet): Constraint[] => set.filter((x) => appliesTo(x.name, kind));
  return { basic: keep(c.basic), advanced: c.advanced.map(keep) };
}

/**
 * Spec getUserMedia: "If CS contains a member that is a required constraint and whose name is not in the
 * list of allowed required constraints for device selection, then reject p with a TypeError".
 * "Required constraints are all non-advanced constraints that are required", so only the basic set counts.
 */
export function disallowedRequired(c: NormalizedConstraints): string[] {
  return c.basic.filter((x) => isRequired(x, false) && !ALLOWED_REQUIRED_FOR_DEVICE_SELECTION.includes(x.name)).map((x) => x.name);
}

export type RequestValidation = { ok: true; parsed: ParsedRequest } | { ok: false; error: 'TypeError'; reason: string; kind?: Kind };

/**
 * Every reason a getUserMedia() argument is a TypeError, in spec order: WebIDL conversion, no requested
 * kind, then (per kind, after cross-kind removal) a required constraint outside the allowed list.
 * Note: the last one is reached only when the kind has at least one device (NotFoundError comes first);
 * judge() applies that order.
 */
export function validateRequest(request: unknown, supported: readonly string[] = DEFAULT_SUPPORTED): RequestValidation {
  let parsed: ParsedRequest;
  try {
    parsed = parseMediaStreamConstraints(request, supported);
  } catch (e) {
    if (e instanceof ConstraintTypeError) return { ok: false, error: 'TypeError', reason: e.message };
    throw e;
  }
  if (parsed.kinds.length === 0) return { ok: false, error: 'TypeError', reason: 'no media type requested (requestedMediaTypes is empty)' };
  for (const kind of parsed.kinds) {
    const bad = disallowedRequired(forKind(parsed.constraints[kind] ?? EMPTY_CONSTRAINTS, kind));
    if (bad.length > 0) {
      return {
        ok: false,
        error: 'TypeError',
        kind,
        reason: `required constraint(s) ${bad.join(', ')} not in the allowed required constraints for device selection`,
      };
    }
  }
  return { ok: true, parsed };
}

/** Removes the named constraints everywhere (basic and advanced). */
export function withoutNames(c: NormalizedConstraints, names: readonly string[]): NormalizedConstraints {
  const keep = (set: NormalizedSet): Constraint[] => set.filter((x) => !names.includes(x.name));
  return { basic: keep(c.basic), advanced: c.advanced.map(keep) };
}

/** Human-readable form of a constraint, for messages. */
export function describeConstraint(c: Constraint): string {
  const parts: string[] = [];
  for (const key of ['bare', 'exact', 'ideal', 'min', 'max'] as const) {
    const v = c[key];
    if (v !== undefined) parts.push(key === 'bare' ? JSON.stringify(v) : `${key}: ${JSON.stringify(v)}`);
  }
  return `${c.name} ${parts.length === 1 && c.bare !== undefined ? parts[0] : `{${parts.join(', ')}}`}`;
}
