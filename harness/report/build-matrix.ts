// Turns Playwright Test results into matrix cells. Pure: the reporter feeds it, unit tests feed it fakes.
import { firstLine } from '../errors';
import type { Cell, CellOutcome, CheckInfo, EngineId } from '../types';

export interface RawResult {
  engine: EngineId;
  meta: CheckInfo & { expected?: string };
  status: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';
  /** Messages of the errors the test ended with. */
  errors: string[];
  /** What check() decided (the `cell` attachment); absent when the test ended before check() could record it. */
  outcome?: CellOutcome;
  ms: number;
}

export function toCell(r: RawResult): Cell | undefined {
  const base = { check: r.meta.id, engine: r.engine, expected: r.meta.expected ?? null, ms: Math.round(r.ms) };
  const o = r.outcome;
  if (o) {
    return {
      ...base,
      verdict: o.verdict,
      observed: o.observed ?? null,
      ...(o.reason ? { reason: o.reason } : {}),
      ...(o.firstAttempt ? { firstAttempt: o.firstAttempt } : {}),
      ...(o.repro?.length ? { repro: o.repro } : {}),
      ...(o.verdict === 'unsupported' && o.declared ? { declared: true as const } : {}),
    };
  }
  // A skip without a recorded outcome is the user's filter, not a result.
  if (r.status === 'skipped') return undefined;
  // Without a recorded outcome the test never reached a verdict (a fixture failed, or Playwright's own timeout hit).
  const first = firstLine(r.errors[0] ?? '');
  const why =
    r.status === 'timedOut' ? `harness: timed out; ${first}` : first || `harness: the check ended (${r.status}) without a verdict`;
  return { ...base, verdict: 'error', observed: null, reason: why };
}

/** Cells for checks that should have run on an engine and have no result: a harness bug that must show. */
export function missingCells(checks: CheckInfo[], engines: EngineId[], cells: Cell[]): Cell[] {
  const have = new Set(cells.map((c) => `${c.check}\u0000${c.engine}`));
  const out: Cell[] = [];
  for (const ch of checks) {
    for (const e of engines) {
      if (!have.has(`${ch.id}\u0000${e}`)) {
        out.push({
          check: ch.id,
          engine: e,
          verdict: 'error',
          observed: null,
          expected: null,
          ms: 0,
          reason: 'harness: the check did not run on this engine',
        });
      }
    }
  }
  return out;
}

/**
 * The cell for a check after another attempt (a Playwright retry). The first attempt's verdict stands, so a retry
 * can never turn an engine failure into a pass; only a harness error is replaced, and the new cell says so.
 */
export function afterRetry(first: Cell, retry: Cell): Cell {
  return first.verdict === 'error' ? { ...retry, firstAttempt: first.reason ?? 'harness error' } : first;
}
