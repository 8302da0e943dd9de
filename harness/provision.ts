// Installs what the selected engines need, from Debian's packages, when it is missing. Idempotent: when everything is
// present it does nothing and prints nothing. Browsers named by GUM_<ENGINE> or Playwright's own builds count as present.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ConfigError, ENV_VAR, resolveBrowser } from './engines/resolve';
import type { DeviceMode, EngineId } from './types';

interface Need { what: string; present: () => boolean; packages: string[] }

function browserPresent(id: EngineId): boolean {
  // A vendor build named by GUM_<ENGINE> is never replaced by a package: resolveBrowser reports it if it is wrong.
  if (process.env[ENV_VAR[id]]) return true;
  try {
    resolveBrowser(id);
    return true;
  } catch {
    return false;
  }
}

function needs(engines: EngineId[], devices: DeviceMode): Need[] {
  const list: Need[] = [];
  if (engines.includes('chromium')) list.push({ what: 'chromium', present: () => browserPresent('chromium'), packages: ['chromium'] });
  if (engines.includes('firefox')) list.push({ what: 'firefox', present: () => browserPresent('firefox'), packages: ['firefox-esr'] });
  if (engines.includes('webkit')) {
    list.push({ what: 'WebKitGTK (gir1.2-webkit2-4.1)', present: () => browserPresent('webkit'), packages: ['gir1.2-webkit2-4.1', 'libwebkit2gtk-4.1-0'] });
    list.push({ what: 'gjs', present: () => existsSync('/usr/bin/gjs'), packages: ['gjs'] });
  }
  // Chromium runs headful (so prompts stay open) and WebKitGTK needs a display: both on Xvfb.
  if (engines.includes('chromium') || engines.includes('webkit')) {
    list.push({ what: 'Xvfb', present: () => existsSync('/usr/bin/Xvfb'), packages: ['xvfb', 'xauth'] });
  }
  if (devices === 'real') list.push({ what: 'pulseaudio', present: () => existsSync('/usr/bin/pulseaudio'), packages: ['pulseaudio', 'pulseaudio-utils'] });
  return list;
}

export function provision(engines: EngineId[], devices: DeviceMode, log: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): void {
  const missing = needs(engines, devices).filter((n) => !n.present());
  if (!missing.length) return;
  const packages = [...new Set(missing.flatMap((n) => n.packages))];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    throw new ConfigError(`provision: missing ${missing.map((n) => n.what).join(', ')}; `
      + (hasApt ? `run as root, or: sudo apt-get install ${packages.join(' ')}` : `install them, or point GUM_CHROMIUM/GUM_FIREFOX/GUM_WEBKIT at builds`));
  }
  log(`provision: installing ${packages.join(' ')} (missing: ${missing.map((n) => n.what).join(', ')})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) => spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  let r = run(['install', '-y', '-qq', ...packages]);
  if (r.status !== 0) {
    run(['update', '-qq']);
    r = run(['install', '-y', '-qq', ...packages]);
  }
  if (r.status !== 0) {
    const why = (r.stderr ?? '').trim().split('\n').filter(Boolean).pop() ?? `exit ${r.status}`;
    throw new ConfigError(`provision: apt-get install ${packages.join(' ')} failed: ${why}`);
  }
  const still = missing.filter((n) => !n.present());
  if (still.length) throw new ConfigError(`provision: still missing after install: ${still.map((n) => n.what).join(', ')}`);
}
