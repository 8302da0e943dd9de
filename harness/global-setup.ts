// Runs once per Playwright Test run, before any worker: certificates, the fixture server, and a validation of the
// run's inputs so that bad input fails here with one line instead of once per test.
import type { FullConfig } from '@playwright/test';
import { ensureCerts } from './certs';
import { loadExpectations } from './expectations';
import { AUDIO_SERVER_ENV, AUDIO_SERVER_MISSING_ENV, ensureRealAudioDevice, startAudioServer } from './pulse';
import { ensureWritableDir, PAGES_DIR, readRunConfig } from './run-config';
import { startFixtureServer } from './server';

export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  const cfg = readRunConfig();
  loadExpectations(cfg.expectationsDir);
  ensureWritableDir(cfg.reportDir, 'GUM_REPORT_DIR');
  const certs = await ensureCerts(cfg.certsDir);
  const stopDevices = cfg.devices === 'real' ? ensureRealAudioDevice() : () => {};
  // The machine's devices for the checks that ask for them (DeviceSet 'real'), through an audio server of the run's own.
  const audio = cfg.devices === 'fake' ? await startAudioServer() : { missing: 'GUM_DEVICES=real: every session has them' };
  if ('server' in audio) process.env[AUDIO_SERVER_ENV] = audio.server;
  else process.env[AUDIO_SERVER_MISSING_ENV] = audio.missing;
  const server = await startFixtureServer(PAGES_DIR, { certPath: certs.leafCertPath, keyPath: certs.leafKeyPath });
  // Workers are forked after global setup and inherit this environment.
  process.env.GUM_HTTPS_PORT = String(server.httpsPort);
  process.env.GUM_HTTP_PORT = String(server.httpPort);
  return async () => {
    await server.close();
    stopDevices();
    if ('stop' in audio) audio.stop();
  };
}
