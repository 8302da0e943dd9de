// Terminal summary of a Matrix, plus the small helpers the HTML and BCD renderers share
// (observed-value summaries, verdict tallies, cell lookup).

import type { Cell, CheckInfo, EngineId, EngineInfo, Matrix, Verdict } from '../types';

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
    for (const engine of m.engines)
      if (!map.has(key(check.id, engine.id))) missing.push({ check: check.id, engine: engine.id });
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

/** A cell with an expectation that no longer matches what happened (e.g. a known failure now passes). */
export const isStale = (cell: Cell): boolean =>
  cell.expectation !== undefined && !expectedVerdicts(cell.expectation).includes(cell.verdict);

const expectedVerdicts = (x: NonNullable<Cell['expectation']>): Verdict[] => [x.verdict, ...(x.intermittent ?? [])];

// ---------------------------------------------------------------- observed summaries

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Replace control characters (terminal escapes from untrusted browser text) and collapse whitespace. */
export function cleanText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Truncate to max code points, ending with an ellipsis when cut. */
export function truncate(s: string, max: number): string {
  const chars = [...s];
  if (chars.length <= max) return s;
  if (max <= 1) return chars.slice(0, Math.max(0, max)).join('');
  return chars.slice(0, max - 1).join('') + '…';
}

/** JSON.stringify that never throws (cycles, BigInt) and shows undefined. */
export function safeJson(v: unknown, indent?: number): string {
  if (v === undefined) return 'undefined';
  try {
    const seen = new WeakSet<object>();
    const s = JSON.stringify(
      v,
      (_k, val: unknown) => {
        if (typeof val === 'bigint') return `${val.toString()}n`;
        if (typeof val === 'object' && val !== null) {
          if (seen.has(val)) return '[circular]';
          seen.add(val);
        }
        return val;
      },
      indent,
    );
    return s ?? String(v);
  } catch {
    return String(v);
  }
}

function errorName(e: unknown): string | undefined {
  if (typeof e === 'string') return e;
  if (!isRecord(e)) return undefined;
  const name = typeof e['name'] === 'string' ? e['name'] : undefined;
  if (name === undefined) return undefined;
  // OverconstrainedError's constraint is the interesting part of the error.
  if ('constraint' in e) {
    const c = e['constraint'];
    return `${name}(${typeof c === 'string' && /^[\w-]+$/.test(c) ? c : safeJson(c)})`;
  }
  return name;
}

function trackCounts(o: Record<string, unknown>): string | undefined {
  const counts = new Map<string, number>();
  const tracks = o['tracks'];
  if (Array.isArray(tracks)) {
    for (const t of tracks) {
      const kind = typeof t === 'string' ? t : isRecord(t) && typeof t['kind'] === 'string' ? t['kind'] : 'track';
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
  } else if (isRecord(tracks)) {
    for (const [kind, n] of Object.entries(tracks)) if (typeof n === 'number') counts.set(kind, n);
  } else {
    for (const kind of ['video', 'audio'])
      if (typeof o[kind] === 'number') counts.set(kind, o[kind]);
  }
  if (counts.size === 0) return undefined;
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
}

/**
 * A short, single-line, human summary of an observed value for a cell face / terminal line.
 * - `{summary: string}` → that string;
 * - `{unobservable}` → "unobservable: …";
 * - `{outcome, error?, tracks?}` → "NotAllowedError", "resolved: 1 video, 1 audio", "timeout";
 * - `{error: {name}}` → the error name;
 * - otherwise compact JSON. Always cleaned of control characters and truncated to `max`.
 * The result is plain text: escape it before putting it in HTML.
 */
export function observedSummary(observed: unknown, max = 60): string {
  return truncate(cleanText(rawSummary(observed)), max);
}

function rawSummary(o: unknown): string {
  if (o === undefined) return 'undefined';
  if (typeof o === 'string') return o;
  if (!isRecord(o)) return safeJson(o);
  if (typeof o['summary'] === 'string') return o['summary'];
  if (typeof o['unobservable'] === 'string') return `unobservable: ${o['unobservable']}`;
  const err = errorName(o['error']);
  const outcome = typeof o['outcome'] === 'string' ? o['outcome'] : undefined;
  if (outcome !== undefined) {
    if (err !== undefined) return /^(rejected|threw|thrown|rejects|error)$/.test(outcome) ? err : `${outcome}: ${err}`;
    const tracks = trackCounts(o);
    if (tracks !== undefined) return `${outcome}: ${tracks}`;
    const value = o['value'];
    if (value !== undefined) return `${outcome}: ${safeJson(value)}`;
    return outcome;
  }
  if (err !== undefined) return err;
  return safeJson(o);
}

/** "webkit.org/b/270001", "crbug.com/40123456", "bugzil.la/1531012", else host/…/last-segment. */
export function shortBug(u: string): string {
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    return cleanText(u);
  }
  const id = url.searchParams.get('id') ?? /\/(\d+)\/?$/.exec(url.pathname)?.[1];
  const host = url.hostname.replace(/^www\./, '');
  if (id) {
    if (host === 'bugs.webkit.org') return `webkit.org/b/${id}`;
    if (host === 'bugzilla.mozilla.org') return `bugzil.la/${id}`;
    if (/(^|\.)(crbug\.com|chromium\.org)$/.test(host)) return `crbug.com/${id}`;
    if (host === 'github.com') return cleanText(`${url.pathname.split('/').slice(1, 3).join('/')}#${id}`);
    return cleanText(`${host}/…/${id}`);
  }
  return cleanText(host + (url.pathname.length > 1 ? url.pathname : ''));
}

// ---------------------------------------------------------------- terminal table

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
  out.push(paint(ANSI.bold, `${cleanText(m.suite.name)} ${cleanText(m.suite.version)}`) +
    paint(ANSI.dim, ` (generated ${cleanText(m.generated)}${wall})`));

  // ---- area table
  const fmt = (t: Tally): string => `${t.pass}/${t.fail}/${t.unsupported}/${t.error}` + (t.missing ? ` +${t.missing}?` : '');
  const colour = (t: Tally, s: string): string =>
    paint(t.fail ? ANSI.fail : t.error ? ANSI.error : t.missing ? ANSI.fail : t.unsupported ? ANSI.unsupported : ANSI.pass, s);
  const rows: [string, Tally[]][] = groups.map(([area, checks]) => [area, m.engines.map((e) => tally(idx, checks, e.id))]);
  const totals = m.engines.map((e) => tally(idx, m.checks, e.id));
  const areaW = Math.max(4, 'pass/fail/unsup/err'.length - 2, ...groups.map(([a]) => [...cleanText(a)].length)) + 2;
  const colW = m.engines.map((e, i) =>
    Math.max([...cleanText(engineShort(e))].length, ...rows.map(([, ts]) => fmt(ts[i] ?? emptyTally()).length), fmt(totals[i] ?? emptyTally()).length) + 2,
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
  out.push(paint(ANSI.bold, line('area', m.engines.map((e) => cleanText(engineShort(e))))));
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
        items.push({ rank: rank.missing, verdict: 'missing', check: check.id, engine: engine.id, text: 'harness produced no cell for this check' });
        continue;
      }
      if (cell.verdict === 'pass') continue;
      const parts: string[] = [];
      const x = cell.expectation;
      if (isKnown(cell)) parts.push(`[expected${x?.bug ? ` ${shortBug(x.bug)}` : ''}]`);
      else if (isStale(cell)) parts.push(`[expectation says ${x?.verdict ?? '?'}]`);
      const reason = cell.reason ? cleanText(cell.reason) : '';
      // unsupported/error: the reason says it all (observed is usually just "unobservable"/harness junk).
      if (cell.verdict === 'fail' || !reason) parts.push(observedSummary(cell.observed, 50) + (reason ? ' —' : ''));
      if (reason) parts.push(reason);
      // Everything unexpected (new failures, harness errors) before every recorded difference, so a truncated log shows it.
      const r = rank[cell.verdict] + (isKnown(cell) ? 10 : 0);
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
      out.push(truncate(`  ${cleanText(c.check)}  ${c.engine}  expected ${c.expectation?.verdict ?? '?'}: ${cleanText(c.expectation?.reason ?? '')}`, width));
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

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}
