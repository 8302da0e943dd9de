// The matrix page's "Compat data vs BCD" section: feature × engine status, contradictions first, then the evidence
// behind each contradiction and every proposed change. Pure: renders a BcdDiff (bcd-diff.ts).
import type { EngineId } from '../types';
import { DIFF_LABEL, DIFF_STATUSES, showOurs, type BcdDiff, type DiffStatus, type EngineDiff } from './bcd-diff';
import type { ExtraSection } from './html';

// html.ts renders this section, so importing its escape from there would make the two modules require each other.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

const ICON: Record<DiffStatus, string> = {
  contradicts: '✗',
  'no-entry': '+',
  'not-determined': '?',
  consistent: '✓',
  'not-comparable': '—',
};

const checkLink = (id: string): string => `<a href="#${esc(encodeURIComponent(`check-${id}`))}">${esc(id)}</a>`;

function cell(d: EngineDiff | undefined): string {
  if (!d) return '<td class="bd">—</td>';
  const bcd = d.bcd ? ` · BCD ${esc(d.bcd.reads)}` : '';
  return (
    `<td class="bd bd-${d.status}" title="${esc(d.why)}"><span class="bd-badge"><span aria-hidden="true">${ICON[d.status]}</span> ${esc(DIFF_LABEL[d.status])}</span>` +
    `<div class="bd-v">ours ${esc(showOurs(d.ours))}${bcd}</div></td>`
  );
}

function evidenceItem(feature: string, engine: EngineId, d: EngineDiff): string {
  const deciding = d.cells.filter((c) => (d.ours === false ? c.reading === 'unsupported' : true));
  return (
    `<li><code>${esc(feature)}</code> × ${esc(engine)}: ${esc(d.why)}` +
    (deciding.length
      ? `<ul>${deciding.map((c) => `<li>${checkLink(c.check)} ${esc(c.verdict)}: ${esc(c.text)}</li>`).join('')}</ul>`
      : '') +
    `</li>`
  );
}

function proposalItem(feature: string, engine: EngineId, d: EngineDiff): string {
  if (!d.proposal) return '';
  const json = `"support": ${JSON.stringify(d.proposal.support)}`;
  return `<li><code>${esc(feature)}</code> × ${esc(engine)}: ${esc(d.proposal.why)}<pre class="bd-json">${esc(json)}</pre></li>`;
}

/** The "Compat data vs BCD <version>" section for renderHtml. */
export function bcdDiffSection(d: BcdDiff): ExtraSection {
  const engines = d.engines.map((e) => e.engine);
  const head = d.engines
    .map(
      (e) =>
        `<th scope="col">${esc(e.engine)}<div class="bd-v">${esc(e.browser)} ${esc(e.build)}: ${e.comparedAs ? `as ${esc(e.comparedAs)}` : 'not compared'}</div></th>`,
    )
    .join('');
  const rows = d.features
    .map(
      (f) =>
        `<tr><th scope="row"><code>${esc(f.feature)}</code>${f.noEntryReason ? `<div class="bd-v">${esc(f.noEntryReason)}</div>` : ''}</th>` +
        engines.map((e) => cell(f.engines[e])).join('') +
        `</tr>`,
    )
    .join('');
  const totals = d.engines
    .map((e) => {
      const t = d.totals[e.engine];
      const counts = DIFF_STATUSES.filter((s) => t?.[s]).map((s) => `${t?.[s] ?? 0} ${DIFF_LABEL[s]}`);
      return `<li><b>${esc(e.engine)}</b>: ${esc(counts.join(', ') || 'no features')}${e.why ? ` (${esc(e.why)})` : ''}</li>`;
    })
    .join('');
  const pairs = d.features.flatMap((f) => engines.flatMap((e) => (f.engines[e] ? [{ f: f.feature, e, x: f.engines[e] }] : [])));
  const contradictions = pairs.filter((p) => p.x.status === 'contradicts').map((p) => evidenceItem(p.f, p.e, p.x));
  const proposals = pairs.map((p) => proposalItem(p.f, p.e, p.x)).filter(Boolean);
  const intro =
    `<p class="bd-intro">Our support statements (<code>bcd.json</code>, always <code>"≤build"</code>: one run cannot say when a feature was added) ` +
    `against <code>${esc(d.bcd.package)}</code> ${esc(d.bcd.version)}${d.bcd.timestamp ? ` (${esc(d.bcd.timestamp.slice(0, 10))})` : ''}, ` +
    `read for the tested major version. All of it is in <code>bcd-diff.json</code>; hover a cell for why.</p>`;
  return {
    id: 'bcd-diff',
    title: `Compat data vs BCD ${d.bcd.version}`,
    html:
      intro +
      `<ul class="bd-totals">${totals}</ul>` +
      `<table class="bd-table"><thead><tr><th scope="col">feature (${d.features.length})</th>${head}</tr></thead><tbody>${rows}</tbody></table>` +
      `<h3>Contradictions</h3>${contradictions.length ? `<ul class="bd-list">${contradictions.join('')}</ul>` : '<p>None.</p>'}` +
      `<h3>Proposed changes to BCD</h3>${proposals.length ? `<ul class="bd-list">${proposals.join('')}</ul>` : '<p>None.</p>'}`,
  };
}
