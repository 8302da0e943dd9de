import { defineConfig } from '@playwright/test';
import { ENGINE_IDS } from './harness/types';

// One worker per engine so each browser is launched once and reused by every check (fresh context per check);
// the three engines run in parallel. `unit` holds the pure-logic tests of the harness itself.
export default defineConfig({
  globalSetup: './harness/global-setup.ts',
  workers: ENGINE_IDS.length + 1,
  fullyParallel: false,
  timeout: 45_000,
  retries: 0,
  reporter: [
    ['./harness/report/reporter.ts'],
    ['allure-playwright', { resultsDir: `${process.env.GUM_REPORT_DIR ?? 'reports'}/allure-results`, detail: false, suiteTitle: false }],
  ],
  outputDir: 'test-results',
  projects: [
    { name: 'unit', testDir: './harness', testMatch: '**/*.unit.ts', workers: 1 },
    // One retry, for harness errors only: the reporter keeps a first attempt that produced a verdict (pass, fail,
    // unsupported) and uses the retry only when the first attempt was the harness's fault (see check.ts).
    ...ENGINE_IDS.map((name) => ({ name, testDir: './tests', testMatch: '**/*.spec.ts', workers: 1, retries: 1 })),
  ],
});
