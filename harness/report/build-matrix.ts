// Turns Playwright Test results into matrix cells. Pure: the reporter feeds it, unit tests feed it fakes.
import type { Cell, CheckInfo, EngineId, EngineInfo, Verdict } from '../types';

export interface RawResult {
  engine: EngineId;
  meta: CheckInfo & { expected?: string };
  status: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';
  /** Messages of the errors the test ended with. */
  errors: string[];
  annotations: { type: string; description?: string }[];
  observed: unknown;
  engineInfo?: EngineInfo;
  ms: number;
}

const UNSUPPORTED = 'unsupported: ';

/** An assertion about the browser's behaviour failed (as opposed to the harness failing). */
export function isAssertionFailure(message: string): boolean {
  return /expect\(|toBe|toEqual|toMatch|toContain|toHave|toBeTruthy|Expected:|Received:/.test(message);
}

export function firstLine(s: string): string {
  // Strips ANSI colour codes Playwright puts in matcher messages.
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 3).join(' ').slice(0, 400);
}

export function toCell(r: RawResult): Cell | undefined {
  const base = { check: r.meta.id, engine: r.engine, observed: r.observed ?? null, expected: r.meta.expected ?? null, ms: Math.round(r.ms) };
  let verdict: Verdict;
  let reason: string | undefined;
  if (r.status === 'skipped') {
    const u = r.annotations.find((a) => a.type === 'skip' && a.description?.startsWith(UNSUPPORTED));
    if (!u) return undefined; // skipped by the user's filters, not a result
    verdict = 'unsupported';
    reason = u.description!.slice(UNSUPPORTED.length);
  } else if (r.status === 'passed') {
    // Status is what happened even under test.fail() (a recorded known failure): "passed" means the browser met
    // the check's expectation.
    verdict = 'pass';
  } else if (r.status === 'failed' && r.errors.length && r.errors.every(isAssertionFailure)) {
    verdict = 'fail';
    reason = firstLine(r.errors[0]);
  } else {
    verdict = 'error';
    reason = r.status === 'timedOut' ? `harness: timed out; ${firstLine(r.errors[0] ?? '')}` : firstLine(r.errors[0] ?? r.status);
  }
  return { ...base, verdict, ...(reason ? { reason } : {}) };
}

/** Cells for checks that should have run on an engine and have no result: a harness bug that must show. */
export function missingCells(checks: CheckInfo[], engines: EngineId[], cells: Cell[]): Cell[] {
  const have = new Set(cells.map((c) => `${c.check}\u0000${c.engine}`));
  const out: Cell[] = [];
  for (const ch of checks) {
    for (const e of engines) {
      if (!have.has(`${ch.id}\u0000${e}`)) {
        out.push({ check: ch.id, engine: e, verdict: 'error', observed: null, expected: null, ms: 0, reason: 'harness: the check did not run on this engine' });
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
