// `npm run mutants [-- name ...]`: runs the checks against each deliberately broken getUserMedia in mutants/ (injected
// with GUM_SHIM) and fails if any mutant survives: a mutant's header names the checks it must turn to fail
// (`// kills: <check id prefix>, ...`); it is caught when at least one of those cells differs from expectations/.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { deviations, expectationsFor, loadExpectations } from '../expectations';
import { readRunConfig, ROOT } from '../run-config';
import type { Matrix } from '../types';

interface Mutant {
  name: string;
  file: string;
  kills: string[];
  what: string;
}

export function parseMutant(file: string, text: string): Mutant {
  const kills =
    /^\/\/\s*kills:\s*(.+)$/m
      .exec(text)?.[1]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? [];
  const what = /^\/\/\s*mutant:\s*(.+)$/m.exec(text)?.[1].trim() ?? '';
  return { name: basename(file, '.js'), file, kills, what };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function main(): number {
  const cfg = readRunConfig();
  const dir = join(ROOT, 'mutants');
  const only = process.argv.slice(2);
  const mutants = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((f) => parseMutant(join(dir, f), readFileSync(join(dir, f), 'utf8')))
    .filter((m) => !only.length || only.includes(m.name));
  const book = loadExpectations(cfg.expectationsDir);
  let survivors = 0;
  for (const m of mutants) {
    if (!m.kills.length) {
      process.stdout.write(`${m.name}: no "// kills:" header, skipped (informational shim)\n`);
      continue;
    }
    const reportDir = join(cfg.reportDir, 'mutants', m.name);
    const t0 = Date.now();
    spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'harness/cli/run.ts'),
        'matrix',
        // No retries: a mutant makes checks fail on purpose, and retrying each of them would only double the run.
        '--retries',
        '0',
        '--grep',
        m.kills.map(escapeRe).join('|'),
      ],
      {
        cwd: ROOT,
        stdio: 'ignore',
        env: { ...process.env, GUM_SHIM: m.file, GUM_REPORT_DIR: reportDir, GUM_GATE: '0' },
      },
    );
    let matrix: Matrix;
    try {
      matrix = JSON.parse(readFileSync(join(reportDir, 'matrix.json'), 'utf8')) as Matrix;
    } catch {
      process.stdout.write(`${m.name}: no matrix written (harness failure) -> counted as survived\n`);
      survivors++;
      continue;
    }
    const targeted = matrix.cells.filter((c) => m.kills.some((k) => c.check.startsWith(k)));
    const { set } = expectationsFor(book, matrix.engines);
    const caught = deviations(targeted, set).filter((d) => !d.now.startsWith('error'));
    const perEngine = matrix.engines.map((e) => `${e.id} ${caught.filter((d) => d.engine === e.id).length}`).join(', ');
    const ok = caught.length > 0;
    if (!ok) survivors++;
    process.stdout.write(
      `${ok ? 'caught  ' : 'SURVIVED'} ${m.name}: ${caught.length}/${targeted.length} targeted cells changed ` +
        `(${perEngine}) in ${((Date.now() - t0) / 1000).toFixed(0)} s — ${m.what}\n`,
    );
  }
  process.stdout.write(`${mutants.length - survivors} passed, ${survivors} failed\n`);
  return survivors ? 1 : 0;
}

if (require.main === module) process.exitCode = main();
