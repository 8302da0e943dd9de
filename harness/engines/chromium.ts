// Chromium through Playwright (CDP). Headful under Xvfb: headless Chromium answers every permission prompt itself
// (it dismisses it, and the dismissal turns the permission to `denied`), so a prompt could never be left unanswered.
import { chromium, type Page } from 'playwright';
import { acquireDisplay } from '../display';
import { MAPPED_HOSTS } from '../hosts';
import type { Engine, EngineInfo, LaunchOptions, PermissionState } from '../types';
import { PlaywrightSession } from './playwright-session';
import { SparePool } from './spare';
import type { ResolvedBrowser } from './resolve';

const CDP_SETTING: Record<Exclude<PermissionState, 'prompt'>, 'granted' | 'denied'> = { granted: 'granted', denied: 'denied' };

export async function launchChromium(opts: LaunchOptions, bin: ResolvedBrowser): Promise<Engine> {
  const display = await acquireDisplay();
  const args = [
    `--host-resolver-rules=${MAPPED_HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(',')}`,
    // Trust the test leaf only in this browser instance (what WPT does for its own CA).
    `--ignore-certificate-errors-spki-list=${opts.leafSpki}`,
    '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-quic', '--autoplay-policy=no-user-gesture-required',
    '--window-size=1024,768',
  ];
  if (opts.devices === 'fake') args.push('--use-fake-device-for-media-stream');
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: bin.executable, headless: false, args,
      env: { ...process.env, DISPLAY: display.display },
      timeout: 30_000,
    });
  } catch (e) {
    await display.release();
    throw new Error(`chromium: could not launch ${bin.executable}: ${String((e as Error).message).split('\n')[0]}`);
  }
  const browserCdp = await browser.newBrowserCDPSession();
  // Permissions are set per navigation (they depend on the origin), so one spare serves every profile.
  const spares = new SparePool(async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    if (opts.initScript) await context.addInitScript({ content: opts.initScript });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const { targetInfo } = await cdp.send('Target.getTargetInfo') as { targetInfo: { browserContextId: string } };
    await cdp.detach();
    return { context, page, browserContextId: targetInfo.browserContextId };
  }, (s) => s.context.close());
  const info: EngineInfo = {
    id: 'chromium', browser: 'Chromium', version: browser.version(), driver: `playwright ${bin.driverVersion} (CDP, headful on Xvfb)`,
    devices: opts.devices, executable: bin.executable, source: bin.source,
  };
  return {
    info,
    canHold: () => true,
    async newSession({ permissions }) {
      const { context, page, browserContextId } = await spares.take('any');
      // CDP's origin-less form of Browser.setPermission does not take effect, so every top-level origin the session
      // navigates to gets the profile; permissions policy then decides what frames inherit.
      const setFor = async (_page: Page, url: string) => {
        let origin: string;
        try {
          origin = new URL(url).origin;
        } catch {
          return;
        }
        if (origin === 'null') return;
        for (const kind of ['camera', 'microphone'] as const) {
          // An explicit CDP "prompt" override makes Chromium answer the prompt itself (NotAllowedError); leaving the
          // kind untouched is what keeps the real bubble open and unanswered.
          if (permissions[kind] === 'prompt') continue;
          await browserCdp.send('Browser.setPermission', {
            permission: { name: kind }, setting: CDP_SETTING[permissions[kind] as 'granted' | 'denied'], origin, browserContextId,
          }).catch((e: Error) => {
            // Chromium refuses to store a grant for an insecure origin; such a page cannot use the API anyway.
            if (!/can't be granted/.test(e.message)) throw e;
          });
        }
      };
      return new PlaywrightSession({ context, page }, {
        prompts: 'Chromium shows its permission bubble in browser UI that CDP does not report',
        indicator: 'Chromium\'s capture indicator lives in browser UI that CDP does not report',
      }, async () => {}, setFor);
    },
    async close() {
      await spares.close();
      await browser.close().catch(() => {});
      await display.release();
    },
  };
}
