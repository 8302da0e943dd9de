import { expect, test } from '@playwright/test';
import type { Cell, Matrix } from '../types';
import { renderJUnit } from './junit';

const cell = (check: string, verdict: Cell['verdict'], extra: Partial<Cell> = {}): Cell => ({
  check,
  engine: 'firefox',
  verdict,
  observed: { summary: `${verdict} <&> "x"` },
  expected: 'resolved',
  ms: 1500,
  ...extra,
});
const m: Matrix = {
  generated: '2026-11-30T00:00:00.000Z',
  suite: { name: 'gum-conformance', version: '0.1.0' },
  engines: [
    {
      id: 'firefox',
      browser: 'Firefox ESR',
      version: '140.12.0',
      driver: 'bidi',
      devices: 'fake',
      executable: '/usr/bin/firefox-esr',
      source: 'system',
    },
  ],
  checks: ['a/pass', 'a/known', 'a/new-fail', 'b/unsup', 'b/error'].map((id) => ({ id, title: `title of ${id}`, area: id.split('/')[0] })),
  cells: [
    cell('a/pass', 'pass'),
    cell('a/known', 'fail', { expectation: { verdict: 'fail', reason: 'known difference' } }),
    cell('a/new-fail', 'fail'),
    cell('b/unsup', 'unsupported', { reason: 'no prompt UI', expectation: { verdict: 'unsupported', reason: 'driver' } }),
    cell('b/error', 'error', { reason: 'harness: timed out' }),
  ],
};

test('junit.xml: a suite per engine build, a case per cell; red is exactly what the gate fails on', () => {
  const xml = renderJUnit(m, [
    { engine: 'firefox', check: 'a/new-fail' },
    { engine: 'firefox', check: 'b/error' },
  ]);
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  const suite = xml.match(/<testsuite [^>]*>/)?.[0] ?? '';
  expect(suite).toContain('name="firefox 140.12.0"');
  expect(suite).toContain('tests="5"');
  expect(suite).toContain('failures="1"');
  expect(suite).toContain('errors="1"');
  expect(suite).toContain('skipped="2"');
  const cases = xml.match(/<testcase [^>]*>/g) ?? [];
  expect(cases).toHaveLength(5);
  expect(cases[0]).toContain('classname="a"');
  expect(cases[0]).toContain('name="a/pass title of a/pass"');
  expect(cases[0]).toContain('time="1.5"');
  // > needs no escaping in an attribute value; < & and " do.
  expect(xml).toContain('<failure message="fail: fail &lt;&amp;> &quot;x&quot;" type="not recorded"');
  expect(xml).toMatch(/<error message="harness: timed out" type="harness error"/);
  expect(xml).toContain('value="expected failure: known difference"');
  expect(xml).toContain('value="unsupported: no prompt UI"');
  // Well-formed enough for any JUnit reader: every opened element is closed, nothing browser-made is raw markup.
  for (const tag of ['testsuites', 'testsuite', 'testcase']) {
    expect((xml.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length).toBe(
      (xml.match(new RegExp(`</${tag}>|<${tag} [^>]*/>`, 'g')) ?? []).length,
    );
  }
  expect(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')).not.toContain('<&>');
  // A CDATA section cannot hold its own terminator: browser-made text that contains it still yields one closed section.
  const tricky = renderJUnit({ ...m, cells: [cell('a/new-fail', 'fail', { observed: { summary: 'x ]]> <b>' } })] }, []);
  expect((tricky.match(/<!\[CDATA\[/g) ?? []).length).toBe((tricky.match(/\]\]>/g) ?? []).length);
});
