// `npm run bench`: runs the full matrix once and prints its wall time, each engine's launch time and per-check cost.
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
const lines = [
  `${process.argv.length > 2 ? `matrix (${process.argv.slice(2).join(' ')})` : 'full matrix'}: ${m.checks.length} checks x ${m.engines.length} engines = ${m.cells.length} cells`,
  `wall: ${sec(wall)} (command), ${sec(m.timing?.wallMs ?? 0)} (test run)`,
  '',
  `${'engine'.padEnd(34)}${'launch'.padStart(9)}${'median/check'.padStart(14)}${'p90/check'.padStart(11)}${'sum'.padStart(9)}${'sum/wall'.padStart(10)}`,
];
for (const e of m.engines) {
  const ms = m.cells.filter((c) => c.engine === e.id).map((c) => c.ms);
  const sorted = [...ms].sort((a, b) => a - b);
  const sum = ms.reduce((a, b) => a + b, 0);
  lines.push(`${`${e.id} ${e.version}`.padEnd(34)}${sec(e.launchMs ?? 0).padStart(9)}${`${median(ms)} ms`.padStart(14)}`
    + `${`${sorted[Math.floor(sorted.length * 0.9)] ?? 0} ms`.padStart(11)}${sec(sum).padStart(9)}${(sum / wall).toFixed(2).padStart(10)}`);
}
const slow = [...m.cells].sort((a, b) => b.ms - a.ms).slice(0, 5);
lines.push('', 'slowest cells:', ...slow.map((c) => `  ${c.engine.padEnd(9)}${`${c.ms} ms`.padStart(9)}  ${c.check}`));
process.stdout.write(`${lines.join('\n')}\n`);
