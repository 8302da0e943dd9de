// `npm run diff -- <old report dir or matrix.json> <new report dir or matrix.json>`: prints the regressions, fixes,
// changed failures and added / removed checks between two runs, grouped by area and engine, writes diff.json and
// diff.html to GUM_REPORT_DIR (default reports/), and exits 1 when there is a regression (0 otherwise, 2 on bad input).
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors';
import { renderDiffHtml } from '../report/diff-html';
import { diffRuns, formatRunDiff } from '../report/run-diff';
import { ensureWritableDir, readRunConfig } from '../run-config';
import type { Matrix } from '../types';

function readMatrix(path: string): Matrix {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'matrix.json') : path;
  let m: Matrix;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as Matrix;
  } catch (e) {
    throw new ConfigError(`cannot read a matrix from ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!Array.isArray(m?.cells) || !Array.isArray(m?.checks) || !Array.isArray(m?.engines))
    throw new ConfigError(`${file} is not a matrix.json`);
  return m;
}

function main(): number {
  const [oldPath, newPath, ...extra] = process.argv.slice(2);
  if (!oldPath || !newPath || extra.length)
    throw new ConfigError('usage: npm run diff -- <old report dir or matrix.json> <new report dir or matrix.json>');
  const d = diffRuns(readMatrix(oldPath), readMatrix(newPath));
  const cfg = readRunConfig();
  ensureWritableDir(cfg.reportDir, 'GUM_REPORT_DIR');
  writeFileSync(join(cfg.reportDir, 'diff.json'), JSON.stringify(d, null, 2));
  writeFileSync(join(cfg.reportDir, 'diff.html'), renderDiffHtml(d));
  process.stdout.write(`${formatRunDiff(d)}\nwritten: ${join(cfg.reportDir, 'diff.html')} and diff.json\n`);
  return d.counts.regression ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`diff: ${e instanceof ConfigError ? e.message : `internal error: ${(e as Error).message}`}\n`);
  process.exitCode = 2;
}
