import { expect, test } from '@playwright/test';
import type { LoadedArea } from './expectations';
import { formatExpectationFile, recordBuild } from './record-build';
import { formatProgress } from './report/progress';
import type { Cell, Matrix } from './types';

const cell = (check: string, verdict: Cell['verdict'], summary = 'ok'): Cell => ({
  check,
  engine: 'firefox',
  verdict,
  observed: { summary },
  expected: null,
  ms: 1,
});
const matrix = (version: string, cells: Cell[]): Matrix => ({
  generated: '',
  suite: { name: 'x', version: '0' },
  engines: [{ id: 'firefox', browser: 'Firefox', version, driver: '', devices: 'fake', executable: '', source: 'system' }],
  checks: cells.map((c) => ({ id: c.check, title: '', area: 'exceptions' })),
  cells,
});
const area = (): LoadedArea => ({
  file: '/x/expectations/firefox/exceptions.json',
  engine: 'firefox',
  recordedOn: ['153'],
  expectations: {
    'exceptions/a': { verdict: 'fail', observed: 'NotFoundError', reason: 'a reason long enough', builds: ['153'] },
    'exceptions/b': { verdict: 'fail', observed: 'TypeError', reason: 'a reason long enough', builds: ['153'] },
  },
});

test('a new build that matches every record is added to them and to the file', () => {
  const a = area();
  const r = recordBuild(
    [a],
    'firefox',
    matrix('140.12.0', [
      cell('exceptions/a', 'fail', 'NotFoundError'),
      cell('exceptions/b', 'fail', 'TypeError'),
      cell('exceptions/c', 'pass'),
    ]),
  );
  expect(r.needsHuman).toEqual([]);
  expect(a.recordedOn).toEqual(['153', '140']);
  expect(a.expectations['exceptions/a']).toMatchObject({ builds: ['153', '140'] });
});

test('a check an older build failed and the new one passes keeps its record for the old build only', () => {
  const a = area();
  const r = recordBuild([a], 'firefox', matrix('140.1', [cell('exceptions/a', 'pass'), cell('exceptions/b', 'fail', 'TypeError')]));
  expect(r.needsHuman).toEqual([]);
  expect(a.recordedOn).toEqual(['153', '140']);
  expect(a.expectations['exceptions/a']).toMatchObject({ builds: ['153'] });
});

test('a declared engine limit needs no record; an undeclared unsupported cell needs a human', () => {
  const limit: Cell = { ...cell('exceptions/d', 'unsupported'), reason: 'fault "device-busy": no switch', declared: true };
  const a = area();
  const r = recordBuild(
    [a],
    'firefox',
    matrix('140.1', [cell('exceptions/a', 'fail', 'NotFoundError'), cell('exceptions/b', 'fail', 'TypeError'), limit]),
  );
  expect(r.needsHuman).toEqual([]);
  const { declared: _declared, ...undeclared } = limit;
  expect(recordBuild([area()], 'firefox', matrix('140.1', [undeclared])).needsHuman.map((n) => n.check)).toContain('exceptions/d');
});

test('a new or changed outcome needs a human, and the file is not marked as recorded on the build', () => {
  const a = area();
  const r = recordBuild([a], 'firefox', matrix('140.1', [cell('exceptions/a', 'fail', 'AbortError'), cell('exceptions/c', 'fail', 'X')]));
  expect(r.needsHuman.map((n) => `${n.check}: ${n.recorded} -> ${n.now}`)).toEqual([
    'exceptions/a: fail: NotFoundError -> fail: AbortError',
    'exceptions/c: pass -> fail: X',
  ]);
  expect(a.recordedOn).toEqual(['153']);
});

test('expectation files keep short string lists on one line', () => {
  expect(formatExpectationFile({ recordedOn: ['140', '153'], x: { builds: ['153'] } })).toBe(
    '{\n  "recordedOn": ["140", "153"],\n  "x": {\n    "builds": ["153"]\n  }\n}\n',
  );
});

test("progress names each engine's done/planned and its non-pass counts", () => {
  const line = formatProgress(
    new Map([
      ['chromium', { planned: 10, done: 4, fail: 1, unsupported: 0, error: 0 }],
      ['firefox', { planned: 10, done: 10, fail: 0, unsupported: 2, error: 3 }],
    ]),
    12_400,
  );
  expect(line).toBe('progress 12s: chromium 4/10 (1 fail) | firefox 10/10 (2 unsup, 3 error)');
});
