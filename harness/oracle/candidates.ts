// What settings a device can be put in: the "possible settings dictionaries" that SelectSettings ranges over.
//
// Spec: getUserMedia "For each possible configuration of each possible source device ... conceive a
// candidate"; MediaStreamTrack applyConstraints "For every settings dictionary with resizeMode set to
// 'none', the User Agent MUST include another otherwise identical settings dictionary with resizeMode set
// to 'crop-and-scale'"; width/height "The User Agent MUST support downsampling to any value between the min
// width range value and the native resolution width"; frameRate "MUST support frame rates obtained from
// integral decimation"; VideoResizeModeEnum "crop-and-scale: This resolution is downscaled and/or cropped
// from a higher camera resolution ... or its frame rate is decimated".
//
// MODELLING CHOICES (read these before trusting a verdict)
// 1. A device's candidates are a union of *regions*. A region fixes deviceId/groupId, lists for each
//    discrete member (facingMode, echoCancellation, ...) the values it may take independently, and for each
//    numeric member an interval it may take any value in. Video width and height are coupled only through
//    aspectRatio = width / height, which is derived, never free.
// 2. Video, resizeMode "none": one point region per native mode (W x H @ F exactly).
//    Video, "crop-and-scale": for each native mode a box region: width in [wFloor, W], height in
//    [hFloor, H] (independently: cropping makes any aspect ratio reachable), frameRate in [fFloor, F]
//    (continuous: decimation plus frame dropping, as Chromium does). So a width ideal of 1000 below a
//    1280-wide native mode is exactly reachable. Boxes dominated by a bigger box are dropped.
//    wFloor/hFloor = capabilities.width/height.min (at least 1). fFloor = capabilities.frameRate.min when
//    it is positive, else 1 fps: a 0 fps capture is not a capture, and WPT expects frameRate {max: 0} to be
//    impossible.
// 3. Native modes come from DeviceDescription.nativeModes when given (use it whenever they are known). Else
//    they are *guessed* from the capability ranges: common sizes 160x120 ... 1920x1080 that fit, plus the
//    (max width x max height) corner, each at the frame-rate range's ends and at 30 fps when inside.
//    The guess only matters for resizeMode "none" requests and for UAs without crop-and-scale.
// 4. Downscaling: on when capabilities.resizeMode lists "crop-and-scale"; off when it lists only "none";
//    on when resizeMode is not reported at all (a UA without the resizeMode constraint still MUST
//    downsample per the width/height definitions) — then settings carry no resizeMode member.
//    DeviceDescription.downscale overrides.
// 5. Audio: one region. Every range capability (sampleRate, sampleSize, channelCount, latency) is taken
//    as reachable anywhere inside (integers for unsigned long members); every list capability
//    (echoCancellation, autoGainControl, noiseSuppression) is an independent choice.
// 6. Any other capability is carried the same generic way (lists = choices, {min,max} = ranges);
//    aspectRatio capabilities are ignored (aspect ratio follows from width and height).
// 7. defaults (UA choice for ties; spec: "width set to 640, height set to 480, frameRate set to 30,
//    echoCancellation set to true") only order the examples; they never change a distance.

import { type DeviceKind, type Kind, PROPERTIES, kindOfDevice } from './constraints';
import type { SettingValue, Settings } from './fitness';

export interface NativeMode {
  width: number;
  height: number;
  frameRate: number;
}

/** The object track.getCapabilities() returns, as plain data. */
export type Capabilities = Readonly<Record<string, unknown>>;

export interface DeviceDescription {
  kind: DeviceKind;
  deviceId: string;
  groupId: string;
  capabilities: Capabilities;
  /** Settings the UA uses when unconstrained, e.g. { width: 640, height: 480, frameRate: 30 }. */
  defaults?: Settings;
  /** The camera's real modes, when known. Without them the oracle guesses (see modelling choice 3). */
  nativeModes?: readonly NativeMode[];
  /** Override of modelling choice 4: can the UA crop, downscale and decimate this camera? */
  downscale?: boolean;
  label?: string;
}

export interface Interval {
  lo: number;
  hi: number;
  /** unsigned long members take integer values only. */
  integer: boolean;
}

export interface Region {
  kind: Kind;
  deviceId: string;
  groupId: string;
  /** Why the region exists, e.g. "native 1280x720@30" or "crop-and-scale within 1920x1080@30". */
  origin: string;
  /** Discrete members: each may take any one of its listed values, independently of the others. */
  choices: Readonly<Record<string, readonly SettingValue[]>>;
  /** Numeric members: each may take any value of its interval (width/height coupled via `aspect`). */
  ranges: Readonly<Record<string, Interval>>;
  /** Video: width / height must lie in [lo, hi]; absent = unrestricted. */
  aspect?: { lo: number; hi: number };
  defaults: Settings;
}

export const VIDEO_DEFAULTS: Settings = Object.freeze({ width: 640, height: 480, frameRate: 30 });
export const AUDIO_DEFAULTS: Settings = Object.freeze({ echoCancellation: true, autoGainControl: true, noiseSuppression: true });

export const COMMON_SIZES: readonly (readonly [number, number])[] = Object.freeze([
  [160, 120],
  [176, 144],
  [320, 240],
  [352, 288],
  [640, 360],
  [640, 480],
  [800, 600],
  [960, 540],
  [1024, 768],
  [1280, 720],
  [1920, 1080],
] as const);

/** Lowest frame rate a crop-and-scale region reaches when capabilities do not give a positive minimum. */
export const MIN_FRAME_RATE = 1;

/** Spec: aspectRatio is "represented as a double rounded to the tenth decimal place". */
export const aspectOf = (width: number, height: number): number => Math.round((width / height) * 1e10) / 1e10;

interface RangeCap {
  min?: number;
  max?: number;
}
function rangeCap(caps: Capabilities, name: string): RangeCap | undefined {
  const v = caps[name];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const { min, max } = v as Record<string, unknown>;
  const out: RangeCap = {};
  if (typeof min === 'number' && Number.isFinite(min)) out.min = min;
  if (typeof max === 'number' && Number.isFinite(max)) out.max = max;
  return out.min === undefined && out.max === undefined ? undefined : out;
}

const num = (v: SettingValue | undefined, fallback: number): number => (typeof v === 'number' ? v : fallback);
const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

export const deviceDefaults = (device: DeviceDescription): Settings => ({
  ...(kindOfDevice(device.kind) === 'video' ? VIDEO_DEFAULTS : AUDIO_DEFAULTS),
  ...device.defaults,
});

/** The native modes: given, or guessed from the capability ranges (modelling choice 3). */
export function nativeModesOf(device: DeviceDescription): NativeMode[] {
  if (device.nativeModes && device.nativeModes.length > 0) return [...device.nativeModes];
  const defaults = deviceDefaults(device);
  const w = rangeCap(device.capabilities, 'width');
  const h = rangeCap(device.capabilities, 'height');
  const f = rangeCap(device.capabilities, 'frameRate');
  const rates = f
    ? uniq([
        f.max ?? f.min ?? 30,
        ...(f.min !== undefined && f.min >= MIN_FRAME_RATE ? [f.min] : []),
        ...((f.min ?? 0) <= 30 && 30 <= (f.max ?? 0) ? [30] : []),
      ])
    : [num(defaults['frameRate'], 30)];
  if (w?.max === undefined || h?.max === undefined) {
    return rates.map((frameRate) => ({ width: num(defaults['width'], 640), height: num(defaults['height'], 480), frameRate }));
  }
  const wMax = w.max;
  const hMax = h.max;
  const fits = ([cw, ch]: readonly [number, number]): boolean => cw <= wMax && ch <= hMax && cw >= (w.min ?? 1) && ch >= (h.min ?? 1);
  const sizes = uniq([...COMMON_SIZES.filter(fits), [wMax, hMax] as const].map(([a, b]) => `${a}x${b}`)).map(
    (s) => s.split('x').map(Number) as [number, number],
  );
  return sizes.flatMap(([width, height]) => rates.map((frameRate) => ({ width, height, frameRate })));
}

/** Modelling choice 4: does the UA derive smaller sizes / lower rates from native modes? */
export function downscales(device: DeviceDescription): boolean {
  if (device.downscale !== undefined) return device.downscale;
  const list = reportedResizeModes(device.capabilities);
  return list ? list.includes('crop-and-scale') : true;
}

/** capabilities.resizeMode when the UA reports it (a non-empty list), else undefined. */
function reportedResizeModes(caps: Capabilities): string[] | undefined {
  const v = caps['resizeMode'];
  if (!Array.isArray(v)) return undefined;
  const list = v.filter((x): x is string => typeof x === 'string');
  return list.length > 0 ? list : undefined;
}

const VIDEO_SPECIAL = new Set(['width', 'height', 'aspectRatio', 'frameRate', 'resizeMode', 'deviceId', 'groupId']);
const ID_MEMBERS = new Set(['deviceId', 'groupId']);

/** Capabilities other than the special video ones, as choices (lists) and ranges ({min, max}). */
function genericMembers(
  caps: Capabilities,
  skip: ReadonlySet<string>,
): { choices: Record<string, SettingValue[]>; ranges: Record<string, Interval> } {
  const choices: Record<string, SettingValue[]> = {};
  const ranges: Record<string, Interval> = {};
  for (const [name, value] of Object.entries(caps)) {
    if (skip.has(name)) continue;
    if (Array.isArray(value)) {
      const vals = value.filter((v): v is SettingValue => ['string', 'number', 'boolean'].includes(typeof v));
      if (vals.length > 0) choices[name] = uniq(vals);
      continue;
    }
    const r = rangeCap(caps, name);
    if (r) {
      const integer = PROPERTIES[name]?.type === 'ulong';
      let lo = r.min ?? r.max ?? 0;
      let hi = r.max ?? r.min ?? 0;
      if (integer) [lo, hi] = [Math.ceil(lo), Math.floor(hi)];
      if (lo <= hi) ranges[name] = { lo, hi, integer };
    }
  }
  return { choices, ranges };
}

const point = (x: number, integer: boolean): Interval => ({ lo: x, hi: x, integer });

function videoRegions(device: DeviceDescription): Region[] {
  const caps = device.capabilities;
  const defaults = deviceDefaults(device);
  const resizeList = reportedResizeModes(caps);
  const hasRate = (device.nativeModes?.length ?? 0) > 0 || rangeCap(caps, 'frameRate') !== undefined;
  const generic = genericMembers(caps, VIDEO_SPECIAL);
  const base = { kind: 'video' as const, deviceId: device.deviceId, groupId: device.groupId, defaults };
  const choices = (resizeMode?: string): Record<string, readonly SettingValue[]> => ({
    deviceId: [device.deviceId],
    groupId: [device.groupId],
    ...generic.choices,
    ...(resizeList && resizeMode ? { resizeMode: [resizeMode] } : {}),
  });
  const modes = nativeModesOf(device);
  const regions: Region[] = [];

  // resizeMode "none": the native modes themselves (always there when nothing else is).
  if (resizeList?.includes('none') || !downscales(device)) {
    for (const m of modes) {
      regions.push({
        ...base,
        origin: `native ${m.width}x${m.height}@${m.frameRate}`,
        choices: choices('none'),
        ranges: {
          ...generic.ranges,
          width: point(m.width, true),
          height: point(m.height, true),
          ...(hasRate ? { frameRate: point(m.frameRate, false) } : {}),
        },
      });
    }
  }
  // crop-and-scale: everything at or below a native mode (modelling choice 2).
  if (downscales(device)) {
    const wFloor = Math.max(1, Math.ceil(rangeCap(caps, 'width')?.min ?? 1));
    const hFloor = Math.max(1, Math.ceil(rangeCap(caps, 'height')?.min ?? 1));
    const fCap = rangeCap(caps, 'frameRate')?.min;
    const fFloor = fCap !== undefined && fCap > 0 ? fCap : MIN_FRAME_RATE;
    const dominated = (m: NativeMode): boolean =>
      modes.some(
        (o) =>
          o !== m &&
          o.width >= m.width &&
          o.height >= m.height &&
          o.frameRate >= m.frameRate &&
          (o.width > m.width || o.height > m.height || o.frameRate > m.frameRate),
      );
    const maximal = modes.filter(
      (m, i) => !dominated(m) && modes.findIndex((o) => o.width === m.width && o.height === m.height && o.frameRate === m.frameRate) === i,
    );
    for (const m of maximal) {
      regions.push({
        ...base,
        origin: `crop-and-scale within ${m.width}x${m.height}@${m.frameRate}`,
        choices: choices('crop-and-scale'),
        ranges: {
          ...generic.ranges,
          width: { lo: Math.min(wFloor, m.width), hi: m.width, integer: true },
          height: { lo: Math.min(hFloor, m.height), hi: m.height, integer: true },
          ...(hasRate ? { frameRate: { lo: Math.min(fFloor, m.frameRate), hi: m.frameRate, integer: false } } : {}),
        },
      });
    }
  }
  return regions;
}

function audioRegions(device: DeviceDescription): Region[] {
  const generic = genericMembers(device.capabilities, ID_MEMBERS);
  return [
    {
      kind: 'audio',
      deviceId: device.deviceId,
      groupId: device.groupId,
      origin: 'microphone',
      choices: { deviceId: [device.deviceId], groupId: [device.groupId], ...generic.choices },
      ranges: generic.ranges,
      defaults: deviceDefaults(device),
    },
  ];
}

/** The candidate regions of one device (see the modelling choices at the top of this file). */
export function regionsOf(device: DeviceDescription): Region[] {
  return kindOfDevice(device.kind) === 'video' ? videoRegions(device) : audioRegions(device);
}

/** The settings dictionary at one point of a region; aspectRatio follows from width and height. */
export function settingsAt(region: Region, picks: Readonly<Record<string, SettingValue>>): Settings {
  const s: Record<string, SettingValue> = { ...picks };
  const w = s['width'];
  const h = s['height'];
  if (typeof w === 'number' && typeof h === 'number' && h > 0 && region.ranges['width'] && region.ranges['height'])
    s['aspectRatio'] = aspectOf(w, h);
  return s;
}

// ------------------------------------------------------------------ finite samples (literal candidate lists)

/** Numbers a sample should try for one member: range ends, default, and the given hint values. */
function sampleValues(iv: Interval, hints: readonly number[]): number[] {
  const inside = (x: number): number => Math.min(iv.hi, Math.max(iv.lo, x));
  const raw = [iv.lo, iv.hi, ...hints.flatMap((x) => (iv.integer ? [Math.floor(x), Math.ceil(x)] : [x]))].map(inside);
  return uniq(raw).sort((a, b) => a - b);
}

function cartesian(fields: readonly (readonly [string, readonly SettingValue[]])[]): Record<string, SettingValue>[] {
  let out: Record<string, SettingValue>[] = [{}];
  for (const [name, values] of fields) out = out.flatMap((o) => values.map((v) => ({ ...o, [name]: v })));
  return out;
}

/**
 * A finite list of settings dictionaries for a device: every native mode, and inside crop-and-scale regions
 * the range ends, common sizes, defaults and the `hints` (values a constraint mentions, e.g. ideals, clamped
 * into the region; for aspect ratios, the widths/heights that realise them). This is the literal candidate
 * list of the spec's algorithm; the closed-form oracle in select.ts must never do worse than it.
 */
export function sampleCandidates(device: DeviceDescription, hints: Readonly<Record<string, readonly number[]>> = {}): Settings[] {
  const out = new Map<string, Settings>();
  for (const region of regionsOf(device)) {
    const defaultsOf = (name: string): number[] => (typeof region.defaults[name] === 'number' ? [region.defaults[name] as number] : []);
    const numeric = Object.entries(region.ranges).filter(([n]) => n !== 'width' && n !== 'height');
    const fields: [string, SettingValue[]][] = [
      ...Object.entries(region.choices).map(([n, v]) => [n, [...v]] as [string, SettingValue[]]),
      ...numeric.map(([n, iv]) => [n, sampleValues(iv, [...defaultsOf(n), ...(hints[n] ?? [])])] as [string, SettingValue[]]),
    ];
    const W = region.ranges['width'];
    const H = region.ranges['height'];
    let sizes: [number, number][] = [[NaN, NaN]];
    if (W && H) {
      const ws = sampleValues(W, [...COMMON_SIZES.map(([w]) => w), ...defaultsOf('width'), ...(hints['width'] ?? [])]);
      const hs = sampleValues(H, [...COMMON_SIZES.map(([, h]) => h), ...defaultsOf('height'), ...(hints['height'] ?? [])]);
      sizes = ws.flatMap((w) => hs.map((h) => [w, h] as [number, number]));
      for (const a of hints['aspectRatio'] ?? []) {
        if (!(a > 0)) continue;
        for (const h of hs) for (const w of sampleValues(W, [a * h])) sizes.push([w, h]);
        for (const w of ws) for (const h of sampleValues(H, [w / a])) sizes.push([w, h]);
      }
    }
    for (const [w, h] of sizes) {
      for (const picks of cartesian(fields)) {
        const s = settingsAt(region, Number.isNaN(w) ? picks : { ...picks, width: w, height: h });
        out.set(JSON.stringify(s), s);
      }
    }
  }
  return [...out.values()];
}
