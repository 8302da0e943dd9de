// WebKit engine: WebKitGTK (WebKit2 4.1 API) driven in-process by a small GJS program (webkit-driver.js).
//
// Why not Playwright or WebKitWebDriver: Playwright cannot drive stock WebKitGTK, and WebDriver automation grants
// every getUserMedia prompt. The GJS driver answers `permission-request` itself, so 'granted', 'denied' and an
// unanswered prompt are all real, and every prompt is observed (see harness/engines/webkit-driver.js).
//
// Launch: one gjs process per engine, one WebView (own ephemeral data + WebContext) per session, in a shared
// Xvfb (harness/display.ts). Host names: WebKitGTK has no host-resolver option, so every view uses a loopback
// HTTP proxy started here that maps the test host names to 127.0.0.1 and nothing else; http stays http and
// https is an end-to-end CONNECT tunnel, so secure-context decisions remain the browser's own.
// TLS trust: WebKitGTK cannot be told to trust a CA per profile, only to accept a given certificate for a host
// (allow_tls_certificate_for_host). So: LaunchOptions.leafCertPem, if it is issued by the test CA, is accepted for
// each name in its subjectAltName. Any other certificate (another fixture server, a leaf not passed in) is handled
// on the first CONNECT to its host:port: the proxy fetches the server's certificate itself, verifies it against the
// test CA and the host name with Node's TLS stack, and only then has the driver accept exactly that leaf for that
// host. A certificate not issued by the test CA is never accepted: WebKit fails the load, the driver records the
// TLS error, and goto() rejects saying so.
//
// Custom builds: LaunchOptions.executablePath (from GUM_WEBKIT) is not a browser binary here but a WebKitGTK build:
// a directory (or a file inside one) containing libwebkit2gtk-4.1.so* and WebKit2-4.1.typelib, searched a few
// levels deep (e.g. WebKitBuild/GTK/Release with lib/ and lib/girepository-1.0/ inside). LD_LIBRARY_PATH and
// GI_TYPELIB_PATH are pointed at what is found, and WEBKIT_EXEC_PATH at the directory holding WebKitWebProcess
// if present, so the build's own auxiliary processes are used. The system gjs loads it; info.executable reports
// the library actually mapped into the driver (read from /proc/self/maps), and source is 'custom'.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { acquireDisplay, findOnPath, type DisplayLease } from '../display';
import type {
  CaptureFault,
  CaptureIndicator,
  DeviceSet,
  Engine,
  EngineInfo,
  EngineSession,
  LaunchOptions,
  PermissionState,
  PromptRecord,
  SessionEnvironment,
  SessionOptions,
  Unobservable,
} from '../types';

export const DRIVER_PATH = path.join(__dirname, 'webkit-driver.js');
const COMMAND_TIMEOUT_MS = 30_000;

export interface WebKitLaunchOptions extends LaunchOptions {
  /** Per-command timeout, ms (default 30 s). */
  commandTimeoutMs?: number;
}

interface Hello {
  webkitVersion: string;
  features: { asyncJs: boolean; captureState: boolean };
  userAgent: string;
  library: string | null;
  typelib: string | null;
  gjs: number;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

/** The gjs child and its JSON-lines protocol. */
class Driver {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private stderrTail: string[] = [];
  private dead: Error | null = null;
  private readonly listeners = new Set<(event: Record<string, unknown>) => void>();
  readonly exited: Promise<void>;

  constructor(readonly child: ChildProcessWithoutNullStreams, private readonly timeoutMs: number) {
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        this.onLine(line);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => this.noteStderr(chunk));
    child.stdin.on('error', () => {}); // EPIPE when gjs is gone; reported through 'exit'.
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.fail(`webkit: gjs driver exited (${signal ?? `code ${code}`})${this.tail()}`);
        resolve();
      });
      child.once('error', (e) => {
        this.fail(`webkit: cannot run gjs: ${e.message}`);
        resolve();
      });
    });
  }

  private noteStderr(chunk: string): void {
    for (const line of chunk.split('\n')) if (line.trim()) this.stderrTail.push(line.trim());
    if (this.stderrTail.length > 20) this.stderrTail.splice(0, this.stderrTail.length - 20);
  }

  /** Last stderr lines, as one line. */
  tail(): string {
    const lines = this.stderrTail.slice(-3);
    return lines.length ? `: ${lines.join(' | ').slice(0, 600)}` : '';
  }

  private onLine(line: string): void {
    let msg: { id?: number; ok?: boolean; result?: unknown; error?: string; event?: string };
    try {
      msg = JSON.parse(line);
    } catch {
      this.noteStderr(line); // a library printed to stdout; keep it as a diagnostic
      return;
    }
    if (msg.event !== undefined) {
      for (const l of this.listeners) l(msg as Record<string, unknown>);
      return;
    }
    const p = msg.id !== undefined ? this.pending.get(msg.id) : undefined;
    if (!p) return;
    this.pending.delete(msg.id!);
    clearTimeout(p.timer);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new Error(`webkit: ${msg.error ?? 'unknown error'}`));
  }

  onEvent(listener: (event: Record<string, unknown>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fail(message: string): void {
    if (!this.dead) this.dead = new Error(message);
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(this.dead);
      this.pending.delete(id);
    }
  }

  get alive(): boolean {
    return !this.dead;
  }

  call<T>(cmd: string, params: Record<string, unknown> = {}, timeoutMs = this.timeoutMs): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`webkit: ${cmd} timed out after ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.child.stdin.write(`${JSON.stringify({ id, cmd, ...params })}\n`);
    });
  }

  /** Resolves on the driver's first line ({event:'ready'}) or rejects if it dies first. */
  ready(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const off = this.onEvent((e) => {
        if (e.event === 'ready') {
          off();
          clearTimeout(timer);
          resolve();
        }
      });
      const timer = setTimeout(() => reject(new Error(`webkit: gjs driver not ready after ${timeoutMs / 1000} s${this.tail()}`)), timeoutMs);
      this.exited.then(() => {
        clearTimeout(timer);
        reject(this.dead ?? new Error('webkit: gjs driver exited'));
      });
    });
  }
}

// ------------------------------------------------------------------------------------ host-mapping proxy

/**
 * Host names this browser resolves: the listed ones ("*.x" matches subdomains) and localhost names to 127.0.0.1,
 * loopback literals to themselves. Anything else does not resolve.
 */
export function makeHostMatcher(hosts: string[]): (host: string) => boolean {
  const exact = new Set(hosts.filter((h) => !h.startsWith('*.')).map((h) => h.toLowerCase()));
  const suffixes = hosts.filter((h) => h.startsWith('*.')).map((h) => h.slice(1).toLowerCase());
  return (raw) => {
    const host = raw.toLowerCase().replace(/^\[|\]$/g, '');
    return (
      exact.has(host) ||
      suffixes.some((s) => host.endsWith(s)) ||
      host === 'localhost' ||
      host.endsWith('.localhost') ||
      host === '127.0.0.1' ||
      host === '::1'
    );
  };
}

export interface Proxy {
  url: string;
  close(): Promise<void>;
}

/** Where a mapped host connects: an IP literal to itself (the fixture server listens on 127.0.0.1 and ::1), a name to 127.0.0.1. */
const addressOf = (host: string) => (net.isIP(host) ? host : '127.0.0.1');

/**
 * An HTTP proxy on 127.0.0.1 that connects mapped host names to 127.0.0.1 on the requested port.
 * Plain http arrives in absolute form (GET http://host:port/path) and is forwarded; https/wss arrive as CONNECT and
 * are tunnelled byte for byte (TLS is end to end between WebKit and the test server). Unmapped hosts get their connection closed, so
 * loads fail as if the name did not resolve. `beforeTunnel` runs before a CONNECT is answered (certificate learning).
 */
export async function startProxy(isMapped: (host: string) => boolean, beforeTunnel: (host: string, port: number) => Promise<void>): Promise<Proxy> {
  const sockets = new Set<net.Socket | Duplex>();
  const track = (s: net.Socket | Duplex) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };
  const server = http.createServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('gum proxy: absolute-form request expected');
      return;
    }
    if (target.protocol !== 'http:' || !isMapped(target.hostname)) {
      // Drop the connection rather than answer: a 502 page would "load", an unresolvable name does not.
      req.socket.destroy();
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    delete headers['proxy-authorization'];
    const upstream = http.request(
      {
        host: addressOf(target.hostname.replace(/^\[|\]$/g, '')),
        port: Number(target.port || 80),
        method: req.method,
        path: target.pathname + target.search,
        headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.statusMessage, up.rawHeaders);
        up.pipe(res);
      },
    );
    // Nothing listening (or reset): drop the browser's connection too, so it fails the load as it would without
    // a proxy, instead of rendering a proxy error page.
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  server.on('connection', track);
  server.on('connect', (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    track(client);
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(req.url ?? '');
    if (!m || !isMapped(m[1])) {
      client.destroy();
      return;
    }
    const host = m[1];
    const port = Number(m[2]);
    client.on('error', () => {});
    beforeTunnel(host, port)
      .catch(() => {}) // a failed verification just means WebKit will see (and report) an untrusted certificate
      .then(() => {
        const upstream = net.connect(port, addressOf(host));
        track(upstream);
        upstream.on('error', () => client.destroy());
        upstream.once('connect', () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          if (head.length) upstream.write(head);
          upstream.pipe(client);
          client.pipe(upstream);
        });
      });
  });
  server.on('upgrade', (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    // ws:// through an HTTP proxy: absolute-form Upgrade request; replay it in origin form and splice.
    track(client);
    client.on('error', () => {});
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      client.destroy();
      return;
    }
    if (!isMapped(target.hostname)) {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(target.port || 80), addressOf(target.hostname.replace(/^\[|\]$/g, '')), () => {
      const lines = [`${req.method} ${target.pathname}${target.search} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        if (!/^proxy-/i.test(req.rawHeaders[i])) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref(); // the engine's close() governs lifetime
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * The leaf (first certificate of `chainPem`) as one {host, pem} per subjectAltName, after checking that the test CA
 * issued it. IPv6 names are listed with and without brackets (WebKit's URL host keeps them).
 */
export function leafCertificates(chainPem: string, caPem: string): { host: string; pem: string }[] {
  if (!chainPem || !caPem) return [];
  const leaf = new X509Certificate(chainPem);
  const ca = new X509Certificate(caPem);
  if (!leaf.checkIssued(ca) || !leaf.verify(ca.publicKey)) {
    throw new Error(`webkit: leafCertPem (${leaf.subject.replace(/\n/g, ', ')}) is not issued by caCertPem; regenerate certs/`);
  }
  const pem = leaf.toString();
  const hosts = (leaf.subjectAltName ?? '')
    .split(', ')
    .map((entry) => /^(?:DNS:|IP Address:)(.+)$/.exec(entry)?.[1])
    .filter((h): h is string => Boolean(h));
  return hosts.flatMap((host) => (host.includes(':') ? [host, `[${host}]`] : [host])).map((host) => ({ host, pem }));
}

/** Fetch the certificate served for `host` on 127.0.0.1:port, verified against the test CA; its leaf as PEM. */
function fetchVerifiedLeaf(host: string, port: number, caPem: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: addressOf(host),
      port,
      servername: net.isIP(host) ? undefined : host,
      ca: caPem,
      rejectUnauthorized: true,
      checkServerIdentity: (_h, cert) => tls.checkServerIdentity(host, cert),
    });
    const timer = setTimeout(() => socket.destroy(new Error('timeout')), 5_000);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const raw = socket.getPeerCertificate().raw;
      socket.end();
      resolve(new X509Certificate(raw).toString());
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

// ------------------------------------------------------------------------------------ custom builds

interface Build {
  env: Record<string, string>;
  source: 'system' | 'custom';
}

function findFiles(root: string, test: (name: string) => boolean, depth = 4): string[] {
  const found: string[] = [];
  const walk = (dir: string, d: number) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      const full = path.join(dir, name);
      if (test(name)) found.push(full);
      else if (d > 0 && !name.startsWith('.')) {
        try {
          if (statSync(full).isDirectory()) walk(full, d - 1);
        } catch {
          /* dangling link */
        }
      }
    }
  };
  walk(root, depth);
  return found;
}

function resolveBuild(executablePath: string | undefined): Build {
  if (!executablePath) return { env: {}, source: 'system' };
  const root = existsSync(executablePath) && statSync(executablePath).isDirectory() ? executablePath : path.dirname(executablePath);
  const libs = findFiles(root, (n) => /^libwebkit2gtk-4\.1\.so/.test(n));
  const typelibs = findFiles(root, (n) => n === 'WebKit2-4.1.typelib');
  if (!libs.length || !typelibs.length) {
    throw new Error(
      `webkit: ${executablePath} is not a WebKitGTK 4.1 build (need libwebkit2gtk-4.1.so* and WebKit2-4.1.typelib under it)`,
    );
  }
  const join = (dirs: string[], old?: string) => [...new Set(dirs), ...(old ? [old] : [])].join(':');
  const env: Record<string, string> = {
    LD_LIBRARY_PATH: join(libs.map((f) => path.dirname(f)), process.env.LD_LIBRARY_PATH),
    GI_TYPELIB_PATH: join(typelibs.map((f) => path.dirname(f)), process.env.GI_TYPELIB_PATH),
  };
  const webProcess = findFiles(root, (n) => n === 'WebKitWebProcess')[0];
  if (webProcess) env.WEBKIT_EXEC_PATH = path.dirname(webProcess);
  return { env, source: 'custom' };
}

// ------------------------------------------------------------------------------------ engine

const gjsVersion = (v: number) => `${Math.floor(v / 10000)}.${Math.floor(v / 100) % 100}.${v % 100}`;

export async function launchWebKit(opts: WebKitLaunchOptions): Promise<Engine> {
  const gjs = findOnPath('gjs');
  if (!gjs) throw new Error('webkit: gjs not found; run `npm run provision` or install gjs gir1.2-webkit2-4.1');
  const build = resolveBuild(opts.executablePath);

  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
  };
  try {
    const lease: DisplayLease = await acquireDisplay();
    cleanups.push(() => lease.release());

    const certificates = leafCertificates(opts.leafCertPem, opts.caCertPem);
    const covered = new Set(certificates.map((c) => c.host));
    // Set once the driver runs; certificate learning needs it.
    let driverRef: Driver | null = null;
    const learned = new Map<string, Promise<void>>(); // host:port -> verified and sent to the driver
    const proxy = await startProxy(makeHostMatcher(opts.hosts), (host, port) => {
      const key = `${host}:${port}`;
      let p = learned.get(key);
      // Hosts the given leaf covers need no probe (and get no extra connection to the fixture server).
      if (!p && !covered.has(host) && opts.caCertPem && driverRef) {
        const driver = driverRef;
        p = fetchVerifiedLeaf(host, port, opts.caCertPem).then((pem) => driver.call<void>('allowCertificate', { host, pem }, 5_000));
        learned.set(key, p);
        p.catch(() => learned.delete(key)); // e.g. the server was not up yet: try again next time
      }
      return p ?? Promise.resolve();
    });
    cleanups.push(() => proxy.close());

    const config = { devices: opts.devices, proxy: proxy.url, certificates };
    const child = spawn(gjs, [DRIVER_PATH, JSON.stringify(config)], {
      // GDK_BACKEND: our Xvfb even if the caller's session has WAYLAND_DISPLAY; NO_AT_BRIDGE: no a11y bus lookup.
      env: { ...process.env, ...build.env, DISPLAY: lease.display, GDK_BACKEND: 'x11', NO_AT_BRIDGE: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const driver = new Driver(child, opts.commandTimeoutMs ?? COMMAND_TIMEOUT_MS);
    driverRef = driver;
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    cleanups.push(async () => {
      process.removeListener('exit', killOnExit);
      if (driver.alive) await driver.call('quit', {}, 5_000).catch(() => {});
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await driver.exited;
      clearTimeout(timer);
    });

    let hello: Hello;
    try {
      await driver.ready(15_000);
      hello = await driver.call<Hello>('hello', {}, 15_000);
    } catch (e) {
      const msg = (e as Error).message;
      if (/Typelib file for namespace '(WebKit2|Gtk)'|Requiring (WebKit2|Gtk)/.test(msg)) {
        throw new Error('webkit: WebKit2 4.1 typelib not found; run `npm run provision` or install gjs gir1.2-webkit2-4.1', { cause: e });
      }
      throw e;
    }
    if (!hello.features.asyncJs) {
      throw new Error(`webkit: WebKitGTK ${hello.webkitVersion} has no WebView.call_async_javascript_function (added in 2.40): `
        + 'the GJS driver cannot run page code on this build');
    }
    if (opts.initScript) await driver.call('userScript', { source: opts.initScript });

    const info: EngineInfo = {
      id: 'webkit',
      browser: 'WebKitGTK',
      version: hello.webkitVersion,
      driver: `gjs ${gjsVersion(hello.gjs)} + WebKit2 4.1 (in-process WebView)`,
      devices: opts.devices,
      executable: hello.library ?? hello.typelib ?? 'libwebkit2gtk-4.1',
      source: build.source,
      userAgent: hello.userAgent,
    };
    return new WebKitEngine(info, driver, cleanup);
  } catch (e) {
    await cleanup();
    throw e;
  }
}

// Device sets: WebKitGTK's mock devices (2 cameras, 3 microphones) are fixed outside WebKitTestRunner, so a set without
// cameras is a view with mock devices off, on a machine that has no camera of its own.
const NO_MICROPHONE_WHY = 'WebKitGTK\'s mock capture devices always include microphones (their list can only be changed through '
  + 'WebKitTestRunner\'s internals, which the WebKit2 GTK API does not expose), and with mock devices off its microphones are '
  + 'whatever PulseAudio/PipeWire/ALSA offer on this machine, which the harness does not control';
const FAULT_WHY: Record<CaptureFault, string> = {
  'device-busy': 'WebKitGTK\'s mock capture devices can be made busy or failing only through WebKitTestRunner\'s internals and '
    + 'testRunner hooks, which the WebKit2 GTK API does not expose; with mock devices off there is no camera on this machine to hold busy',
  'device-fails': 'WebKitGTK\'s mock capture devices can be made to fail only through WebKitTestRunner\'s internals and testRunner '
    + 'hooks, which the WebKit2 GTK API does not expose; with mock devices off there is no camera on this machine',
  'user-media-disabled': 'WebKit rejects with SecurityError (MediaAccessDenialReason::UserMediaDisabled) only when capture is disabled '
    + 'process-wide, which the WebKit2 GTK API does not expose; turning enable-media-stream off on a loaded view removes '
    + 'navigator.mediaDevices instead (measured)',
};

/** V4L2 capture devices of this machine (what WebKitGTK's GStreamer capture lists as cameras with mock devices off). */
function machineCameras(): string[] {
  try {
    return readdirSync('/dev').filter((n) => /^video\d+$/.test(n)).map((n) => `/dev/${n}`);
  } catch {
    return [];
  }
}

class WebKitEngine implements Engine {
  private sessions = 0;
  private closing: Promise<void> | null = null;

  constructor(
    readonly info: EngineInfo,
    private readonly driver: Driver,
    private readonly cleanup: () => Promise<void>,
  ) {}

  /** The gjs process id (diagnostics and tests). */
  get driverPid(): number | undefined {
    return this.driver.child.pid;
  }

  canHold(_kind: 'camera' | 'microphone', _state: PermissionState): true | Unobservable {
    // The driver answers permission requests itself: allow(), deny(), or keep the request open.
    return true;
  }

  canProvide({ devices = 'default', fault }: SessionEnvironment): true | Unobservable {
    if (fault) return { unobservable: FAULT_WHY[fault] };
    if (devices === 'no-microphone' || devices === 'none') return { unobservable: NO_MICROPHONE_WHY };
    if (devices === 'no-camera') {
      const cams = machineCameras();
      if (cams.length) {
        return { unobservable: `with mock capture devices off WebKitGTK uses this machine's cameras (${cams.join(', ')}), so no view is without one` };
      }
    }
    return true;
  }

  alive(): boolean {
    return this.driver.alive;
  }

  async newSession(options: SessionOptions): Promise<EngineSession> {
    const viewId = `v${++this.sessions}`;
    const prompts: PromptRecord[] = [];
    // Prompts arrive as events (ordered before any later reply), so prompts() can stay synchronous.
    const off = this.driver.onEvent((e) => {
      if (e.event === 'prompt' && e.viewId === viewId) {
        prompts.push({ audio: Boolean(e.audio), video: Boolean(e.video), answer: e.answer as PromptRecord['answer'], at: Number(e.at) });
      }
    });
    try {
      const devices: DeviceSet = options.devices ?? 'default';
      await this.driver.call('newView', {
        viewId, camera: options.permissions.camera, microphone: options.permissions.microphone,
        ...(devices === 'no-camera' ? { mockDevices: false } : {}),
      });
    } catch (e) {
      off();
      throw e;
    }
    const driver = this.driver;
    let closed = false;
    return {
      goto: (url: string) => driver.call<void>('goto', { viewId, url }),
      evaluate: <T>(expression: string) => driver.call<T>('eval', { viewId, expression }),
      prompts: () => prompts.slice(),
      captureIndicator: () => driver.call<CaptureIndicator | Unobservable>('indicator', { viewId }),
      close: async () => {
        if (closed) return;
        closed = true;
        off();
        if (driver.alive) await driver.call('closeView', { viewId }).catch(() => {});
      },
    };
  }

  close(): Promise<void> {
    this.closing ??= this.cleanup();
    return this.closing;
  }
}
