// Recorded expectations: per engine, the checks known to differ from the spec (or not observable there), with the
// observed outcome, a reason and a public bug where one exists. The gate compares each run with them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { ConfigError } from './errors';
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
/** Expectations that apply to the builds running now, per engine and check (see expectationsFor). */
export type ExpectationSet = Partial<Record<EngineId, Record<string, Expectation>>>;

/** One recorded outcome and the engine builds it was observed on ("153", "2.50", or a range "140-153"). */
export interface BuildRecord extends Expectation {
  builds: string[];
}
/** One area file: the builds its records were taken on (a check it does not list passed there), and the records. */
export interface AreaFile {
  engine: EngineId;
  recordedOn: string[];
  /** A check whose outcome differs between builds has one record per outcome. */
  expectations: Record<string, BuildRecord | BuildRecord[]>;
}
export interface LoadedArea extends AreaFile {
  file: string;
}
/** Every expectation file, per engine, before the running builds pick what applies. */
export type ExpectationBook = Partial<Record<EngineId, LoadedArea[]>>;

// The schema lives beside the files it describes, so editors can validate them too.
const SCHEMA = JSON.parse(readFileSync(join(__dirname, '..', 'expectations', 'schema.json'), 'utf8')) as object;

const validate = new Ajv({ allErrors: false }).compile(SCHEMA);

export function parseExpectationFile(text: string, file: string): AreaFile {
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
  const area = data as unknown as AreaFile;
  for (const spec of [
    ...area.recordedOn,
    ...Object.values(area.expectations)
      .flat()
      .flatMap((r) => r.builds),
  ]) {
    if (!parseBuildSpec(spec)) throw new ConfigError(`${file}: "${spec}" is not a build ("153", "2.50", "140-153")`);
  }
  for (const [id, records] of Object.entries(area.expectations)) {
    for (const r of [records].flat()) {
      const off = r.builds.filter((b) => !area.recordedOn.some((on) => overlaps(on, b)));
      if (off.length) throw new ConfigError(`${file}: ${id} names build ${off.join(', ')}, which recordedOn does not list`);
    }
  }
  return area;
}

/**
 * Reads expectations/<engine>/*.json (one file per area, so each is small enough to review) and, for compatibility,
 * expectations/<engine>.json. A check recorded in two files of one engine is an error.
 */
export function loadExpectations(dir: string): ExpectationBook {
  const book: ExpectationBook = {};
  for (const engine of ['chromium', 'firefox', 'webkit'] as const) {
    const files = [join(dir, `${engine}.json`)].filter((f) => existsSync(f));
    const sub = join(dir, engine);
    if (existsSync(sub))
      files.push(
        ...readdirSync(sub)
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => join(sub, f)),
      );
    const seen = new Set<string>();
    const areas: LoadedArea[] = [];
    for (const file of files) {
      const parsed = parseExpectationFile(readFileSync(file, 'utf8'), file);
      if (parsed.engine !== engine) throw new ConfigError(`${file}: says engine "${parsed.engine}", expected "${engine}"`);
      for (const id of Object.keys(parsed.expectations)) {
        if (seen.has(id)) throw new ConfigError(`${file}: ${id} is already recorded for ${engine} in another file`);
        seen.add(id);
      }
      areas.push({ ...parsed, file });
    }
    if (areas.length) book[engine] = areas;
  }
  return book;
}

// ------------------------------------------------------------------------------------------------ builds

/** A build spec as numbers: "153" -> [153], [153]; "2.50" -> [2,50], [2,50]; "140-153" -> [140], [153]. */
export function parseBuildSpec(spec: string): { lo: number[]; hi: number[] } | undefined {
  const nums = (s: string) => (/^\d+(\.\d+)*$/.test(s.trim()) ? s.trim().split('.').map(Number) : undefined);
  const [a, b, ...more] = spec.split('-');
  if (more.length) return undefined;
  const lo = nums(a);
  const hi = b === undefined ? lo : nums(b);
  return lo && hi ? { lo, hi } : undefined;
}

/** The leading numbers of a version as the engine reports it ("140.12.0esr" -> [140, 12, 0]). */
function versionNumbers(version: string): number[] {
  return (version.match(/^\d+(\.\d+)*/)?.[0] ?? '').split('.').filter(Boolean).map(Number);
}

function compareTo(v: number[], bound: number[]): number {
  for (let i = 0; i < bound.length; i++) {
    const d = (v[i] ?? 0) - bound[i];
    if (d) return d;
  }
  return 0;
}

/** Whether a running version is one of the builds a spec names (compared on as many numbers as the spec gives). */
export function buildMatches(spec: string, version: string): boolean {
  const s = parseBuildSpec(spec);
  const v = versionNumbers(version);
  return Boolean(s && v.length && compareTo(v, s.lo) >= 0 && compareTo(v, s.hi) <= 0);
}

function overlaps(a: string, b: string): boolean {
  const x = parseBuildSpec(a);
  const y = parseBuildSpec(b);
  return Boolean(x && y && compareTo(y.hi, x.lo) >= 0 && compareTo(y.lo, x.hi) <= 0);
}

/** How a record's builds are named for a running version: major for Chromium and Firefox, major.minor for WebKitGTK. */
export function buildKey(engine: EngineId, version: string): string {
  return (
    versionNumbers(version)
      .slice(0, engine === 'webkit' ? 2 : 1)
      .join('.') || version
  );
}

/** Distance from a version to a spec, for choosing the nearest recorded build when the running one was never recorded. */
function distance(spec: string, version: string): number {
  const s = parseBuildSpec(spec);
  const v = versionNumbers(version);
  if (!s || !v.length) return Infinity;
  const at = (n: number[]) => n[0] * 1000 + (n[1] ?? 0);
  const x = at(v);
  return Math.max(0, at(s.lo) - x, x - at(s.hi));
}

export interface Coverage {
  engine: EngineId;
  running: string;
  /** Every build the engine's expectation files were recorded on. */
  recordedOn: string[];
  /** Area files that were not recorded on the running build: their records are applied from the nearest build. */
  uncovered: string[];
}

/**
 * The expectations that apply to the builds running now. A record applies when it names the running build; a file
 * that was recorded on the running build but has no record for a check expects it to pass. A file never recorded on
 * the running build applies, per check, the record of the nearest build it has, and the coverage says so: the gate
 * and the matrix then name the builds ("recorded on 156, running 150") instead of applying them silently.
 */
export function expectationsFor(
  book: ExpectationBook,
  running: { id: EngineId; version: string }[],
): { set: ExpectationSet; coverage: Coverage[] } {
  const set: ExpectationSet = {};
  const coverage: Coverage[] = [];
  for (const { id, version } of running) {
    const areas = book[id] ?? [];
    const out: Record<string, Expectation> = {};
    const uncovered: string[] = [];
    for (const area of areas) {
      const covered = area.recordedOn.some((b) => buildMatches(b, version));
      if (!covered) uncovered.push(area.file);
      for (const [check, records] of Object.entries(area.expectations)) {
        const list = [records].flat();
        const pick = covered
          ? list.find((r) => r.builds.some((b) => buildMatches(b, version)))
          : [...list].sort(
              (a, b) => Math.min(...a.builds.map((x) => distance(x, version))) - Math.min(...b.builds.map((x) => distance(x, version))),
            )[0];
        if (pick) {
          const { builds: _builds, ...expectation } = pick;
          out[check] = expectation;
        }
      }
    }
    if (Object.keys(out).length) set[id] = out;
    coverage.push({ engine: id, running: version, recordedOn: [...new Set(areas.flatMap((a) => a.recordedOn))], uncovered });
  }
  return { set, coverage };
}

/** "firefox: expectations recorded on 153, running 140.12.0: 3 cells differ", or nothing when the build is covered. */
export function coverageLine(c: Coverage, differing: number): string | undefined {
  if (!c.uncovered.length) return undefined;
  const on = c.recordedOn.length ? c.recordedOn.join(', ') : 'no build';
  return `${c.engine}: expectations recorded on ${on}, running ${c.running}: ${differing === 1 ? '1 cell differs' : `${differing} cells differ`}`;
}

/** The exact text expectations record for an observation (untruncated, unlike the display summary in report/summary.ts). */
export function recordedObservation(observed: unknown): string {
  if (observed && typeof observed === 'object') {
    const o = observed as { summary?: unknown; unobservable?: unknown };
    if (typeof o.summary === 'string') return o.summary;
    if (typeof o.unobservable === 'string') return o.unobservable;
  }
  return typeof observed === 'string' ? observed : (JSON.stringify(observed) ?? 'undefined');
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
    const now = `${c.verdict}: ${c.verdict === 'unsupported' ? (c.reason ?? '') : recordedObservation(c.observed)}`;
    if (c.verdict === 'error') {
      out.push({
        check: c.check,
        engine: c.engine,
        recorded: exp ? `${exp.verdict}: ${exp.observed}` : 'pass',
        now: `error: ${c.reason ?? ''}`,
      });
    } else if (!exp) {
      // What the engine's module declares it cannot do is expected on every check it concerns, without a record.
      if (c.verdict !== 'pass' && !(c.verdict === 'unsupported' && c.declared))
        out.push({ check: c.check, engine: c.engine, recorded: 'pass', now });
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
