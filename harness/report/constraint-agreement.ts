// "Spec agreement per engine": the share of constraint cells (area `constraints`, judged against the spec oracle)
// that pass, per engine and per constrainable property. Pure: the reporter passes the section to renderHtml().

import type { Cell, EngineId, Matrix, Verdict } from '../types';
import { esc, type ExtraSection } from './html';
import { indexCells } from './cell-index';
import { cleanText, observedSummary, truncate } from './observed-text';

export const CONSTRAINT_AREA = 'constraints';

export interface AgreementCounts {
  pass: number;
  fail: number;
  unsupported: number;
  error: number;
  missing: number;
  /** Every constraint check: the denominator of `share` (an unsupported, failed or missing cell is not a pass). */
  total: number;
  /** pass / total, or null without checks. */
  share: number | null;
}

export interface EngineAgreement {
  engine: EngineId;
  build: string;
  all: AgreementCounts;
  /** By group: the id segment after `constraints/` (width, seed, apply, shape, ...). */
  groups: Record<string, AgreementCounts>;
  /** Non-pass cells, for the list under the table. */
  differing: { check: string; verdict: Verdict | 'missing'; summary: string; known: boolean }[];
}

const empty = (): AgreementCounts => ({ pass: 0, fail: 0, unsupported: 0, error: 0, missing: 0, total: 0, share: null });
const finish = (c: AgreementCounts): AgreementCounts => ({ ...c, share: c.total ? c.pass / c.total : null });

export const groupOf = (checkId: string): string => checkId.split('/')[1] ?? checkId;

/** Agreement counts per engine over the checks of the constraints area. */
export function constraintAgreement(m: Matrix): EngineAgreement[] {
  const idx = indexCells(m);
  const checks = m.checks.filter((c) => c.area === CONSTRAINT_AREA);
  return m.engines.map((e) => {
    const all = empty();
    const groups: Record<string, AgreementCounts> = {};
    const differing: EngineAgreement['differing'] = [];
    for (const check of checks) {
      const cell: Cell | undefined = idx.get(check.id, e.id);
      const v: Verdict | 'missing' = cell?.verdict ?? 'missing';
      const g = (groups[groupOf(check.id)] ??= empty());
      for (const c of [all, g]) {
        c[v]++;
        c.total++;
      }
      if (v !== 'pass') {
        differing.push({
          check: check.id,
          verdict: v,
          summary: cell ? observedSummary(cell.observed, 160) : 'no result',
          known: !!cell?.expectation && cell.expectation.verdict === cell.verdict,
        });
      }
    }
    for (const k of Object.keys(groups)) groups[k] = finish(groups[k] as AgreementCounts);
    return { engine: e.id, build: `${e.browser} ${e.version}`, all: finish(all), groups, differing };
  });
}

const pct = (c: AgreementCounts): string => (c.share === null ? '—' : `${Math.round(c.share * 100)}%`);
const counts = (c: AgreementCounts): string =>
  `${c.pass}/${c.total}` +
  (['fail', 'unsupported', 'error', 'missing'] as const)
    .filter((v) => c[v] > 0)
    .map((v) => ` · ${c[v]} ${v}`)
    .join('');

/** The HTML section "spec agreement per engine" for renderHtml(m, sections). */
export function constraintAgreementSection(m: Matrix): ExtraSection {
  const data = constraintAgreement(m);
  const title = 'Spec agreement per engine';
  if (!m.checks.some((c) => c.area === CONSTRAINT_AREA)) {
    return {
      id: 'constraint-agreement',
      title,
      html: `<p>No constraint checks ran in this matrix (area <code>${esc(CONSTRAINT_AREA)}</code>).</p>`,
    };
  }
  const groupNames = [...new Set(m.checks.filter((c) => c.area === CONSTRAINT_AREA).map((c) => groupOf(c.id)))];
  const intro =
    `<p>Share of the <code>${esc(CONSTRAINT_AREA)}</code> cells that pass: the engine resolved at a minimal fitness distance ` +
    `(its <code>getSettings()</code> and <code>&lt;video&gt;</code> size) or rejected as required, according to the spec oracle fed ` +
    `the devices the engine itself reported. Unsupported, failed and missing cells count as not passing.</p>`;
  const head = `<tr><th scope="col">engine</th><th scope="col">agreement</th><th scope="col">cells</th></tr>`;
  const rows = data
    .map(
      (d) =>
        `<tr><th scope="row">${esc(d.engine)} <span class="ver">${esc(d.build)}</span></th><td><b>${esc(pct(d.all))}</b></td><td>${esc(counts(d.all))}</td></tr>`,
    )
    .join('');
  const byGroup =
    `<table class="agree-groups"><thead><tr><th scope="col">property / group</th>${data.map((d) => `<th scope="col">${esc(d.engine)}</th>`).join('')}</tr></thead><tbody>` +
    groupNames
      .map(
        (g) =>
          `<tr><th scope="row">${esc(g)}</th>${data
            .map((d) => {
              const c = d.groups[g] ?? empty();
              return `<td title="${esc(counts(c))}">${esc(`${c.pass}/${c.total}`)}</td>`;
            })
            .join('')}</tr>`,
      )
      .join('') +
    `</tbody></table>`;
  const lists = data
    .map(
      (d) =>
        `<details><summary>${esc(d.engine)}: ${d.differing.length} cell${d.differing.length === 1 ? '' : 's'} not agreeing</summary><ul>` +
        d.differing
          .map(
            (x) =>
              `<li><a href="#${esc(encodeURIComponent(`check-${x.check}`))}"><code>${esc(x.check)}</code></a> ${esc(x.verdict)}${x.known ? ' (expected)' : ''}: ${esc(truncate(cleanText(x.summary), 160))}</li>`,
          )
          .join('') +
        `</ul></details>`,
    )
    .join('');
  return {
    id: 'constraint-agreement',
    title,
    html: `${intro}<table class="agree"><thead>${head}</thead><tbody>${rows}</tbody></table>${byGroup}${lists}`,
  };
}
