// `npm run serve`: the fixture server alone (loopback only), for reproducing a cell by hand: it prints the test origins
// and how to start each browser so that the test host names resolve to loopback and the test certificate is trusted
// in that browser only, as during a run. A cell's repro names URLs with the port of its own run: use this one's.
import { ensureCerts } from '../certs';
import { ConfigError } from '../errors';
import { HOSTS, MAPPED_HOSTS } from '../hosts';
import { PAGES_DIR, readRunConfig } from '../run-config';
import { startFixtureServer } from '../server';

async function main(): Promise<void> {
  const cfg = readRunConfig();
  const certs = await ensureCerts(cfg.certsDir);
  const server = await startFixtureServer(PAGES_DIR, { certPath: certs.leafCertPath, keyPath: certs.leafKeyPath });
  const https = (h: string) => `https://${h}:${server.httpsPort}/`;
  const rules = MAPPED_HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(',');
  process.stdout.write(
    [
      `fixture server (127.0.0.1 and ::1 only): ${https(HOSTS.a)} ${https(HOSTS.b)} ${https(HOSTS.c)} http://${HOSTS.insecure}:${server.httpPort}/`,
      '',
      'Chromium, with its fake devices and a throwaway profile:',
      `  chromium --user-data-dir="$(mktemp -d)" --use-fake-device-for-media-stream --host-resolver-rules="${rules}" \\`,
      `    --ignore-certificate-errors-spki-list=${certs.leafSpki} ${https(HOSTS.a)}`,
      'Firefox, in a throwaway profile (about:config): network.dns.localDomains = ' + MAPPED_HOSTS.join(','),
      `  media.navigator.streams.fake = true; then accept the certificate warning, or import ${certs.caCertPath} into that profile only`,
      'WebKitGTK (MiniBrowser): start it with a proxy mapping the names, or add them to a throwaway /etc/hosts in a container;',
      '  its certificate warning can be accepted for the test hosts',
      '',
      'Ctrl-C stops the server.',
    ].join('\n') + '\n',
  );
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`serve: ${e instanceof ConfigError ? e.message : `internal error: ${(e as Error).message?.split('\n')[0]}`}\n`);
  process.exitCode = e instanceof ConfigError ? 2 : 3;
});
