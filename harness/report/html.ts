// Self-contained HTML rendering of a Matrix (reports/matrix.html): inline CSS and a little inline JS,
// no external resources, readable without JS. Every string that came from a browser (observed values,
// reasons, user agents…) is treated as untrusted and escaped; only `extraSections[].html` is inserted raw.

import type { Cell, CheckInfo, EngineInfo, Matrix, Verdict } from '../types';
import { type CellIndex, type Tally, VERDICTS, groupByArea, indexCells, isKnown, isStale, tally } from './cell-index';
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
  return href ? `<a class="bug" href="${esc(href)}" rel="noreferrer noopener" target="_blank">${text}</a>` : `<span class="bug">${text}</span>`;
}

function formatGenerated(s: string): string {
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
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

function engineHeader(e: EngineInfo, t: Tally, total: number, launchMs: number | undefined): string {
  const exe = `${e.executable}${e.userAgent ? `\nUA: ${e.userAgent}` : ''}`;
  return (
    `<th scope="col" class="eng" data-engine="${esc(e.id)}">` +
    `<div class="eng-id">${esc(e.id)}</div>` +
    `<div class="eng-build" title="${esc(exe)}"><b>${esc(e.browser)}</b> <span class="ver">${esc(e.version)}</span></div>` +
    `<div class="eng-meta" title="${esc(e.driver)}">${esc(e.driver)}</div>` +
    `<div class="eng-meta"><span class="dev dev-${esc(e.devices)}">${esc(e.devices)} devices</span> · ${esc(sourceText[e.source] ?? e.source)}` +
    (launchMs !== undefined ? ` · launch ${esc(formatMs(launchMs))}` : '') +
    `</div>` +
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

function cellHtml(cell: Cell | undefined, check: CheckInfo, e: EngineInfo): string {
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
  if (known) tags.push(`<span class="tag t-known" title="${esc(`recorded as a known ${v}: ${cell.expectation?.reason ?? ''}`)}">expected</span>${bugLink(cell.expectation?.bug)}`);
  else if (stale && cell.expectation)
    tags.push(`<span class="tag t-stale" title="${esc(`the expectation file says ${cell.expectation.verdict}: ${cell.expectation.reason}`)}">expectation: ${esc(cell.expectation.verdict)}</span>${bugLink(cell.expectation.bug)}`);
  // Unsupported and error cells always explain themselves on the face; fails show their difference.
  // An unsupported cell's observed value is only "unobservable: …", so its reason takes that place.
  const reasonOnFace = v === 'unsupported' && reason !== '';
  const why = v === 'pass' || reasonOnFace ? '' : reason;
  const whyLine = tags.length || why
    ? `<span class="why"${why ? ` title="${esc(reason)}"` : ''}>${tags.join(' ')}${tags.length && why ? ' ' : ''}${esc(why)}</span>`
    : '';
  const ms = v === 'unsupported' && cell.ms === 0 ? '' : `<span class="ms">${esc(formatMs(cell.ms))}</span>`;

  const detail: string[] = [];
  const diff = v === 'fail';
  detail.push(`<div class="kv"><h4>expected</h4>${pre(cell.expected, cell.observed, diff, 'j-exp')}</div>`);
  detail.push(`<div class="kv"><h4>observed</h4>${pre(cell.observed, cell.expected, diff, 'j-obs')}</div>`);
  if (reason) detail.push(`<div class="kv"><h4>reason</h4><p>${esc(cell.reason)}</p></div>`);
  if (cell.firstAttempt) detail.push(`<div class="kv"><h4>retried</h4><p>The first attempt ended in a harness error (${esc(cell.firstAttempt)}); this is the retry's result.</p></div>`);
  if (cell.expectation) {
    const x = cell.expectation;
    detail.push(
      `<div class="kv"><h4>expectation${known ? ' (met)' : stale ? ' (not met: update it)' : ''}</h4>` +
        `<p>${badge(x.verdict)}${(x.intermittent ?? []).map((v) => ` or ${badge(v)}`).join('')}${x.intermittent ? ' (intermittent)' : ''} ${esc(x.reason)}${x.bug ? ` — ${bugLink(x.bug)}` : ''}</p></div>`,
    );
  }
  const msText = formatMs(cell.ms) === `${cell.ms} ms` ? `${cell.ms} ms` : `${formatMs(cell.ms)} (${cell.ms} ms)`;
  detail.push(`<p class="meta">${esc(where)} · ${esc(v)} · ${esc(msText)}</p>`);

  const cls = ['cell', `v-${v}`];
  if (known) cls.push('known');
  if (stale) cls.push('stale');
  return (
    `<td class="${cls.join(' ')}" data-v="${v}">` +
    `<details><summary aria-label="${esc(`${where}: ${v}${known ? ' (expected)' : ''}, ${fullSummary}`)}">` +
    `<span class="face">${badge(v)}` +
    (reasonOnFace
      ? `<span class="obs why-face" title="${esc(reason)}">${esc(reason)}</span>`
      : `<span class="obs" title="${esc(fullSummary)}">${esc(summary).replace(/\(/g, '<wbr>(')}</span>`) +
    `${ms}</span>` +
    whyLine +
    `</summary><div class="detail">${detail.join('')}</div></details></td>`
  );
}

function rowHtml(check: CheckInfo, m: Matrix, idx: CellIndex): string {
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
    m.engines.map((e, i) => cellHtml(cells[i], check, e)).join('') +
    `</tr>`
  );
}

/**
 * Render the matrix as one self-contained HTML document.
 * `extraSections` are appended after the matrix, each in its own <section id> with a nav link;
 * their `html` is inserted as-is (it must be produced by trusted report code, never raw browser output).
 */
export function renderHtml(m: Matrix, extraSections: ExtraSection[] = []): string {
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
    .map((v) => `<span class="pill p-${v}">${all[v]} ${LABEL[v]}${v === 'fail' && knownFailCount ? ` (${knownFailCount} expected)` : ''}</span>`)
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
        idx.orphans.slice(0, 8).map((c) => `<code>${esc(c.check)} × ${esc(c.engine)}</code>`).join(', '),
    );
  if (idx.duplicates.length)
    problems.push(
      `${idx.duplicates.length} duplicate cell(s), first one shown: ` +
        idx.duplicates.slice(0, 8).map((c) => `<code>${esc(c.check)} × ${esc(c.engine)}</code>`).join(', '),
    );
  if (staleCount) problems.push(`${staleCount} cell(s) no longer match their recorded expectation (tagged “expectation: …”).`);

  const nav = extraSections.length
    ? `<nav class="toc"><a href="#matrix">matrix</a>${extraSections.map((s) => ` · <a href="#${esc(encodeURIComponent(s.id))}">${esc(s.title)}</a>`).join('')}</nav>`
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
    m.engines.map((e, i) => engineHeader(e, totals[i] ?? tally(idx, [], e.id), m.checks.length, m.timing?.launchMs[e.id])).join('') +
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
        checks.map((c) => rowHtml(c, m, idx)).join('') +
        `</tbody>`
      );
    })
    .join('');
  const table =
    `<table class="matrix" id="matrix"><colgroup><col style="width:${checkColPct}%">` +
    m.engines.map(() => `<col>`).join('') +
    `</colgroup>${head}${bodies}</table>`;
  const empty = m.checks.length === 0 ? `<p class="problems">This matrix has no checks.</p>` : '';

  const extras = extraSections
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
<footer><p>${badge('pass')} as required · ${badge('fail')} differs from what is required (<span class="tag t-known">expected</span> = recorded as a known difference) · ${badge('unsupported')} this engine/driver cannot observe it (the reason is in the cell) · ${badge('error')} the harness itself failed · ${badge('missing')} no cell was produced (harness bug).</p></footer>
<script>${JS}</script>
</body>
</html>
`;
}

const CSS = `
:root{--bg:#fff;--fg:#1f2328;--muted:#636c76;--line:#d8dee4;--head:#f6f8fa;--group:#eef1f4;--code:#f3f4f6;--link:#0969da;
--pass:#1a7f37;--pass-bg:#e9f6ec;--fail:#cf222e;--fail-bg:#fde8e8;--unsup:#8a6100;--unsup-bg:#f2f1ee;--unsup-badge:#fff5d6;--unsup-line:#d4a72c;
--err:#7a3fc6;--err-bg:#f3edfb;--err-bg2:#e8ddf8;--miss:#1f2328;
--pass-b:#1a7f37;--fail-b:#cf222e;--err-b:#7a3fc6;--err-b2:#6330a8;--mark-exp:rgba(26,127,55,.22);--mark-obs:rgba(207,34,46,.22);color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#8d96a0;--line:#30363d;--head:#161b22;--group:#1c2128;--code:#1f242c;--link:#4493f8;
--pass:#2f9e4f;--pass-bg:#10261a;--fail:#f0524b;--fail-bg:#2c1517;--unsup:#d6a02a;--unsup-bg:#1b1d21;--unsup-badge:#2c2414;--unsup-line:#9e7a1c;
--err:#a577f2;--err-bg:#1f1a2c;--err-bg2:#2a2140;--miss:#e6edf3;
--pass-b:#238636;--fail-b:#da3633;--err-b:#7a3fc6;--err-b2:#6330a8;--mark-exp:rgba(63,185,80,.3);--mark-obs:rgba(248,81,73,.3)}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{margin:0;font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Cantarell,sans-serif}
a{color:var(--link)}
code,pre,.cid,.obs,.ver,.ms{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace}
header.top{padding:10px 16px 6px}
h1{font-size:18px;margin:0 0 2px;font-weight:600}
h1 .ver{font-size:14px;color:var(--muted);font-weight:500}
h1 .sub{font-size:13px;color:var(--muted);font-weight:400;margin-left:6px}
header .meta{margin:0;color:var(--muted)}
.toc{margin-top:4px}
.problems{margin:8px 0 2px;padding:6px 10px;border:2px dashed var(--fail);border-radius:4px;background:var(--fail-bg)}
.problems ul{margin:2px 0 0;padding-left:18px}
.filters{position:sticky;top:0;z-index:5;display:flex;flex-wrap:wrap;align-items:center;gap:6px 14px;padding:6px 16px;background:var(--bg);border-bottom:1px solid var(--line)}
.nojs .filters{display:none}
.filters fieldset{border:0;margin:0;padding:0;display:flex;align-items:center;gap:4px;flex-wrap:wrap}
.filters legend{float:left;color:var(--muted);margin-right:4px;padding:0}
.filters label{display:inline-flex;align-items:center;gap:4px;cursor:pointer;white-space:nowrap}
.filters input[type=search]{width:230px;font:inherit;padding:3px 6px;border:1px solid var(--line);border-radius:4px;background:var(--bg);color:var(--fg)}
.filters select,.filters button{font:inherit;padding:2px 8px;border:1px solid var(--line);border-radius:4px;background:var(--head);color:var(--fg);cursor:pointer}
.filters input[name=v]:not(:checked)+.badge{opacity:.35;filter:grayscale(1)}
.filters .grow{flex:1}
#f-problems{margin-left:6px}
#f-count{color:var(--muted);font-variant-numeric:tabular-nums}
:focus-visible{outline:2px solid var(--link);outline-offset:1px}
main{padding:0 16px 16px}
table.matrix{width:100%;border-collapse:separate;border-spacing:0;table-layout:fixed;margin-top:8px}
.matrix thead th{position:sticky;top:var(--filters-h,0px);z-index:3;background:var(--head);text-align:left;vertical-align:bottom;padding:6px 8px;border-bottom:2px solid var(--line);border-top:1px solid var(--line);font-weight:400}
.matrix thead th+th{border-left:1px solid var(--line)}
.chk-h{font-weight:600!important}
.chk-h .hint{display:block;font-weight:400;color:var(--muted);font-size:11.5px}
.eng-id{font-size:11px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
.eng-build{font-size:14px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.eng-build .ver{font-size:13px}
.eng-meta{font-size:11.5px;color:var(--muted);white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.eng-exp{color:var(--fail,#b42318);white-space:normal}
.dev-real{color:var(--fg);font-weight:600}
.counts{display:flex;align-items:center;gap:5px;flex-wrap:wrap;font-size:11.5px;font-variant-numeric:tabular-nums}
.counts.big{margin-top:4px;font-size:12px}
.frac{color:var(--muted)}.frac b{color:var(--pass)}
.counts.big .frac b{font-size:15px}
.bar{display:inline-flex;width:64px;height:7px;border-radius:2px;overflow:hidden;background:var(--line)}
.seg{display:block;height:100%}
.s-pass{background:var(--pass)}.s-fail{background:var(--fail)}.s-unsupported{background:var(--unsup-line)}.s-error{background:var(--err)}.s-missing{background:var(--miss)}
.pill{display:inline-block;padding:0 5px;border-radius:8px;font-size:11px;line-height:16px;white-space:nowrap;border:1px solid transparent}
.p-pass{color:var(--pass);border-color:var(--pass)}
.p-fail{color:#fff;background:var(--fail-b)}
.p-unsupported{color:var(--unsup);background:var(--unsup-badge);border-color:var(--unsup-line)}
.p-error{color:#fff;background:var(--err-b)}
.p-missing{color:var(--miss);border:1px dashed var(--miss)}
tbody.area tr.group>*{background:var(--group);padding:3px 8px;border-bottom:1px solid var(--line);border-top:1px solid var(--line);text-align:left;vertical-align:middle}
tbody.area tr.group>td{border-left:1px solid var(--line)}
.toggle{all:unset;cursor:pointer;font-weight:600;font-size:13px;display:inline-flex;gap:6px;align-items:baseline;border-radius:3px}
.toggle:focus-visible{outline:2px solid var(--link)}
.toggle .n,.toggle .gshown{font-weight:400;color:var(--muted);font-size:11.5px}
.chev{display:inline-block;width:10px;transition:transform .1s}
tbody.collapsed .chev{transform:rotate(-90deg)}
tbody.collapsed tr.check{display:none}
tr.check>*{border-bottom:1px solid var(--line);vertical-align:top}
tr.check:target>th{box-shadow:inset 3px 0 0 var(--link)}
th.chk{text-align:left;font-weight:400;padding:4px 8px}
.cid{font-size:12px;font-weight:600;color:var(--fg);text-decoration:none}
.cid:hover{text-decoration:underline}
.dis{margin-left:6px;font-size:11px;color:var(--muted);border:1px solid var(--line);border-radius:3px;padding:0 3px}
.title{margin-top:1px}
.seed{font-size:11.5px;color:var(--muted);font-style:italic;display:-webkit-box;-webkit-line-clamp:1;-webkit-box-orient:vertical;overflow:hidden;margin-top:1px}
.seed .lbl{font-style:normal;font-size:10px;text-transform:uppercase;letter-spacing:.04em;border:1px solid var(--line);border-radius:3px;padding:0 3px;margin-right:2px}
tr.open .seed{-webkit-line-clamp:unset;display:block}
td.cell{padding:0;border-left:1px solid var(--line);min-width:0}
td.cell summary{display:block;list-style:none;cursor:pointer;padding:4px 8px 5px}
td.cell summary::-webkit-details-marker{display:none}
td.cell summary:hover{box-shadow:inset 0 0 0 1px var(--muted)}
td.cell summary:focus-visible{outline:2px solid var(--link);outline-offset:-2px}
td.v-missing{padding:4px 8px 5px}
.face{display:flex;align-items:baseline;gap:6px;min-width:0}
.badge{flex:none;display:inline-block;font-size:10.5px;font-weight:700;line-height:16px;letter-spacing:.03em;padding:0 5px;border-radius:3px;text-transform:uppercase;color:#fff;white-space:nowrap;border:1px solid transparent}
.b-pass{background:var(--pass-b)}
.b-fail{background:var(--fail-b)}
.b-unsupported{background:var(--unsup-badge);color:var(--unsup);border-color:var(--unsup-line)}
.b-error{background:repeating-linear-gradient(135deg,var(--err-b) 0 5px,var(--err-b2) 5px 10px)}
.b-missing{background:transparent;color:var(--miss);border:1px dashed var(--miss)}
.obs{flex:1;min-width:0;font-size:12px;overflow-wrap:break-word;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
.why-face{font-family:inherit;font-size:11.5px;color:var(--unsup);-webkit-line-clamp:3}
details[open] .obs{-webkit-line-clamp:unset;display:block}
.ms{flex:none;font-size:11px;color:var(--muted);font-variant-numeric:tabular-nums}
.why{font-size:11.5px;color:var(--muted);margin-top:2px;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden;overflow-wrap:anywhere}
details[open] .why{-webkit-line-clamp:unset;display:block}
.v-unsupported .why{color:var(--unsup)}
.v-error .why{color:var(--err)}
.v-missing .why{color:var(--fg)}
.tag{display:inline-block;font-style:normal;font-size:10px;font-weight:600;line-height:14px;text-transform:uppercase;letter-spacing:.03em;padding:0 4px;border-radius:3px;margin-right:3px}
.t-known{color:var(--fail);border:1px solid var(--fail);background:var(--bg)}
.t-stale{color:var(--unsup);border:1px solid var(--unsup-line);background:var(--unsup-badge)}
.bug{font-size:11px;margin-right:4px}
td.v-pass{background:var(--pass-bg)}
td.v-fail{background:var(--fail-bg)}
td.v-fail.known{background:linear-gradient(90deg,var(--fail-bg),var(--fail-bg)) padding-box;box-shadow:inset 3px 0 0 var(--fail)}
td.v-unsupported{background:var(--unsup-bg);box-shadow:inset 3px 0 0 var(--unsup-line)}
td.v-error{background:repeating-linear-gradient(135deg,var(--err-bg) 0 7px,var(--err-bg2) 7px 14px)}
td.v-missing{background:var(--bg);outline:2px dashed var(--miss);outline-offset:-4px}
.detail{padding:2px 8px 8px;font-size:12px;cursor:auto}
.detail .kv{margin-top:5px}
.detail h4{margin:0 0 1px;font-size:10px;font-weight:700;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.detail pre{margin:0;padding:4px 6px;background:var(--code);border:1px solid var(--line);border-radius:3px;white-space:pre-wrap;overflow-wrap:anywhere;font-size:11.5px;line-height:1.35;max-height:340px;overflow:auto;color:var(--fg)}
.detail p{margin:0;overflow-wrap:anywhere}
.detail mark{color:inherit;border-radius:2px;padding:0 1px}
.j-exp mark{background:var(--mark-exp)}
.j-obs mark{background:var(--mark-obs);text-decoration:underline wavy var(--fail) 1px;text-underline-offset:2px}
.detail .meta{margin-top:6px;color:var(--muted);font-size:11px}
tr[hidden],tbody[hidden]{display:none}
section.extra{margin-top:28px;padding-top:12px;border-top:3px double var(--line)}
section.extra h2{font-size:16px;margin:0 0 8px}
footer{padding:8px 16px 24px;color:var(--muted);font-size:12px;border-top:1px solid var(--line)}
@media print{.filters{display:none}.matrix thead th{position:static}}
`;

const JS = `
(function(){
var d=document,b=d.body;b.classList.remove('nojs');
var q=d.getElementById('f-q'),area=d.getElementById('f-area'),dis=d.getElementById('f-disagree'),cnt=d.getElementById('f-count');
var vs=[].slice.call(d.querySelectorAll('input[name=v]'));
var groups=[].slice.call(d.querySelectorAll('tbody.area'));
var total=d.querySelectorAll('tr.check').length;
var form=d.querySelector('.filters');
function fh(){d.documentElement.style.setProperty('--filters-h',form.offsetHeight+'px');}
fh();addEventListener('resize',fh);
function apply(){
  var terms=q.value.toLowerCase().split(/\\s+/).filter(Boolean);
  var on={};vs.forEach(function(v){if(v.checked)on[v.value]=1;});
  var a=area.value,shown=0;
  groups.forEach(function(g){
    var rows=g.querySelectorAll('tr.check'),n=0;
    for(var i=0;i<rows.length;i++){var r=rows[i];
      var ok=(!a||a===g.getAttribute('data-area'))
        &&terms.every(function(t){return r.getAttribute('data-text').indexOf(t)>=0;})
        &&r.getAttribute('data-v').split(' ').some(function(v){return on[v];})
        &&(!dis.checked||r.getAttribute('data-disagree')==='1');
      r.hidden=!ok;if(ok)n++;}
    g.hidden=!n;shown+=n;
    g.querySelector('.gshown').textContent=n<rows.length?'('+n+' shown)':'';
  });
  cnt.textContent=shown+' of '+total+' checks';
}
[q,area,dis].concat(vs).forEach(function(el){el.addEventListener('input',apply);el.addEventListener('change',apply);});
d.getElementById('f-problems').addEventListener('click',function(){vs.forEach(function(v){v.checked=v.value!=='pass';});apply();});
d.getElementById('f-reset').addEventListener('click',function(){q.value='';area.value='';dis.checked=false;vs.forEach(function(v){v.checked=true;});apply();});
function openAll(o){d.querySelectorAll('tr.check:not([hidden]) td.cell details').forEach(function(x){x.open=o;});}
d.getElementById('f-open').addEventListener('click',function(){openAll(true);});
d.getElementById('f-close').addEventListener('click',function(){openAll(false);});
groups.forEach(function(g){var btn=g.querySelector('.toggle');btn.addEventListener('click',function(){
  var c=g.classList.toggle('collapsed');btn.setAttribute('aria-expanded',String(!c));});});
/* opening one cell opens its whole row: the row grows anyway, so show every engine's expected vs observed */
d.addEventListener('toggle',function(e){var t=e.target;if(!t||t.tagName!=='DETAILS')return;
  var tr=t.closest('tr');if(!tr)return;
  tr.querySelectorAll('details').forEach(function(x){if(x!==t&&x.open!==t.open)x.open=t.open;});
  tr.classList.toggle('open',t.open);},true);
d.addEventListener('keydown',function(e){
  if(e.key==='/'&&!/^(INPUT|SELECT|TEXTAREA)$/.test((e.target&&e.target.tagName)||'')){e.preventDefault();q.focus();q.select();}
  else if(e.key==='Escape'&&e.target===q){q.value='';apply();}
});
function hash(){var id=decodeURIComponent(location.hash.slice(1));var r=id&&d.getElementById(id);
  if(r&&r.classList.contains('check')){var g=r.closest('tbody');if(g)g.classList.remove('collapsed');var x=r.querySelector('details');if(x)x.open=true;}}
addEventListener('hashchange',hash);hash();
apply();
})();
`;
