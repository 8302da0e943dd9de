// `npm run bench -- [--runs N] [--shim file.js] [playwright args]`: the matrix (or the selection the Playwright args make)
// as the suite runs it, N times (median quoted), then the same selection with a fresh context for every check, one check
// at a time per engine (GUM_ISOLATION=context GUM_CONCURRENCY=1 GUM_WAIT_LANE=0: how every check ran before sessions
// were shared), in the same invocation. It prints wall time per engine and overall, cells per second, the median and
// p95 cost of a check, the ratio between the two, and compares their verdicts cell by cell: a difference is a bug in
// the sharing, not noise. With --shim, one more run of the selection with that getUserMedia shim injected (GUM_SHIM),
// and its ratio to the clean run: a broken implementation must not make the suite much slower.
// Timings on a shared 2-core machine are noisy: compare the ratios within one invocation, not figures across runs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../errors';
import { diffRuns } from '../report/run-diff';
import { ROOT } from '../run-config';
import type { Cell, Matrix } from '../types';

interface Run {
  label: string;
  wallMs: number;
  matrix: Matrix;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor(s.length / 2)] ?? 0) : 0;
};
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? 0) : 0;
};
const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function parseArgs(argv: string[]): { runs: number; shim?: string; rest: string[] } {
  let runs = 1;
  let shim: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--runs' || a === '--shim') {
      const v = argv[++i];
      if (v === undefined) throw new ConfigError(`${a} needs a value`);
      if (a === '--runs') {
        runs = Number(v);
        if (!Number.isInteger(runs) || runs < 1 || runs > 9) throw new ConfigError(`--runs ${v}: give a whole number from 1 to 9`);
      } else {
        shim = resolve(v);
      }
    } else {
      rest.push(a);
    }
  }
  return { runs, shim, rest };
}

function runMatrix(label: string, dir: string, env: NodeJS.ProcessEnv, args: string[]): Run {
  const reportDir = join(ROOT, 'reports', 'bench', dir);
  process.stderr.write(`bench: ${label}...\n`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'harness/cli/run.ts'), 'matrix', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, GUM_REPORT_DIR: reportDir, GUM_PROGRESS_MS: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const wallMs = Date.now() - t0;
  // Exit 1 is a matrix with failing cells, which is a result; anything else means no matrix to read.
  if (r.status !== 0 && r.status !== 1) throw new ConfigError(`the ${label} run failed (exit ${r.status}); see ${reportDir}`);
  const matrix = JSON.parse(readFileSync(join(reportDir, 'matrix.json'), 'utf8')) as Matrix;
  return { label, wallMs, matrix };
}

/** Engines run side by side, so an engine's wall time is from the run's start to its last cell (approximated by sum). */
function table(run: Run): string[] {
  const m = run.matrix;
  const lines = [
    `${run.label}: ${m.checks.length} checks x ${m.engines.length} engines = ${m.cells.length} cells; ` +
      `wall ${sec(run.wallMs)} (command), ${sec(m.timing?.wallMs ?? 0)} (test run), ${(m.cells.length / (run.wallMs / 1000)).toFixed(1)} cells/s`,
    `  ${'engine'.padEnd(32)}${'launch'.padStart(8)}${'busy'.padStart(9)}${'median'.padStart(9)}${'p95'.padStart(9)}${'cells/s'.padStart(9)}`,
  ];
  for (const e of m.engines) {
    const ms = m.cells.filter((c) => c.engine === e.id).map((c) => c.ms);
    const busy = ms.reduce((a, b) => a + b, 0) + (e.launchMs ?? 0);
    lines.push(
      `  ${`${e.id} ${e.version}`.padEnd(32)}${sec(e.launchMs ?? 0).padStart(8)}${sec(busy).padStart(9)}` +
        `${`${median(ms)} ms`.padStart(9)}${`${pct(ms, 0.95)} ms`.padStart(9)}${(ms.length / (busy / 1000)).toFixed(1).padStart(9)}`,
    );
  }
  return lines;
}

/**
 * Cells whose verdict differs between two runs of the same selection: unexplained ones (a bug in the sharing), and
 * ones whose expectation records both verdicts as intermittent (listed, with the recorded reason, but not counted).
 */
function verdictDifferences(a: Run, b: Run): { unexplained: string[]; intermittent: string[] } {
  const d = diffRuns(a.matrix, b.matrix);
  const byKey = (m: Matrix) => new Map(m.cells.map((c): [string, Cell] => [`${c.engine} ${c.check}`, c]));
  const left = byKey(a.matrix);
  const right = byKey(b.matrix);
  const out = { unexplained: [] as string[], intermittent: [] as string[] };
  for (const c of d.changes.filter((x) => x.kind !== 'changed')) {
    const k = `${c.engine} ${c.check}`;
    const [l, r] = [left.get(k), right.get(k)];
    const line = `  ${c.engine.padEnd(9)}${c.check}: ${l?.verdict ?? 'absent'} (${a.label}) vs ${r?.verdict ?? 'absent'} (${b.label})`;
    const x = r?.expectation ?? l?.expectation;
    const recorded = x ? [x.verdict, ...(x.intermittent ?? [])] : [];
    if (l && r && x?.intermittent && recorded.includes(l.verdict) && recorded.includes(r.verdict)) {
      out.intermittent.push(`${line}; recorded as intermittent: ${x.reason}`);
    } else {
      out.unexplained.push(line);
    }
  }
  return out;
}

function main(): number {
  const { runs, shim, rest } = parseArgs(process.argv.slice(2));
  const shared: Run[] = [];
  for (let i = 0; i < runs; i++) shared.push(runMatrix(`shared sessions, run ${i + 1}/${runs}`, `shared-${i + 1}`, {}, rest));
  const fresh = runMatrix(
    'fresh context per check, one at a time',
    'fresh',
    { GUM_ISOLATION: 'context', GUM_CONCURRENCY: '1', GUM_WAIT_LANE: '0' },
    rest,
  );
  const typical = [...shared].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(shared.length / 2)] as Run;
  const lines: string[] = [];
  for (const r of shared) lines.push(...table(r), '');
  lines.push(...table(fresh), '');
  lines.push(
    `median wall of ${runs} shared run(s): ${sec(typical.wallMs)}; fresh one-at-a-time: ${sec(fresh.wallMs)}; ` +
      `ratio ${(fresh.wallMs / typical.wallMs).toFixed(2)}x`,
  );
  let differ = 0;
  for (const r of shared) {
    const { unexplained, intermittent } = verdictDifferences(fresh, r);
    differ += unexplained.length;
    lines.push(
      unexplained.length
        ? `${r.label}: ${unexplained.length} cell(s) with another verdict than the fresh run:`
        : `${r.label}: every verdict equals the fresh run's${intermittent.length ? `, but for ${intermittent.length} recorded intermittent cell(s)` : ''}`,
      ...unexplained,
      ...intermittent,
    );
  }
  if (shim) {
    const broken = runMatrix(`with shim ${shim}`, 'shim', { GUM_SHIM: shim }, rest);
    lines.push('', ...table(broken), `shim run / clean shared run: ${(broken.wallMs / typical.wallMs).toFixed(2)}x`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return differ ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`bench: ${e instanceof ConfigError ? e.message : `internal error: ${(e as Error).message}`}\n`);
  process.exitCode = 2;
}
