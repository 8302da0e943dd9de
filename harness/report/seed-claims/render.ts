// The matrix page's "Seed claims" section.

import type { EngineId, Matrix } from '../../types';
import { esc } from '../html';
import type { SeedClaim, SeedClaimsFile } from './claims-file';
import {
  CLAIM_STATUSES,
  seedClaimsJson,
  type ClaimResult,
  type ClaimStatus,
  type EngineClaim,
  type Evidence,
  type PatternMatch,
} from './judge';

const STATUS_CLASS: Record<ClaimStatus, string> = { holds: 'sc-holds', contradicted: 'sc-contra', 'not checkable here': 'sc-nc' };
const STATUS_ICON: Record<ClaimStatus, string> = { holds: '✓', contradicted: '✗', 'not checkable here': '⊘' };

const checkLink = (id: string): string => `<a href="#${esc(encodeURIComponent(`check-${id}`))}">${esc(id)}</a>`;

function patternsHtml(pats: PatternMatch[]): string {
  const line = (label: string, ps: PatternMatch[]): string => {
    if (!ps.length) return '';
    const items = ps.map((p) => {
      if (p.matched.length === 0)
        return `<code class="sc-dangling" title="matches no check in this run">${esc(p.pattern)} (no check)</code>`;
      if (p.matched.length === 1 && p.matched[0] === p.pattern) return checkLink(p.pattern);
      const links = p.matched.map(checkLink).join(' ');
      return `<details class="sc-pat"><summary><code>${esc(p.pattern)}</code> ${p.matched.length} check${p.matched.length > 1 ? 's' : ''}</summary>${links}</details>`;
    });
    return `<div class="sc-map"><span class="sc-lbl">${label}</span> ${items.join(' ')}</div>`;
  };
  return (
    line(
      'verified by',
      pats.filter((p) => p.role === 'verifies' && !p.provisional),
    ) +
    line(
      'refuted by (spec side)',
      pats.filter((p) => p.role === 'refutes' && !p.provisional),
    ) +
    line(
      'area-wide, to tighten',
      pats.filter((p) => p.provisional),
    )
  );
}

function engineCellHtml(r: EngineClaim | undefined, claimId: string, engine: EngineId): string {
  if (!r) return `<td class="sc-cell sc-nc">—</td>`;
  const item = (e: Evidence): string =>
    `<li>${checkLink(e.check)} ${e.role === 'refutes' ? 'passed (spec)' : 'failed'}${e.known ? ' <span class="sc-known" title="recorded in expectations/">known</span>' : ''}: ${esc(e.summary)}</li>`;
  // The first few contradictions on the face; the rest one click away, so a row stays short.
  const ev =
    r.status === 'contradicted'
      ? `<ul class="sc-ev">${r.evidence.slice(0, 3).map(item).join('')}</ul>` +
        (r.evidence.length > 3
          ? `<details class="sc-cav"><summary>${r.evidence.length - 3} more</summary><ul class="sc-ev">${r.evidence.slice(3).map(item).join('')}</ul></details>`
          : '')
      : '';
  const cav = r.caveats.length
    ? `<details class="sc-cav"><summary>${r.caveats.length} caveat${r.caveats.length > 1 ? 's' : ''}</summary><ul>${r.caveats.map((c) => `<li>${esc(c)}</li>`).join('')}</ul></details>`
    : '';
  return (
    `<td class="sc-cell ${STATUS_CLASS[r.status]}" data-status="${esc(r.status)}" aria-label="${esc(`${claimId} × ${engine}: ${r.status}`)}">` +
    `<span class="sc-badge"><span aria-hidden="true">${STATUS_ICON[r.status]}</span> ${esc(r.status)}</span>` +
    (r.status === 'contradicted' ? '' : `<div class="sc-why">${esc(r.why)}</div>`) +
    ev +
    cav +
    `</td>`
  );
}

function claimRowHtml(c: ClaimResult, engines: EngineId[]): string {
  const notes: string[] = [];
  if (c.notCheckable) notes.push(`<div class="sc-note"><span class="sc-lbl">not checkable</span> ${esc(c.notCheckable)}</div>`);
  if (c.gap) notes.push(`<div class="sc-note"><span class="sc-lbl">gap</span> ${esc(c.gap)}</div>`);
  for (const d of c.disagreement) notes.push(`<div class="sc-note sc-dis"><span class="sc-lbl">disagreement</span> ${esc(d)}</div>`);
  return (
    `<tr id="${esc(`claim-${c.id}`)}" class="sc-row${c.provisional ? ' sc-prov' : ''}">` +
    `<th scope="row" class="sc-claim"><blockquote>${esc(c.text)}</blockquote>` +
    (c.aspect ? `<div class="sc-aspect">claim: ${esc(c.aspect)}</div>` : '') +
    `<div class="sc-id"><a href="#${esc(encodeURIComponent(`claim-${c.id}`))}">${esc(c.id)}</a> · ${esc(c.kind)}${c.provisional ? ' · <span class="sc-provtag">provisional mapping</span>' : ''}</div>` +
    patternsHtml(c.patterns) +
    notes.join('') +
    `</th>` +
    engines.map((e) => engineCellHtml(c.engines[e], c.id, e)).join('') +
    `</tr>`
  );
}

const STYLE = `<style>
/* fixed layout: long check ids and pattern lists wrap inside their column instead of widening the page */
.sc-table{border-collapse:collapse;width:100%;font-size:13px;table-layout:fixed}
.sc-table th,.sc-table td{border:1px solid var(--line,#d8dee4);padding:6px 8px;vertical-align:top;text-align:left;overflow-wrap:anywhere}
.sc-table thead th{background:var(--head,#f6f8fa)}
.sc-sec th{background:var(--group,#eef1f4);font-weight:600}
.sc-claim{font-weight:normal}
.sc-claim-col{width:46%}
.sc-claim blockquote{margin:0 0 4px;padding-left:8px;border-left:3px solid var(--line,#d8dee4)}
.sc-aspect{font-style:italic;margin-bottom:2px}
.sc-id,.sc-map,.sc-note,.sc-why,.sc-ev,.sc-cav{font-size:12px;color:var(--muted,#636c76)}
.sc-lbl{font-weight:700;text-transform:uppercase;font-size:10px;letter-spacing:.03em;margin-right:4px}
.sc-pat{display:inline-block}.sc-pat summary{cursor:pointer}
.sc-dis{color:var(--fg,#1f2328)}
.sc-dangling{color:var(--fail,#cf222e)}
.sc-provtag{color:var(--unsup,#8a6100)}
.sc-badge{font-weight:700;font-size:11px;text-transform:uppercase;white-space:nowrap}
.sc-holds{background:var(--pass-bg,#e9f6ec)}.sc-holds .sc-badge{color:var(--pass,#1a7f37)}
.sc-contra{background:var(--fail-bg,#fde8e8)}.sc-contra .sc-badge{color:var(--fail,#cf222e)}
.sc-nc{background:var(--unsup-bg,#f2f1ee)}.sc-nc .sc-badge{color:var(--unsup,#8a6100)}
.sc-ev{margin:4px 0 0;padding-left:16px}
.sc-known{border:1px solid currentColor;border-radius:3px;padding:0 3px;font-size:10px}
.sc-totals td,.sc-totals th{padding:2px 8px}
</style>`;

/** The "Seed claims" section for renderHtml's extraSections. */
export function seedClaimsView(m: Matrix, file: SeedClaimsFile | SeedClaim[]): { id: 'seed-claims'; title: 'Seed claims'; html: string } {
  const r = seedClaimsJson(m, file);
  const engines = r.engines;
  const head = m.engines
    .map((e) => `<th scope="col">${esc(e.id)}<div class="sc-id">${esc(e.browser)} ${esc(e.version)}</div></th>`)
    .join('');
  const totals =
    `<table class="sc-table sc-totals"><thead><tr><th scope="col">status</th>${engines.map((e) => `<th scope="col">${esc(e)}</th>`).join('')}</tr></thead><tbody>` +
    CLAIM_STATUSES.map(
      (s) =>
        `<tr class="${STATUS_CLASS[s]}"><th scope="row"><span class="sc-badge">${STATUS_ICON[s]} ${esc(s)}</span></th>${engines.map((e) => `<td>${r.totals[e]?.[s] ?? 0}</td>`).join('')}</tr>`,
    ).join('') +
    `</tbody></table>`;
  let current = '';
  const rows: string[] = [];
  for (const c of r.claims) {
    if (c.section !== current) {
      current = c.section;
      rows.push(`<tr class="sc-sec"><th colspan="${engines.length + 1}" scope="rowgroup">${esc(current)}</th></tr>`);
    }
    rows.push(claimRowHtml(c, engines));
  }
  const provisional = r.claims.filter((c) => c.provisional).length;
  const intro =
    `<p>Every sentence of the seed page${r.seed ? ` (<code>${esc(r.seed.path)}</code>)` : ''} is a claim mapped to the checks that verify it, or excluded with a reason: ` +
    `${r.claims.length} claims, ${r.excluded.length} excluded sentences. A claim <b>holds</b> on an engine when its verifying checks passed there; ` +
    `it is <b>contradicted</b> when one failed, or when a check of the spec's contrary behaviour passed; otherwise it is <b>not checkable here</b>, with the reason.` +
    (provisional
      ? ` ${provisional} claim${provisional > 1 ? 's are' : ' is'} mapped partly by area only (provisional): those patterns decide nothing until tightened to exact checks.`
      : '') +
    (r.dangling.length
      ? ` ${r.dangling.length} mapped pattern${r.dangling.length > 1 ? 's match' : ' matches'} no check in this run.`
      : '') +
    `</p>`;
  const table = `<table class="sc-table"><colgroup><col class="sc-claim-col">${m.engines.map(() => '<col>').join('')}</colgroup><thead><tr><th scope="col">claim (verbatim from the seed)</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
  const excluded =
    `<details><summary>${r.excluded.length} sentences excluded (no behaviour to check), with reasons</summary><table class="sc-table"><colgroup><col class="sc-claim-col"><col></colgroup><tbody>` +
    r.excluded
      .map(
        (x) =>
          `<tr><th scope="row" class="sc-claim"><blockquote>${esc(x.text)}</blockquote><div class="sc-id">${esc(x.section)}</div></th><td>${esc(x.reason)}</td></tr>`,
      )
      .join('') +
    `</tbody></table></details>`;
  // Collapsed: the totals say where each engine stands, and the claims table (a sixth of a full report's elements)
  // costs every opening of the page its layout; a link to a claim inside it opens it.
  const claims = `<details class="sc-claims"><summary>the ${r.claims.length} claims, each with the checks that decide it on each engine</summary>${table}</details>`;
  return { id: 'seed-claims', title: 'Seed claims', html: STYLE + intro + totals + claims + excluded };
}
