import { defineConfig, type Project, type ReporterDescription } from '@playwright/test';
import { laneProject, WAITS_TAG } from './harness/lanes';
import { readConcurrency, readWaitLane } from './harness/run-config';
import { ENGINE_IDS } from './harness/types';

const reportDir = process.env.GUM_REPORT_DIR ?? 'reports';

// Reporters: the matrix reporter always; Allure results only when asked for (GUM_ALLURE=1: a full run writes
// thousands of files); and any reporter named with --reporter on `npm run matrix` / `npm test` (the CLI passes them
// as GUM_REPORTERS so they add to the matrix instead of replacing it).
const extra: ReporterDescription[] = (process.env.GUM_REPORTERS ?? '')
  .split(',')
  .filter(Boolean)
  .map((name) => [name]);
// `--list` prints through the reporters, and the matrix reporter has nothing to say about a list: Playwright's own does.
const listing = process.argv.includes('--list');
if (listing && !extra.length) extra.push(['list']);
const reporter: ReporterDescription[] = [
  ['./harness/report/reporter.ts'],
  ...(process.env.GUM_ALLURE === '1'
    ? [['allure-playwright', { resultsDir: `${reportDir}/allure-results`, detail: false, suiteTitle: false }] as ReporterDescription]
    : []),
  ...extra,
];

// Under a bare `npx playwright test --reporter x`, Playwright replaces these reporters and no matrix is written: say so
// once (workers load this file too).
if (!process.env.TEST_WORKER_INDEX && !listing && process.argv.slice(2).some((a) => a === '--reporter' || a.startsWith('--reporter='))) {
  process.stderr.write(
    'gum-conformance: --reporter replaces the matrix reporter here, so no matrix is written; ' +
      '`npm run matrix -- --reporter <name>` adds <name> to it instead\n',
  );
}

// Per engine, one worker for its checks (GUM_CONCURRENCY: more) and with GUM_WAIT_LANE=1 one for its waiting checks,
// each launching its browser once and reusing it for every check; the three engines run in parallel. `unit` holds the
// pure-logic tests of the harness itself. Retries: none at Playwright's level; check() retries a harness error itself,
// in the same worker, after relaunching a browser that died.
// GUM_CONCURRENCY browsers per engine (validated by the CLI first; a bad value here falls back to one).
let perEngine = 1;
let waitLane = false;
try {
  perEngine = readConcurrency();
  waitLane = readWaitLane();
} catch {
  // harness/cli/run.ts has already said why in one line
}
// The waiting lane (harness/lanes.ts): one more worker and browser per engine, for the checks tagged WAITS_TAG.
const waits = new RegExp(WAITS_TAG);

export default defineConfig({
  globalSetup: './harness/global-setup.ts',
  workers: ENGINE_IDS.length * (perEngine + (waitLane ? 1 : 0)) + 1,
  fullyParallel: false,
  timeout: 45_000,
  retries: 0,
  reporter,
  outputDir: 'test-results',
  projects: [
    { name: 'unit', testDir: './harness', testMatch: '**/*.unit.ts', workers: 1 },
    // With several browsers per engine, checks (not files) are spread over them.
    ...ENGINE_IDS.flatMap((engine): Project[] => {
      const project = { testDir: './tests', testMatch: '**/*.spec.ts' };
      if (!waitLane) return [{ ...project, name: engine, workers: perEngine, fullyParallel: perEngine > 1 }];
      return [
        { ...project, name: laneProject(engine, 'main'), workers: perEngine, fullyParallel: perEngine > 1, grepInvert: waits },
        { ...project, name: laneProject(engine, 'waits'), workers: 1, grep: waits },
      ];
    }),
  ],
});
