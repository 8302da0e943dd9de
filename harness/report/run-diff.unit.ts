import { expect, test } from '@playwright/test';
import type { Cell, Matrix, Verdict } from '../types';
import { renderDiffHtml } from './diff-html';
import { diffRuns, formatRunDiff } from './run-diff';

const cell = (check: string, verdict: Verdict, summary = 'ok', engine: Cell['engine'] = 'chromium'): Cell => ({
  check,
  engine,
  verdict,
  observed: { summary },
  expected: null,
  ms: 1,
  ...(verdict === 'error' || verdict === 'unsupported' ? { reason: summary } : {}),
});
const matrix = (version: string, cells: Cell[]): Matrix => ({
  generated: `run on ${version}`,
  suite: { name: 'x', version: '0' },
  engines: [{ id: 'chromium', browser: 'Chromium', version, driver: 'cdp', devices: 'fake', executable: '', source: 'system' }],
  checks: [...new Set(cells.map((c) => c.check))].map((id) => ({ id, title: '', area: id.split('/')[0] })),
  cells,
});

test('classifies every kind of change and names both builds', () => {
  const before = matrix('149', [
    cell('a/regress', 'pass'),
    cell('a/fix', 'fail', 'TypeError'),
    cell('b/changed', 'fail', 'NotFoundError'),
    cell('b/same', 'fail', 'AbortError'),
    cell('b/other', 'pass'),
    cell('c/gone', 'pass'),
    cell('c/pass-timing', 'pass', '12 ms'),
  ]);
  const after = matrix('150', [
    cell('a/regress', 'error', 'harness: timed out'),
    cell('a/fix', 'pass'),
    cell('b/changed', 'fail', 'OverconstrainedError'),
    cell('b/same', 'fail', 'AbortError'),
    cell('b/other', 'unsupported', 'no prompt UI'),
    cell('c/new', 'fail', 'x'),
    cell('c/pass-timing', 'pass', '15 ms'),
  ]);
  const d = diffRuns(before, after);
  expect(d.changes.map((c) => `${c.kind} ${c.check}`)).toEqual([
    'regression a/regress',
    'fix a/fix',
    'changed b/changed',
    'other b/other',
    'added c/new',
    'removed c/gone',
  ]);
  expect(d.unchanged).toBe(2);
  expect(d.counts.regression).toBe(1);
  const text = formatRunDiff(d);
  expect(text).toContain('before: chromium 149');
  expect(text).toContain('after:  chromium 150');
  expect(text).toContain('was fail: NotFoundError\n      now fail: OverconstrainedError');
  expect(renderDiffHtml(d)).toContain('Regressions (pass → fail or error)');
});

test('two identical runs: no differences', () => {
  const m = matrix('150', [cell('a/x', 'pass'), cell('a/y', 'fail', 'T')]);
  const d = diffRuns(m, m);
  expect(d.changes).toEqual([]);
  expect(formatRunDiff(d)).toContain('no differences: 2 cells identical');
});

test('browser-made text is escaped in diff.html', () => {
  const d = diffRuns(matrix('1', [cell('a/x', 'pass')]), matrix('1', [cell('a/x', 'fail', '<img src=x onerror=alert(1)>')]));
  const html = renderDiffHtml(d);
  expect(html).not.toContain('<img src=x');
  expect(html).toContain('&lt;img src=x');
});
