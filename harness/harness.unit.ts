import { test, expect } from '@playwright/test';
import { projectsIn } from './cli/args';
import { parseMutant } from './cli/mutants';
import { ConfigError } from './errors';
import {
  buildKey,
  buildMatches,
  coverageLine,
  deviations,
  expectationsFor,
  parseExpectationFile,
  recordedObservation,
  type ExpectationBook,
  type LoadedArea,
} from './expectations';
import { afterRetry, missingCells, toCell, type RawResult } from './report/build-matrix';
import { fixtureUrl, parseHeaders, substitute } from './server';
import type { Cell, CellOutcome } from './types';

const ports = { httpsPort: 8443, httpPort: 8080 };

test.describe('fixture server helpers', () => {
  test('fixtureUrl uses https for test sites and http for the insecure host', () => {
    expect(fixtureUrl(ports, 'a', '/x.html')).toBe('https://a.test:8443/x.html');
    expect(fixtureUrl(ports, 'insecure', '/x.html')).toBe('http://insecure.test:8080/x.html');
    expect(fixtureUrl(ports, 'localhost', '/', 'http')).toBe('http://localhost:8080/');
  });
  test('substitute expands origin, host and port placeholders', () => {
    expect(substitute("microphone 'self' {{origin:b}}", ports)).toBe("microphone 'self' https://b.test:8443");
    expect(substitute('{{host:c}}:{{port:http}}', ports)).toBe('c.test:8080');
  });
  test('substitute refuses an unknown host key', () => {
    expect(() => substitute('{{origin:zzz}}', ports)).toThrow(/unknown host key/);
  });
  test('parseHeaders reads Name: value lines and skips comments', () => {
    expect(parseHeaders("# why\nPermissions-Policy: camera=()\n\nFeature-Policy: camera 'self'\n")).toEqual([
      ['Permissions-Policy', 'camera=()'],
      ['Feature-Policy', "camera 'self'"],
    ]);
  });
  test('parseHeaders rejects a line without a colon', () => {
    expect(() => parseHeaders('not a header')).toThrow(/malformed/);
  });
});

test.describe('command-line arguments', () => {
  test('projectsIn accepts every spelling of --project', () => {
    expect(projectsIn(['--project', 'firefox', '--project=webkit', '-p', 'unit', '--grep', 'x']).projects).toEqual([
      'firefox',
      'webkit',
      'unit',
    ]);
  });
  test('projectsIn writes the default projects so that a file filter stays a file filter', () => {
    expect(projectsIn(['tests/a.spec.ts', 'tests/b.spec.ts'], ['chromium', 'webkit'])).toEqual({
      projects: ['chromium', 'webkit'],
      rest: ['--project=chromium*', '--project=webkit*', 'tests/a.spec.ts', 'tests/b.spec.ts'],
    });
    expect(projectsIn(['--project=firefox'], ['chromium']).projects).toEqual(['firefox']);
  });
  test('projectsIn leaves a file after --project a file, where Playwright would take it for a project', () => {
    expect(projectsIn(['--project', 'firefox', 'tests/frames.spec.ts'])).toEqual({
      projects: ['firefox'],
      rest: ['--project=firefox*', 'tests/frames.spec.ts'],
    });
    expect(projectsIn(['--project', 'chromium', 'webkit', '--grep', 'x']).rest).toEqual([
      '--project=chromium*',
      '--project=webkit*',
      '--grep',
      'x',
    ]);
  });
  test('projectsIn rejects an unknown engine with one line', () => {
    expect(() => projectsIn(['--project', 'safari'])).toThrow(ConfigError);
    expect(() => projectsIn(['--project', 'safari'])).toThrow(/unknown project "safari"/);
  });
  test('projectsIn rejects a dangling --project', () => {
    expect(() => projectsIn(['--project'])).toThrow(/needs a project name/);
  });
});

test.describe('expectation files', () => {
  const good = JSON.stringify({
    engine: 'firefox',
    recordedOn: ['153'],
    expectations: { 'a/b': { verdict: 'fail', observed: 'NotFoundError', reason: 'Firefox answers NotFoundError here', builds: ['153'] } },
  });
  test('a valid file parses', () => {
    expect(parseExpectationFile(good, 'f.json').expectations['a/b']).toMatchObject({ observed: 'NotFoundError' });
  });
  test("a record must say which builds it was observed on, within the file's recordedOn", () => {
    const noBuilds = JSON.stringify({
      engine: 'firefox',
      recordedOn: ['153'],
      expectations: { x: { verdict: 'fail', observed: 'y', reason: 'long enough reason' } },
    });
    expect(() => parseExpectationFile(noBuilds, 'f.json')).toThrow(/builds/);
    const noFile = JSON.stringify({ engine: 'firefox', expectations: {} });
    expect(() => parseExpectationFile(noFile, 'f.json')).toThrow(/recordedOn/);
    const outside = JSON.stringify({
      engine: 'firefox',
      recordedOn: ['153'],
      expectations: { x: { verdict: 'fail', observed: 'y', reason: 'long enough reason', builds: ['140'] } },
    });
    expect(() => parseExpectationFile(outside, 'f.json')).toThrow(/x names build 140, which recordedOn does not list/);
    const bad = JSON.stringify({ engine: 'firefox', recordedOn: ['latest'], expectations: {} });
    expect(() => parseExpectationFile(bad, 'f.json')).toThrow(/recordedOn/);
  });
  test('malformed JSON is one clear ConfigError', () => {
    expect(() => parseExpectationFile('{', 'f.json')).toThrow(/f.json: not valid JSON/);
  });
  test('a record without a reason is refused', () => {
    const bad = JSON.stringify({
      engine: 'firefox',
      recordedOn: ['153'],
      expectations: { x: { verdict: 'fail', observed: 'y', builds: ['153'] } },
    });
    expect(() => parseExpectationFile(bad, 'f.json')).toThrow(/reason/);
  });
  test('a "pass" record is refused (a passing check needs no record)', () => {
    const bad = JSON.stringify({
      engine: 'firefox',
      recordedOn: ['153'],
      expectations: { x: { verdict: 'pass', observed: 'y', reason: 'long enough reason', builds: ['153'] } },
    });
    expect(() => parseExpectationFile(bad, 'f.json')).toThrow(/verdict/);
  });
});

test.describe('expectations and engine builds', () => {
  const rec = (observed: string, builds: string[]) => ({ verdict: 'fail' as const, observed, reason: 'a reason long enough', builds });
  const book = (recordedOn: string[], expectations: LoadedArea['expectations']): ExpectationBook => ({
    firefox: [{ file: 'expectations/firefox/x.json', engine: 'firefox', recordedOn, expectations }],
  });
  test('build specs match on as many numbers as they give, ranges inclusive', () => {
    expect(buildMatches('153', '153.7.0')).toBe(true);
    expect(buildMatches('153', '140.12.0esr')).toBe(false);
    expect(buildMatches('140-153', '140.12.0')).toBe(true);
    expect(buildMatches('140-153', '150.0.7871.100')).toBe(true);
    expect(buildMatches('140-153', '156.0.1')).toBe(false);
    expect(buildMatches('2.50', '2.50.6')).toBe(true);
    expect(buildMatches('2.50', '2.48.1')).toBe(false);
    expect(buildKey('webkit', '2.50.6')).toBe('2.50');
    expect(buildKey('firefox', '140.12.0')).toBe('140');
  });
  test('a record applies on the builds it names; on another recorded build the check is expected to pass', () => {
    const b = book(['140', '153'], { 'a/1': rec('NotFoundError', ['153']), 'a/2': rec('TypeError', ['140', '153']) });
    expect(Object.keys(expectationsFor(b, [{ id: 'firefox', version: '153.7.0' }]).set.firefox ?? {})).toEqual(['a/1', 'a/2']);
    const on140 = expectationsFor(b, [{ id: 'firefox', version: '140.12.0' }]);
    expect(Object.keys(on140.set.firefox ?? {})).toEqual(['a/2']);
    expect(on140.coverage[0].uncovered).toEqual([]);
  });
  test("a check whose outcome differs between builds picks the running build's record", () => {
    const b = book(['140', '153'], { 'a/1': [rec('NotFoundError', ['153']), rec('AbortError', ['140'])] });
    expect(expectationsFor(b, [{ id: 'firefox', version: '140.12.0' }]).set.firefox?.['a/1'].observed).toBe('AbortError');
    expect(expectationsFor(b, [{ id: 'firefox', version: '153.1' }]).set.firefox?.['a/1'].observed).toBe('NotFoundError');
  });
  test('an unrecorded build applies the nearest recorded build and is named plainly', () => {
    const b = book(['140', '153'], { 'a/1': [rec('NotFoundError', ['153']), rec('AbortError', ['140'])] });
    const r = expectationsFor(b, [{ id: 'firefox', version: '150.0' }]);
    expect(r.set.firefox?.['a/1'].observed).toBe('NotFoundError');
    expect(r.coverage[0].uncovered).toEqual(['expectations/firefox/x.json']);
    expect(coverageLine(r.coverage[0], 3)).toBe('firefox: expectations recorded on 140, 153, running 150.0: 3 cells differ');
    expect(coverageLine(expectationsFor(b, [{ id: 'firefox', version: '153.0' }]).coverage[0], 0)).toBeUndefined();
  });
});

test.describe('gate: deviations from expectations', () => {
  const cell = (over: Partial<Cell>): Cell => ({
    check: 'c/1',
    engine: 'chromium',
    verdict: 'pass',
    observed: { summary: 'ok' },
    expected: null,
    ms: 1,
    ...over,
  });
  const set = { chromium: { 'c/1': { verdict: 'fail' as const, observed: 'NotFoundError', reason: 'known difference here' } } };
  test('a pass with no record is no deviation', () => {
    expect(deviations([cell({ check: 'c/2' })], set)).toEqual([]);
  });
  test('a new failure deviates', () => {
    expect(deviations([cell({ check: 'c/2', verdict: 'fail', observed: { summary: 'TypeError' } })], set)).toHaveLength(1);
  });
  test('the recorded failure with the same observation does not deviate', () => {
    expect(deviations([cell({ verdict: 'fail', observed: { summary: 'NotFoundError' } })], set)).toEqual([]);
  });
  test('the recorded failure with another observation deviates', () => {
    const d = deviations([cell({ verdict: 'fail', observed: { summary: 'AbortError' } })], set);
    expect(d).toEqual([{ check: 'c/1', engine: 'chromium', recorded: 'fail: NotFoundError', now: 'fail: AbortError' }]);
  });
  test('a recorded failure that now passes deviates (remove the record)', () => {
    expect(deviations([cell({})], set)).toHaveLength(1);
  });
  test('a harness error always deviates', () => {
    expect(deviations([cell({ check: 'c/3', verdict: 'error', reason: 'boom' })], {})).toHaveLength(1);
  });
  test('an unsupported cell must be recorded with its reason', () => {
    const u = cell({ check: 'c/4', verdict: 'unsupported', reason: 'no prompt UI', observed: { unobservable: 'no prompt UI' } });
    expect(deviations([u], {})).toHaveLength(1);
    expect(
      deviations([u], { chromium: { 'c/4': { verdict: 'unsupported', observed: 'no prompt UI', reason: 'driver cannot see prompts' } } }),
    ).toEqual([]);
  });
  test("an unsupported cell the engine's module declares needs no record; a changed verdict on it still deviates", () => {
    const limit = { check: 'c/5', verdict: 'unsupported' as const, reason: 'no prompt UI', observed: { unobservable: 'no prompt UI' } };
    expect(deviations([cell({ ...limit, declared: true })], {})).toEqual([]);
    expect(deviations([cell({ check: 'c/5', verdict: 'fail', observed: { summary: 'two prompts' } })], {})).toHaveLength(1);
    // A record, where one exists, still decides.
    const recorded = { chromium: { 'c/5': { verdict: 'fail' as const, observed: 'x', reason: 'known' } } };
    expect(deviations([cell({ ...limit, declared: true })], recorded)).toHaveLength(1);
  });
  test('an intermittent record accepts its listed outcomes and nothing else', () => {
    const flaky = {
      chromium: {
        'c/1': {
          verdict: 'fail' as const,
          observed: 'NotFoundError',
          reason: 'sometimes no frame arrives',
          intermittent: [{ verdict: 'pass' as const }, { verdict: 'fail' as const, observed: 'AbortError' }],
        },
      },
    };
    expect(deviations([cell({})], flaky)).toEqual([]);
    expect(deviations([cell({ verdict: 'fail', observed: { summary: 'NotFoundError' } })], flaky)).toEqual([]);
    expect(deviations([cell({ verdict: 'fail', observed: { summary: 'AbortError' } })], flaky)).toEqual([]);
    expect(deviations([cell({ verdict: 'fail', observed: { summary: 'TypeError' } })], flaky)).toHaveLength(1);
    expect(deviations([cell({ verdict: 'unsupported', reason: 'x', observed: { unobservable: 'x' } })], flaky)).toHaveLength(1);
  });
  test('the schema requires an observation for an intermittent failure', () => {
    const file = (alt: object) =>
      JSON.stringify({
        engine: 'webkit',
        recordedOn: ['2.50'],
        expectations: { 'c/1': { verdict: 'fail', observed: 'x', reason: 'a reason long enough', builds: ['2.50'], intermittent: [alt] } },
      });
    expect(() => parseExpectationFile(file({ verdict: 'pass' }), 'f.json')).not.toThrow();
    expect(() => parseExpectationFile(file({ verdict: 'fail' }), 'f.json')).toThrow(/observed/);
  });
  test('recordedObservation prefers summary, then unobservable, then JSON', () => {
    expect(recordedObservation({ summary: 's', x: 1 })).toBe('s');
    expect(recordedObservation({ unobservable: 'why' })).toBe('why');
    expect(recordedObservation({ a: 1 })).toBe('{"a":1}');
  });
});

test.describe('retries', () => {
  const cell = (over: Partial<Cell>): Cell => ({
    check: 'c/1',
    engine: 'firefox',
    verdict: 'pass',
    observed: null,
    expected: null,
    ms: 1,
    ...over,
  });
  test('a retry replaces a harness error and records it', () => {
    expect(afterRetry(cell({ verdict: 'error', reason: 'harness: timed out' }), cell({ verdict: 'fail', reason: 'x' }))).toEqual(
      cell({ verdict: 'fail', reason: 'x', firstAttempt: 'harness: timed out' }),
    );
  });
  test('a retry never replaces a verdict the browser gave', () => {
    for (const verdict of ['fail', 'pass', 'unsupported'] as const)
      expect(afterRetry(cell({ verdict }), cell({ verdict: 'pass', observed: 'retry' })).verdict).toBe(verdict);
  });
});

test.describe('matrix cells from test results', () => {
  const raw = (over: Partial<RawResult>): RawResult => ({
    engine: 'webkit',
    meta: { id: 'x/y', title: 't', area: 'x', expected: 'e' },
    status: 'passed',
    errors: [],
    ms: 12.4,
    ...over,
  });
  const outcome = (o: Partial<CellOutcome>): CellOutcome => ({ verdict: 'pass', observed: { summary: 'ok' }, ...o });
  test("the verdict check() recorded is the cell, whatever Playwright's status", () => {
    expect(toCell(raw({ outcome: outcome({}) }))).toMatchObject({
      verdict: 'pass',
      check: 'x/y',
      engine: 'webkit',
      ms: 12,
      observed: { summary: 'ok' },
    });
    // check() marks fail and error as expected failures so the worker survives: the status says nothing about the cell.
    const fail = toCell(raw({ status: 'failed', outcome: outcome({ verdict: 'fail', reason: 'expect(received).toBe(expected)' }) }));
    expect(fail).toMatchObject({ verdict: 'fail', reason: 'expect(received).toBe(expected)' });
    expect(toCell(raw({ status: 'failed', outcome: outcome({ verdict: 'error', reason: 'toBe in a harness message' }) }))?.verdict).toBe(
      'error',
    );
    expect(toCell(raw({ status: 'passed', outcome: outcome({ verdict: 'error', reason: 'x', firstAttempt: 'y' }) }))).toMatchObject({
      verdict: 'error',
      firstAttempt: 'y',
    });
  });
  test('an unsupported outcome carries its reason', () => {
    const c = toCell(
      raw({
        status: 'skipped',
        outcome: outcome({ verdict: 'unsupported', reason: 'no prompt UI', observed: { unobservable: 'no prompt UI' } }),
      }),
    );
    expect(c).toMatchObject({ verdict: 'unsupported', reason: 'no prompt UI' });
  });
  test('a test that ended without an outcome is a harness error, never a fail', () => {
    expect(toCell(raw({ status: 'failed', errors: ['Error: expect(received).toBe(expected)'] }))?.verdict).toBe('error');
    expect(toCell(raw({ status: 'timedOut', errors: ['Test timeout of 45000ms exceeded.'] }))?.verdict).toBe('error');
    expect(toCell(raw({ status: 'passed' }))?.verdict).toBe('error');
  });
  test("a skip without an outcome (the user's filter) produces no cell", () => {
    expect(toCell(raw({ status: 'skipped' }))).toBeUndefined();
  });
  test('missingCells reports every check without a cell on an engine', () => {
    const cells: Cell[] = [{ check: 'a', engine: 'chromium', verdict: 'pass', observed: null, expected: null, ms: 0 }];
    const missing = missingCells(
      [
        { id: 'a', title: '', area: '' },
        { id: 'b', title: '', area: '' },
      ],
      ['chromium', 'firefox'],
      cells,
    );
    expect(missing.map((c) => `${c.check}@${c.engine}:${c.verdict}`)).toEqual(['a@firefox:error', 'b@chromium:error', 'b@firefox:error']);
  });
});

test('a mutant header names what it breaks and which checks must catch it', () => {
  const m = parseMutant('/m/x.js', '// mutant: breaks a thing\n// kills: type-error/, success/audio-only\n');
  expect(m).toEqual({ name: 'x', file: '/m/x.js', kills: ['type-error/', 'success/audio-only'], what: 'breaks a thing' });
});
