// Self-test of the WebKitGTK engine (harness/engines/webkit/) against a tiny loopback
// HTTPS + HTTP server started here, with a throwaway CA from the mkcert package. Runs in the `unit` project.

import { expect, test } from '@playwright/test';
import { createHash, X509Certificate } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createCA, createCert } from 'mkcert';
import type { Engine, EngineSession, PermissionProfile } from '../types';
import { launchWebKit } from './webkit/engine';

const HOSTS = ['a.test', 'b.test', 'c.test', 'insecure.test'];

const page = (body: string) => `<!doctype html><meta charset="utf-8"><title>t</title><body>${body}</body>`;
function route(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  res.setHeader('content-type', 'text/html');
  if (url.pathname === '/frame') {
    // Reports to its parent whether the init script ran in this (cross-origin) frame before the page's own script.
    res.end(page(`<script>parent.postMessage({ shim: window.__shimRan === true, origin: location.origin }, '*')</script>`));
  } else if (url.pathname === '/parent') {
    const child = url.searchParams.get('child') ?? '';
    res.end(
      page(`<script>window.__shimAtStart = window.__shimRan === true;
      window.frameReport = new Promise(r => addEventListener('message', e => r(e.data)));</script>
      <iframe src="${child.replace(/"/g, '&quot;')}"></iframe>`),
    );
  } else {
    res.end(page(`<script>window.__shimAtStart = window.__shimRan === true;</script>hello`));
  }
}

let engine: Engine;
let httpsServer: https.Server;
let httpServer: http.Server;
let foreignServer: https.Server; // a.test with a certificate from another CA
let otherLeafServer: https.Server; // c.test with another leaf from the test CA, not passed to launch
let securePort = 0;
let insecurePort = 0;
let launchMs = 0;
const sessions: EngineSession[] = [];

async function session(permissions: PermissionProfile): Promise<EngineSession> {
  const t0 = Date.now();
  const s = await engine.newSession({ permissions });
  sessions.push(s);
  console.log(`newSession ${JSON.stringify(permissions)}: ${Date.now() - t0} ms`);
  return s;
}
const secure = (host = 'a.test', p = '/') => `https://${host}:${securePort}${p}`;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(60_000);
  const ca = await createCA({ organization: 'gum test CA', countryCode: 'US', state: 'X', locality: 'X', validity: 2 });
  const leaf = await createCert({ domains: ['a.test', 'b.test', 'localhost', 'app.localhost', '127.0.0.1'], validity: 2, ca });
  httpsServer = https.createServer({ key: leaf.key, cert: leaf.cert }, route);
  httpServer = http.createServer(route);
  const otherCa = await createCA({ organization: 'not the test CA', countryCode: 'US', state: 'X', locality: 'X', validity: 2 });
  const foreign = await createCert({ domains: ['a.test'], validity: 2, ca: otherCa });
  foreignServer = https.createServer({ key: foreign.key, cert: foreign.cert }, route);
  await new Promise<void>((r) => foreignServer.listen(0, '127.0.0.1', r));
  const cLeaf = await createCert({ domains: ['c.test'], validity: 2, ca });
  otherLeafServer = https.createServer({ key: cLeaf.key, cert: cLeaf.cert }, route);
  await new Promise<void>((r) => otherLeafServer.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => httpsServer.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
  securePort = (httpsServer.address() as AddressInfo).port;
  insecurePort = (httpServer.address() as AddressInfo).port;
  const t0 = Date.now();
  engine = await launchWebKit({
    devices: 'fake',
    hosts: HOSTS,
    caCertPem: ca.cert,
    caCertPath: '',
    leafCertPem: leaf.cert + ca.cert,
    leafSpki: createHash('sha256')
      .update(new X509Certificate(leaf.cert).publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64'),
    initScript: 'window.__shimRan = true;',
  });
  launchMs = Date.now() - t0;
  console.log(`launchWebKit: ${launchMs} ms`, JSON.stringify(engine.info));
});

test.afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

test.afterAll(async () => {
  await engine?.close();
  httpsServer?.close();
  httpServer?.close();
  foreignServer?.close();
  otherLeafServer?.close();
});

test('hello: version, driver and library', async () => {
  expect(engine.info.id).toBe('webkit');
  expect(engine.info.browser).toBe('WebKitGTK');
  expect(engine.info.version).toMatch(/^2\.\d+\.\d+$/);
  expect(engine.info.driver).toMatch(/^gjs \d+\.\d+\.\d+ \+ WebKit2 4\.1/);
  expect(engine.info.executable).toMatch(/libwebkit2gtk-4\.1\.so|WebKit2-4\.1\.typelib/);
  expect(engine.info.source).toBe('system');
  expect(engine.info.userAgent).toContain('AppleWebKit');
  for (const kind of ['camera', 'microphone'] as const) {
    for (const state of ['granted', 'denied', 'prompt'] as const) expect(engine.canHold(kind, state)).toBe(true);
  }
});

test('secure context: https test host yes, http test host no', async () => {
  const s = await session({ camera: 'granted', microphone: 'granted' });
  await s.goto(secure());
  expect(await s.evaluate('[location.host, isSecureContext, typeof navigator.mediaDevices]')).toEqual([
    `a.test:${securePort}`,
    true,
    'object',
  ]);
  await s.goto(`http://insecure.test:${insecurePort}/`);
  expect(await s.evaluate('[location.host, isSecureContext, navigator.mediaDevices === undefined]')).toEqual([
    `insecure.test:${insecurePort}`,
    false,
    true,
  ]);
  // Not a test host: refused by the proxy, as an unresolvable name would be.
  await expect(s.goto(`http://elsewhere.example:${insecurePort}/`)).rejects.toThrow();
});

test('TLS: the test CA is trusted, a certificate from another CA is not', async () => {
  const s = await session({ camera: 'prompt', microphone: 'prompt' });
  await s.goto(secure('b.test'));
  expect(await s.evaluate('isSecureContext')).toBe(true);
  // A leaf that was not passed in, but is issued by the test CA: verified and accepted on first use.
  await s.goto(`https://c.test:${(otherLeafServer.address() as AddressInfo).port}/`);
  expect(await s.evaluate('[location.hostname, isSecureContext]')).toEqual(['c.test', true]);
  const foreignPort = (foreignServer.address() as AddressInfo).port;
  await expect(s.goto(`https://a.test:${foreignPort}/`)).rejects.toThrow(/load failed: .*TLS errors UNKNOWN_CA/);
});

test('evaluate: JSON round trip, undefined, page exceptions', async () => {
  const s = await session({ camera: 'prompt', microphone: 'prompt' });
  await s.goto(secure());
  expect(await s.evaluate('({ a: [1, "x", null, { b: true }], n: 1.5 })')).toEqual({ a: [1, 'x', null, { b: true }], n: 1.5 });
  expect(await s.evaluate('undefined')).toBeNull();
  expect(await s.evaluate('Promise.resolve(42) // trailing comment')).toBe(42);
  await expect(s.evaluate('Promise.reject(new DOMException("nope", "NotAllowedError"))')).rejects.toThrow('NotAllowedError: nope');
  await expect(s.evaluate('(() => { throw new TypeError("boom") })()')).rejects.toThrow('TypeError: boom');
});

test('granted: audio+video resolves with live labelled tracks after one prompt', async () => {
  const s = await session({ camera: 'granted', microphone: 'granted' });
  await s.goto(secure());
  const tracks = await s.evaluate<{ kind: string; label: string; readyState: string }[]>(`
    navigator.mediaDevices.getUserMedia({ video: true, audio: true })
      .then(st => (window.stream = st).getTracks().map(t => ({ kind: t.kind, label: t.label, readyState: t.readyState })))`);
  expect(tracks.map((t) => t.kind).sort()).toEqual(['audio', 'video']);
  for (const t of tracks) {
    expect(t.readyState).toBe('live');
    expect(t.label).not.toBe('');
  }
  const prompts = s.prompts();
  expect(Array.isArray(prompts) && prompts.map(({ audio, video, answer }) => ({ audio, video, answer }))).toEqual([
    { audio: true, video: true, answer: 'granted' },
  ]);
  console.log('tracks', JSON.stringify(tracks), 'prompts', JSON.stringify(prompts));
});

test('indicator: camera active while a video track is live', async () => {
  const s = await session({ camera: 'granted', microphone: 'granted' });
  await s.goto(secure());
  expect(await s.captureIndicator()).toEqual({ camera: 'none', microphone: 'none' });
  await s.evaluate('navigator.mediaDevices.getUserMedia({ video: true }).then(st => { window.stream = st; })');
  await expect.poll(() => s.captureIndicator(), { timeout: 5_000 }).toEqual({ camera: 'active', microphone: 'none' });
  await s.evaluate('window.stream.getTracks().forEach(t => t.stop())');
  // WebKitGTK keeps the indicator on for about 3 s after the last track stops.
  await expect.poll(() => s.captureIndicator(), { timeout: 10_000, intervals: [100] }).toEqual({ camera: 'none', microphone: 'none' });
});

test('denied camera: NotAllowedError, prompt recorded as denied', async () => {
  const s = await session({ camera: 'denied', microphone: 'granted' });
  await s.goto(secure());
  const name = await s.evaluate('navigator.mediaDevices.getUserMedia({ video: true }).then(() => "resolved", e => e.name)');
  expect(name).toBe('NotAllowedError');
  const prompts = s.prompts();
  expect(Array.isArray(prompts) && prompts.map((p) => p.answer)).toEqual(['denied']);
  expect(await s.evaluate('navigator.permissions.query({ name: "camera" }).then(p => p.state)')).toBe('denied');
});

test('prompt: stays pending, prompt recorded as unanswered', async () => {
  const s = await session({ camera: 'prompt', microphone: 'prompt' });
  await s.goto(secure());
  const outcome = await s.evaluate(`Promise.race([
    navigator.mediaDevices.getUserMedia({ video: true, audio: true }).then(() => 'resolved', e => 'rejected ' + e.name),
    new Promise(r => setTimeout(() => r('pending'), 2000)),
  ])`);
  expect(outcome).toBe('pending');
  const prompts = s.prompts();
  expect(Array.isArray(prompts) && prompts.map(({ audio, video, answer }) => ({ audio, video, answer }))).toEqual([
    { audio: true, video: true, answer: 'unanswered' },
  ]);
  expect(await s.evaluate('navigator.permissions.query({ name: "microphone" }).then(p => p.state)')).toBe('prompt');
});

test('overconstrained exact width: OverconstrainedError without a prompt', async () => {
  const s = await session({ camera: 'granted', microphone: 'granted' });
  await s.goto(secure());
  const err = await s.evaluate<{ name: string; constraint: string }>(
    'navigator.mediaDevices.getUserMedia({ video: { width: { exact: 99999 } } }).then(() => null, e => ({ name: e.name, constraint: e.constraint }))',
  );
  expect(err.name).toBe('OverconstrainedError');
  expect(s.prompts()).toEqual([]);
  // WebKit exposes the constraint name only when camera/microphone permission is (stored as) granted.
  const s2 = await session({ camera: 'prompt', microphone: 'prompt' });
  await s2.goto(secure());
  const err2 = await s2.evaluate<{ name: string; constraint: string }>(
    'navigator.mediaDevices.getUserMedia({ video: { width: { exact: 99999 } } }).then(() => null, e => ({ name: e.name, constraint: e.constraint }))',
  );
  expect(err2.name).toBe('OverconstrainedError');
  expect(s2.prompts()).toEqual([]);
  console.log(
    `OverconstrainedError.constraint: granted profile ${JSON.stringify(err.constraint)}, prompt profile ${JSON.stringify(err2.constraint)}`,
  );
});

test('init script runs in the top page and in a cross-origin iframe', async () => {
  const s = await session({ camera: 'prompt', microphone: 'prompt' });
  await s.goto(secure('a.test', `/parent?child=${encodeURIComponent(secure('b.test', '/frame'))}`));
  expect(await s.evaluate('window.__shimRan === true && window.__shimAtStart')).toBe(true);
  expect(await s.evaluate('window.frameReport')).toEqual({ shim: true, origin: `https://b.test:${securePort}` });
});

test('driver death rejects pending calls with one line including stderr', async () => {
  // Last: kills this engine's driver.
  const s = await session({ camera: 'prompt', microphone: 'prompt' });
  await s.goto(secure());
  const pending = s.evaluate('new Promise(() => {})');
  const pid = (engine as unknown as { driverPid: number }).driverPid;
  process.kill(pid, 'SIGKILL');
  const error = await pending.then(
    () => null,
    (e: Error) => e,
  );
  expect(error?.message).toMatch(/^webkit: gjs driver exited \(SIGKILL\)/);
  expect(error?.message).not.toContain('\n');
  await expect(s.evaluate('1')).rejects.toThrow(/gjs driver exited/);
});
