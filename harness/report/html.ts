// Self-contained HTML rendering of a Matrix (reports/matrix.html): inline CSS and a little inline JS,
// no external resources, readable without JS. Every string that came from a browser (observed values,
// reasons, user agents…) is treated as untrusted and escaped; only `sections[].html` is inserted raw.
// (Over 350 lines on purpose: the page's markup, one function per part (header, row, cell, details, repro) kept in
// one place so the page reads top to bottom; its CSS and JS are the files in assets/.)

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cell, CheckInfo, EngineInfo, Matrix, Verdict } from '../types';
import {
  type CellIndex,
  type Tally,
  VERDICTS,
  groupByArea,
  indexCells,
  isAccountedFor,
  isDeclaredLimit,
  isKnown,
  isStale,
  tally,
} from './cell-index';
import { bugReport, reproSnippet } from '../repro';
import { cleanText, formatMs, observedSummary, safeJson, shortBug } from './observed-text';

export { shortBug };

/** An extra report section (e.g. "seed claims"), appended after the matrix. `html` is trusted markup. */
export interface ExtraSection {
  id: string;
  title: string;
  html: string;
}

type Shown = Verdict | 'missing';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escape for HTML text and (double- or single-quoted) attribute values. */
export const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

const LABEL: Record<Shown, string> = {
  pass: 'pass',
  fail: 'fail',
  unsupported: 'unsupported',
  error: 'error',
  missing: 'no result',
};
const ICON: Record<Shown, string> = { pass: '✓', fail: '✗', unsupported: '⊘', error: '!', missing: '?' };
const SHORT: Record<Shown, string> = { pass: 'pass', fail: 'fail', unsupported: 'unsup', error: 'err', missing: 'no result' };

const badge = (v: Shown): string => `<span class="badge b-${v}"><span aria-hidden="true">${ICON[v]}</span> ${LABEL[v]}</span>`;

/** Only http(s) links become hrefs; anything else is shown as text. */
function safeUrl(u: string): string | undefined {
  try {
    const url = new URL(u);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function bugLink(u: string | undefined): string {
  if (!u) return '';
  const href = safeUrl(u);
  const text = esc(shortBug(u));
  return href
    ? `<a class="bug" href="${esc(href)}" rel="noreferrer noopener" target="_blank">${text}</a>`
    : `<span class="bug">${text}</span>`;
}

function formatGenerated(s: string): string {
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  return d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}

const sourceText: Record<EngineInfo['source'], string> = {
  system: 'system build',
  playwright: "Playwright's build",
  custom: 'custom build',
};

/** Per-engine counts: "22/28" pass fraction, a proportional bar, and the non-zero non-pass counts. */
function counts(t: Tally, total: number, big = false): string {
  const seg = (v: Shown, n: number): string =>
    n ? `<span class="seg s-${v}" style="flex-grow:${n}" title="${n} ${LABEL[v]}"></span>` : '';
  const order: Shown[] = ['pass', 'fail', 'error', 'missing', 'unsupported'];
  const pills = order
    .filter((v) => v !== 'pass' && t[v] > 0)
    .map((v) => `<span class="pill p-${v}" title="${t[v]} ${LABEL[v]}">${t[v]} ${SHORT[v]}</span>`)
    .join('');
  return (
    `<div class="counts${big ? ' big' : ''}"><span class="frac"><b>${t.pass}</b>/${total}</span>` +
    `<span class="bar" aria-hidden="true">${order.map((v) => seg(v, t[v])).join('')}</span>${pills}</div>`
  );
}

/** The area whose checks run on the machine's own capture devices whatever the run's device set (tests/real-devices.spec.ts). */
const REAL_AREA = 'real-devices';

/** Whether any of an engine's cells in REAL_AREA ran at all (not declared unobservable before a session was opened). */
const ranOnRealDevices = (m: Matrix, engine: string): boolean =>
  m.cells.some((c) => c.engine === engine && c.check.startsWith(`${REAL_AREA}/`) && !c.declared);

function engineHeader(e: EngineInfo, t: Tally, total: number, launchMs: number | undefined, real: boolean): string {
  const exe = `${e.executable}${e.userAgent ? `\nUA: ${e.userAgent}` : ''}`;
  return (
    `<th scope="col" class="eng" data-engine="${esc(e.id)}">` +
    `<div class="eng-id">${esc(e.id)}</div>` +
    `<div class="eng-build" title="${esc(exe)}"><b>${esc(e.browser)}</b> <span class="ver">${esc(e.version)}</span></div>` +
    `<div class="eng-meta" title="${esc(e.driver)}">${esc(e.driver)}</div>` +
    `<div class="eng-meta"><span class="dev dev-${esc(e.devices)}">${esc(e.devices)} devices</span> · ${esc(sourceText[e.source] ?? e.source)}` +
    (launchMs !== undefined ? ` · launch ${esc(formatMs(launchMs))}` : '') +
    `</div>` +
    (e.devices !== 'real' && real ? `<div class="eng-meta">${REAL_AREA}/ rows: this machine's devices</div>` : '') +
    (e.expectations ? `<div class="eng-meta eng-exp">${esc(e.expectations)}</div>` : '') +
    counts(t, total, true) +
    `</th>`
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Plain JSON data (cycles, BigInt, undefined members dealt with as safeJson does). */
function plain(v: unknown): unknown {
  if (v === undefined) return undefined;
  const s = safeJson(v);
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
}

/**
 * Pretty JSON as escaped HTML. With `mark`, leaves (or whole sub-trees of another type) whose path also
 * exists in `other` with a different value are wrapped in <mark>: a failing cell shows where observed and
 * expected part ways. Paths only one side has are not marked (expected usually names only what matters).
 */
function jsonHtml(v: unknown, other: unknown, mark: boolean, ind = ''): string {
  if (v === undefined) return mark && other !== undefined ? '<mark>undefined</mark>' : 'undefined';
  const wrap = (h: string): string => (mark && safeJson(v) !== safeJson(other) ? `<mark>${h}</mark>` : h);
  if (Array.isArray(v)) {
    if (mark && !Array.isArray(other)) return wrap(jsonHtml(v, undefined, false, ind));
    if (v.length === 0) return '[]';
    const o = mark && Array.isArray(other) ? other : undefined;
    return `[\n${v.map((x, i) => `${ind}  ${jsonHtml(x, o?.[i], o !== undefined && i < o.length, `${ind}  `)}`).join(',\n')}\n${ind}]`;
  }
  if (isRecord(v)) {
    if (mark && !isRecord(other)) return wrap(jsonHtml(v, undefined, false, ind));
    const keys = Object.keys(v);
    if (keys.length === 0) return '{}';
    const o = mark && isRecord(other) ? other : undefined;
    return `{\n${keys
      .map((k) => `${ind}  ${esc(JSON.stringify(k))}: ${jsonHtml(v[k], o?.[k], o !== undefined && k in o, `${ind}  `)}`)
      .join(',\n')}\n${ind}}`;
  }
  return wrap(esc(JSON.stringify(v) ?? String(v)));
}

function pre(v: unknown, other: unknown, mark: boolean, cls: string): string {
  return `<pre class="${cls}">${jsonHtml(plain(v), plain(other), mark)}</pre>`;
}

/**
 * Where the details of cells that went as recorded go when they are not inlined (passes, failures and unsupported cells
 * an expectation file or the engine's module already accounts for): the reporter writes them to matrix.details.js,
 * which the page loads the first time such a cell is opened (a script, so it also works from file:). Most of a full
 * matrix's bytes are these details, and a reader opens few of them; a cell that needs attention (an unexpected fail or
 * unsupported, an error, a stale expectation) keeps its details in the page.
 */
export interface LazyDetails {
  html: string[];
}
export const LAZY_DETAILS_FILE = 'matrix.details.js';

/** The on-demand file: each passing cell's detail HTML, by the index its placeholder names. */
export function lazyDetailsScript(lazy: LazyDetails): string {
  return `window.gumDetails=${JSON.stringify(lazy.html).replace(/</g, '\\u003c')};\n`;
}

/** A failing cell's repro: the pages and console statements, and the whole as bug-report text to copy. */
function reproHtml(cell: Cell, check: CheckInfo, e: EngineInfo): string {
  const snippet = reproSnippet(cell.repro ?? [], e.devices);
  const report = bugReport({
    check: check.id,
    title: check.title,
    browser: e.browser,
    version: e.version,
    expected: cell.expected,
    observed: observedSummary(cell.observed, 400),
    reason: cell.reason,
    spec: check.spec,
    seed: check.seed,
    snippet,
  });
  return (
    `<div class="kv repro"><h4>reproduce</h4><pre class="j-repro">${esc(snippet)}</pre>` +
    `<details class="bug"><summary>copy as bug report</summary><textarea readonly rows="12" aria-label="bug report text">${esc(report)}</textarea></details></div>`
  );
}

/** A cell that went as recorded: a pass no expectation says otherwise of, or a cell accounted for (never an error). */
const asRecorded = (cell: Cell): boolean => (cell.verdict === 'pass' && !isStale(cell)) || isAccountedFor(cell);

function cellHtml(cell: Cell | undefined, check: CheckInfo, e: EngineInfo, lazy?: LazyDetails): string {
  const where = `${check.id} × ${e.id}`;
  if (!cell) {
    return (
      `<td class="cell v-missing" data-v="missing" aria-label="${esc(where)}: no result">` +
      `<div class="face">${badge('missing')}<span class="obs">—</span></div>` +
      `<div class="why">the harness produced no cell for this check on this engine (harness bug)</div></td>`
    );
  }
  const v = cell.verdict;
  const known = isKnown(cell);
  const stale = isStale(cell);
  const summary = observedSummary(cell.observed, 60);
  const fullSummary = observedSummary(cell.observed, 400);
  const reason = cell.reason ? cleanText(cell.reason) : '';

  const tags: string[] = [];
  if (known)
    tags.push(
      `<span class="tag t-known" title="${esc(`recorded as a known ${v}: ${cell.expectation?.reason ?? ''}`)}">expected</span>${bugLink(cell.expectation?.bug)}`,
    );
  else if (isDeclaredLimit(cell))
    tags.push(
      `<span class="tag t-known" title="declared once by this engine's module (harness/engines/): expected on every check it concerns">engine limit</span>`,
    );
  else if (stale && cell.expectation)
    tags.push(
      `<span class="tag t-stale" title="${esc(`the expectation file says ${cell.expectation.verdict}: ${cell.expectation.reason}`)}">expectation: ${esc(cell.expectation.verdict)}</span>${bugLink(cell.expectation.bug)}`,
    );
  // Unsupported and error cells always explain themselves on the face; fails show their difference.
  // An unsupported cell's observed value is only "unobservable: …", so its reason takes that place.
  const reasonOnFace = v === 'unsupported' && reason !== '';
  const why = v === 'pass' || reasonOnFace ? '' : reason;
  const whyLine =
    tags.length || why
      ? `<span class="why"${why ? ` title="${esc(reason)}"` : ''}>${tags.join(' ')}${tags.length && why ? ' ' : ''}${esc(why)}</span>`
      : '';
  const ms = v === 'unsupported' && cell.ms === 0 ? '' : `<span class="ms">${esc(formatMs(cell.ms))}</span>`;

  const detail: string[] = [];
  const diff = v === 'fail';
  detail.push(`<div class="kv"><h4>expected</h4>${pre(cell.expected, cell.observed, diff, 'j-exp')}</div>`);
  detail.push(`<div class="kv"><h4>observed</h4>${pre(cell.observed, cell.expected, diff, 'j-obs')}</div>`);
  if (reason) detail.push(`<div class="kv"><h4>reason</h4><p>${esc(cell.reason)}</p></div>`);
  if (cell.repro?.length && (v === 'fail' || v === 'error')) detail.push(reproHtml(cell, check, e));
  if (cell.firstAttempt)
    detail.push(
      `<div class="kv"><h4>retried</h4><p>The first attempt ended in a harness error (${esc(cell.firstAttempt)}); this is the retry's result.</p></div>`,
    );
  if (cell.expectation) {
    const x = cell.expectation;
    detail.push(
      `<div class="kv"><h4>expectation${known ? ' (met)' : stale ? ' (not met: update it)' : ''}</h4>` +
        `<p>${badge(x.verdict)}${(x.intermittent ?? []).map((v) => ` or ${badge(v)}`).join('')}${x.intermittent ? ' (intermittent)' : ''} ${esc(x.reason)}${x.bug ? ` — ${bugLink(x.bug)}` : ''}</p></div>`,
    );
  }
  const msText = formatMs(cell.ms) === `${cell.ms} ms` ? `${cell.ms} ms` : `${formatMs(cell.ms)} (${cell.ms} ms)`;
  detail.push(`<p class="meta">${esc(where)} · ${esc(v)} · ${esc(msText)}</p>`);

  let detailHtml = `<div class="detail">${detail.join('')}</div>`;
  if (lazy && asRecorded(cell)) {
    detailHtml =
      `<div class="detail" data-lazy="${lazy.html.length}"><p class="meta">${esc(where)} · ${esc(v)} · ${esc(msText)}: the details are ` +
      `loaded from ${LAZY_DETAILS_FILE} (with JavaScript) and are in matrix.json.</p></div>`;
    lazy.html.push(detail.join(''));
  }
  const cls = ['cell', `v-${v}`];
  if (isAccountedFor(cell)) cls.push('known');
  if (stale) cls.push('stale');
  return (
    `<td class="${cls.join(' ')}" data-v="${v}">` +
    `<details><summary aria-label="${esc(`${where}: ${v}${known ? ' (expected)' : ''}, ${fullSummary}`)}">` +
    `<span class="face">${badge(v)}` +
    (reasonOnFace
      ? `<span class="obs why-face" title="${esc(reason)}">${esc(reason)}</span>`
      : `<span class="obs"${summary === fullSummary ? '' : ` title="${esc(fullSummary)}"`}>${esc(summary).replace(/\(/g, '<wbr>(')}</span>`) +
    `${ms}</span>` +
    whyLine +
    `</summary>${detailHtml}</details></td>`
  );
}

function rowHtml(check: CheckInfo, m: Matrix, idx: CellIndex, lazy?: LazyDetails): string {
  const cells = m.engines.map((e) => idx.get(check.id, e.id));
  const vs = cells.map((c): Shown => c?.verdict ?? 'missing');
  const disagree = new Set(vs).size > 1;
  const anchor = `check-${check.id}`;
  const text = `${check.id} ${check.title}`.toLowerCase();
  return (
    `<tr class="check" id="${esc(anchor)}" data-v="${[...new Set(vs)].join(' ')}" data-disagree="${disagree ? 1 : 0}" data-text="${esc(text)}">` +
    `<th scope="row" class="chk"><a class="cid" href="#${esc(encodeURIComponent(anchor))}">${esc(check.id)}</a>` +
    (disagree ? `<span class="dis" title="engines disagree">≠</span>` : '') +
    `<div class="title">${esc(check.title)}</div>` +
    (check.seed ? `<div class="seed" title="${esc(check.seed)}"><span class="lbl">seed</span> ${esc(check.seed)}</div>` : '') +
    (check.spec ? `<div class="seed spec" title="${esc(check.spec)}"><span class="lbl">spec</span> ${esc(check.spec)}</div>` : '') +
    `</th>` +
    m.engines.map((e, i) => cellHtml(cells[i], check, e, lazy)).join('') +
    `</tr>`
  );
}

/**
 * Render the matrix as one self-contained HTML document.
 * `sections` are appended after the matrix, each in its own <section id> with a nav link; their `html` is inserted
 * as-is (it must be produced by trusted report code, never raw browser output).
 */
export function renderHtml(m: Matrix, sections: ExtraSection[] = [], lazy?: LazyDetails): string {
  const idx = indexCells(m);
  const groups = groupByArea(m.checks);
  const totals = m.engines.map((e) => tally(idx, m.checks, e.id));
  const all: Record<Shown, number> = { pass: 0, fail: 0, unsupported: 0, error: 0, missing: 0 };
  for (const t of totals) for (const v of [...VERDICTS, 'missing'] as const) all[v] += t[v];
  const knownFailCount = m.cells.filter((c) => c.verdict === 'fail' && isKnown(c) && idx.get(c.check, c.engine) === c).length;
  const staleCount = m.cells.filter((c) => isStale(c) && idx.get(c.check, c.engine) === c).length;
  const title = `${m.suite.name} ${m.suite.version}: getUserMedia conformance matrix`;

  // ---- header
  const totalsLine = ([...VERDICTS, 'missing'] as const)
    .filter((v) => v !== 'missing' || all.missing > 0)
    .map(
      (v) =>
        `<span class="pill p-${v}">${all[v]} ${LABEL[v]}${v === 'fail' && knownFailCount ? ` (${knownFailCount} expected)` : ''}</span>`,
    )
    .join(' ');
  const meta = [
    `generated <time datetime="${esc(m.generated)}">${esc(formatGenerated(m.generated))}</time>`,
    m.timing ? `run wall time ${esc(formatMs(m.timing.wallMs))}` : '',
    `${m.checks.length} checks × ${m.engines.length} engines`,
  ].filter(Boolean);

  const problems: string[] = [];
  if (idx.missing.length)
    problems.push(
      `${idx.missing.length} check/engine pair${idx.missing.length > 1 ? 's have' : ' has'} no result: ` +
        idx.missing
          .slice(0, 12)
          .map((p) => `<a href="#${esc(encodeURIComponent(`check-${p.check}`))}">${esc(p.check)} × ${esc(p.engine)}</a>`)
          .join(', ') +
        (idx.missing.length > 12 ? ', …' : ''),
    );
  if (idx.orphans.length)
    problems.push(
      `${idx.orphans.length} cell(s) name an unknown check or engine: ` +
        idx.orphans
          .slice(0, 8)
          .map((c) => `<code>${esc(c.check)} × ${esc(c.engine)}</code>`)
          .join(', '),
    );
  if (idx.duplicates.length)
    problems.push(
      `${idx.duplicates.length} duplicate cell(s), first one shown: ` +
        idx.duplicates
          .slice(0, 8)
          .map((c) => `<code>${esc(c.check)} × ${esc(c.engine)}</code>`)
          .join(', '),
    );
  if (staleCount) problems.push(`${staleCount} cell(s) no longer match their recorded expectation (tagged “expectation: …”).`);

  const nav = sections.length
    ? `<nav class="toc"><a href="#matrix">matrix</a>${sections.map((s) => ` · <a href="#${esc(encodeURIComponent(s.id))}">${esc(s.title)}</a>`).join('')}</nav>`
    : '';

  // ---- filters (inert without JS, hidden by the .nojs class)
  const filters =
    `<form class="filters" role="search" aria-label="filter checks" onsubmit="return false">` +
    `<label class="q">search <input type="search" id="f-q" placeholder="check id or title  ( / )" autocomplete="off"></label>` +
    `<fieldset class="vs"><legend>rows with a cell that is</legend>` +
    ([...VERDICTS, 'missing'] as const)
      .map((v) => `<label><input type="checkbox" name="v" value="${v}" checked> ${badge(v)}</label>`)
      .join('') +
    `<button type="button" id="f-problems" title="hide rows where every engine passes">non-pass only</button>` +
    `</fieldset>` +
    `<label><input type="checkbox" id="f-disagree"> only rows where engines disagree</label>` +
    `<label>area <select id="f-area"><option value="">all areas</option>${groups
      .map(([a, cs]) => `<option value="${esc(a)}">${esc(a)} (${cs.length})</option>`)
      .join('')}</select></label>` +
    `<span class="grow"></span>` +
    `<button type="button" id="f-open" title="expand every visible cell">expand cells</button>` +
    `<button type="button" id="f-close">collapse cells</button>` +
    `<button type="button" id="f-reset">reset</button>` +
    `<output id="f-count" aria-live="polite">${m.checks.length} of ${m.checks.length} checks</output>` +
    `</form>`;

  // ---- table
  const checkColPct = Math.max(22, 40 - 2 * m.engines.length);
  const head =
    `<thead><tr><th scope="col" class="chk-h">check <span class="hint">click a cell for expected vs observed</span></th>` +
    m.engines
      .map((e, i) =>
        engineHeader(e, totals[i] ?? tally(idx, [], e.id), m.checks.length, m.timing?.launchMs[e.id], ranOnRealDevices(m, e.id)),
      )
      .join('') +
    `</tr></thead>`;
  const bodies = groups
    .map(([area, checks]) => {
      const gid = `area-${area}`;
      return (
        `<tbody class="area" data-area="${esc(area)}" id="${esc(gid)}">` +
        `<tr class="group"><th scope="rowgroup"><button type="button" class="toggle" aria-expanded="true">` +
        `<span class="chev" aria-hidden="true">▾</span> ${esc(area)} <span class="n">${checks.length} check${checks.length > 1 ? 's' : ''}</span><span class="gshown"></span></button></th>` +
        m.engines.map((e) => `<td class="gc">${counts(tally(idx, checks, e.id), checks.length)}</td>`).join('') +
        `</tr>` +
        checks.map((c) => rowHtml(c, m, idx, lazy)).join('') +
        `</tbody>`
      );
    })
    .join('');
  const table =
    `<table class="matrix" id="matrix"><colgroup><col style="width:${checkColPct}%">` +
    m.engines.map(() => `<col>`).join('') +
    `</colgroup>${head}${bodies}</table>`;
  const empty = m.checks.length === 0 ? `<p class="problems">This matrix has no checks.</p>` : '';

  const extras = sections
    .map(
      (s) =>
        `<section class="extra" id="${esc(s.id)}" aria-labelledby="${esc(`${s.id}-h`)}">` +
        `<h2 id="${esc(`${s.id}-h`)}">${esc(s.title)}</h2>${s.html}</section>`,
    )
    .join('');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="${esc(`${m.suite.name} ${m.suite.version}`)}">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body class="nojs">
<header class="top">
<h1>${esc(m.suite.name)} <span class="ver">${esc(m.suite.version)}</span> <span class="sub">navigator.mediaDevices.getUserMedia() conformance</span></h1>
<p class="meta">${meta.join(' · ')} · ${totalsLine}</p>
${problems.length ? `<div class="problems" role="alert"><b>Harness problems</b><ul>${problems.map((p) => `<li>${p}</li>`).join('')}</ul></div>` : ''}
${nav}
</header>
${filters}
<main>
${table}${empty}
${extras}
</main>
<footer><p>${badge('pass')} as required · ${badge('fail')} differs from what is required (<span class="tag t-known">expected</span> = recorded as a known difference) · ${badge('unsupported')} this engine/driver cannot observe it (the reason is in the cell; <span class="tag t-known">engine limit</span> = declared once by the engine's module, for every check it concerns) · ${badge('error')} the harness itself failed · ${badge('missing')} no cell was produced (harness bug).</p></footer>
<script>${JS}</script>
</body>
</html>
`;
}

// The page's stylesheet and script are real files (read once, inlined so matrix.html stays one self-contained file).
const asset = (name: string) => readFileSync(join(__dirname, 'assets', name), 'utf8');
const CSS = asset('matrix.css');
const JS = asset('matrix.js');
