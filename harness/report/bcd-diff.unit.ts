import { test, expect } from '@playwright/test';
import type { SupportStatement } from '@mdn/browser-compat-data';
import type { Cell, EngineId, EngineInfo, Matrix, Verdict } from '../types';
import { bcdCompat, toBcd } from './bcd';
import { pinnedBcd } from './bcd-data';
import { bcdCompatAt, bcdDiff, type BcdData, type EngineDiff } from './bcd-diff';
import { bcdDiffSection } from './bcd-diff-html';
import { bcdAt } from './bcd-versions';
import { readEvidence, type Evidence } from './bcd-rules';
import { BCD_FEATURES, BCD_MAPPING, BCD_NO_ENTRY, mappingFor } from './compat-data';

// ---- a small run: chromium 150, firefox 140, WebKitGTK 2.50

const engine = (id: EngineId, browser: string, version: string): EngineInfo => ({
  id,
  browser,
  version,
  driver: 'test',
  devices: 'fake',
  executable: `/usr/bin/${id}`,
  source: 'system',
});
const ENGINES = [
  engine('chromium', 'Chromium', '150.0.7871.100'),
  engine('firefox', 'Firefox ESR', '140.12.0'),
  engine('webkit', 'WebKitGTK', '2.50.6'),
];

type Row = Partial<Record<EngineId, Verdict | { verdict: Verdict; observed?: unknown; bug?: string }>>;
function run(rows: Record<string, Row>): Matrix {
  const cells: Cell[] = [];
  for (const [check, row] of Object.entries(rows))
    for (const [e, v] of Object.entries(row) as [EngineId, Row[EngineId]][]) {
      if (v === undefined) continue;
      const c = typeof v === 'string' ? { verdict: v } : v;
      cells.push({
        check,
        engine: e,
        verdict: c.verdict,
        observed: c.observed ?? { summary: `${check} ${c.verdict}` },
        expected: null,
        ms: 1,
        ...(c.verdict === 'unsupported' ? { reason: 'not observable here' } : {}),
        ...(c.bug ? { expectation: { verdict: c.verdict, reason: 'known', bug: c.bug } } : {}),
      });
    }
  return {
    generated: '2026-11-30T00:00:00.000Z',
    suite: { name: 'gum-conformance', version: '0.1.0' },
    engines: ENGINES,
    checks: Object.keys(rows).map((id) => ({ id, title: id, area: id.split('/')[0] ?? id })),
    cells,
  };
}

const all = (v: Verdict): Row => ({ chromium: v, firefox: v, webkit: v });
const dict = (members: string[]) => ({ outcome: 'resolved', value: Object.fromEntries(members.map((k) => [k, true])) });

const m = run({
  'x/works': all('pass'),
  'x/broken': { chromium: 'pass', firefox: { verdict: 'fail', bug: 'https://bugzil.la/1' }, webkit: 'fail' },
  'x/unobservable': all('unsupported'),
  'x/detail': { chromium: 'pass', firefox: 'fail', webkit: 'pass' },
  'x/dictionary': {
    chromium: { verdict: 'pass', observed: dict(['width', 'resizeMode']) },
    firefox: { verdict: 'pass', observed: dict(['width']) },
    webkit: { verdict: 'fail', observed: dict(['width', 'resizeMode']) },
  },
});

/** A BCD release with only the given features (path → __compat.support). */
function bcd(features: Record<string, Record<string, unknown>>): BcdData {
  const data: BcdData = { __meta: { version: '9.9.9', timestamp: '2026-11-12T00:00:00.000Z' } };
  for (const [path, support] of Object.entries(features)) {
    let node = data as Record<string, unknown>;
    for (const p of path.split('.')) node = (node[p] ??= {}) as Record<string, unknown>;
    node['__compat'] = { source_file: 'test.json', support };
  }
  return data;
}

const diffOf = (mapping: Record<string, Evidence[]>, data: BcdData, noEntry: Record<string, string> = {}) =>
  bcdDiff(m, mapping, data, noEntry);
const at = (d: ReturnType<typeof diffOf>, feature: string, e: EngineId): EngineDiff => {
  const x = d.features.find((f) => f.feature === feature)?.engines[e];
  expect(x, `${feature} × ${e}`).toBeDefined();
  return x as EngineDiff;
};

test.describe('bcd.json versions', () => {
  test('a supported feature is only ever "≤" the tested major version; false and null stay', () => {
    const doc = toBcd(m, { 'api.A': ['x/works'], 'api.B': ['x/broken'], 'api.C': ['x/unobservable'] });
    expect(bcdCompat(doc, 'api.A')?.support.chrome?.version_added).toBe('≤150');
    expect(bcdCompat(doc, 'api.A')?.support.firefox?.version_added).toBe('≤140');
    expect(bcdCompat(doc, 'api.B')?.support.firefox?.version_added).toBe(false);
    expect(bcdCompat(doc, 'api.B')?.support.firefox?.impl_url).toBe('https://bugzil.la/1');
    expect(bcdCompat(doc, 'api.C')?.support.chrome?.version_added).toBeNull();
    // WebKitGTK's own series, kept aside: its major number alone ("2") would say nothing.
    expect(doc.__meta.other_engines['webkitgtk']?.support['api.A']?.version_added).toBe('≤2.50');
    for (const v of JSON.stringify(doc).match(/"version_added":[^,}]*/g) ?? []) expect(v).toMatch(/:("≤\d+(\.\d+)?"|false|null)$/);
  });
});

test.describe('evidence rules', () => {
  const cell = (verdict: Verdict, observed: unknown): Cell => ({
    check: 'x/c',
    engine: 'chromium',
    verdict,
    observed,
    expected: null,
    ms: 1,
  });
  test('a bare check decides both ways; pass-only never says "not supported"', () => {
    expect(readEvidence('x/c', cell('pass', {})).reading).toBe('supported');
    expect(readEvidence('x/c', cell('fail', {})).reading).toBe('unsupported');
    expect(readEvidence({ rule: 'pass-only', check: 'x/c' }, cell('pass', {})).reading).toBe('supported');
    expect(readEvidence({ rule: 'pass-only', check: 'x/c' }, cell('fail', {})).reading).toBe('unknown');
    for (const v of ['unsupported', 'error'] as const) expect(readEvidence('x/c', cell(v, {})).reading).toBe('unknown');
    expect(readEvidence('x/c', undefined)).toMatchObject({ reading: 'unknown', verdict: 'missing' });
  });

  test('member: true = supported, absent = not supported, read from failing cells too; no dictionary decides nothing', () => {
    const rule: Evidence = { rule: 'member', check: 'x/c', path: ['value'], member: 'width' };
    expect(readEvidence(rule, cell('fail', dict(['width']))).reading).toBe('supported');
    expect(readEvidence(rule, cell('pass', dict(['height']))).reading).toBe('unsupported');
    expect(readEvidence(rule, cell('pass', { outcome: 'no-api' })).reading).toBe('unknown');
    expect(readEvidence(rule, cell('pass', { value: { width: false } })).reading).toBe('unknown');
    expect(readEvidence(rule, cell('error', dict(['width']))).reading).toBe('unknown');
  });

  test('value: supported / unsupported tests at a path, and a guard that must hold', () => {
    const rule: Evidence = {
      rule: 'value',
      check: 'x/c',
      path: ['tracks', '0', 'capabilities'],
      supported: { type: 'object' },
      unsupported: { type: 'null' },
      when: { path: ['tracks', '0', 'kind'], test: { oneOf: ['video'] } },
    };
    expect(readEvidence(rule, cell('pass', { tracks: [{ kind: 'video', capabilities: {} }] })).reading).toBe('supported');
    expect(readEvidence(rule, cell('fail', { tracks: [{ kind: 'video', capabilities: null }] })).reading).toBe('unsupported');
    expect(readEvidence(rule, cell('fail', { tracks: [] })).reading).toBe('unknown');
    expect(
      readEvidence({ ...rule, unsupported: undefined }, cell('fail', { tracks: [{ kind: 'video', capabilities: null }] })).reading,
    ).toBe('unknown');
  });
});

test.describe('reading BCD for a version', () => {
  test('plain, ranged and preview versions', () => {
    expect(bcdAt({ version_added: '53' }, '150')).toMatchObject({ state: 'supported', partial: false });
    expect(bcdAt({ version_added: '144' }, '140')).toMatchObject({ state: 'unsupported', text: 'version_added "144", after 140' });
    expect(bcdAt({ version_added: false }, '140')?.state).toBe('unsupported');
    expect(bcdAt({ version_added: '≤12.1' }, '18')?.state).toBe('supported');
    expect(bcdAt({ version_added: '≤12.1' }, '11')?.state).toBe('unknown');
    expect(bcdAt({ version_added: '11.1' }, '11')?.state).toBe('unsupported');
    expect(bcdAt({ version_added: 'preview' }, '150')?.state).toBe('unsupported');
    expect(bcdAt(undefined, '150')).toBeUndefined();
  });

  test('version_removed at or before the tested version: not supported; after it: supported', () => {
    const s = { version_added: '11', version_removed: '12', version_last: '11.1' };
    expect(bcdAt(s, '12')?.state).toBe('unsupported');
    expect(bcdAt(s, '11')?.state).toBe('supported');
  });

  test('an array: the statement covering the tested version decides; prefixed and flagged ones are skipped', () => {
    const enumerate: SupportStatement = [
      { version_added: '116' },
      { version_added: '39', version_removed: '116', version_last: '115', partial_implementation: true as const },
    ];
    expect(bcdAt(enumerate, '140')).toMatchObject({ state: 'supported', partial: false });
    expect(bcdAt(enumerate, '100')).toMatchObject({ state: 'supported', partial: true });
    expect(bcdAt({ version_added: '17', prefix: 'moz' }, '140')).toMatchObject({ state: 'unsupported', text: 'only with the prefix moz' });
    expect(bcdAt([{ version_added: '53' }, { version_added: '21', prefix: 'webkit' }], '150')?.state).toBe('supported');
    expect(bcdAt({ version_added: '100', flags: [{ type: 'preference', name: 'media.x' }] }, '140')?.state).toBe('unsupported');
  });
});

test.describe('bcd diff', () => {
  const data = bcd({
    'api.Dict.resizeMode': { chrome: { version_added: '72' }, firefox: { version_added: '144' } },
    'api.Same': { chrome: { version_added: '53' }, firefox: { version_added: '36' }, safari: { version_added: '11' } },
    'api.Missing': { chrome: { version_added: false }, firefox: { version_added: '144' }, safari: { version_added: false } },
    'api.Broken': { chrome: { version_added: '60' }, firefox: { version_added: '70' }, safari: { version_added: '11' } },
    'api.Partial': { chrome: { version_added: '60' }, firefox: { version_added: '39', partial_implementation: true } },
    'api.Removed': { chrome: { version_added: '40', version_removed: '100' }, firefox: [{ version_added: '100', prefix: 'moz' }] },
    'api.NoFirefox': { chrome: { version_added: '1' } },
    'api.Unknown': { chrome: { version_added: '1' }, firefox: { version_added: false } },
  });
  const mapping: Record<string, Evidence[]> = {
    'api.Same': ['x/works'],
    'api.Missing': ['x/works'],
    'api.Broken': ['x/broken'],
    'api.Partial': ['x/broken'],
    'api.Removed': ['x/works'],
    'api.Unknown': ['x/unobservable'],
    'api.New': ['x/works'],
    'api.NoFirefox': ['x/works'],
    'api.Dict.resizeMode': [{ rule: 'member', check: 'x/dictionary', path: ['value'], member: 'resizeMode' }],
    'api.Detail': [{ rule: 'pass-only', check: 'x/detail' }],
  };
  const d = diffOf(mapping, data, { 'api.New': 'deliberately absent' });

  test('supported on both sides, whatever BCD\'s first version: consistent ("53" vs "≤150")', () => {
    expect(at(d, 'api.Same', 'chromium')).toMatchObject({ status: 'consistent', ours: '≤150', bcd: { browser: 'chrome', version: '150' } });
    expect(at(d, 'api.Same', 'firefox').status).toBe('consistent');
    expect(at(d, 'api.Dict.resizeMode', 'chromium').status).toBe('consistent');
    expect(at(d, 'api.Dict.resizeMode', 'firefox')).toMatchObject({ status: 'consistent', ours: false });
  });

  test('ours supported, BCD not: a contradiction with a "≤" proposal in BCD\'s form', () => {
    const x = at(d, 'api.Missing', 'chromium');
    expect(x.status).toBe('contradicts');
    expect(x.proposal?.support).toEqual({ chrome: { version_added: '≤150' } });
    expect(x.bcd?.statement).toEqual({ version_added: false });
    expect(x.cells).toEqual([expect.objectContaining({ check: 'x/works', verdict: 'pass', reading: 'supported' })]);
    // BCD: added in 144; the run shows 140 has it.
    expect(at(d, 'api.Missing', 'firefox')).toMatchObject({
      status: 'contradicts',
      proposal: { support: { firefox: { version_added: '≤140' } } },
    });
    // Removed by 100 in BCD, alive in 150; only a prefixed form for firefox.
    expect(at(d, 'api.Removed', 'chromium').status).toBe('contradicts');
    expect(at(d, 'api.Removed', 'firefox').why).toContain('only with the prefix moz');
  });

  test('ours false, BCD supported: a contradiction naming the deciding cell, and no proposal', () => {
    const x = at(d, 'api.Broken', 'firefox');
    expect(x).toMatchObject({
      status: 'contradicts',
      ours: false,
      bcd: { browser: 'firefox', version: '140', reads: 'version_added "70"' },
    });
    expect(x.proposal).toBeUndefined();
    expect(x.cells).toEqual([expect.objectContaining({ check: 'x/broken', verdict: 'fail', reading: 'unsupported' })]);
    expect(at(d, 'api.Broken', 'chromium').status).toBe('consistent');
  });

  test('ours false against a partial implementation: not determined, not a contradiction', () => {
    expect(at(d, 'api.Partial', 'firefox')).toMatchObject({ status: 'not-determined' });
    expect(at(d, 'api.Partial', 'firefox').why).toContain('partial');
  });

  test('ours null is not determined, never a contradiction; a failed pass-only check is null', () => {
    expect(at(d, 'api.Unknown', 'chromium')).toMatchObject({ status: 'not-determined', ours: null });
    expect(at(d, 'api.Detail', 'firefox')).toMatchObject({ ours: null });
    expect(at(d, 'api.Detail', 'chromium')).toMatchObject({ ours: '≤150' });
  });

  test('no BCD entry (or none for the browser): "no entry", with the entry proposed where the run shows support', () => {
    const f = d.features.find((x) => x.feature === 'api.New');
    expect(f).toMatchObject({ inBcd: false, noEntryReason: 'deliberately absent' });
    expect(at(d, 'api.New', 'chromium')).toMatchObject({
      status: 'no-entry',
      proposal: { support: { chrome: { version_added: '≤150' } } },
    });
    expect(at(d, 'api.NoFirefox', 'firefox')).toMatchObject({
      status: 'no-entry',
      proposal: { support: { firefox: { version_added: '≤140' } } },
    });
    const unsupported = diffOf({ 'api.New': ['x/broken'] }, data);
    expect(at(unsupported, 'api.New', 'firefox')).toMatchObject({ status: 'no-entry', ours: false });
    expect(at(unsupported, 'api.New', 'firefox').proposal).toBeUndefined();
    expect(unsupported.features[0]?.noEntryReason).toContain('check the path');
  });

  test("WebKitGTK is kept apart: never compared with BCD's safari data", () => {
    for (const f of d.features) {
      expect(f.engines.webkit?.status).toBe('not-comparable');
      expect(f.engines.webkit?.bcd).toBeUndefined();
      expect(f.engines.webkit?.proposal).toBeUndefined();
    }
    expect(d.engines.find((e) => e.engine === 'webkit')).toMatchObject({ comparedAs: null, build: '2.50.6' });
    expect(d.engines.find((e) => e.engine === 'webkit')?.why).toContain('not Safari');
    expect(JSON.stringify(d)).not.toContain('"safari"');
  });

  test('contradictions first, totals per engine, the BCD version and each build', () => {
    const order = ['contradicts', 'no-entry', 'not-determined', 'consistent'];
    const worst = d.features.map((f) =>
      Math.min(...['chromium', 'firefox'].map((e) => order.indexOf(f.engines[e as EngineId]?.status ?? ''))),
    );
    expect(worst).toEqual([...worst].sort((a, b) => a - b));
    expect(d.features[0]?.engines.chromium?.status === 'contradicts' || d.features[0]?.engines.firefox?.status === 'contradicts').toBe(
      true,
    );
    expect(d.totals.firefox?.contradicts).toBe(3);
    expect(Object.values(d.totals.webkit ?? {}).reduce((a, b) => a + b, 0)).toBe(Object.keys(mapping).length);
    expect(d.bcd).toEqual({ package: '@mdn/browser-compat-data', version: '9.9.9', timestamp: '2026-11-12T00:00:00.000Z' });
    expect(d.engines.map((e) => [e.engine, e.build, e.comparedAs])).toEqual([
      ['chromium', '150.0.7871.100', 'chrome 150'],
      ['firefox', '140.12.0', 'firefox 140'],
      ['webkit', '2.50.6', null],
    ]);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  test('the HTML section: titled with the BCD version, contradictions listed with their cells, text escaped', () => {
    const nasty = run({ 'x/works': { chromium: { verdict: 'fail', observed: { summary: '<img src=x onerror=alert(1)>' } } } });
    const s = bcdDiffSection(bcdDiff(nasty, { 'api.Same': ['x/works'] }, data));
    expect(s.title).toBe('Compat data vs BCD 9.9.9');
    expect(s.html).not.toContain('<img');
    expect(s.html).toContain('&lt;img');
    expect(s.html).toContain('href="#check-x%2Fworks"');
    const full = bcdDiffSection(d).html;
    const rows = full.slice(full.indexOf('<tbody>'), full.indexOf('</tbody>')).split('<tr>').slice(1);
    const contradicting = rows.map((r) => r.includes('bd-contradicts'));
    expect(contradicting[0]).toBe(true);
    expect(contradicting.lastIndexOf(true)).toBeLessThan(contradicting.indexOf(false));
    expect(full).toContain('&quot;version_added&quot;:&quot;≤150&quot;');
  });
});

test.describe('the mapping', () => {
  const pinned = pinnedBcd();
  test('at least 40 features; every path exists in the pinned BCD or is listed as deliberately absent', () => {
    expect('data' in pinned, 'error' in pinned ? pinned.error : '').toBe(true);
    if (!('data' in pinned)) return;
    const paths = Object.keys(BCD_MAPPING);
    expect(paths.length).toBeGreaterThanOrEqual(40);
    const absent = paths.filter((p) => !bcdCompatAt(pinned.data, p));
    expect(absent.sort()).toEqual(Object.keys(BCD_NO_ENTRY).sort());
  });

  test("trace sees every check a feature reads; a run without all of a feature's checks does not state it", () => {
    for (const [path, evidence] of Object.entries(BCD_MAPPING))
      for (const ev of evidence) expect(BCD_FEATURES[path]).toContain(typeof ev === 'string' ? ev : ev.check);
    const partial: Matrix = {
      ...m,
      checks: [{ id: 'policy/permissions-policy/camera-none/top/video', title: '', area: 'policy' }],
      cells: [],
    };
    const features = Object.keys(mappingFor(partial));
    expect(features).toEqual(['http.headers.Permissions-Policy.camera']);
  });
});
