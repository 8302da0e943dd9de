// Test CA and leaf certificate, generated once into certs/ (never committed, never installed system-wide).
// Each engine trusts them only inside its own test profile (see harness/engines/*).
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { createCA, createCert } from 'mkcert';
import { CERT_NAMES } from './hosts';

export interface TestCerts {
  dir: string;
  caCert: string;
  caCertPath: string;
  leafCert: string;
  leafKey: string;
  leafKeyPath: string;
  leafCertPath: string;
  /** base64 sha256 of the leaf's SubjectPublicKeyInfo, for Chromium's --ignore-certificate-errors-spki-list. */
  leafSpki: string;
}

const FILES = { caCert: 'ca.pem', caKey: 'ca-key.pem', leafCert: 'leaf.pem', leafKey: 'leaf-key.pem', names: 'leaf.names' };

export async function ensureCerts(dir: string): Promise<TestCerts> {
  mkdirSync(dir, { recursive: true });
  const p = (f: string) => join(dir, f);
  const wantedNames = CERT_NAMES.join(',');
  const fresh =
    (['caCert', 'caKey', 'leafCert', 'leafKey', 'names'] as const).every((k) => existsSync(p(FILES[k]))) &&
    readFileSync(p(FILES.names), 'utf8') === wantedNames &&
    new Date(new X509Certificate(readFileSync(p(FILES.leafCert))).validTo).getTime() > Date.now() + 86_400_000;
  if (!fresh) {
    const ca = await createCA({
      organization: 'gum-conformance test CA (local only)',
      countryCode: 'ZZ',
      state: 'Test',
      locality: 'Test',
      validity: 365,
    });
    const leaf = await createCert({ ca: { key: ca.key, cert: ca.cert }, domains: CERT_NAMES, validity: 364 });
    writeFileSync(p(FILES.caCert), ca.cert);
    writeFileSync(p(FILES.caKey), ca.key);
    writeFileSync(p(FILES.leafCert), leaf.cert + ca.cert);
    writeFileSync(p(FILES.leafKey), leaf.key);
    chmodSync(p(FILES.caKey), 0o600);
    chmodSync(p(FILES.leafKey), 0o600);
    writeFileSync(p(FILES.names), wantedNames);
  }
  const leafCert = readFileSync(p(FILES.leafCert), 'utf8');
  const spkiDer = new X509Certificate(leafCert).publicKey.export({ type: 'spki', format: 'der' });
  return {
    dir,
    caCert: readFileSync(p(FILES.caCert), 'utf8'),
    caCertPath: p(FILES.caCert),
    leafCert,
    leafKey: readFileSync(p(FILES.leafKey), 'utf8'),
    leafKeyPath: p(FILES.leafKey),
    leafCertPath: p(FILES.leafCert),
    leafSpki: createHash('sha256').update(spkiDer).digest('base64'),
  };
}
