// A failing cell's repro: the journal of what a check did becomes console statements that parse, page by page.
import { expect, test } from '@playwright/test';
import { bugReport, ReproJournal, reproSnippet, statementsFor } from './repro';

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (body: string) => unknown;
const OPS: [string, unknown][] = [
  ['gum', { constraints: { video: { width: { exact: 320 } } } }],
  ['gum', { constraints: { audio: true }, via: 'webkitGetUserMedia' }],
  ['literalGum', { constraints: { video: true } }],
  ['gumThenPermissions', { constraints: { audio: true } }],
  ['detachedGum', { constraints: { video: true } }],
  ['applyConstraints', { constraints: { video: true }, kind: 'video', apply: { width: 320 } }],
  ['enumerate', {}],
  ['supportedConstraints', {}],
  ['permissions', {}],
  ['env', {}],
  ['stopKept', {}],
  ['frame', { id: 'f1', src: 'https://b.test:1/index.html', allow: 'camera' }],
  ['popup', { id: 'p1', url: 'https://a.test:1/index.html' }],
  ['navigateToBlob', {}],
  ['somethingNew', { x: 1 }],
];

test('every probe operation becomes console statements that parse', () => {
  for (const [op, args] of OPS) {
    const lines = statementsFor(op, args);
    expect(lines.length, op).toBeGreaterThan(0);
    expect(() => new AsyncFunction(lines.join('\n')), `${op}: ${lines.join('\n')}`).not.toThrow();
  }
});

test('the snippet names each page with its permissions, then its statements, frames marked where they run', () => {
  const j = new ReproJournal();
  const n = j.opened('https://a.test:1/policy/camera-none.html', { camera: 'granted', microphone: 'prompt' }, {});
  j.called(n, [], 'frame', { id: 'f1', src: 'https://b.test:1/index.html', allow: 'camera' });
  j.called(n, ['f1'], 'gum', { constraints: { video: true } });
  const snippet = reproSnippet(j.steps, 'fake');
  expect(snippet).toContain(
    '// page 1: open https://a.test:1/policy/camera-none.html with camera granted, microphone prompt left unanswered',
  );
  expect(snippet).toContain('allow = "camera"');
  expect(snippet).toMatch(/getUserMedia\(\{"video":true\}\).*\/\/ in f1 of page 1/);
  expect(() => new AsyncFunction(snippet)).not.toThrow();
});

test('the bug report says what happens, what is expected and where it comes from', () => {
  const text = bugReport({
    check: 'policy/x',
    title: 'a title',
    browser: 'Firefox ESR',
    version: '140.12.0',
    expected: 'NotAllowedError',
    observed: 'resolved: video',
    spec: 'step 3',
    snippet: '// page 1',
  });
  expect(text.split('\n')[0]).toBe('Firefox ESR 140.12.0: a title');
  for (const part of ['What happens: resolved: video', 'What is expected: NotAllowedError', 'Spec: step 3', '// page 1', 'policy/x']) {
    expect(text).toContain(part);
  }
});
