// The shape of what getSettings() and getCapabilities() return, judged against mediacapture-main's IDL: member types,
// settings inside their capabilities, and a device's capabilities against its track's. Pure: the checks in
// tests/constraints-apply.spec.ts feed it what the page reported.
import { PROPERTIES } from '../oracle';

export type Kind = 'audio' | 'video';

type IdlSetting = 'long' | 'double' | 'string' | 'boolean' | 'booleanOrString';
/** MediaTrackSettings member types (mediacapture-main). */
const SETTING_TYPES: Record<string, IdlSetting> = {
  width: 'long',
  height: 'long',
  aspectRatio: 'double',
  frameRate: 'double',
  facingMode: 'string',
  resizeMode: 'string',
  sampleRate: 'long',
  sampleSize: 'long',
  echoCancellation: 'booleanOrString',
  autoGainControl: 'boolean',
  noiseSuppression: 'boolean',
  latency: 'double',
  channelCount: 'long',
  deviceId: 'string',
  groupId: 'string',
  backgroundBlur: 'boolean',
};
type IdlCap = 'ulongRange' | 'doubleRange' | 'strings' | 'booleans' | 'booleanOrStrings' | 'string';
/** MediaTrackCapabilities member types (mediacapture-main). */
const CAP_TYPES: Record<string, IdlCap> = {
  width: 'ulongRange',
  height: 'ulongRange',
  aspectRatio: 'doubleRange',
  frameRate: 'doubleRange',
  facingMode: 'strings',
  resizeMode: 'strings',
  sampleRate: 'ulongRange',
  sampleSize: 'ulongRange',
  echoCancellation: 'booleanOrStrings',
  autoGainControl: 'booleans',
  noiseSuppression: 'booleans',
  latency: 'doubleRange',
  channelCount: 'ulongRange',
  deviceId: 'string',
  groupId: 'string',
  backgroundBlur: 'booleans',
};
const ENUMS: Record<string, string[]> = { facingMode: ['user', 'environment', 'left', 'right'], resizeMode: ['none', 'crop-and-scale'] };
export const definedFor = (name: string, kind: Kind): boolean => name in SETTING_TYPES && (PROPERTIES[name]?.kinds.includes(kind) ?? false);

function settingProblem(name: string, v: unknown): string | undefined {
  const t = SETTING_TYPES[name];
  const ok =
    t === 'long'
      ? Number.isInteger(v)
      : t === 'double'
        ? typeof v === 'number' && Number.isFinite(v)
        : t === 'string'
          ? typeof v === 'string' && (!ENUMS[name] || ENUMS[name].includes(v))
          : t === 'boolean'
            ? typeof v === 'boolean'
            : typeof v === 'boolean' || typeof v === 'string';
  return ok ? undefined : `${name} ${JSON.stringify(v)} is not a ${t}${ENUMS[name] ? ` of ${ENUMS[name].join('|')}` : ''}`;
}

function capabilityProblem(name: string, v: unknown): string | undefined {
  const t = CAP_TYPES[name];
  const isRange = typeof v === 'object' && v !== null && !Array.isArray(v);
  const range = v as { min?: unknown; max?: unknown };
  const num = (x: unknown): boolean =>
    x === undefined || (t === 'ulongRange' ? Number.isInteger(x) && (x as number) >= 0 : typeof x === 'number' && Number.isFinite(x));
  let ok: boolean;
  if (t === 'ulongRange' || t === 'doubleRange') {
    ok =
      isRange &&
      num(range.min) &&
      num(range.max) &&
      !(typeof range.min === 'number' && typeof range.max === 'number' && range.min > range.max);
  } else if (t === 'string') ok = typeof v === 'string';
  else if (!Array.isArray(v)) ok = false;
  else if (t === 'strings') ok = v.every((x) => typeof x === 'string' && (!ENUMS[name] || ENUMS[name].includes(x)));
  else if (t === 'booleans') ok = v.every((x) => typeof x === 'boolean');
  else ok = v.every((x) => typeof x === 'boolean' || typeof x === 'string');
  return ok
    ? undefined
    : `${name} ${JSON.stringify(v)} is not a ${t === 'ulongRange' ? 'ULongRange' : t === 'doubleRange' ? 'DoubleRange (min <= max)' : t === 'string' ? 'DOMString' : `sequence (${t})`}`;
}

/** Is the setting a member of the set getCapabilities() gives for it? */
function withinCapability(setting: unknown, cap: unknown): boolean {
  if (typeof cap === 'string') return setting === cap;
  if (Array.isArray(cap)) return cap.includes(setting);
  if (typeof cap === 'object' && cap !== null && typeof setting === 'number') {
    const { min, max } = cap as { min?: number; max?: number };
    return (min === undefined || setting >= min - 1e-9) && (max === undefined || setting <= max + 1e-9);
  }
  return false;
}

/** The members of a settings or capabilities object that mediacapture-main defines for the kind, and their problems. */
function memberProblems(obj: object, kind: Kind, problemOf: (name: string, value: unknown) => string | undefined | null) {
  const members = Object.entries(obj).filter(([n]) => definedFor(n, kind));
  return { count: members.length, problems: members.map(([n, v]) => problemOf(n, v)).filter((x): x is string => !!x) };
}

/** getSettings() members of a track: each of its IDL type; deviceId and groupId present. */
export function settingsProblems(settings: Record<string, unknown>, kind: Kind): { count: number; problems: string[] } {
  const r = memberProblems(settings, kind, settingProblem);
  for (const n of ['deviceId', 'groupId']) if (!(n in settings)) r.problems.push(`${n} missing`);
  return r;
}

/** getCapabilities() members of a track: each of its IDL type (ranges with min <= max). */
export function capabilitiesProblems(caps: Record<string, unknown>, kind: Kind): { count: number; problems: string[] } {
  return memberProblems(caps, kind, capabilityProblem);
}

/** Capabilities without a setting, and settings outside their capability. */
export function settingsOutsideCapabilities(settings: Record<string, unknown>, caps: Record<string, unknown>, kind: Kind): string[] {
  const problems: string[] = [];
  for (const [n, cap] of Object.entries(caps)) {
    // An empty list offers no value a setting could take, so its key cannot be required in the settings.
    if (!definedFor(n, kind) || (Array.isArray(cap) && cap.length === 0)) continue;
    if (!(n in settings)) problems.push(`${n} has a capability but no setting`);
    else if (!withinCapability(settings[n], cap))
      problems.push(
        n === 'deviceId' || n === 'groupId'
          ? `${n} setting differs from its capability`
          : `${n} ${JSON.stringify(settings[n])} outside ${JSON.stringify(cap)}`,
      );
  }
  return problems;
}

/** Where a device's capabilities (InputDeviceInfo) and its track's differ, mediacapture-main members only; ids not shown. */
export function capabilityDifferences(
  fromDevice: Record<string, unknown>,
  fromTrack: Record<string, unknown> | null,
  kind: Kind,
): string[] {
  const differ: string[] = [];
  // mediacapture-main's members only: other specs (mediacapture-image) extend the dictionary on their own terms.
  const names = [...new Set([...Object.keys(fromDevice), ...Object.keys(fromTrack ?? {})])].filter((x) => definedFor(x, kind)).sort();
  for (const n of names) {
    const a = fromDevice[n];
    const b = fromTrack?.[n];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (n === 'deviceId' || n === 'groupId') differ.push(`${n} differs`);
    else differ.push(`${n}: device ${JSON.stringify(a) ?? 'absent'}, track ${JSON.stringify(b) ?? 'absent'}`);
  }
  return differ;
}
