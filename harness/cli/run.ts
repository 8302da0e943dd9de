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
  rmSync(countsFile, { force: true });
  const args = ['test', ...playwrightArgs];
  // union (under http-server) uses a deprecated Node API on every response; the warning says nothing about the run.
  const nodeOptions = [process.env.NODE_OPTIONS, '--disable-warning=DEP0066'].filter(Boolean).join(' ');
  const env = {
    ...process.env,
    NODE_OPTIONS: nodeOptions,
    GUM_GATE: mode === 'test' ? '1' : (process.env.GUM_GATE ?? '0'),
    ...(reporters.length ? { GUM_REPORTERS: reporters.join(',') } : {}),
  };
  const r = spawnSync(process.execPath, [require.resolve('@playwright/test/cli'), ...args], { stdio: 'inherit', env, cwd: ROOT });
  if (mode === 'test' && existsSync(countsFile)) {
    const c = JSON.parse(readFileSync(countsFile, 'utf8')) as GateCounts;
    // The closing line CI reads: cells matching their recorded expectation, and differences.
    process.stdout.write(`${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}\n`);
  }
  return r.status ?? 1;
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
