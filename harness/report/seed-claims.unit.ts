import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import Ajv from 'ajv';
import type { Matrix } from '../types';
import { INJECTION, fixtureMatrix } from './fixture-matrix';
import { esc, renderHtml } from './html';
import {
  BEHAVIOUR_WORDS,
  hasBehaviourWord,
  matchesPattern,
  parseCheckList,
  seedCitations,
  seedClaimsJson,
  seedClaimsView,
  seedCoverage,
  seedUnits,
  type SeedClaim,
  type SeedClaimsFile,
} from './seed-claims';

const ROOT = join(__dirname, '..', '..');
const file = JSON.parse(readFileSync(join(ROOT, 'traceability', 'seed-claims.json'), 'utf8')) as SeedClaimsFile;
const seedText = readFileSync(join(ROOT, file.seed.path), 'utf8');
const units = seedUnits(seedText);

test.describe('the claims file', () => {
  test('matches traceability/schema.json', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'traceability', 'schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const ok = validate(file);
    expect(validate.errors ?? [], 'schema errors').toEqual([]);
    expect(ok).toBe(true);
  });

  test('was reviewed against this seed (sha256)', () => {
    expect(
      createHash('sha256').update(seedText).digest('hex'),
      'the seed changed: review its changed sentences, then update seed.sha256',
    ).toBe(file.seed.sha256);
  });

  test('the repo copy of the seed is the shared seed', () => {
    const shared = '/work/shared/seed/MediaDevices.getUserMedia.md';
    test.skip(!existsSync(shared), 'no shared seed on this machine');
    expect(seedText).toBe(readFileSync(shared, 'utf8'));
  });

  test('every seed sentence with a behaviour word is a claim or excluded', () => {
    const cov = seedCoverage(file, units);
    expect(
      cov.unaccountedBehaviour.map((u) => `[${u.section}] ${u.text}`),
      `sentences with ${BEHAVIOUR_WORDS.join('/')}`,
    ).toEqual([]);
  });

  test('every sentence, code block and page macro of the seed is a claim or excluded', () => {
    expect(seedCoverage(file, units).unaccounted.map((u) => `[${u.section}] (${u.type}) ${u.text}`)).toEqual([]);
  });

  test('claim and excluded texts are verbatim seed sentences, and none is both', () => {
    const cov = seedCoverage(file, units);
    expect(cov.notInSeed).toEqual([]);
    expect(cov.claimedAndExcluded).toEqual([]);
  });

  test('claim ids are unique and every claim is mapped or says why not', () => {
    const cov = seedCoverage(file, units);
    expect(cov.duplicateIds).toEqual([]);
    expect(cov.unmapped).toEqual([]);
  });

  test('sections are the seed headings the sentences sit under', () => {
    const sectionOf = new Map(units.map((u) => [u.text.replace(/\s+/g, ' '), u.section]));
    for (const c of [...file.claims, ...file.excluded]) expect(c.section, c.text).toBe(sectionOf.get(c.text.replace(/\s+/g, ' ')));
  });

  test('the keyword rule would catch a dropped claim', () => {
    const dropped = file.claims.find((c) => c.id === 'exceptions.not-allowed.insecure-context')!;
    const without: SeedClaimsFile = { ...file, claims: file.claims.filter((c) => c.text !== dropped.text) };
    const cov = seedCoverage(without, units);
    expect(cov.unaccountedBehaviour.map((u) => u.text)).toEqual([dropped.text]);
  });
});

test.describe('seedUnits', () => {
  const md = [
    '---',
    'title: X',
    'tags:',
    '  - API',
    '---',
    '{{securecontext_header}}{{APIRef("X")}}',
    '',
    'The {{domxref("MediaDevices")}}**`.getUserMedia()`** method prompts the user. It returns a {{jsxref("Promise")}}.',
    '',
    "> **Note:** It's possible to _neither_ resolve nor reject.",
    '',
    '## Syntax',
    '',
    '```js',
    'var p = navigator.mediaDevices.getUserMedia(c);',
    '```',
    '',
    '### Exceptions',
    '',
    '- `TypeError` {{domxref("DOMException")}}',
    '  - : Thrown if empty. This can also happen in an insecure context,',
    '    since it is `undefined`.',
    '',
    '    > **Note:** Older versions used `SecurityError`.',
    '',
    '#### Feature Policy',
    '',
    'Support is partial (though not in Firefox). `getUserMedia()` will require it, a.k.a. `min == max`.',
    '',
    'This line in the headers:',
    '',
    "    Feature-Policy: camera 'self'",
    '',
    'Use {{htmlattrxref("allow", "iframe")}} on any {{HTMLElement("iframe")}}, see [the guide](/en-US/docs/X) and https\\://x.org.',
  ].join('\n');
  const u = seedUnits(md);
  const texts = u.map((x) => `${x.section} | ${x.type} | ${x.text}`);

  test('renders macros and markdown, keeps page macros and code blocks, splits sentences', () => {
    expect(texts).toEqual([
      'Introduction | macro | {{securecontext_header}}',
      'Introduction | sentence | The MediaDevices.getUserMedia() method prompts the user.',
      'Introduction | sentence | It returns a Promise.',
      "Introduction | sentence | It's possible to neither resolve nor reject.",
      'Syntax | code | var p = navigator.mediaDevices.getUserMedia(c);',
      'Exceptions: TypeError | term | TypeError DOMException',
      'Exceptions: TypeError | sentence | Thrown if empty.',
      'Exceptions: TypeError | sentence | This can also happen in an insecure context, since it is undefined.',
      'Exceptions: TypeError | sentence | Older versions used SecurityError.',
      'Feature Policy | sentence | Support is partial (though not in Firefox).',
      'Feature Policy | sentence | getUserMedia() will require it, a.k.a. min == max.',
      'Feature Policy | sentence | This line in the headers:',
      "Feature Policy | code | Feature-Policy: camera 'self'",
      'Feature Policy | sentence | Use allow on any <iframe>, see the guide and https://x.org.',
    ]);
  });

  test('the real seed yields its known shape', () => {
    expect(units.filter((x) => x.type === 'macro').map((x) => x.text)).toEqual([
      '{{securecontext_header}}',
      '{{Specifications}}',
      '{{Compat}}',
    ]);
    expect(units.filter((x) => x.type === 'code')).toHaveLength(19);
    expect(units.find((x) => x.text.startsWith('Thrown if no media tracks'))?.section).toBe('Exceptions: NotFoundError');
    expect(units.find((x) => x.text.startsWith('Feature-Policy: microphone'))?.type).toBe('code');
  });

  test('behaviour words', () => {
    expect(hasBehaviourWord('the promise is rejected')).toBe(true);
    expect(hasBehaviourWord('NotAllowedError')).toBe(true);
    expect(hasBehaviourWord('an error happened')).toBe(false);
    expect(hasBehaviourWord('Read our guide, Using Feature Policy.')).toBe(false);
  });
});

test.describe('patterns', () => {
  test('match whole segments, exact ids and * globs', () => {
    expect(matchesPattern('frames/', 'frames/cross-origin/no-allow/video')).toBe(true);
    expect(matchesPattern('frames', 'frames/cross-origin/no-allow/video')).toBe(true);
    expect(matchesPattern('frames/cross-origin/no-allow', 'frames/cross-origin/no-allow/video')).toBe(true);
    expect(matchesPattern('frames', 'framesets/x')).toBe(false);
    expect(matchesPattern('frames/cross', 'frames/cross-origin/x')).toBe(false);
    expect(matchesPattern('secure-context/*/media-devices', 'secure-context/http-127.0.0.1/media-devices')).toBe(true);
    expect(matchesPattern('secure-context/*/media-devices', 'secure-context/https/get-user-media')).toBe(false);
    expect(matchesPattern('constraints/*/exact-*', 'constraints/width/exact-list')).toBe(true);
    expect(matchesPattern('constraints/*/exact-*', 'constraints/width/exact')).toBe(false);
    expect(matchesPattern('a/b.c', 'a/bxc')).toBe(false);
    expect(matchesPattern('constraints/{width,height}/min', 'constraints/height/min')).toBe(true);
    expect(matchesPattern('constraints/{width,height}/min', 'constraints/apply/min')).toBe(false);
    expect(matchesPattern('constraints/{width,height}/exact-*', 'constraints/width/exact-list')).toBe(true);
    expect(matchesPattern('sc.http-undefined', 'sc.http-undefined')).toBe(true);
  });
});

// ---------------------------------------------------------------- statuses against the fixture matrix

const claim = (c: Partial<SeedClaim> & { id: string }): SeedClaim => ({ section: 'S', text: `text of ${c.id}`, kind: 'normative', ...c });

test.describe('seedClaimsJson', () => {
  const claims: SeedClaim[] = [
    claim({ id: 't.all-pass', checks: ['sc.http-undefined', 'ex.no-args'], spec: 'the spec says something sharper' }),
    claim({ id: 't.one-fails', checks: ['ex.not-fully-active'] }),
    claim({ id: 't.refuted', refutedBy: ['sc.localhost-secure'], checks: ['sc.https-exposed'] }),
    claim({ id: 't.unobservable', checks: ['ex.notreadable-busy'] }),
    claim({ id: 't.partly-unsupported', checks: ['co.exact-width-unsat', 'sc.file-url'] }),
    claim({ id: 't.missing-cell', checks: ['fr.cross-origin-allow'] }),
    claim({ id: 't.known-fail', checks: ['fr.permissions-policy-header'] }),
    claim({ id: 't.not-checkable', notCheckable: 'browser UI that no driver can see' }),
    claim({ id: 't.area-only', checks: ['exceptions/'] }),
    claim({ id: 't.dangling', checks: ['nope/nothing'] }),
    claim({ id: 't.injection', checks: ['co.supported-constraints', 'perm.query-camera'] }),
  ];
  const r = seedClaimsJson(fixtureMatrix, { seed: { path: 'x', source: 'y', sha256: '0'.repeat(64) }, claims, excluded: [] });
  const get = (id: string) => r.claims.find((c) => c.id === id)!;

  test('holds when every verifying cell passes; the spec difference is stated', () => {
    const c = get('t.all-pass');
    for (const e of r.engines) expect(c.engines[e]?.status).toBe('holds');
    expect(c.engines.chromium?.why).toBe('2 of 2 verifying checks passed.');
    expect(c.disagreement).toEqual(['Seed vs spec: the spec says something sharper']);
  });

  test('contradicted when a verifying cell fails, naming the check and what the engine did', () => {
    const c = get('t.one-fails');
    expect(c.engines.chromium?.status).toBe('holds');
    expect(c.engines.firefox?.status).toBe('contradicted');
    expect(c.engines.firefox?.evidence).toEqual([
      { check: 'ex.not-fully-active', role: 'verifies', verdict: 'fail', summary: 'AbortError' },
    ]);
    expect(c.engines.firefox?.why).toContain('ex.not-fully-active (AbortError)');
    // A harness error decides nothing: it is a caveat, and the claim is not checkable there.
    expect(c.engines.webkit?.status).toBe('not checkable here');
    expect(c.engines.webkit?.why).toContain('harness error');
    expect(c.disagreement[0]).toMatch(
      /^Engines differ: the claim holds on chromium and is contradicted on firefox \(ex\.not-fully-active: AbortError\)/,
    );
  });

  test("contradicted when a check of the spec's contrary behaviour passes", () => {
    const c = get('t.refuted');
    for (const e of r.engines) {
      expect(c.engines[e]?.status).toBe('contradicted');
      expect(c.engines[e]?.evidence.map((x) => [x.check, x.role])).toEqual([['sc.localhost-secure', 'refutes']]);
    }
    expect(c.engines.chromium?.why).toContain('does what the spec says instead');
    expect(c.disagreement).toContain(
      'Every engine that could be checked (chromium, firefox, webkit) contradicts the seed, doing what the spec says instead.',
    );
  });

  test("not checkable when every mapped cell is unsupported, with the engine's reason", () => {
    const c = get('t.unobservable');
    expect(c.engines.chromium?.status).toBe('not checkable here');
    expect(c.engines.chromium?.why).toContain('fake capture devices are never exclusive');
    expect(c.engines.webkit?.why).toContain('PulseAudio');
    expect(c.disagreement).toEqual([]);
  });

  test('unsupported cells among passing ones are caveats, not failures', () => {
    const c = get('t.partly-unsupported');
    expect(c.engines.webkit?.status).toBe('not checkable here');
    expect(c.engines.chromium?.status).toBe('holds');
    const wk = seedClaimsJson(fixtureMatrix, [claim({ id: 'x', checks: ['sc.file-url', 'sc.https-exposed'] })]).claims[0]!.engines.webkit!;
    expect(wk.status).toBe('holds');
    expect(wk.why).toBe('1 of 2 verifying checks passed (1 could not decide: see caveats).');
    expect(wk.caveats[0]).toMatch(/^sc\.file-url: unobservable: the gjs driver/);
  });

  test('a missing cell decides nothing and is said', () => {
    const c = get('t.missing-cell');
    expect(c.engines.firefox?.status).toBe('not checkable here');
    expect(c.engines.firefox?.why).toContain('no result in this run');
    expect(c.engines.chromium?.status).toBe('holds');
  });

  test('a known (recorded) failure still contradicts, marked known', () => {
    const c = get('t.known-fail');
    expect(c.engines.firefox?.status).toBe('contradicted');
    expect(c.engines.firefox?.evidence[0]?.known).toBe(true);
  });

  test('claims without checks, area-wide and dangling mappings are not checkable, each with its reason', () => {
    expect(get('t.not-checkable').engines.webkit).toEqual({
      status: 'not checkable here',
      why: 'browser UI that no driver can see',
      evidence: [],
      caveats: [],
    });
    expect(get('t.area-only').provisional).toBe(true);
    expect(get('t.area-only').engines.chromium?.why).toBe(
      'Mapped only area-wide (exceptions/: 0 checks), not yet to the checks that verify it.',
    );
    expect(get('t.dangling').engines.chromium?.why).toBe('No check matches nope/nothing in this run.');
    expect(r.dangling).toEqual([
      { claim: 't.area-only', pattern: 'exceptions/' },
      { claim: 't.dangling', pattern: 'nope/nothing' },
    ]);
  });

  test('an area-wide pattern never decides, even when it matches checks', () => {
    const m: Matrix = {
      ...fixtureMatrix,
      checks: [...fixtureMatrix.checks, { id: 'area/x', title: 't', area: 'area' }],
      cells: [
        ...fixtureMatrix.cells,
        ...fixtureMatrix.engines.map((e) => ({
          check: 'area/x',
          engine: e.id,
          verdict: 'pass' as const,
          observed: {},
          expected: {},
          ms: 1,
        })),
      ],
    };
    const c = seedClaimsJson(m, [claim({ id: 'x', checks: ['area/'] })]).claims[0]!;
    expect(c.patterns[0]).toMatchObject({ provisional: true, matched: ['area/x'] });
    expect(c.engines.chromium?.status).toBe('not checkable here');
  });

  test('totals count every claim once per engine', () => {
    for (const e of r.engines) expect(Object.values(r.totals[e]!).reduce((a, b) => a + b, 0)).toBe(claims.length);
  });
});

test.describe('seedClaimsView', () => {
  const v = seedClaimsView(fixtureMatrix, [
    claim({ id: 't.links', checks: ['sc.http-undefined', 'perm.'], refutedBy: ['sc.localhost-secure'] }),
    claim({
      id: 't.injection',
      text: `a sentence with ${INJECTION}`,
      checks: ['co.supported-constraints', 'perm.query-camera', 'ex.not-fully-active'],
      spec: INJECTION,
    }),
  ]);
  const page = renderHtml(fixtureMatrix, [v]);

  test('is a section for renderHtml', () => {
    expect(v.id).toBe('seed-claims');
    expect(v.title).toBe('Seed claims');
    expect(page).toContain('<section class="extra" id="seed-claims"');
  });

  test('links mapped checks to the matrix rows that exist', () => {
    const hrefs = [...v.html.matchAll(/href="#check-([^"]+)"/g)].map((x) => decodeURIComponent(x[1]!));
    expect(hrefs).toContain('sc.http-undefined');
    expect(hrefs).toContain('sc.localhost-secure');
    for (const id of hrefs) expect(page, id).toContain(`id="${esc(`check-${id}`)}"`);
  });

  test('escapes every browser-made and file-made string', () => {
    expect(v.html).not.toContain(INJECTION);
    expect(v.html).toContain(esc(INJECTION));
    expect(v.html).not.toContain('\u001b');
    expect(v.html).not.toMatch(/<(img|script|iframe)\b/i);
  });

  test('one row per claim, one cell per engine, each with a status', () => {
    const row = v.html.slice(v.html.indexOf('id="claim-t.injection"'));
    const cells = row.slice(0, row.indexOf('</tr>')).match(/<td class="sc-cell [^"]+" data-status="[^"]+"/g) ?? [];
    expect(cells.map((c) => /data-status="([^"]+)"/.exec(c)?.[1])).toEqual(['holds', 'contradicted', 'contradicted']);
  });

  test('renders the real claims file against the fixture matrix', () => {
    const real = seedClaimsView(fixtureMatrix, file);
    for (const c of file.claims) expect(real.html).toContain(`id="claim-${esc(c.id)}"`);
    expect(real.html).toContain(`${file.excluded.length} sentences excluded`);
  });
});

test.describe('check list and citations', () => {
  test("parses the JSON reporter's --list output, with check metadata", () => {
    const meta = { id: 'frames/x/y', title: 'T', area: 'frames', seed: 'S', expected: 'E' };
    const json = JSON.stringify({
      suites: [
        {
          specs: [],
          suites: [
            {
              specs: [
                { title: 'frames/x/y T', tests: [{ annotations: [{ type: 'check', description: JSON.stringify(meta) }] }] },
                { title: 'other/z title without annotation', tests: [{ annotations: [] }] },
              ],
            },
          ],
        },
      ],
      errors: [{ message: 'Error: tests/broken.spec.ts: SyntaxError' }],
    });
    const r = parseCheckList(`npm warn something\n${json}`);
    expect(r.checks).toEqual([
      { id: 'frames/x/y', title: 'T', seed: 'S', spec: undefined },
      { id: 'other/z', title: undefined, seed: undefined, spec: undefined },
    ]);
    expect(r.errors).toEqual(['Error: tests/broken.spec.ts: SyntaxError']);
  });

  test("parses the list reporter's text", () => {
    const text = [
      'Listing tests:',
      '  [chromium] › harness/check.ts:123:3 › overconstrained/width-exact-impossible video width {exact: 99999} rejects',
      '  [chromium] › harness/check.ts:123:3 › secure-context/http-127.0.0.1/media-devices navigator.mediaDevices is',
      'Total: 2 tests in 1 file',
    ].join('\n');
    expect(parseCheckList(text).checks.map((c) => c.id)).toEqual([
      'overconstrained/width-exact-impossible',
      'secure-context/http-127.0.0.1/media-devices',
    ]);
  });

  test('suggests where an unmapped check that quotes a claim belongs', () => {
    const claims = [claim({ id: 'a.b', text: 'If the user denies permission, it rejects.', checks: ['p/mapped'] })];
    const hints = seedCitations(claims, [
      { id: 'p/mapped', seed: 'If the user denies permission, it rejects.' },
      { id: 'p/unmapped', seed: 'NotAllowedError: If the user denies permission, it rejects.' },
      { id: 'p/other', seed: 'Something else entirely, long enough to count.' },
    ]);
    expect(hints).toEqual([{ check: 'p/unmapped', claims: ['a.b'] }]);
    // A check recorded as deliberately unmapped (the seed says nothing it verifies) is not suggested.
    expect(
      seedCitations(
        claims,
        [{ id: 'p/unmapped', seed: 'If the user denies permission, it rejects.' }],
        [{ pattern: 'p/unmapped', reason: 'spec only' }],
      ),
    ).toEqual([]);
  });
});
