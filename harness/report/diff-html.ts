// diff.html: the changes between two runs as one self-contained page (no script needed), regressions first.
import { esc } from './html';
import { CHANGE_KINDS, type CellChange, type ChangeKind, type RunDiff } from './run-diff';

const TITLE: Record<ChangeKind, string> = {
  regression: 'Regressions (pass → fail or error)',
  fix: 'Fixes (fail or error → pass)',
  changed: 'Changed failures (same verdict, another observation)',
  other: 'Other verdict changes',
  added: 'Added (only in the new run)',
  removed: 'Removed (only in the old run)',
};

const side = (s: CellChange['before']) => (s ? `<b class="v-${esc(s.verdict)}">${esc(s.verdict)}</b> ${esc(s.observed)}` : '<i>absent</i>');

export function renderDiffHtml(d: RunDiff): string {
  const builds = (label: string, x: RunDiff['before']) =>
    `<tr><th>${label}</th><td>${x.engines.map((e) => `${esc(e.id)} <b>${esc(e.browser)} ${esc(e.version)}</b> <span class="m">${esc(e.driver)}</span>`).join('<br>')}</td>` +
    `<td class="m">${esc(x.generated)}</td></tr>`;
  const sections = CHANGE_KINDS.map((kind) => {
    const list = d.changes.filter((c) => c.kind === kind);
    if (!list.length) return '';
    const rows = list
      .map(
        (c) =>
          `<tr><td>${esc(c.area)}</td><td>${esc(c.engine)}</td><td><code>${esc(c.check)}</code></td>` +
          `<td>${side(c.before)}</td><td>${side(c.after)}</td></tr>`,
      )
      .join('');
    return (
      `<section id="${kind}"><h2>${esc(TITLE[kind])} <span class="n">${list.length}</span></h2>` +
      `<table><thead><tr><th>area</th><th>engine</th><th>check</th><th>before</th><th>after</th></tr></thead><tbody>${rows}</tbody></table></section>`
    );
  }).join('');
  const n = d.counts;
  const summary = d.changes.length
    ? `${n.regression} regression(s), ${n.fix} fix(es), ${n.changed} changed failure(s), ${n.other} other, ${n.added} added, ${n.removed} removed; ${d.unchanged} cells identical`
    : `No differences: ${d.unchanged} cells identical.`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark">
<title>gum-conformance: run diff</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1f2328}h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d8dee4;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
section table{table-layout:fixed}section th:nth-child(1){width:9%}section th:nth-child(2){width:7%}section th:nth-child(3){width:22%}
thead th{background:#f6f8fa}.m{color:#636c76;font-size:12px}.n{background:#eef1f4;border-radius:9px;padding:0 8px;font-size:13px}
.v-pass{color:#1a7f37}.v-fail{color:#cf222e}.v-error{color:#7a3fc6}.v-unsupported{color:#8a6100}
#regression h2{color:#cf222e}code{font-size:12.5px}
</style></head><body>
<h1>gum-conformance: run diff</h1>
<table class="builds">${builds('before', d.before)}${builds('after', d.after)}</table>
<p><b>${esc(summary)}</b></p>
${sections}
</body></html>
`;
}
