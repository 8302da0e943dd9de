// TLS trust for WebKitGTK, which can only accept a given certificate for a host (allow_tls_certificate_for_host):
// the test leaf for each name it covers, and, for any other server, its leaf once verified against the test CA.
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { addressOf } from '../loopback-proxy';
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
export function fetchVerifiedLeaf(host: string, port: number, caPem: string): Promise<string> {
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
