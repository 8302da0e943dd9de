import { test, expect } from '@playwright/test';
import type { Cell, Matrix } from '../types';
import { bcdCompat, toBcd, toCollectorResults } from './bcd';
import { FIXTURE_MISSING, INJECTION, fixtureMatrix } from './fixture-matrix';
import { isDeclaredLimit, isKnown, isStale } from './cell-index';
import { esc, lazyDetailsScript, renderHtml, shortBug, type LazyDetails } from './html';
import { matrixJson } from './matrix-json';
import { observedSummary } from './observed-text';
import { renderSummary } from './summary';

const m = fixtureMatrix;

/** The markup of the <td> cells of one check row, in engine order. */
function rowCells(html: string, checkId: string): string[] {
  const start = html.indexOf(`<tr class="check" id="${esc(`check-${checkId}`)}"`);
  expect(start, `row for ${checkId}`).toBeGreaterThan(-1);
  const row = html.slice(start, html.indexOf('</tr>', start));
  return row.split('<td ').slice(1);
}

/** Same matrix with a patched cell. */
function withCell(base: Matrix, check: string, engine: string, patch: Partial<Cell>): Matrix {
  return { ...base, cells: base.cells.map((c) => (c.check === check && c.engine === engine ? { ...c, ...patch } : c)) };
}

test.describe('html', () => {
  const html = renderHtml(m);
  test("an engine header names the machine's devices for real-devices/ rows that ran, not for ones declared unobservable", () => {
    const e = m.engines[0];
    const real = (declared: boolean): Matrix => ({
      ...m,
      cells: [
        ...m.cells,
        {
          check: 'real-devices/x',
          engine: e.id,
          expected: 'x',
          verdict: declared ? 'unsupported' : 'pass',
          observed: null,
          ms: 1,
          ...(declared ? { declared: true as const } : {}),
        },
      ],
    });
    const header = (page: string) =>
      page.slice(page.indexOf(`data-engine="${e.id}"`), page.indexOf('</th>', page.indexOf(`data-engine="${e.id}"`)));
    expect(header(renderHtml(real(false)))).toContain(`<div class="eng-meta">real-devices/ rows: this machine's devices</div>`);
    expect(header(renderHtml(real(true)))).not.toContain('real-devices/');
  });
  test('the fail pill counts only failing cells as expected (not recorded unsupported ones)', () => {
    const knownFails = m.cells.filter((c) => c.verdict === 'fail' && c.expectation?.verdict === 'fail').length;
    const pill = /<span class="pill p-fail">(\d+) fail(?: \((\d+) expected\))?<\/span>/.exec(html);
    expect(pill).not.toBeNull();
    expect(pill?.[2] === undefined ? 0 : Number(pill[2])).toBe(knownFails);
    expect(Number(pill?.[2] ?? 0)).toBeLessThanOrEqual(Number(pill?.[1]));
  });

  test('with lazy details, a cell that went as recorded keeps a placeholder and its details move to the on-demand script; one that needs attention keeps them', () => {
    const lazy: LazyDetails = { html: [] };
    const page = renderHtml(m, [], lazy);
    const asRecorded = m.cells.filter(
      (c) => (c.verdict === 'pass' && !isStale(c)) || (c.verdict !== 'error' && (isKnown(c) || isDeclaredLimit(c))),
    );
    expect(asRecorded.some((c) => c.verdict === 'fail')).toBe(true);
    expect(asRecorded.some((c) => c.verdict === 'unsupported')).toBe(true);
    expect(lazy.html).toHaveLength(asRecorded.length);
    expect(page.match(/data-lazy="\d+"/g)).toHaveLength(asRecorded.length);
    expect(page.length).toBeLessThan(html.length);
    const engineIndex = (engine: string) => m.engines.findIndex((e) => e.id === engine);
    const detailOf = (c: Cell) => rowCells(page, c.check)[engineIndex(c.engine)] ?? '';
    const knownFail = asRecorded.find((c) => c.verdict === 'fail')!;
    expect(detailOf(knownFail)).toContain('data-lazy=');
    expect(detailOf(knownFail)).not.toContain('<h4>observed</h4>');
    const attention = m.cells.filter((c) => !asRecorded.includes(c));
    expect(attention.map((c) => c.verdict)).toEqual(expect.arrayContaining(['fail', 'error', 'unsupported', 'pass']));
    for (const c of attention) expect(detailOf(c), `${c.check} × ${c.engine}`).toContain('<h4>observed</h4>');
    const script = lazyDetailsScript(lazy);
    const loaded = new Function(`const window = {}; ${script}; return window.gumDetails;`)() as string[];
    expect(loaded).toEqual(lazy.html);
    expect(loaded[0]).toContain('<h4>observed</h4>');
    expect(script).not.toContain('</');
  });

  test('is one self-contained document', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:|\/\/)/i);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  test('escapes untrusted text', () => {
    expect(html).not.toContain(INJECTION);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('\u001b');
    expect(html).toContain(esc(INJECTION));
    expect(esc(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');

    // Untrusted text in every field that reaches the page, including attributes.
    const evil = `"><svg onload=alert(1)>'`;
    const nasty: Matrix = {
      ...m,
      suite: { name: evil, version: evil },
      engines: m.engines.map((e) => ({ ...e, browser: evil, version: evil, driver: evil, userAgent: evil })),
      checks: m.checks.map((c) => ({ ...c, title: evil, seed: evil, area: evil })),
      cells: m.cells.map((c) => ({
        ...c,
        observed: { summary: evil },
        reason: evil,
        expectation: { verdict: c.verdict, reason: evil, bug: `javascript:alert(1)//${evil}` },
      })),
    };
    const out = renderHtml(nasty);
    expect(out).not.toContain('<svg');
    expect(out).not.toContain('onload=alert(1)>');
    expect(out).toContain('&lt;svg onload=alert(1)&gt;');
    expect(out).not.toContain('href="javascript:');
  });

  test('every cell of the fixture appears, in its row and engine column', () => {
    expect(m.cells.length).toBe(m.checks.length * m.engines.length - 1);
    for (const check of m.checks) {
      const tds = rowCells(html, check.id);
      expect(tds).toHaveLength(m.engines.length);
      m.engines.forEach((e, i) => {
        const cell = m.cells.find((c) => c.check === check.id && c.engine === e.id);
        const td = tds[i] ?? '';
        if (cell) {
          expect(td, `${check.id} × ${e.id}`).toContain(`data-v="${cell.verdict}"`);
          expect(td.replace(/<wbr>/g, '')).toContain(
            cell.verdict === 'unsupported' ? esc(cell.reason ?? '') : esc(observedSummary(cell.observed, 60)),
          );
        } else expect(td).toContain('data-v="missing"');
      });
    }
  });

  test('unsupported reason is visible on the cell face, not only in the expander', () => {
    const cell = m.cells.find((c) => c.check === 'perm.prompt-shown-once' && c.engine === 'chromium');
    expect(cell?.verdict).toBe('unsupported');
    const td = rowCells(html, 'perm.prompt-shown-once')[0] ?? '';
    const summary = td.slice(td.indexOf('<summary'), td.indexOf('</summary>'));
    expect(summary).toContain('class="badge b-unsupported"');
    expect(summary).toContain(esc(cell?.reason ?? '-'));
    expect(summary).not.toContain('b-pass');
  });

  test('missing cell shows "no result" and the harness problem is reported at the top', () => {
    const i = m.engines.findIndex((e) => e.id === FIXTURE_MISSING.engine);
    const td = rowCells(html, FIXTURE_MISSING.check)[i] ?? '';
    expect(td).toContain('v-missing');
    expect(td).toContain('no result');
    expect(html).toMatch(/Harness problems[\s\S]*1 check\/engine pair has no result[\s\S]*fr\.cross-origin-allow × firefox/);
  });

  test('known failure is marked "expected" but still a fail; stale expectation is flagged', () => {
    const wk = m.engines.findIndex((e) => e.id === 'webkit');
    const known = rowCells(html, 'ex.overconstrained-deviceid')[wk] ?? '';
    expect(known).toContain('v-fail known');
    expect(known).toContain('b-fail');
    expect(known).toContain('>expected</span>');
    expect(known).toContain('href="https://bugs.webkit.org/show_bug.cgi?id=270001"');
    expect(known).toContain('webkit.org/b/270001');
    const unexpected = rowCells(html, 'perm.query-camera')[wk] ?? '';
    expect(unexpected).toContain('v-fail');
    expect(unexpected).not.toContain('>expected</span>');
    const stale = rowCells(html, 'perm.query-camera')[0] ?? '';
    expect(stale).toContain('v-pass stale');
    expect(stale).toContain('expectation: fail');
  });

  test('headers name the exact builds with counts; areas are grouped', () => {
    expect(html).toContain('<b>Chromium</b> <span class="ver">156.0.8078.79</span>');
    expect(html).toContain('<b>Firefox ESR</b> <span class="ver">153.7.0esr</span>');
    expect(html).toContain('<b>WebKitGTK MiniBrowser</b> <span class="ver">2.50.6</span>');
    for (const a of ['secure-context', 'exceptions', 'permissions', 'frames', 'constraints'])
      expect(html).toContain(`<tbody class="area" data-area="${a}"`);
    expect(html).toContain('run wall time 48.2 s');
  });

  test('extra sections are appended, linked and separated', () => {
    const out = renderHtml(m, [{ id: 'seed-claims', title: 'Seed claims <draft>', html: '<p id="sc-body">claims</p>' }]);
    expect(out).toContain('<section class="extra" id="seed-claims"');
    expect(out).toContain('<p id="sc-body">claims</p>');
    expect(out).toContain('Seed claims &lt;draft&gt;');
    expect(out).toContain('href="#seed-claims"');
    expect(out.indexOf('id="seed-claims"')).toBeGreaterThan(out.indexOf('</table>'));
  });
});

test.describe('observed summary', () => {
  test('summary, outcome/error, tracks, unobservable, JSON fallback', () => {
    expect(observedSummary({ summary: 'hello', x: 1 })).toBe('hello');
    expect(observedSummary({ outcome: 'rejected', error: { name: 'NotAllowedError', message: 'x' } })).toBe('NotAllowedError');
    expect(observedSummary({ outcome: 'rejected', error: { name: 'OverconstrainedError', constraint: 'width' } })).toBe(
      'OverconstrainedError(width)',
    );
    expect(observedSummary({ outcome: 'resolved', tracks: [{ kind: 'video' }, { kind: 'audio' }] })).toBe('resolved: 1 video, 1 audio');
    expect(observedSummary({ outcome: 'timeout' })).toBe('timeout');
    expect(observedSummary({ error: { name: 'TypeError' } })).toBe('TypeError');
    expect(observedSummary({ unobservable: 'no UI' })).toBe('unobservable: no UI');
    const long = observedSummary({ a: 'x'.repeat(200) });
    expect([...long]).toHaveLength(60);
    expect(long.endsWith('…')).toBe(true);
    expect(observedSummary('a\u001b[31mb\nc')).toBe('a\ufffd[31mb c');
  });
});

test.describe('terminal summary', () => {
  const out = renderSummary(m, { width: 100 });
  const lines = out.split('\n');

  test('counts per area and engine, and the final matrix line', () => {
    expect(out).toContain('chromium 156.0.8078.79');
    expect(out).toContain('firefox 153.7.0esr');
    expect(out).toContain('webkit 2.50.6');
    const pass = m.cells.filter((c) => c.verdict === 'pass').length;
    const fail = m.cells.filter((c) => c.verdict === 'fail').length;
    const unsup = m.cells.filter((c) => c.verdict === 'unsupported').length;
    const err = m.cells.filter((c) => c.verdict === 'error').length;
    expect([pass, fail, unsup, err]).toEqual([63, 5, 13, 2]);
    expect(lines.at(-1)).toBe(
      `matrix: ${pass} pass, ${fail} fail, ${unsup} unsupported, ${err} error over ${m.checks.length} checks x 3 engines`,
    );
    // secure-context: chromium 5 pass; webkit 4 pass + 1 unsupported
    const sc = lines.find((l) => l.startsWith('secure-context')) ?? '';
    expect(sc.split(/\s+/)).toEqual(['secure-context', '5/0/0/0', '5/0/0/0', '4/0/1/0']);
    const frames = lines.find((l) => l.startsWith('frames')) ?? '';
    expect(frames.split(/\s+/)).toEqual(['frames', '4/0/0/0', '2/1/0/0', '+1?', '4/0/0/0']);
    expect(out).not.toMatch(/\d+ passed, \d+ failed/);
  });

  test('non-pass list: unexpected cells first (fail, then error), recorded ones last, one truncated line each, no escapes leak', () => {
    const list = lines.slice(lines.findIndex((l) => l.startsWith('non-pass cells')) + 1);
    const first = list.filter((l) => /^(FAIL|ERROR|UNSUP|NO RESULT)/.test(l));
    expect(first.length).toBe(5 + 2 + 13 + 1);
    const known = first.map((l) => l.includes('[expected') || l.includes('[engine limit]'));
    const firstKnown = known.indexOf(true);
    expect(firstKnown).toBeGreaterThan(0);
    expect(known.slice(firstKnown).every(Boolean)).toBe(true);
    const kinds = first.slice(0, firstKnown).map((l) => l.split(/\s+/)[0]);
    expect(kinds.indexOf('ERROR')).toBeGreaterThan(kinds.lastIndexOf('FAIL'));
    expect(kinds).toContain('FAIL');
    expect(first.every((l) => [...l].length <= 100)).toBe(true);
    expect(out).toContain('ex.overconstrained-deviceid');
    expect(out).not.toContain('\u001b');
    const coloured = renderSummary(m, { color: true });
    expect(coloured).toContain('\u001b[31mFAIL');
    expect(coloured.split('\n').at(-1)).toBe(lines.at(-1));
  });
});

test.describe('bcd', () => {
  const mapping = {
    'api.MediaDevices.getUserMedia': ['ex.no-args', 'ex.empty-constraints', 'ex.all-false'],
    'api.MediaDevices.getUserMedia.secure_context_required': ['sc.https-exposed', 'sc.http-undefined'],
    'api.MediaDevices.getUserMedia.overconstrained_constraint': ['ex.overconstrained-deviceid', 'co.exact-width-unsat'],
    'api.MediaDevices.getUserMedia.permissions_policy': ['fr.cross-origin-no-allow', 'fr.permissions-policy-header'],
    'api.MediaDevices.getUserMedia.not_found': ['ex.notfound-no-camera'],
    'api.MediaDevices.getUserMedia.iframe_allow': ['fr.cross-origin-allow'],
  };
  const doc = toBcd(m, mapping);
  const support = (p: string) => bcdCompat(doc, p)?.support;

  test('all pass → "≤" the tested major version (never the bare build: one run cannot know when it was added), with a note naming the build', () => {
    expect(support('api.MediaDevices.getUserMedia')?.chrome?.version_added).toBe('≤156');
    expect(support('api.MediaDevices.getUserMedia')?.firefox?.version_added).toBe('≤153');
    expect(String(support('api.MediaDevices.getUserMedia')?.chrome?.notes)).toContain('Chromium 156.0.8078.79');
    expect(support('api.MediaDevices.getUserMedia.secure_context_required')?.chrome?.version_added).toBe('≤156');
    const added = JSON.stringify(doc).match(/"version_added":("[^"]*"|false|null)/g) ?? [];
    expect(added.length).toBeGreaterThan(0);
    for (const a of added) expect(a).toMatch(/:("≤\d+(\.\d+)?"|false|null)$/);
  });

  test('a fail → false with the bug as impl_url', () => {
    const s = support('api.MediaDevices.getUserMedia.permissions_policy');
    expect(s?.firefox?.version_added).toBe(false);
    expect(s?.firefox?.impl_url).toBe('https://bugzilla.mozilla.org/show_bug.cgi?id=1531012');
    expect(s?.chrome?.version_added).toBe('≤156');
    const flipped = toBcd(withCell(m, 'ex.no-args', 'chromium', { verdict: 'fail', reason: 'resolved' }), mapping);
    expect(bcdCompat(flipped, 'api.MediaDevices.getUserMedia')?.support.chrome?.version_added).toBe(false);
  });

  test('unsupported, error or missing → null with a note', () => {
    expect(support('api.MediaDevices.getUserMedia.not_found')?.chrome?.version_added).toBeNull();
    expect(String(support('api.MediaDevices.getUserMedia.not_found')?.chrome?.notes)).toContain('fake device mode');
    expect(support('api.MediaDevices.getUserMedia.iframe_allow')?.firefox?.version_added).toBeNull();
    const err = toBcd(withCell(m, 'ex.no-args', 'firefox', { verdict: 'error', reason: 'boom' }), mapping);
    expect(bcdCompat(err, 'api.MediaDevices.getUserMedia')?.support.firefox?.version_added).toBeNull();
  });

  test('WebKitGTK is not written as Safari; it is listed as untested with its statements kept aside', () => {
    for (const p of Object.keys(mapping)) expect(support(p)).not.toHaveProperty('safari');
    expect(doc.__meta.untested_browsers['safari']).toContain('WebKitGTK 2.50.6');
    expect(doc.__meta.other_engines['webkitgtk']?.support['api.MediaDevices.getUserMedia.overconstrained_constraint']?.version_added).toBe(
      false,
    );
    expect(doc.__meta.browsers.chrome?.version).toBe('156.0.8078.79');
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  test('a mapping naming an unknown check throws', () => {
    expect(() => toBcd(m, { 'api.X': ['no.such-check'] })).toThrow(/unknown check/);
  });

  test('collector results: true/false/null per check and engine', () => {
    const r = toCollectorResults(m);
    expect(r.results['ex.no-args']).toEqual({ chromium: true, firefox: true, webkit: true });
    expect(r.results['ex.overconstrained-deviceid']?.webkit).toBe(false);
    expect(r.results['ex.notfound-no-camera']?.chromium).toBeNull();
    expect(r.results['ex.not-fully-active']?.webkit).toBeNull();
    expect(r.results[FIXTURE_MISSING.check]?.[FIXTURE_MISSING.engine]).toBeNull();
    expect(r.messages[FIXTURE_MISSING.check]?.[FIXTURE_MISSING.engine]).toContain('no result');
    expect(Object.keys(r.results)).toHaveLength(m.checks.length);
    expect(r.__meta.engines.chromium?.bcdBrowser).toBe('chrome');
    expect(r.__meta.engines.webkit?.bcdBrowser).toBeUndefined();
  });
});

test('shortBug', () => {
  expect(shortBug('https://bugs.webkit.org/show_bug.cgi?id=270001')).toBe('webkit.org/b/270001');
  expect(shortBug('https://bugzilla.mozilla.org/show_bug.cgi?id=1531012')).toBe('bugzil.la/1531012');
  expect(shortBug('https://issues.chromium.org/issues/40123456')).toBe('crbug.com/40123456');
  expect(shortBug('https://crbug.com/123')).toBe('crbug.com/123');
});

test.describe('matrix.json', () => {
  const text = matrixJson(m);
  test('parses back to the same matrix', () => {
    expect(JSON.parse(text)).toEqual(m);
  });
  test('holds each cell whole on a line of its own', () => {
    const cellLines = text.split('\n').filter((l) => l.trimStart().startsWith('{"check":'));
    expect(cellLines).toHaveLength(m.cells.length);
    for (const [i, line] of cellLines.entries()) expect(JSON.parse(line.trim().replace(/,$/, ''))).toEqual(m.cells[i]);
  });
  test('an empty run is still valid JSON', () => {
    expect(JSON.parse(matrixJson({ ...m, checks: [], cells: [] }))).toEqual({ ...m, checks: [], cells: [] });
  });
});
