// The typed rules a BCD feature's support is read from cells with (the mapping in compat-data.ts is written in them).
// A check's verdict answers whether the engine did what the spec requires; BCD asks whether the feature exists. Those
// differ: a fake camera that does not rescale fails an applyConstraints check without applyConstraints being missing.
// So every rule says what a cell may decide: both ways, only "supported", or one member or value of what it observed.

import type { Cell, Verdict } from '../types';
import { cleanText, observedSummary, safeJson, truncate } from './observed-text';

/** What one piece of evidence says about a feature in one engine build. */
export type Reading = 'supported' | 'unsupported' | 'unknown';

/** A JSON scalar an observed value is compared with. */
export type Scalar = string | number | boolean | null;

/** A test on one observed value. `absent`: the member is not there (JSON drops undefined members). */
export type ValueTest = { oneOf: Scalar[] } | { type: 'object' | 'string' | 'null' | 'absent' };

/**
 * A pass shows the feature supported; a fail decides nothing, since it shows a difference from the spec (often a
 * detail, or the fake devices), not that the feature is missing.
 */
export interface PassOnlyRule {
  rule: 'pass-only';
  check: string;
}

/**
 * A member of a dictionary the check observed (e.g. getSupportedConstraints()): `true` = supported, absent = not
 * supported, anything else decides nothing. Read from pass and fail cells alike, since the member is what the browser
 * returned whatever the check judged about the rest of the dictionary.
 */
export interface MemberRule {
  rule: 'member';
  check: string;
  /** Where the dictionary is in the cell's observed value. */
  path: string[];
  member: string;
}

/**
 * One value the check observed: supported when it passes `supported`, not supported when it passes `unsupported`
 * (none: a value never shows the feature missing), else undetermined. `when` must hold for the value to decide
 * anything (e.g. the track the value was read from exists).
 */
export interface ValueRule {
  rule: 'value';
  check: string;
  path: string[];
  supported: ValueTest;
  unsupported?: ValueTest;
  when?: { path: string[]; test: ValueTest };
}

/** A bare check id: its verdict decides both ways (pass = supported, fail = not supported). */
export type Evidence = string | PassOnlyRule | MemberRule | ValueRule;

export interface EvidenceResult {
  check: string;
  verdict: Verdict | 'missing';
  reading: Reading;
  /** One line saying what decided it, for notes and the diff. */
  text: string;
  /** The cell's recorded bug, when its failure is what says "not supported". */
  bug?: string;
}

export const evidenceCheck = (ev: Evidence): string => (typeof ev === 'string' ? ev : ev.check);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at `path` in `v` (array indices as strings), undefined when any step is missing. */
export function valueAt(v: unknown, path: readonly string[]): unknown {
  let cur = v;
  for (const p of path) {
    if (Array.isArray(cur) && /^\d+$/.test(p)) cur = cur[Number(p)];
    else if (isRecord(cur)) cur = cur[p];
    else return undefined;
  }
  return cur;
}

export function passes(v: unknown, t: ValueTest): boolean {
  if ('oneOf' in t) return t.oneOf.some((x) => x === v);
  switch (t.type) {
    case 'object':
      return isRecord(v);
    case 'string':
      return typeof v === 'string';
    case 'null':
      return v === null;
    case 'absent':
      return v === undefined;
  }
}

const show = (v: unknown): string => (v === undefined ? 'absent' : truncate(cleanText(safeJson(v)), 60));
const dotted = (path: readonly string[]): string => path.join('.');

/** What one piece of evidence says, given the cell of its check in one engine (undefined: no cell). */
export function readEvidence(ev: Evidence, cell: Cell | undefined): EvidenceResult {
  const check = evidenceCheck(ev);
  if (!cell) return { check, verdict: 'missing', reading: 'unknown', text: `${check}: no result (harness bug)` };
  const { verdict } = cell;
  const base = { check, verdict };
  // Neither kind of cell has an observation to read: unsupported never observed, an error's may be half-made.
  if (verdict === 'unsupported' || verdict === 'error')
    return { ...base, reading: 'unknown', text: `${check}: ${verdict}${cell.reason ? ` (${cleanText(cell.reason)})` : ''}` };
  // What the browser did says more than the assertion message that judged it.
  const why = cell.observed !== undefined ? observedSummary(cell.observed, 120) : cleanText(cell.reason ?? 'no observation');

  if (typeof ev === 'string') {
    if (verdict === 'pass') return { ...base, reading: 'supported', text: `${check}: pass` };
    return { ...base, reading: 'unsupported', text: `${check}: ${why}`, ...(cell.expectation?.bug ? { bug: cell.expectation.bug } : {}) };
  }

  switch (ev.rule) {
    case 'pass-only':
      return verdict === 'pass'
        ? { ...base, reading: 'supported', text: `${check}: pass` }
        : { ...base, reading: 'unknown', text: `${check} failed (${why}): a difference from the spec, not proof the feature is missing` };
    case 'member': {
      const dict = valueAt(cell.observed, ev.path);
      const where = `${check}: observed ${dotted(ev.path)}`;
      if (!isRecord(dict)) return { ...base, reading: 'unknown', text: `${where} is ${show(dict)}, not a dictionary` };
      const v = dict[ev.member];
      if (v === true) return { ...base, reading: 'supported', text: `${where} has ${ev.member}: true` };
      if (v === undefined) return { ...base, reading: 'unsupported', text: `${where} has no member ${ev.member}` };
      return { ...base, reading: 'unknown', text: `${where} has ${ev.member}: ${show(v)}` };
    }
    case 'value': {
      if (ev.when && !passes(valueAt(cell.observed, ev.when.path), ev.when.test))
        return {
          ...base,
          reading: 'unknown',
          text: `${check}: ${dotted(ev.when.path)} is ${show(valueAt(cell.observed, ev.when.path))}, so ${dotted(ev.path)} decides nothing`,
        };
      const v = valueAt(cell.observed, ev.path);
      const text = `${check}: ${dotted(ev.path)} = ${show(v)}`;
      if (passes(v, ev.supported)) return { ...base, reading: 'supported', text };
      if (ev.unsupported && passes(v, ev.unsupported)) return { ...base, reading: 'unsupported', text };
      return { ...base, reading: 'unknown', text: `${text}, which decides nothing` };
    }
  }
}
