// One entry point for every engine: tests never know which driver is underneath.
import type { Engine, EngineId, LaunchOptions } from '../types';
import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import { resolveBrowser } from './resolve';
import { launchPlaywrightWebKit } from './playwright-webkit';
import { launchWebKit } from './webkit';

export async function launchEngine(id: EngineId, opts: LaunchOptions): Promise<Engine> {
  const bin = resolveBrowser(id);
  switch (id) {
    case 'chromium':
      return launchChromium(opts, bin);
    case 'firefox':
      return launchFirefox(opts, bin);
    case 'webkit':
      return bin.source === 'playwright'
        ? launchPlaywrightWebKit(opts, bin)
        : launchWebKit({ ...opts, executablePath: bin.source === 'custom' ? bin.executable : undefined });
  }
}
