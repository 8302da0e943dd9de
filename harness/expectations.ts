// Recorded expectations: per engine, the checks known to differ from the spec (or not observable there), with the
// observed outcome, a reason and a public bug where one exists. The gate compares each run with them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { ConfigError } from './engines/resolve';
import type { Cell, EngineId, Verdict } from './types';

export interface Expectation {
  verdict: Exclude<Verdict, 'pass' | 'error'>;
  /** The cell's observed summary as recorded; a different one is a change. */
  observed: string;
  reason: string;
  bug?: string;
  /** Other outcomes the engine has also produced (non-deterministic behaviour); none of them is a change. */
  intermittent?: { verdict: Exclude<Verdict, 'error'>; observed?: string }[];
}
export type ExpectationSet = Partial<Record<EngineId, Record<string, Expectation>>>;

// The schema lives beside the files it describes, so editors can validate them too.
const SCHEMA = JSON.parse(readFileSync(join(__dirname, '..', 'expectations', 'schema.json'), 'utf8')) as object;

const validate = new Ajv({ allErrors: false }).compile(SCHEMA);

export function parseExpectationFile(text: string, file: string): { engine: EngineId; expectations: Record<string, Expectation> } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!validate(data)) {
    const err = validate.errors?.[0];
    throw new ConfigError(`${file}: ${err?.instancePath || '/'} ${err?.message ?? 'invalid'}`);
  }
  return data as unknown as { engine: EngineId; expectations: Record<string, Expectation> };
}

/**
 * Reads expectations/<engine>/*.json (one file per area, so each is small enough to review) and, for compatibility,
 * expectations/<engine>.json. A check recorded twice for one engine is an error.
 */
export function loadExpectations(dir: string): ExpectationSet {
  const set: ExpectationSet = {};
  for (const engine of ['chromium', 'firefox', 'webkit'] as const) {
    const files = [join(dir, `${engine}.json`)].filter((f) => existsSync(f));
    const sub = join(dir, engine);
    if (existsSync(sub)) files.push(...readdirSync(sub).filter((f) => f.endsWith('.json')).sort().map((f) => join(sub, f)));
    const merged: Record<string, Expectation> = {};
    for (const file of files) {
      const parsed = parseExpectationFile(readFileSync(file, 'utf8'), file);
      if (parsed.engine !== engine) throw new ConfigError(`${file}: says engine "${parsed.engine}", expected "${engine}"`);
      for (const [id, e] of Object.entries(parsed.expectations)) {
        if (merged[id]) throw new ConfigError(`${file}: ${id} is already recorded for ${engine} in another file`);
        merged[id] = e;
      }
    }
    if (Object.keys(merged).length) set[engine] = merged;
  }
  return set;
}

/** The exact text expectations record for an observation (untruncated, unlike the display summary in report/summary.ts). */
export function recordedObservation(observed: unknown): string {
  if (observed && typeof observed === 'object') {
    const o = observed as { summary?: unknown; unobservable?: unknown };
    if (typeof o.summary === 'string') return o.summary;
    if (typeof o.unobservable === 'string') return o.unobservable;
  }
  return typeof observed === 'string' ? observed : JSON.stringify(observed) ?? 'undefined';
}

export interface Deviation {
  check: string;
  engine: EngineId;
  recorded: string;
  now: string;
}

/** Differences between a run and the recorded expectations: what the gate fails on. */
export function deviations(cells: Cell[], set: ExpectationSet): Deviation[] {
  const out: Deviation[] = [];
  for (const c of cells) {
    const exp = set[c.engine]?.[c.check];
    const now = `${c.verdict}: ${c.verdict === 'unsupported' ? c.reason ?? '' : recordedObservation(c.observed)}`;
    if (c.verdict === 'error') {
      out.push({ check: c.check, engine: c.engine, recorded: exp ? `${exp.verdict}: ${exp.observed}` : 'pass', now: `error: ${c.reason ?? ''}` });
    } else if (!exp) {
      if (c.verdict !== 'pass') out.push({ check: c.check, engine: c.engine, recorded: 'pass', now });
    } else if (!matchesExpectation(exp, c)) {
      out.push({ check: c.check, engine: c.engine, recorded: `${exp.verdict}: ${exp.observed}`, now });
    }
  }
  return out;
}

/** Whether a cell is the recorded outcome or one of the recorded intermittent ones (a pass matches on its verdict). */
export function matchesExpectation(exp: Expectation, c: Cell): boolean {
  const text = c.verdict === 'unsupported' ? c.reason : recordedObservation(c.observed);
  if (exp.verdict === c.verdict && exp.observed === text) return true;
  return (exp.intermittent ?? []).some((o) => o.verdict === c.verdict && (o.verdict === 'pass' || o.observed === text));
}
