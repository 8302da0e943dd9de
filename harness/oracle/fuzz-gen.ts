// Seeded generation of getUserMedia() constraint objects, and a delta-debugging reducer.
//
// generate(seed, count) is deterministic (mulberry32): the same seed always yields the same objects, so a
// failing case is reproduced from its seed and index. Every constraint form of the spec's "Constraint
// Types" section appears: bare values, {ideal}, {exact}, {min}, {max}, ranges, string lists (bare, exact,
// ideal), booleans, `advanced` sets, `true`/`false` members, cross-kind constraints, names outside the
// allowed required list, unknown names, and impossible values (WPT's 1e8 / 0 / -1 / min > max, '').
// Everything generated is JSON (no NaN, no undefined), so it can be sent to a browser as is.

import { APPLICABLE_NAMES, type ConstraintsObject, type Kind, PROPERTIES, type ValueType } from './constraints';

/** mulberry32: a tiny 32-bit PRNG with good enough spread for test generation. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzPools {
  deviceIds?: readonly string[];
  groupIds?: readonly string[];
}

export const NUMERIC_FORMS = ['bare', 'ideal', 'exact', 'min', 'max', 'min-max', 'min-ideal-max', 'min-ideal', 'ideal-max'] as const;
export const STRING_FORMS = ['bare', 'bare-list', 'exact', 'exact-list', 'ideal', 'ideal-list'] as const;
export const BOOLEAN_FORMS = ['bare', 'exact', 'ideal'] as const;
export type ConstraintForm = (typeof NUMERIC_FORMS)[number] | (typeof STRING_FORMS)[number];

/** Values worth trying per property: realistic ones, edges, and WPT's impossible ones. */
const NUMBER_POOLS: Readonly<Record<string, readonly number[]>> = {
  width: [0, 1, 160, 320, 640, 1000, 1024, 1280, 1920, 3840, 1e8, -1],
  height: [0, 1, 120, 240, 480, 576, 720, 1080, 2160, 1e8, -1],
  aspectRatio: [0.5, 1, 4 / 3, 1.5, 16 / 9, 2, 0, 1e8],
  frameRate: [0, 1, 5, 10, 15, 24, 29.97, 30, 60, 120, -1, 1e8],
  sampleRate: [8000, 16000, 44100, 48000, 96000, 0, 1e8],
  sampleSize: [8, 16, 24, 32, 0],
  channelCount: [1, 2, 6, 0, 1e8],
  latency: [0, 0.01, 0.02, 0.05, 0.5, 10],
};
const STRING_POOLS: Readonly<Record<string, readonly string[]>> = {
  facingMode: ['user', 'environment', 'left', 'right', '', 'INVALID'],
  resizeMode: ['none', 'crop-and-scale', 'INVALID', ''],
  echoCancellation: ['all', 'remote-only', 'INVALID'],
};
const DEFAULT_DEVICE_IDS = ['cam-front', 'cam-back', 'cam-hd', 'mic-1', 'gone', ''];
const DEFAULT_GROUP_IDS = ['grp-phone', 'grp-hd', 'grp-gone'];

/** Names outside the allowed required list, and names no dictionary knows. */
const OUTSIDE_NAMES = ['backgroundBlur', 'torch', 'whiteBalanceMode'];
const UNKNOWN_NAMES = ['foo', 'mandatory', 'optional'];

interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}
function rng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)] as (typeof xs)[number],
    chance: (p) => next() < p,
  };
}

function stringPool(name: string, pools: FuzzPools): readonly string[] {
  if (name === 'deviceId') return pools.deviceIds ?? DEFAULT_DEVICE_IDS;
  if (name === 'groupId') return pools.groupIds ?? DEFAULT_GROUP_IDS;
  return STRING_POOLS[name] ?? ['auto', 'manual', 'continuous'];
}

function numericValue(r: Rng, name: string, type: ValueType): unknown {
  const pool = NUMBER_POOLS[name] ?? [0, 1, 2, 50, 100];
  const a = r.pick(pool);
  const b = r.pick(pool);
  const [lo, hi] = r.chance(0.85) ? [Math.min(a, b), Math.max(a, b)] : [Math.max(a, b), Math.min(a, b)]; // sometimes min > max
  const mid = r.pick(pool);
  switch (r.pick(NUMERIC_FORMS)) {
    case 'bare':
      return type === 'booleanOrDouble' && r.chance(0.3) ? r.chance(0.5) : a;
    case 'ideal':
      return { ideal: a };
    case 'exact':
      return { exact: a };
    case 'min':
      return { min: a };
    case 'max':
      return { max: a };
    case 'min-max':
      return { min: lo, max: hi };
    case 'min-ideal-max':
      return { min: lo, ideal: mid, max: hi };
    case 'min-ideal':
      return { min: lo, ideal: mid };
    case 'ideal-max':
      return { ideal: mid, max: hi };
  }
}

function stringValue(r: Rng, name: string, pools: FuzzPools): unknown {
  const pool = stringPool(name, pools);
  const list = (): string[] => Array.from({ length: 1 + r.int(3) }, () => r.pick(pool));
  switch (r.pick(STRING_FORMS)) {
    case 'bare':
      return r.pick(pool);
    case 'bare-list':
      return r.chance(0.1) ? [] : list();
    case 'exact':
      return { exact: r.pick(pool) };
    case 'exact-list':
      return { exact: list() };
    case 'ideal':
      return { ideal: r.pick(pool) };
    case 'ideal-list':
      return { ideal: list() };
  }
}

function booleanValue(r: Rng): unknown {
  const v = r.chance(0.5);
  switch (r.pick(BOOLEAN_FORMS)) {
    case 'bare':
      return v;
    case 'exact':
      return { exact: v };
    case 'ideal':
      return { ideal: v };
  }
}

function valueFor(r: Rng, name: string, pools: FuzzPools): unknown {
  const type = PROPERTIES[name]?.type ?? 'boolean';
  switch (type) {
    case 'ulong':
    case 'double':
    case 'booleanOrDouble':
      return numericValue(r, name, type);
    case 'string':
      return stringValue(r, name, pools);
    case 'boolean':
      return booleanValue(r);
    case 'booleanOrString':
      return r.chance(0.6) ? booleanValue(r) : stringValue(r, name, pools);
  }
}

function constraintName(r: Rng, kind: Kind): string {
  const x = r.next();
  if (x < 0.8) return r.pick(APPLICABLE_NAMES[kind]);
  if (x < 0.9) return r.pick(APPLICABLE_NAMES[kind === 'video' ? 'audio' : 'video']);
  if (x < 0.95) return r.pick(OUTSIDE_NAMES);
  return r.pick(UNKNOWN_NAMES);
}

function constraintSet(r: Rng, kind: Kind, size: number, pools: FuzzPools): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (let i = 0; i < size; i++) {
    const name = constraintName(r, kind);
    set[name] = valueFor(r, name, pools);
  }
  return set;
}

function trackConstraints(r: Rng, kind: Kind, pools: FuzzPools): Record<string, unknown> {
  const c = constraintSet(r, kind, r.int(4) + (r.chance(0.9) ? 1 : 0), pools);
  if (r.chance(0.3)) c['advanced'] = Array.from({ length: 1 + r.int(3) }, () => constraintSet(r, kind, 1 + r.int(2), pools));
  return c;
}

function member(r: Rng, kind: Kind, pools: FuzzPools): unknown {
  const x = r.next();
  if (x < 0.12) return undefined;
  if (x < 0.22) return true;
  if (x < 0.27) return false;
  return trackConstraints(r, kind, pools);
}

/** `count` constraint objects from `seed`; the same arguments always give the same objects. */
export function generate(seed: number, count: number, pools: FuzzPools = {}): ConstraintsObject[] {
  const r = rng(seed);
  const out: ConstraintsObject[] = [];
  for (let i = 0; i < count; i++) {
    const obj: ConstraintsObject = {};
    for (const kind of ['audio', 'video'] as const) {
      const m = member(r, kind, pools);
      if (m !== undefined) obj[kind] = m as ConstraintsObject['audio'];
    }
    if (r.chance(0.03)) obj['foo'] = true;
    out.push(obj);
  }
  return out;
}

// ------------------------------------------------------------------ reduction

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = readonly (string | number)[];

const clone = <T>(x: T): T => (x === undefined ? x : (JSON.parse(JSON.stringify(x)) as T));

function getAt(root: Json, path: Path): Json | undefined {
  let cur: Json | undefined = root;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, Json>)[k];
  }
  return cur;
}

function setAt(root: Json, path: Path, value: Json | undefined): Json {
  const copy = clone(root);
  const parent = getAt(copy, path.slice(0, -1));
  const key = path[path.length - 1];
  if (parent === null || typeof parent !== 'object' || key === undefined) return copy;
  if (Array.isArray(parent)) {
    if (value === undefined) parent.splice(Number(key), 1);
    else parent[Number(key)] = value;
  } else if (value === undefined) delete parent[String(key)];
  else parent[String(key)] = value;
  return copy;
}

/** Paths of the removable units: kinds, constraints of the basic sets and of each advanced set. */
function leaves(obj: Json): Path[] {
  const out: Path[] = [];
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return out;
  for (const [kind, v] of Object.entries(obj)) {
    out.push([kind]);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) continue;
    for (const [name, c] of Object.entries(v)) {
      if (name !== 'advanced' || !Array.isArray(c)) {
        out.push([kind, name]);
        continue;
      }
      c.forEach((set, i) => {
        if (set !== null && typeof set === 'object' && !Array.isArray(set))
          for (const n of Object.keys(set)) out.push([kind, 'advanced', i, n]);
      });
    }
  }
  return out;
}

const samePath = (a: Path, b: Path): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The object with every leaf not in `keep` deleted. Leaves are object keys (advanced leaves delete a key of
 * a set, never an array element), so deletions do not shift each other; a kept leaf under a deleted kind
 * simply goes with it.
 */
function keepOnly(obj: Json, all: readonly Path[], keep: readonly Path[]): Json {
  let cur = obj;
  for (const p of all) if (!keep.some((k) => samePath(k, p))) cur = setAt(cur, p, undefined);
  return cur;
}

/** Zeller's ddmin over the leaves: a 1-minimal subset of leaves that still fails. */
function ddmin(items: Path[], test: (keep: Path[]) => boolean): Path[] {
  if (test([])) return [];
  let cur = items;
  let n = 2;
  while (cur.length >= 2) {
    const size = Math.ceil(cur.length / n);
    const chunks: Path[][] = [];
    for (let i = 0; i < cur.length; i += size) chunks.push(cur.slice(i, i + size));
    let reduced = false;
    for (const chunk of chunks) {
      if (test(chunk)) {
        [cur, n, reduced] = [chunk, 2, true];
        break;
      }
    }
    if (!reduced) {
      for (let i = 0; i < chunks.length && !reduced; i++) {
        const complement = chunks.filter((_, j) => j !== i).flat();
        if (test(complement)) [cur, n, reduced] = [complement, Math.max(n - 1, 2), true];
      }
    }
    if (!reduced) {
      if (n >= cur.length) break;
      n = Math.min(n * 2, cur.length);
    }
  }
  return cur;
}

/** One-step simplifications of a value, each strictly smaller. */
function* simplifications(root: Json): Generator<Json> {
  function* walk(v: Json, path: (string | number)[]): Generator<Json> {
    if (Array.isArray(v)) {
      if (v.length === 1 && path.at(-1) !== 'advanced') yield setAt(root, path, v[0] as Json); // [x] -> x
      for (let i = 0; i < v.length; i++) yield setAt(root, [...path, i], undefined);
      for (let i = 0; i < v.length; i++) yield* walk(v[i] as Json, [...path, i]);
      return;
    }
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      if (keys.length === 0 && path.length === 1) yield setAt(root, path, true); // video: {} -> video: true
      if (keys.length === 1 && keys[0] === 'ideal' && path.length >= 2) yield setAt(root, path, v['ideal'] as Json); // {ideal: x} -> x
      for (const k of keys) yield setAt(root, [...path, k], undefined);
      for (const k of keys) yield* walk(v[k] as Json, [...path, k]);
    }
  }
  yield* walk(root, []);
}

/**
 * Delta debugging: the smallest constraints object (1-minimal: no single removal or simplification keeps
 * it failing) for which `stillFails` is still true. `failing` itself must fail.
 */
export function reduce(failing: ConstraintsObject, stillFails: (c: ConstraintsObject) => boolean): ConstraintsObject {
  const start = clone(failing) as unknown as Json;
  const test = (j: Json): boolean => stillFails(clone(j) as unknown as ConstraintsObject);
  if (!test(start)) return clone(failing);
  const all = leaves(start);
  const kept = ddmin(all, (keep) => test(keepOnly(start, all, keep)));
  let cur = keepOnly(start, all, kept);
  for (let progress = true; progress;) {
    progress = false;
    for (const cand of simplifications(cur)) {
      if (test(cand)) {
        cur = cand;
        progress = true;
        break;
      }
    }
  }
  return cur as unknown as ConstraintsObject;
}
