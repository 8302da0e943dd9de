// The one place the run's settings become an engine's launch options (the checks' fixtures and the fuzzer share it).
import { ensureCerts } from '../certs';
import { MAPPED_HOSTS } from '../hosts';
import type { RunConfig } from '../run-config';
import type { LaunchOptions } from '../types';

export async function launchOptions(cfg: RunConfig): Promise<LaunchOptions> {
  const certs = await ensureCerts(cfg.certsDir);
  return {
    devices: cfg.devices,
    hosts: MAPPED_HOSTS,
    caCertPem: certs.caCert,
    caCertPath: certs.caCertPath,
    leafCertPem: certs.leafCert,
    leafSpki: certs.leafSpki,
    initScript: cfg.shimSource,
  };
}
