// The suite's front door: `npm run matrix -- [playwright args]` and `npm test -- [playwright args]`.
// Validates every input first (one line and exit 2 on bad input), provisions the browsers, then runs Playwright Test.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors';
import { resolveBrowser } from '../engines/resolve';
import { loadExpectations } from '../expectations';
import { provision } from '../provision';
import { ensureWritableDir, readRunConfig, ROOT } from '../run-config';
import { ENGINE_IDS } from '../types';
import { enginesOf, projectsIn, reportersIn } from './args';

export interface GateCounts {
  passed: number;
  failed: number;
  skipped: number;
}

async function main(): Promise<number> {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode !== 'matrix' && mode !== 'test') throw new ConfigError(`usage: run.ts matrix|test [playwright test arguments]`);
  const cfg = readRunConfig();
  loadExpectations(cfg.expectationsDir);
  const { reporters, rest: withProjects } = reportersIn(rest);
  // matrix: the three engines unless told otherwise; test: the harness's unit tests too.
  const defaults = mode === 'matrix' ? [...ENGINE_IDS] : ['unit', ...ENGINE_IDS];
  const { projects, rest: playwrightArgs } = projectsIn(withProjects, defaults);
  const engines = enginesOf(projects);
  // Listing the checks needs no browser and writes no report.
  const listing = playwrightArgs.includes('--list');
  if (!listing) {
    ensureWritableDir(cfg.reportDir, 'GUM_REPORT_DIR');
    await provision(engines, cfg.devices);
    for (const e of engines) resolveBrowser(e);
  }

  const countsFile = join(cfg.reportDir, 'gate.json');
  const args = ['test', ...playwrightArgs];
  // union (under http-server) uses a deprecated Node API on every response; the warning says nothing about the run.
  const nodeOptions = [process.env.NODE_OPTIONS, '--disable-warning=DEP0066'].filter(Boolean).join(' ');
  const env = {
    ...process.env,
    NODE_OPTIONS: nodeOptions,
    GUM_GATE: mode === 'test' ? '1' : (process.env.GUM_GATE ?? '0'),
    ...(reporters.length ? { GUM_REPORTERS: reporters.join(',') } : {}),
  };
  const run = (argv: string[]): { status: number; counts: GateCounts | null } => {
    rmSync(countsFile, { force: true });
    const r = spawnSync(process.execPath, [require.resolve('@playwright/test/cli'), ...argv], { stdio: 'inherit', env, cwd: ROOT });
    const counts = existsSync(countsFile) ? (JSON.parse(readFileSync(countsFile, 'utf8')) as GateCounts) : null;
    return { status: r.status ?? 1, counts };
  };
  // The harness's unit tests go first, on their own: beside the matrix, their WebKitGTK launches starved the engines'
  // track sampling at the start of the run (WebKitGTK presented 10.7-16.8 frames/s of a 30 fps camera in four `npm test`
  // runs, 21-30 in five `npm run matrix` runs, 2026-12-02), and a timing-sensitive cell is the matrix's, not theirs.
  const unitFirst = mode === 'test' && projects.includes('unit') && engines.length > 0 && !listing;
  const runs = unitFirst
    ? [
        run(['test', '--pass-with-no-tests', ...playwrightArgs.filter((a) => !a.startsWith('--project=') || a === '--project=unit')]),
        run(['test', ...playwrightArgs.filter((a) => a !== '--project=unit')]),
      ]
    : [run(args)];
  const counted = runs.flatMap((r) => (r.counts ? [r.counts] : []));
  if (mode === 'test' && counted.length) {
    const c = counted.reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped }));
    // The closing line CI reads: cells matching their recorded expectation, and differences.
    process.stdout.write(`${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}\n`);
  }
  return runs.find((r) => r.status !== 0)?.status ?? 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof ConfigError) {
      process.stderr.write(`gum-conformance: ${e.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`gum-conformance: internal error: ${(e as Error).message?.split('\n')[0]}\n`);
      process.exitCode = 3;
    }
  },
);
