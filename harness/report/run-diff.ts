// The difference between two runs (build N-1 and build N, a clean run and one with a shim, two CI runs): what a vendor
// reads after a regression run. Pure: the CLI (harness/cli/diff.ts) feeds it two matrix.json files.
import { recordedObservation } from '../expectations';
import type { Cell, EngineId, EngineInfo, Matrix, Verdict } from '../types';

/**
 * regression: was pass, is now fail or error. fix: was fail or error, is now pass. changed: same verdict, other
 * observation (a failure that fails differently). other: any other change of verdict (to or from unsupported,
 * fail <-> error). added / removed: a check (or engine) only one side has.
 */
export type ChangeKind = 'regression' | 'fix' | 'changed' | 'other' | 'added' | 'removed';
export const CHANGE_KINDS: readonly ChangeKind[] = ['regression', 'fix', 'changed', 'other', 'added', 'removed'];

export interface CellChange {
  kind: ChangeKind;
  check: string;
  area: string;
  engine: EngineId;
  before?: { verdict: Verdict; observed: string };
  after?: { verdict: Verdict; observed: string };
}

export interface RunDiff {
  before: { generated: string; engines: EngineInfo[] };
  after: { generated: string; engines: EngineInfo[] };
  changes: CellChange[];
  /** Cells present on both sides with the same verdict and observation. */
  unchanged: number;
  counts: Record<ChangeKind, number>;
}

const text = (c: Cell): string =>
  c.verdict === 'unsupported' || c.verdict === 'error' ? (c.reason ?? '') : recordedObservation(c.observed);
const side = (c: Cell) => ({ verdict: c.verdict, observed: text(c) });

function kindOf(a: Cell, b: Cell): ChangeKind | undefined {
  if (a.verdict === b.verdict) {
    // A pass is a pass: its observation may carry timings or ids that differ run to run.
    if (a.verdict === 'pass' || text(a) === text(b)) return undefined;
    return 'changed';
  }
  if (a.verdict === 'pass' && (b.verdict === 'fail' || b.verdict === 'error')) return 'regression';
  if ((a.verdict === 'fail' || a.verdict === 'error') && b.verdict === 'pass') return 'fix';
  return 'other';
}

export function diffRuns(before: Matrix, after: Matrix): RunDiff {
  const key = (c: Cell) => `${c.engine}\u0000${c.check}`;
  const areaOf = new Map([...before.checks, ...after.checks].map((c) => [c.id, c.area]));
  const old = new Map(before.cells.map((c) => [key(c), c]));
  const now = new Map(after.cells.map((c) => [key(c), c]));
  const changes: CellChange[] = [];
  let unchanged = 0;
  for (const [k, b] of now) {
    const a = old.get(k);
    const base = { check: b.check, area: areaOf.get(b.check) ?? b.check.split('/')[0], engine: b.engine };
    if (!a) {
      changes.push({ kind: 'added', ...base, after: side(b) });
      continue;
    }
    const kind = kindOf(a, b);
    if (kind) changes.push({ kind, ...base, before: side(a), after: side(b) });
    else unchanged++;
  }
  for (const [k, a] of old) {
    if (!now.has(k))
      changes.push({
        kind: 'removed',
        check: a.check,
        area: areaOf.get(a.check) ?? a.check.split('/')[0],
        engine: a.engine,
        before: side(a),
      });
  }
  changes.sort(
    (x, y) =>
      CHANGE_KINDS.indexOf(x.kind) - CHANGE_KINDS.indexOf(y.kind) ||
      x.area.localeCompare(y.area) ||
      x.engine.localeCompare(y.engine) ||
      x.check.localeCompare(y.check),
  );
  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, changes.filter((c) => c.kind === k).length])) as Record<ChangeKind, number>;
  return {
    before: { generated: before.generated, engines: before.engines },
    after: { generated: after.generated, engines: after.engines },
    changes,
    unchanged,
    counts,
  };
}

const builds = (engines: EngineInfo[]) => engines.map((e) => `${e.id} ${e.version}`).join(', ');

/** The terminal text: the builds of each side, then the changes grouped by kind, area and engine. */
export function formatRunDiff(d: RunDiff): string {
  const out = [
    `before: ${builds(d.before.engines)} (${d.before.generated})`,
    `after:  ${builds(d.after.engines)} (${d.after.generated})`,
    '',
  ];
  if (!d.changes.length) {
    out.push(`no differences: ${d.unchanged} cells identical`);
    return out.join('\n');
  }
  for (const kind of CHANGE_KINDS) {
    const list = d.changes.filter((c) => c.kind === kind);
    if (!list.length) continue;
    out.push(`${kind === 'changed' ? 'changed failures' : `${kind}s`} (${list.length}):`);
    let group = '';
    for (const c of list) {
      const g = `${c.area} / ${c.engine}`;
      if (g !== group) out.push(`  ${g}`);
      group = g;
      const was = c.before ? `${c.before.verdict}: ${c.before.observed}` : '(absent)';
      const is = c.after ? `${c.after.verdict}: ${c.after.observed}` : '(absent)';
      out.push(`    ${c.check}\n      was ${was.slice(0, 200)}\n      now ${is.slice(0, 200)}`);
    }
  }
  const n = d.counts;
  out.push(
    '',
    `${n.regression} regression(s), ${n.fix} fix(es), ${n.changed} changed failure(s), ${n.other} other change(s), ` +
      `${n.added} added, ${n.removed} removed; ${d.unchanged} cells identical`,
  );
  return out.join('\n');
}
