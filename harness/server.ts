// Fixture server: serves pages/ over HTTPS and HTTP on loopback only (127.0.0.1 and ::1), for every test host name.
// Response headers a fixture needs (Permissions-Policy, Feature-Policy, CSP sandbox) are declared beside the page in
// `<page>.headers` (one `Name: value` per line, WPT's convention), with `{{origin:b}}`-style substitutions.
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join, normalize } from 'node:path';
// http-server ships no types; its API is createServer(options) -> { server: http.Server | https.Server }.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const httpServer = require('http-server') as {
  createServer(options: Record<string, unknown>): { server: Server; close(): void };
};
import { HOSTS, type HostKey } from './hosts';

export interface FixtureServer {
  httpsPort: number;
  httpPort: number;
  close(): Promise<void>;
}

export interface Origins {
  httpsPort: number;
  httpPort: number;
}

/** The URL of a fixture path on one of the test hosts. `scheme` defaults to https except for the insecure host. */
export function fixtureUrl(o: Origins, host: HostKey, path: string, scheme?: 'http' | 'https'): string {
  const s = scheme ?? (host === 'insecure' ? 'http' : 'https');
  return `${s}://${HOSTS[host]}:${s === 'https' ? o.httpsPort : o.httpPort}${path}`;
}

export function substitute(text: string, o: Origins): string {
  return text.replace(/\{\{(origin|host|port):([a-z0-9]+)\}\}/gi, (m, what: string, key: string) => {
    if (what === 'port') return String(key === 'http' ? o.httpPort : o.httpsPort);
    if (!(key in HOSTS)) throw new Error(`unknown host key in substitution ${m}`);
    return what === 'host' ? HOSTS[key as HostKey] : fixtureUrl(o, key as HostKey, '').replace(/\/$/, '');
  });
}

/** Parses a `.headers` sidecar: `Name: value` lines; blank lines and `#` comments ignored. */
export function parseHeaders(text: string): [string, string][] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const i = l.indexOf(':');
      if (i <= 0) throw new Error(`malformed header line: ${l}`);
      return [l.slice(0, i).trim(), l.slice(i + 1).trim()] as [string, string];
    });
}

function headersMiddleware(root: string, origins: () => Origins) {
  return (req: IncomingMessage, res: ServerResponse & { emit(e: string): void }) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
    if (file.startsWith(root)) {
      const sidecar = file + '.headers';
      if (existsSync(sidecar)) {
        for (const [k, v] of parseHeaders(substitute(readFileSync(sidecar, 'utf8'), origins()))) res.setHeader(k, v);
      }
    }
    res.emit('next');
  };
}

function listen(server: Server, host: string, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    });
  });
}

function closeServer(s: Server): Promise<void> {
  return new Promise<void>((r) => {
    if (!s.listening) {
      r();
      return;
    }
    s.close(() => r());
    (s as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
  });
}

/** IPv6 loopback, where the kernel has it: http://[::1] is a distinct potentially trustworthy origin to test. */
const LOOPBACK6 = '::1';

/**
 * union (under http-server) reads the key and certificate from these paths itself.
 * Each server listens on 127.0.0.1 and, with the same port, on ::1 (a second server object: a Node server listens on
 * one address), so every host key, [::1] included, shares the two ports. Loopback only. If the port chosen on
 * 127.0.0.1 is taken on ::1, both are chosen again.
 */
export async function startFixtureServer(root: string, tls: { certPath: string; keyPath: string }): Promise<FixtureServer> {
  const ports: Origins = { httpsPort: 0, httpPort: 0 };
  const common = {
    root,
    cache: -1,
    showDir: false,
    autoIndex: false,
    showDotfiles: false,
    before: [headersMiddleware(normalize(root), () => ports)],
  };
  const servers: Server[] = [];
  const pair = async (options: Record<string, unknown>): Promise<number> => {
    for (let attempt = 1; ; attempt++) {
      const v4 = httpServer.createServer(options).server;
      const v6 = httpServer.createServer(options).server;
      const port = await listen(v4, '127.0.0.1');
      try {
        await listen(v6, LOOPBACK6, port);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        await closeServer(v4);
        // No IPv6 loopback on this machine: serve 127.0.0.1 alone; the [::1] checks then fail to load, visibly.
        if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT') {
          const only = httpServer.createServer(options).server;
          servers.push(only);
          return listen(only, '127.0.0.1');
        }
        if (code === 'EADDRINUSE' && attempt < 10) continue;
        throw e;
      }
      servers.push(v4, v6);
      return port;
    }
  };
  ports.httpsPort = await pair({ ...common, https: { cert: tls.certPath, key: tls.keyPath } });
  ports.httpPort = await pair(common);
  return {
    ...ports,
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}
