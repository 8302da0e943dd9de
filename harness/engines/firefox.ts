// Firefox through Playwright. Debian's firefox-esr is driven over WebDriver BiDi (Playwright 1.64.1 is the last
// version whose BiDi client works with ESR 153; see shared/notes/engines.md); Playwright's own Firefox build over Juggler.
// Firefox keeps camera/microphone decisions in prefs that are per browser, not per context, and BiDi's
// permissions.setPermission is accepted but ignored for camera/microphone, so each permission profile gets its own
// browser, launched on first use and reused for every later session with the same profile.
import { firefox, type Browser } from 'playwright';
import { MAPPED_HOSTS } from '../hosts';
import type { Engine, EngineInfo, LaunchOptions, PermissionProfile, PermissionState } from '../types';
import { PlaywrightSession } from './playwright-session';
import { SparePool } from './spare';
import type { ResolvedBrowser } from './resolve';

const profileKey = (p: PermissionProfile) => `${p.camera}/${p.microphone}`;
const PREF: Record<PermissionState, number> = { granted: 1, denied: 2, prompt: 0 };

export async function launchFirefox(opts: LaunchOptions, bin: ResolvedBrowser): Promise<Engine> {
  const browsers = new Map<string, Promise<Browser>>();
  const bidi = bin.source !== 'playwright';

  const launch = (p: PermissionProfile): Promise<Browser> => firefox.launch({
    ...(bidi ? { channel: 'moz-firefox' } : {}),
    executablePath: bin.executable,
    headless: true,
    timeout: 60_000,
    firefoxUserPrefs: {
      'media.navigator.streams.fake': opts.devices === 'fake',
      'permissions.default.camera': PREF[p.camera],
      'permissions.default.microphone': PREF[p.microphone],
      'network.dns.localDomains': MAPPED_HOSTS.join(','),
      'media.autoplay.default': 0,
      'media.autoplay.blocking_policy': 0,
      // Fake devices only exist when no real ones are selected: keep loopback audio out of fake runs.
      'media.audio_loopback_dev': '', 'media.video_loopback_dev': '',
    },
  });

  const browserFor = (p: PermissionProfile): Promise<Browser> => {
    const key = profileKey(p);
    let b = browsers.get(key);
    if (!b) {
      b = launch(p).catch((e: Error) => {
        throw new Error(`firefox: could not launch ${bin.executable}: ${String(e.message).split('\n')[0]}`);
      });
      browsers.set(key, b);
    }
    return b;
  };

  const spares = new SparePool(async (key) => {
    const [camera, microphone] = key.split('/') as [PermissionState, PermissionState];
    const browser = await browserFor({ camera, microphone });
    // ignoreHTTPSErrors maps to BiDi acceptInsecureCerts, scoped to this context: the test CA is never trusted
    // outside it (Playwright gives no way to put the CA into the profile's cert9.db for a non-persistent launch).
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1000, height: 700 } });
    if (opts.initScript) await context.addInitScript({ content: opts.initScript });
    return { context, page: await context.newPage() };
  }, (s) => s.context.close());

  const first = await browserFor({ camera: 'granted', microphone: 'granted' });
  const info: EngineInfo = {
    id: 'firefox', browser: /esr/i.test(bin.executable) ? 'Firefox ESR' : 'Firefox', version: first.version(),
    driver: `playwright ${bin.driverVersion} (${bidi ? 'WebDriver BiDi' : 'Juggler'}, headless)`,
    devices: opts.devices, executable: bin.executable, source: bin.source,
  };
  return {
    info,
    canHold: () => true,
    async newSession({ permissions }) {
      // Firefox lets getUserMedia wait until the page has focus, and a page opened later takes the focus: the next
      // spare is made only once this session is over.
      const key = profileKey(permissions);
      return new PlaywrightSession(await spares.take(key, false), {
        prompts: 'Firefox shows its permission panel in browser chrome that WebDriver BiDi does not report',
        indicator: 'Firefox\'s sharing indicator lives in browser chrome that WebDriver BiDi does not report',
      }, async () => spares.refill(key));
    },
    async close() {
      await spares.close();
      await Promise.all([...browsers.values()].map(async (b) => (await b.catch(() => null))?.close().catch(() => {})));
    },
  };
}
