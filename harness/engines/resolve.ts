// Which browser build each engine column runs: a vendor's own build (GUM_<ENGINE>=path), else the OS package,
// else Playwright's downloaded build. Every failure is one line that says what to do.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { chromium, firefox, webkit } from 'playwright';
import { ConfigError } from '../errors';
import type { EngineId, EngineInfo } from '../types';

export interface ResolvedBrowser {
  executable: string;
  source: EngineInfo['source'];
  driverVersion: string;
}

const SYSTEM: Record<EngineId, string[]> = {
  chromium: ['/usr/bin/chromium', '/usr/bin/chromium-browser'],
  firefox: ['/usr/bin/firefox-esr', '/usr/bin/firefox'],
  // WebKitGTK is a library: the GJS driver loads it through GObject introspection.
  webkit: [
    '/usr/lib/x86_64-linux-gnu/girepository-1.0/WebKit2-4.1.typelib',
    '/usr/lib/aarch64-linux-gnu/girepository-1.0/WebKit2-4.1.typelib',
  ],
};

export const ENV_VAR: Record<EngineId, string> = { chromium: 'GUM_CHROMIUM', firefox: 'GUM_FIREFOX', webkit: 'GUM_WEBKIT' };

export function playwrightVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('playwright/package.json') as { version: string }).version;
}

function playwrightBuild(id: EngineId): string | undefined {
  try {
    const p = (id === 'chromium' ? chromium : id === 'firefox' ? firefox : webkit).executablePath();
    return p && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

export function resolveBrowser(id: EngineId, env: NodeJS.ProcessEnv = process.env): ResolvedBrowser {
  const driverVersion = playwrightVersion();
  const custom = env[ENV_VAR[id]];
  if (custom) {
    if (!existsSync(custom)) throw new ConfigError(`${id}: ${ENV_VAR[id]}=${custom} does not exist`);
    if (id !== 'webkit') {
      try {
        accessSync(custom, constants.X_OK);
        if (!statSync(custom).isFile()) throw new Error();
      } catch {
        throw new ConfigError(`${id}: ${ENV_VAR[id]}=${custom} is not an executable file`);
      }
    }
    return { executable: custom, source: 'custom', driverVersion };
  }
  const system = SYSTEM[id].find((p) => existsSync(p));
  if (system) return { executable: system, source: 'system', driverVersion };
  const own = playwrightBuild(id);
  if (own) return { executable: own, source: 'playwright', driverVersion };
  throw new ConfigError(
    `${id}: no browser found (looked for ${SYSTEM[id].join(', ')} and Playwright's own build); ` +
      `run \`npm run provision\` as root or set ${ENV_VAR[id]}=<path>`,
  );
}
