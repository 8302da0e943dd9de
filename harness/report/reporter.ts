// Playwright Test reporter that writes the compatibility matrix (JSON, HTML, BCD data), prints the terminal summary,
// and, under GUM_GATE=1, fails the run on any difference from the recorded expectations.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import { coverageLine, deviations, expectationsFor, loadExpectations } from '../expectations';
import { readRunConfig, ROOT } from '../run-config';
import { engineOfProject } from '../lanes';
import { ENGINE_IDS, type Cell, type CellOutcome, type CheckInfo, type EngineId, type EngineInfo, type Matrix } from '../types';
import { firstLine } from '../errors';
import { afterRetry, missingCells, toCell } from './build-matrix';
import { Progress } from './progress';
import { matrixJson } from './matrix-json';
import { LAZY_DETAILS_FILE, lazyDetailsScript, renderHtml, type LazyDetails } from './html';
import { renderJUnit } from './junit';
import { renderSummary } from './summary';
import { writeCompatData } from './compat-data';
import { bcdDiffSection } from './bcd-diff-html';
import { constraintAgreementSection } from './constraint-agreement';
import { seedClaimsJson, seedClaimsView, type SeedClaimsFile } from './seed-claims';

function attachmentJson(result: TestResult, name: string): unknown {
  const a = result.attachments.find((x) => x.name === name);
  if (!a?.body) return undefined;
  try {
    return JSON.parse(a.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

export default class MatrixReporter implements Reporter {
  private started = Date.now();
  private checks = new Map<string, CheckInfo & { expected?: string }>();
  private plannedEngines = new Set<EngineId>();
  private engines = new Map<EngineId, EngineInfo>();
  private cells: Cell[] = [];
  /** Playwright test id -> index of its cell, so a retry can be matched with its first attempt. */
  private attempts = new Map<string, number>();
  private unitFailures: string[] = [];
  private unit = { passed: 0, skipped: 0 };
  /** Tests that finished; none means `--list` or a run stopped before any test (nothing to report). */
  private ended = 0;
  private launchMs: Partial<Record<EngineId, number>> = {};
  private progress = new Progress();
  private announcedUnavailable = new Set<EngineId>();

  printsToStdio(): boolean {
    return true;
  }

  onError(error: TestError): void {
    // Never echo whole objects here: a failing setup can carry file contents (certificates, keys) in its message.
    process.stderr.write(`error: ${firstLine(error.message ?? error.value ?? 'unknown error').slice(0, 300)}\n`);
  }

  onBegin(_config: FullConfig, suite: Suite): void {
    this.started = Date.now();
    const planned = new Map<EngineId, number>();
    for (const t of suite.allTests()) {
      // Both of an engine's lanes (harness/lanes.ts) fill its one column.
      const project = engineOfProject(t.parent.project()?.name ?? '');
      const meta = t.annotations.find((a) => a.type === 'check');
      if (!project || !meta?.description) continue;
      this.plannedEngines.add(project);
      planned.set(project, (planned.get(project) ?? 0) + 1);
      const info = JSON.parse(meta.description) as CheckInfo;
      this.checks.set(info.id, info);
    }
    this.progress.start(planned);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.ended++;
    const project = engineOfProject(test.parent.project()?.name ?? '');
    if (!project) {
      if (result.status === 'passed') this.unit.passed++;
      else if (result.status === 'skipped') this.unit.skipped++;
      else this.unitFailures.push(`${test.title}: ${firstLine(result.error?.message ?? result.status)}`);
      return;
    }
    const metaNote = test.annotations.find((a) => a.type === 'check');
    if (!metaNote?.description) return;
    const outcome = attachmentJson(result, 'cell') as CellOutcome | undefined;
    if (outcome?.engine) {
      this.engines.set(project, outcome.engine);
      // Each lane launches its own browser: the engine's launch time is the slower of the two.
      if (outcome.engine.launchMs !== undefined) this.launchMs[project] = Math.max(this.launchMs[project] ?? 0, outcome.engine.launchMs);
    }
    const cell = toCell({
      engine: project,
      meta: JSON.parse(metaNote.description),
      status: result.status,
      errors: result.errors.map((e) => e.message ?? e.value ?? String(e)),
      outcome,
      ms: result.duration,
    });
    if (!cell) return;
    const at = this.attempts.get(test.id);
    const first = at === undefined ? undefined : this.cells[at];
    if (at === undefined || !first) this.attempts.set(test.id, this.cells.push(cell) - 1);
    else this.cells[at] = afterRetry(first, cell);
    if (at === undefined) this.progress.record(cell);
    if (outcome?.engineUnavailable && !this.announcedUnavailable.has(project)) {
      this.announcedUnavailable.add(project);
      const left = this.progress.remaining(project) + 1;
      process.stderr.write(`${cell.reason}: its ${left} check${left === 1 ? '' : 's'} marked error\n`);
    }
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | void> {
    this.progress.stop();
    if (!this.ended) return;
    let cfg;
    try {
      cfg = readRunConfig();
    } catch (e) {
      process.stderr.write(`${(e as Error).message}\n`);
      return { status: 'failed' };
    }
    const engineIds = ENGINE_IDS.filter((e) => this.plannedEngines.has(e));
    /** Counts for the CLI's closing line: matching cells pass (unsupported ones count as skipped), deviations fail. */
    const writeGate = (matching: Cell[], deviating: number) => {
      if (!cfg.gate) return;
      mkdirSync(cfg.reportDir, { recursive: true });
      const unsupported = matching.filter((c) => c.verdict === 'unsupported').length;
      writeFileSync(
        join(cfg.reportDir, 'gate.json'),
        JSON.stringify({
          passed: this.unit.passed + matching.length - unsupported,
          failed: this.unitFailures.length + deviating,
          skipped: this.unit.skipped + unsupported,
        }),
      );
    };
    if (!engineIds.length) {
      writeGate([], 0);
      if (this.unitFailures.length) process.stdout.write(`unit failures:\n  ${this.unitFailures.join('\n  ')}\n`);
      return;
    }
    const checks = [...this.checks.values()].sort((a, b) => a.area.localeCompare(b.area) || a.id.localeCompare(b.id));
    const cells = [...this.cells, ...missingCells(checks, engineIds, this.cells)];
    const engines = engineIds.map(
      (id) =>
        this.engines.get(id) ?? {
          id,
          browser: id,
          version: 'not launched',
          driver: 'n/a',
          devices: cfg.devices,
          executable: 'n/a',
          source: 'system' as const,
        },
    );
    const { set: expectations, coverage } = expectationsFor(
      loadExpectations(cfg.expectationsDir),
      engines.filter((e) => e.version !== 'not launched'),
    );
    for (const c of cells) {
      const exp = expectations[c.engine]?.[c.check];
      if (exp)
        c.expectation = {
          verdict: exp.verdict,
          reason: exp.reason,
          ...(exp.bug ? { bug: exp.bug } : {}),
          ...(exp.intermittent ? { intermittent: exp.intermittent.map((o) => o.verdict) } : {}),
        };
    }
    const dev = deviations(cells, expectations);
    // A build the expectations were not recorded on is named, with how many of its cells differ, in every mode.
    const coverageLines: string[] = [];
    for (const c of coverage) {
      const line = coverageLine(c, dev.filter((d) => d.engine === c.engine).length);
      const info = engines.find((e) => e.id === c.engine);
      if (!line || !info) continue;
      coverageLines.push(line);
      info.expectations = line.slice(`${c.engine}: `.length);
    }
    const matrix: Matrix = {
      generated: new Date().toISOString(),
      suite: { name: 'gum-conformance', version: '0.1.0' },
      engines,
      checks,
      cells,
      timing: { wallMs: Date.now() - this.started, launchMs: this.launchMs },
    };
    mkdirSync(cfg.reportDir, { recursive: true });
    writeFileSync(join(cfg.reportDir, 'matrix.json'), matrixJson(matrix));
    const claims = JSON.parse(readFileSync(join(ROOT, 'traceability', 'seed-claims.json'), 'utf8')) as SeedClaimsFile;
    writeFileSync(join(cfg.reportDir, 'seed-claims.json'), JSON.stringify(seedClaimsJson(matrix, claims), null, 2));
    const bcd = writeCompatData(matrix, cfg.reportDir);
    const lazy: LazyDetails = { html: [] };
    const sections = [seedClaimsView(matrix, claims), constraintAgreementSection(matrix), ...(bcd ? [bcdDiffSection(bcd)] : [])];
    writeFileSync(join(cfg.reportDir, 'matrix.html'), renderHtml(matrix, sections, lazy));
    writeFileSync(join(cfg.reportDir, LAZY_DETAILS_FILE), lazyDetailsScript(lazy));
    writeFileSync(join(cfg.reportDir, 'junit.xml'), renderJUnit(matrix, dev));
    process.stdout.write(`\n${renderSummary(matrix, { color: process.stdout.isTTY })}\n`);
    process.stdout.write(
      `reports: ${join(cfg.reportDir, 'matrix.html')} (also matrix.details.js, matrix.json, junit.xml, seed-claims.json, bcd.json, bcd-diff.json, collector-results.json)\n`,
    );
    if (this.unitFailures.length) process.stdout.write(`unit failures:\n  ${this.unitFailures.join('\n  ')}\n`);

    const harnessErrors = cells.filter((c) => c.verdict === 'error').length;
    for (const line of coverageLines) process.stdout.write(`${line}\n`);
    if (cfg.gate) {
      writeGate(
        cells.filter((c) => !dev.some((d) => d.check === c.check && d.engine === c.engine)),
        dev.length,
      );
      if (dev.length) {
        process.stdout.write(`\ngate: ${dev.length} difference(s) from expectations/:\n`);
        for (const d of dev) process.stdout.write(`  ${d.engine} ${d.check}: recorded ${d.recorded} | now ${d.now}\n`);
        return { status: 'failed' };
      }
      process.stdout.write('gate: every cell matches expectations/\n');
      return { status: this.unitFailures.length ? 'failed' : result.status === 'interrupted' ? 'interrupted' : 'passed' };
    }
    // The matrix job reports engine failures as data; it fails only when the harness itself did.
    if (harnessErrors) process.stdout.write(`${harnessErrors} harness error cell(s): see the matrix\n`);
    return { status: harnessErrors || this.unitFailures.length ? 'failed' : 'passed' };
  }
}
