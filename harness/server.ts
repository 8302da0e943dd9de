// Fixture server: serves pages/ over HTTPS and HTTP on 127.0.0.1 only, for every test host name.
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
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l) => {
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

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    });
  });
}

/** union (under http-server) reads the key and certificate from these paths itself. */
export async function startFixtureServer(root: string, tls: { certPath: string; keyPath: string }): Promise<FixtureServer> {
  const ports: Origins = { httpsPort: 0, httpPort: 0 };
  const common = {
    root, cache: -1, showDir: false, autoIndex: false, showDotfiles: false,
    before: [headersMiddleware(normalize(root), () => ports)],
  };
  const https = httpServer.createServer({ ...common, https: { cert: tls.certPath, key: tls.keyPath } });
  const http = httpServer.createServer(common);
  ports.httpsPort = await listen(https.server);
  ports.httpPort = await listen(http.server);
  return {
    ...ports,
    close: async () => {
      await Promise.all([https.server, http.server].map((s) => new Promise<void>((r) => {
        s.close(() => r());
        (s as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
      })));
    },
  };
}
