// Playwright's own WebKit build, used only where the system has no WebKitGTK for the GJS driver but Playwright's
// browsers are installed (not the case on the Debian machines this suite is developed on: this path is kept small
// and honest about what it cannot do). Playwright can grant camera/microphone to a context (with its mock devices),
// but offers no way to deny one or to leave a prompt open, so those profiles are reported as not observable.
import { webkit } from 'playwright';
import type { Engine, EngineInfo, LaunchOptions, Unobserved } from '../types';
import { PlaywrightSession } from './playwright-session';
import type { ResolvedBrowser } from './resolve';
import { makeHostMatcher, startProxy } from './loopback-proxy';

const OBSERVES: Unobserved = {
  prompts: { unobservable: "Playwright's WebKit does not report permission prompts" },
  indicator: { unobservable: "Playwright's WebKit does not report its capture indicator" },
};

export async function launchPlaywrightWebKit(opts: LaunchOptions, bin: ResolvedBrowser): Promise<Engine> {
  // Host names: Playwright's WebKit has no resolver rules, so it goes through the same loopback proxy as WebKitGTK.
  const proxy = await startProxy(makeHostMatcher(opts.hosts), async () => {});
  const browser = await webkit
    .launch({ executablePath: bin.executable, headless: true, timeout: 30_000, proxy: { server: proxy.url } })
    .catch(async (e: Error) => {
      await proxy.close();
      throw new Error(`webkit: cannot launch Playwright's WebKit at ${bin.executable}: ${e.message.split('\n')[0]}`);
    });
  const info: EngineInfo = {
    id: 'webkit',
    browser: 'WebKit (Playwright build)',
    version: browser.version(),
    driver: `playwright ${bin.driverVersion}`,
    devices: opts.devices,
    executable: bin.executable,
    source: bin.source,
  };
  const why = "Playwright's WebKit can only grant camera/microphone; it has no way to deny them or leave a prompt open";
  return {
    info,
    observes: OBSERVES,
    canHold: (_kind, state) => (state === 'granted' ? true : { unobservable: why }),
    canProvide: ({ devices = 'default', fault }) =>
      devices === 'default' && !fault
        ? true
        : { unobservable: "Playwright's WebKit offers only its mock devices as they are: no switch removes a kind or makes one fail" },
    async newSession() {
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      if (opts.initScript) await context.addInitScript({ content: opts.initScript });
      await context.grantPermissions(['camera', 'microphone']);
      return new PlaywrightSession({ context, page: await context.newPage() }, OBSERVES);
    },
    alive: () => browser.isConnected(),
    async close() {
      await browser.close().catch(() => {});
      await proxy.close();
    },
  };
}
