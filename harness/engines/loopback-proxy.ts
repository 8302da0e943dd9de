// A loopback HTTP proxy that maps the test host names to 127.0.0.1 and nothing else, for engines that have no
// host-resolver option (WebKitGTK, Playwright's WebKit). http stays http; https is an end-to-end CONNECT tunnel, so the
// secure-context decisions stay the browser's own. Binds 127.0.0.1 only.
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';

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
/** Where a mapped host name (or a loopback literal) connects: every name goes to 127.0.0.1. */
export const addressOf = (host: string) => (net.isIP(host) ? host : '127.0.0.1');

/**
 * An HTTP proxy on 127.0.0.1 that connects mapped host names to 127.0.0.1 on the requested port.
 * Plain http arrives in absolute form (GET http://host:port/path) and is forwarded; https/wss arrive as CONNECT and
 * are tunnelled byte for byte (TLS is end to end between WebKit and the test server). Unmapped hosts get their connection closed, so
 * loads fail as if the name did not resolve. `beforeTunnel` runs before a CONNECT is answered (certificate learning).
 */
export async function startProxy(
  isMapped: (host: string) => boolean,
  beforeTunnel: (host: string, port: number) => Promise<void>,
): Promise<Proxy> {
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
