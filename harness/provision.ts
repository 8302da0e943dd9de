// Installs what the selected engines need, from Debian's packages, when it is missing. Idempotent: when everything is
// present it does nothing and prints nothing. Browsers named by GUM_<ENGINE> or Playwright's own builds count as present.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ConfigError } from './errors';
import { ENV_VAR, resolveBrowser } from './engines/resolve';
import type { DeviceMode, EngineId } from './types';

interface Need {
  what: string;
  present: () => boolean;
  packages: string[];
}

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

function needs(engines: EngineId[], _devices: DeviceMode): Need[] {
  const list: Need[] = [];
  if (engines.includes('chromium')) list.push({ what: 'chromium', present: () => browserPresent('chromium'), packages: ['chromium'] });
  if (engines.includes('firefox')) list.push({ what: 'firefox', present: () => browserPresent('firefox'), packages: ['firefox-esr'] });
  if (engines.includes('webkit')) {
    list.push({
      what: 'WebKitGTK (gir1.2-webkit2-4.1)',
      present: () => browserPresent('webkit'),
      packages: ['gir1.2-webkit2-4.1', 'libwebkit2gtk-4.1-0'],
    });
    list.push({ what: 'gjs', present: () => existsSync('/usr/bin/gjs'), packages: ['gjs'] });
  }
  // Chromium runs headful (so prompts stay open) and WebKitGTK needs a display: both on Xvfb.
  if (engines.includes('chromium') || engines.includes('webkit')) {
    list.push({ what: 'Xvfb', present: () => existsSync('/usr/bin/Xvfb'), packages: ['xvfb', 'xauth'] });
  }
  // Every run has checks on the machine's devices (the real-devices area): a PulseAudio sine source is the microphone.
  list.push({ what: 'pulseaudio', present: () => existsSync('/usr/bin/pulseaudio'), packages: ['pulseaudio', 'pulseaudio-utils'] });
  return list;
}

/**
 * Runs apt-get, printing what it does as it goes: one line per phase, and every few seconds how many of the packages
 * have been fetched / unpacked / set up (an install of three browsers takes minutes; silence looks like a hang).
 */
function aptWithProgress(args: string[], total: number, log: (s: string) => void): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolveRun) => {
    const child = spawn('apt-get', ['-o', 'Dpkg::Use-Pty=0', ...args], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const counts = { Get: 0, Unpacking: 0, 'Setting up': 0 };
    let stderr = '';
    let said = '';
    const say = () => {
      const line = `provision: ${counts.Get}/${total} fetched, ${counts.Unpacking}/${total} unpacked, ${counts['Setting up']}/${total} set up`;
      if (line !== said) log(line);
      said = line;
    };
    const timer = setInterval(say, 5_000);
    let buf = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buf += chunk;
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) {
        for (const k of Object.keys(counts) as (keyof typeof counts)[]) if (l.startsWith(k)) counts[k]++;
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('close', (status) => {
      clearInterval(timer);
      if (total) say();
      resolveRun({ status, stderr });
    });
  });
}

/** How many packages an install would add (apt-get's simulation), for the progress lines. */
function packagesToInstall(packages: string[]): number {
  const r = spawnSync('apt-get', ['install', '-s', ...packages], {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return (r.stdout ?? '').split('\n').filter((l) => l.startsWith('Inst ')).length;
}

export async function provision(
  engines: EngineId[],
  devices: DeviceMode,
  log: (s: string) => void = (s) => process.stderr.write(`${s}\n`),
): Promise<void> {
  const missing = needs(engines, devices).filter((n) => !n.present());
  if (!missing.length) return;
  const packages = [...new Set(missing.flatMap((n) => n.packages))];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    throw new ConfigError(
      `provision: missing ${missing.map((n) => n.what).join(', ')}; ` +
        (hasApt
          ? `run as root, or: sudo apt-get install ${packages.join(' ')}`
          : `install them, or point GUM_CHROMIUM/GUM_FIREFOX/GUM_WEBKIT at builds`),
    );
  }
  let total = packagesToInstall(packages);
  log(
    `provision: installing ${packages.join(' ')} from Debian (missing: ${missing.map((n) => n.what).join(', ')}; ` +
      `${total ? `${total} packages with dependencies` : 'package lists first'}), a few minutes`,
  );
  let r = await aptWithProgress(['install', '-y', ...packages], total, log);
  if (r.status !== 0) {
    log('provision: apt-get update (the package lists were missing or stale)');
    await aptWithProgress(['update'], 0, log);
    total = packagesToInstall(packages);
    r = await aptWithProgress(['install', '-y', ...packages], total, log);
  }
  if (r.status !== 0) {
    const why = (r.stderr ?? '').trim().split('\n').filter(Boolean).pop() ?? `exit ${r.status}`;
    throw new ConfigError(`provision: apt-get install ${packages.join(' ')} failed: ${why}`);
  }
  const still = missing.filter((n) => !n.present());
  if (still.length) throw new ConfigError(`provision: still missing after install: ${still.map((n) => n.what).join(', ')}`);
  log('provision: done');
}
