// The terminal summary of a Matrix: per-area counts per engine, then the cells that are not a plain pass.
import type { EngineInfo, Matrix, Verdict } from '../types';
import {
  VERDICTS,
  emptyTally,
  groupByArea,
  indexCells,
  isAccountedFor,
  isDeclaredLimit,
  isKnown,
  isStale,
  tally,
  type Tally,
} from './cell-index';
import { cleanText, formatMs, observedSummary, shortBug, truncate } from './observed-text';

export interface SummaryOptions {
  /** ANSI colours; default false (pass `process.stdout.isTTY` to colour when interactive). */
  color?: boolean;
  /** Maximum line width of the non-pass list; default 100. */
  width?: number;
}

const ANSI: Record<Verdict | 'missing' | 'dim' | 'bold', string> = {
  pass: '32',
  fail: '31',
  unsupported: '33',
  error: '35',
  missing: '7',
  dim: '2',
  bold: '1',
};

const LABEL: Record<Verdict | 'missing', string> = {
  pass: 'PASS',
  fail: 'FAIL',
  unsupported: 'UNSUP',
  error: 'ERROR',
  missing: 'NO RESULT',
};

/** Short engine header: "chromium 156.0.8078.79". */
export const engineShort = (e: EngineInfo): string => `${e.id} ${e.version}`;

const padEnd = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - [...s].length));

/**
 * Terminal table: one column per engine, one row per area with pass/fail/unsup/err counts,
 * then one line per non-pass cell (fail and error first), then
 * `matrix: P pass, F fail, U unsupported, E error over C checks x K engines`.
 */
export function renderSummary(m: Matrix, opts: SummaryOptions = {}): string {
  const color = opts.color ?? false;
  const width = Math.max(40, opts.width ?? 100);
  const paint = (code: string, s: string): string => (color && s !== '' ? `\u001b[${code}m${s}\u001b[0m` : s);

  const idx = indexCells(m);
  const groups = groupByArea(m.checks);
  const out: string[] = [];

  const wall = m.timing ? `, wall ${formatMs(m.timing.wallMs)}` : '';
  out.push(
    paint(ANSI.bold, `${cleanText(m.suite.name)} ${cleanText(m.suite.version)}`) +
      paint(ANSI.dim, ` (generated ${cleanText(m.generated)}${wall})`),
  );

  // ---- area table
  const fmt = (t: Tally): string => `${t.pass}/${t.fail}/${t.unsupported}/${t.error}` + (t.missing ? ` +${t.missing}?` : '');
  const colour = (t: Tally, s: string): string =>
    paint(t.fail ? ANSI.fail : t.error ? ANSI.error : t.missing ? ANSI.fail : t.unsupported ? ANSI.unsupported : ANSI.pass, s);
  const rows: [string, Tally[]][] = groups.map(([area, checks]) => [area, m.engines.map((e) => tally(idx, checks, e.id))]);
  const totals = m.engines.map((e) => tally(idx, m.checks, e.id));
  const areaW = Math.max(4, 'pass/fail/unsup/err'.length - 2, ...groups.map(([a]) => [...cleanText(a)].length)) + 2;
  const colW = m.engines.map(
    (e, i) =>
      Math.max(
        [...cleanText(engineShort(e))].length,
        ...rows.map(([, ts]) => fmt(ts[i] ?? emptyTally()).length),
        fmt(totals[i] ?? emptyTally()).length,
      ) + 2,
  );
  const line = (first: string, cells: string[], tallies?: Tally[]): string =>
    padEnd(first, areaW) +
    cells
      .map((c, i) => {
        const padded = padEnd(c, colW[i] ?? 0);
        const t = tallies?.[i];
        return t ? colour(t, c) + padded.slice(c.length) : padded;
      })
      .join('')
      .trimEnd();
  out.push('');
  out.push(
    paint(
      ANSI.bold,
      line(
        'area',
        m.engines.map((e) => cleanText(engineShort(e))),
      ),
    ),
  );
  for (const [area, ts] of rows) out.push(line(cleanText(area), ts.map(fmt), ts));
  out.push(line('total', totals.map(fmt), totals));
  out.push(paint(ANSI.dim, padEnd('', areaW) + 'pass/fail/unsup/err' + (idx.missing.length ? '  +N? = no result' : '')));

  // ---- non-pass list
  type Item = { rank: number; verdict: Verdict | 'missing'; check: string; engine: string; text: string };
  const items: Item[] = [];
  const rank: Record<Verdict | 'missing', number> = { fail: 0, error: 1, missing: 2, unsupported: 3, pass: 9 };
  const order = new Map(m.checks.map((c, i) => [c.id, i]));
  for (const check of m.checks)
    for (const engine of m.engines) {
      const cell = idx.get(check.id, engine.id);
      if (!cell) {
        items.push({
          rank: rank.missing,
          verdict: 'missing',
          check: check.id,
          engine: engine.id,
          text: 'harness produced no cell for this check',
        });
        continue;
      }
      if (cell.verdict === 'pass') continue;
      const parts: string[] = [];
      const x = cell.expectation;
      if (isKnown(cell)) parts.push(`[expected${x?.bug ? ` ${shortBug(x.bug)}` : ''}]`);
      else if (isStale(cell)) parts.push(`[expectation says ${x?.verdict ?? '?'}]`);
      else if (isDeclaredLimit(cell)) parts.push('[engine limit]');
      const reason = cell.reason ? cleanText(cell.reason) : '';
      // unsupported/error: the reason says it all (observed is usually just "unobservable"/harness junk).
      if (cell.verdict === 'fail' || !reason) parts.push(observedSummary(cell.observed, 50) + (reason ? ' —' : ''));
      if (reason) parts.push(reason);
      // Everything unexpected (new failures, harness errors) before every recorded difference, so a truncated log shows it.
      const r = rank[cell.verdict] + (isAccountedFor(cell) ? 10 : 0);
      items.push({ rank: r, verdict: cell.verdict, check: check.id, engine: engine.id, text: parts.join(' ') });
    }
  // Cells of passing verdict with a stale expectation are worth a line too.
  const stale = m.cells.filter((c) => c.verdict === 'pass' && isStale(c) && idx.get(c.check, c.engine) === c);
  items.sort((a, b) => a.rank - b.rank || (order.get(a.check) ?? 0) - (order.get(b.check) ?? 0));

  if (items.length) {
    out.push('');
    out.push(paint(ANSI.bold, `non-pass cells (${items.length}):`));
    const idW = Math.min(40, Math.max(...items.map((i) => [...cleanText(i.check)].length)));
    const engW = Math.max(...m.engines.map((e) => e.id.length));
    for (const it of items) {
      const label = padEnd(LABEL[it.verdict], 9);
      const head = `${padEnd(truncate(cleanText(it.check), idW), idW)}  ${padEnd(it.engine, engW)}  `;
      const rest = truncate(head + it.text, width - label.length - 1);
      out.push(paint(ANSI[it.verdict], label) + ' ' + rest);
    }
  }
  if (stale.length) {
    out.push('');
    out.push(paint(ANSI.bold, `passing despite a recorded expectation (${stale.length}), update the expectation file:`));
    for (const c of stale)
      out.push(
        truncate(
          `  ${cleanText(c.check)}  ${c.engine}  expected ${c.expectation?.verdict ?? '?'}: ${cleanText(c.expectation?.reason ?? '')}`,
          width,
        ),
      );
  }
  if (idx.missing.length || idx.orphans.length || idx.duplicates.length) {
    out.push('');
    const bits: string[] = [];
    if (idx.missing.length) bits.push(`${idx.missing.length} missing cell(s)`);
    if (idx.orphans.length) bits.push(`${idx.orphans.length} cell(s) for unknown checks/engines`);
    if (idx.duplicates.length) bits.push(`${idx.duplicates.length} duplicate cell(s)`);
    out.push(paint(ANSI.fail, `harness bug: ${bits.join(', ')}`));
  }

  const all = emptyTally();
  for (const t of totals) for (const k of [...VERDICTS, 'missing'] as const) all[k] += t[k];
  out.push('');
  out.push(
    `matrix: ${all.pass} pass, ${all.fail} fail, ${all.unsupported} unsupported, ${all.error} error over ${m.checks.length} checks x ${m.engines.length} engines`,
  );
  return out.join('\n');
}
