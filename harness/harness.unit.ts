import { test, expect } from '@playwright/test';
import { projectsIn } from './cli/args';
import { parseMutant } from './cli/mutants';
import { ConfigError } from './engines/resolve';
import { deviations, recordedObservation, parseExpectationFile } from './expectations';
import { afterRetry, isAssertionFailure, missingCells, toCell, type RawResult } from './report/build-matrix';
import { fixtureUrl, parseHeaders, substitute } from './server';
import type { Cell } from './types';

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
    expect(parseHeaders('# why\nPermissions-Policy: camera=()\n\nFeature-Policy: camera \'self\'\n'))
      .toEqual([['Permissions-Policy', 'camera=()'], ['Feature-Policy', "camera 'self'"]]);
  });
  test('parseHeaders rejects a line without a colon', () => {
    expect(() => parseHeaders('not a header')).toThrow(/malformed/);
  });
});

test.describe('command-line arguments', () => {
  test('projectsIn accepts every spelling of --project', () => {
    expect(projectsIn(['--project', 'firefox', '--project=webkit', '-p', 'unit', '--grep', 'x'])).toEqual(['firefox', 'webkit', 'unit']);
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
  const good = JSON.stringify({ engine: 'firefox', expectations: { 'a/b': { verdict: 'fail', observed: 'NotFoundError', reason: 'Firefox answers NotFoundError here' } } });
  test('a valid file parses', () => {
    expect(parseExpectationFile(good, 'f.json').expectations['a/b'].observed).toBe('NotFoundError');
  });
  test('malformed JSON is one clear ConfigError', () => {
    expect(() => parseExpectationFile('{', 'f.json')).toThrow(/f.json: not valid JSON/);
  });
  test('a record without a reason is refused', () => {
    const bad = JSON.stringify({ engine: 'firefox', expectations: { x: { verdict: 'fail', observed: 'y' } } });
    expect(() => parseExpectationFile(bad, 'f.json')).toThrow(/reason/);
  });
  test('a "pass" record is refused (a passing check needs no record)', () => {
    const bad = JSON.stringify({ engine: 'firefox', expectations: { x: { verdict: 'pass', observed: 'y', reason: 'long enough reason' } } });
    expect(() => parseExpectationFile(bad, 'f.json')).toThrow(/verdict/);
  });
});

test.describe('gate: deviations from expectations', () => {
  const cell = (over: Partial<Cell>): Cell => ({ check: 'c/1', engine: 'chromium', verdict: 'pass', observed: { summary: 'ok' }, expected: null, ms: 1, ...over });
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
    expect(deviations([u], { chromium: { 'c/4': { verdict: 'unsupported', observed: 'no prompt UI', reason: 'driver cannot see prompts' } } })).toEqual([]);
  });
  test('an intermittent record accepts its listed outcomes and nothing else', () => {
    const flaky = { chromium: { 'c/1': { verdict: 'fail' as const, observed: 'NotFoundError', reason: 'sometimes no frame arrives',
      intermittent: [{ verdict: 'pass' as const }, { verdict: 'fail' as const, observed: 'AbortError' }] } } };
    expect(deviations([cell({})], flaky)).toEqual([]);
    expect(deviations([cell({ verdict: 'fail', observed: { summary: 'NotFoundError' } })], flaky)).toEqual([]);
    expect(deviations([cell({ verdict: 'fail', observed: { summary: 'AbortError' } })], flaky)).toEqual([]);
    expect(deviations([cell({ verdict: 'fail', observed: { summary: 'TypeError' } })], flaky)).toHaveLength(1);
    expect(deviations([cell({ verdict: 'unsupported', reason: 'x', observed: { unobservable: 'x' } })], flaky)).toHaveLength(1);
  });
  test('the schema requires an observation for an intermittent failure', () => {
    const file = (alt: object) => JSON.stringify({ engine: 'webkit', expectations: { 'c/1': { verdict: 'fail', observed: 'x', reason: 'a reason long enough', intermittent: [alt] } } });
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
  const cell = (over: Partial<Cell>): Cell => ({ check: 'c/1', engine: 'firefox', verdict: 'pass', observed: null, expected: null, ms: 1, ...over });
  test('a retry replaces a harness error and records it', () => {
    expect(afterRetry(cell({ verdict: 'error', reason: 'harness: timed out' }), cell({ verdict: 'fail', reason: 'x' })))
      .toEqual(cell({ verdict: 'fail', reason: 'x', firstAttempt: 'harness: timed out' }));
  });
  test('a retry never replaces a verdict the browser gave', () => {
    for (const verdict of ['fail', 'pass', 'unsupported'] as const)
      expect(afterRetry(cell({ verdict }), cell({ verdict: 'pass', observed: 'retry' })).verdict).toBe(verdict);
  });
});

test.describe('matrix cells from test results', () => {
  const raw = (over: Partial<RawResult>): RawResult => ({
    engine: 'webkit', meta: { id: 'x/y', title: 't', area: 'x', expected: 'e' }, status: 'passed', errors: [], annotations: [],
    observed: { summary: 'ok' }, ms: 12.4, ...over,
  });
  test('passed is pass', () => {
    expect(toCell(raw({}))).toMatchObject({ verdict: 'pass', check: 'x/y', engine: 'webkit', ms: 12 });
  });
  test('an assertion failure is fail, with the assertion as reason', () => {
    const c = toCell(raw({ status: 'failed', errors: ['Error: expect(received).toBe(expected)\nExpected: "a"\nReceived: "b"'] }));
    expect(c?.verdict).toBe('fail');
    expect(c?.reason).toContain('expect(received)');
  });
  test('any other error is a harness error, not a fail', () => {
    expect(toCell(raw({ status: 'failed', errors: ['page.evaluate: Target closed'] }))?.verdict).toBe('error');
    expect(toCell(raw({ status: 'timedOut', errors: ['Test timeout of 45000ms exceeded.'] }))?.verdict).toBe('error');
  });
  test('an unsupported skip carries its reason', () => {
    const c = toCell(raw({ status: 'skipped', annotations: [{ type: 'skip', description: 'unsupported: no prompt UI' }] }));
    expect(c).toMatchObject({ verdict: 'unsupported', reason: 'no prompt UI' });
  });
  test('a skip for another reason produces no cell', () => {
    expect(toCell(raw({ status: 'skipped', annotations: [{ type: 'skip', description: 'filtered' }] }))).toBeUndefined();
  });
  test('isAssertionFailure tells matcher output from harness errors', () => {
    expect(isAssertionFailure('expect(received).toEqual(expected)')).toBe(true);
    expect(isAssertionFailure('harness: fixture server ports missing')).toBe(false);
  });
  test('missingCells reports every check without a cell on an engine', () => {
    const cells: Cell[] = [{ check: 'a', engine: 'chromium', verdict: 'pass', observed: null, expected: null, ms: 0 }];
    const missing = missingCells([{ id: 'a', title: '', area: '' }, { id: 'b', title: '', area: '' }], ['chromium', 'firefox'], cells);
    expect(missing.map((c) => `${c.check}@${c.engine}:${c.verdict}`)).toEqual(['a@firefox:error', 'b@chromium:error', 'b@firefox:error']);
  });
});

test('a mutant header names what it breaks and which checks must catch it', () => {
  const m = parseMutant('/m/x.js', '// mutant: breaks a thing\n// kills: type-error/, success/audio-only\n');
  expect(m).toEqual({ name: 'x', file: '/m/x.js', kills: ['type-error/', 'success/audio-only'], what: 'breaks a thing' });
});
