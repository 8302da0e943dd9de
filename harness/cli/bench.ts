// `npm run bench`: runs the full matrix once and prints its wall time, cells per second, each engine's launch time and
// the median and p95 cost of a check. (Not yet: the comparison with a fresh-context, one-at-a-time run that issue 8 asks
// for; every check still gets a fresh context, so there is nothing to compare yet.)
// Timings on a shared 2-core machine are noisy: compare the ratios within one run, not absolute numbers across runs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../run-config';
import type { Matrix } from '../types';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const reportDir = join(ROOT, 'reports', 'bench');
const t0 = Date.now();
const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'harness/cli/run.ts'), 'matrix', ...process.argv.slice(2)], {
  cwd: ROOT, env: { ...process.env, GUM_REPORT_DIR: reportDir }, stdio: ['ignore', 'ignore', 'inherit'],
});
const wall = Date.now() - t0;
if (r.status !== 0) {
  process.stderr.write(`bench: the matrix run failed (exit ${r.status}); see ${join(reportDir, 'matrix.html')}\n`);
  process.exit(1);
}
const m = JSON.parse(readFileSync(join(reportDir, 'matrix.json'), 'utf8')) as Matrix;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))] : 0;
};
const lines = [
  `${process.argv.length > 2 ? `matrix (${process.argv.slice(2).join(' ')})` : 'full matrix'}: ${m.checks.length} checks x ${m.engines.length} engines = ${m.cells.length} cells`,
  `wall: ${sec(wall)} (command), ${sec(m.timing?.wallMs ?? 0)} (test run); ${(m.cells.length / (wall / 1000)).toFixed(1)} cells/s`,
  '',
  `${'engine'.padEnd(34)}${'launch'.padStart(9)}${'median/check'.padStart(14)}${'p95/check'.padStart(11)}${'sum'.padStart(9)}${'sum/wall'.padStart(10)}`,
];
for (const e of m.engines) {
  const ms = m.cells.filter((c) => c.engine === e.id).map((c) => c.ms);
  const sum = ms.reduce((a, b) => a + b, 0);
  lines.push(`${`${e.id} ${e.version}`.padEnd(34)}${sec(e.launchMs ?? 0).padStart(9)}${`${median(ms)} ms`.padStart(14)}`
    + `${`${pct(ms, 0.95)} ms`.padStart(11)}${sec(sum).padStart(9)}${(sum / wall).toFixed(2).padStart(10)}`);
}
const all = m.cells.map((c) => c.ms);
lines.push(`${'all engines'.padEnd(34)}${''.padStart(9)}${`${median(all)} ms`.padStart(14)}${`${pct(all, 0.95)} ms`.padStart(11)}`);
const slow = [...m.cells].sort((a, b) => b.ms - a.ms).slice(0, 5);
lines.push('', 'slowest cells:', ...slow.map((c) => `  ${c.engine.padEnd(9)}${`${c.ms} ms`.padStart(9)}  ${c.check}`));
process.stdout.write(`${lines.join('\n')}\n`);
