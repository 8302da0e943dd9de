// `npm run expectations:record [-- reports/matrix.json]`: after a run on an engine build the expectations were not
// recorded on, adds that build to every record it matched and to every area file it matched in full, and prints the
// cells that need a human (a new or changed outcome) as drafts with the recorded value beside them. Nothing is
// written for those: a record's reason is a person's sentence, never a placeholder.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigError } from '../errors';
import { loadExpectations } from '../expectations';
import { formatExpectationFile, recordBuild } from '../record-build';
import { readRunConfig, ROOT } from '../run-config';
import type { Matrix } from '../types';

function main(): number {
  const cfg = readRunConfig();
  const file = process.argv[2] ?? join(cfg.reportDir, 'matrix.json');
  let m: Matrix;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as Matrix;
  } catch (e) {
    throw new ConfigError(`cannot read a matrix from ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const book = loadExpectations(cfg.expectationsDir);
  let human = 0;
  for (const e of m.engines) {
    if (e.version === 'not launched') continue;
    const { changed, needsHuman } = recordBuild(book[e.id] ?? [], e.id, m);
    for (const area of changed) {
      const { file: path, ...data } = area;
      writeFileSync(path, formatExpectationFile(data));
      process.stdout.write(`${relative(ROOT, path)}: recorded on ${e.version}\n`);
    }
    for (const n of needsHuman) {
      process.stdout.write(`needs a record: ${e.id} ${n.check} (${n.area}.json)\n  recorded ${n.recorded}\n  now      ${n.now}\n`);
    }
    human += needsHuman.length;
  }
  process.stdout.write(
    human ? `${human} cell(s) need a record written by hand (verdict, observed, reason, builds)\n` : 'every cell is recorded\n',
  );
  return human ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`expectations:record: ${e instanceof ConfigError ? e.message : `internal error: ${(e as Error).message}`}\n`);
  process.exitCode = 2;
}
