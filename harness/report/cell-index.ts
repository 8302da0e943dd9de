// Looking cells up and counting them: the matrix's cells by check and engine, verdict tallies, areas, and whether a
// cell is a recorded (or stale) expectation. Shared by every renderer.
import type { Cell, CheckInfo, EngineId, Matrix, Verdict } from '../types';

export const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'unsupported', 'error'];

export type Tally = Record<Verdict, number> & { missing: number };

export const emptyTally = (): Tally => ({ pass: 0, fail: 0, unsupported: 0, error: 0, missing: 0 });

/** Key of a (check, engine) pair in a cell index. */
const key = (check: string, engine: string): string => `${check}\u0000${engine}`;

export interface CellIndex {
  get(check: string, engine: EngineId): Cell | undefined;
  /** Cells for a check id or engine id not declared in m.checks / m.engines (harness bug). */
  orphans: Cell[];
  /** Second and later cells for the same (check, engine) pair (harness bug); the first one wins. */
  duplicates: Cell[];
  /** (check, engine) pairs with no cell at all (harness bug). */
  missing: { check: string; engine: EngineId }[];
}

export function indexCells(m: Matrix): CellIndex {
  const checkIds = new Set(m.checks.map((c) => c.id));
  const engineIds = new Set<string>(m.engines.map((e) => e.id));
  const map = new Map<string, Cell>();
  const orphans: Cell[] = [];
  const duplicates: Cell[] = [];
  for (const cell of m.cells) {
    if (!checkIds.has(cell.check) || !engineIds.has(cell.engine)) {
      orphans.push(cell);
      continue;
    }
    const k = key(cell.check, cell.engine);
    if (map.has(k)) duplicates.push(cell);
    else map.set(k, cell);
  }
  const missing: { check: string; engine: EngineId }[] = [];
  for (const check of m.checks)
    for (const engine of m.engines) if (!map.has(key(check.id, engine.id))) missing.push({ check: check.id, engine: engine.id });
  return { get: (check, engine) => map.get(key(check, engine)), orphans, duplicates, missing };
}

/** Verdict counts of the given checks for one engine; pairs without a cell count as missing. */
export function tally(idx: CellIndex, checks: readonly CheckInfo[], engine: EngineId): Tally {
  const t = emptyTally();
  for (const check of checks) {
    const cell = idx.get(check.id, engine);
    if (cell) t[cell.verdict]++;
    else t.missing++;
  }
  return t;
}

/** Checks grouped by area, areas in order of first appearance, checks in matrix order. */
export function groupByArea(checks: readonly CheckInfo[]): [area: string, checks: CheckInfo[]][] {
  const groups = new Map<string, CheckInfo[]>();
  for (const check of checks) {
    const list = groups.get(check.area);
    if (list) list.push(check);
    else groups.set(check.area, [check]);
  }
  return [...groups];
}

/** A cell whose verdict is recorded by an expectation file as a known, non-pass outcome. */
export const isKnown = (cell: Cell): boolean =>
  cell.verdict !== 'pass' && cell.expectation !== undefined && expectedVerdicts(cell.expectation).includes(cell.verdict);

/** An unsupported cell the engine's module declares for every check it concerns (no per-check record needed). */
export const isDeclaredLimit = (cell: Cell): boolean => cell.verdict === 'unsupported' && cell.declared === true && !cell.expectation;

/** A non-pass cell already accounted for: recorded by an expectation file, or a limit the engine's module declares. */
export const isAccountedFor = (cell: Cell): boolean => isKnown(cell) || isDeclaredLimit(cell);

/** A cell with an expectation that no longer matches what happened (e.g. a known failure now passes). */
export const isStale = (cell: Cell): boolean =>
  cell.expectation !== undefined && !expectedVerdicts(cell.expectation).includes(cell.verdict);

const expectedVerdicts = (x: NonNullable<Cell['expectation']>): Verdict[] => [x.verdict, ...(x.intermittent ?? [])];
