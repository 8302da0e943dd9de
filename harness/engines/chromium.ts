// Chromium through Playwright (CDP). Headful under Xvfb: headless Chromium answers every permission prompt itself
// (it dismisses it, and the dismissal turns the permission to `denied`), so a prompt could never be left unanswered.
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright';
import { acquireDisplay } from '../display';
import { MAPPED_HOSTS } from '../hosts';
import { audioServer, realDevicesMissing } from '../pulse';
import type { CaptureFault, DeviceSet, Unobserved, Engine, EngineInfo, LaunchOptions, PermissionState } from '../types';
import { FocusLedger } from './focus-ledger';
import { PlaywrightSession } from './playwright-session';
import { SparePool } from './spare';
import type { ResolvedBrowser } from './resolve';

// Browser UI Chromium 156 builds for every window: the omnibox's dropdown as WebUI pages (chrome://omnibox-popup.top-chrome/
// and its AI Mode variant), preloaded in a renderer of their own whether or not the dropdown is ever opened. Every context
// here is a window, so each paid for it: 1.1-1.3 s of renderer CPU per window, measured on 156.0.8078.114 (150 has no
// such page). Disabled, the dropdown is the native one; nothing a page sees changes. A build that does not know these
// names ignores them. Chromium honours only the last --disable-features switch, so they go into Playwright's own list
// (patches/playwright-core+1.64.1.patch).
//
// The spare renderer: Chromium keeps a renderer process started ahead for the next navigation. A Chromium run of the 587
// checks (156.0.8078.114) started 395 renderers with it and 234 without, so 161 were spares no document used, and used
// 10-11 % less CPU without it (whole machine: 174 / 150 s -> 156 / 135 s, two alternated runs), every cell the same. It
// changes which process a document gets, not what the document can do.
const DISABLED_BROWSER_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup', 'SpareRendererForSitePerProcess'];
(globalThis as { __pwChromiumDisabledFeatures?: string[] }).__pwChromiumDisabledFeatures = DISABLED_BROWSER_FEATURES;

const CDP_SETTING: Record<Exclude<PermissionState, 'prompt'>, 'granted' | 'denied'> = { granted: 'granted', denied: 'denied' };

// Capture devices are chosen at launch, per browser: a device set other than the default gets its own browser.
// `device-count` is the only fake-device parameter that removes devices, and it counts cameras only.
const DEVICE_ARGS: Partial<Record<DeviceSet, string[]>> = {
  'no-camera': ['--use-fake-device-for-media-stream=device-count=0'],
  // No fake-device switch: the machine's cameras and, through the run's own audio server, its microphone.
  real: [],
};
const NO_MICROPHONE_WHY =
  "Chromium's fake capture (--use-fake-device-for-media-stream) always lists three fake microphones " +
  '(hard-coded; its parameters fps, device-count, format, hardware-support, display-media-type and config cannot remove them), ' +
  "and without it Chromium uses the machine's own audio devices, which the harness does not control";
const OBSERVES: Unobserved = {
  prompts: { unobservable: 'Chromium shows its permission bubble in browser UI that CDP does not report' },
  indicator: { unobservable: "Chromium's capture indicator lives in browser UI that CDP does not report" },
};

const FAULT_WHY: Record<CaptureFault, string> = {
  'device-busy':
    "Chromium's fake capture devices cannot be held busy or made to fail to start (no fake-device parameter does it), " +
    'a file-backed fake camera (--use-file-for-fake-video-capture) that cannot be read is not listed at all (measured: NotFoundError), ' +
    'and this machine has no real camera another process could hold',
  'device-fails':
    "Chromium's fake capture devices cannot be made to fail while starting (no fake-device parameter does it), " +
    'a file-backed fake camera (--use-file-for-fake-video-capture) that cannot be read is not listed at all (measured: NotFoundError), ' +
    "this machine has no real camera, and its real microphone (a PulseAudio of the run's own) does not fail to start either: " +
    'with the daemon killed before the call Chromium lists no microphone (NotFoundError), with it frozen (SIGSTOP) the call ' +
    'resolves at once with a live track (both measured on chromium 150)',
  'user-media-disabled':
    'Chromium has no switch that disables user media for a document: no command-line flag or CDP command does, ' +
    'and blocking camera or microphone (CDP Browser.setPermission, content settings, permissions policy) rejects with NotAllowedError. ' +
    'Its one SecurityError path ("Invalid security origin") is a document with an opaque origin (a CSP sandbox or sandboxed frame ' +
    'without allow-same-origin), observed in policy/csp-sandbox/allow-scripts/video and frames/sandbox/allow-scripts: a rule about ' +
    'origins that the other engines answer with NotAllowedError, not a setting that disables user media on a document, so it is ' +
    "not taken as the seed's mechanism here",
};

interface Spare {
  context: BrowserContext;
  page: Page;
  browserContextId: string;
}
interface Instance {
  browser: Browser;
  browserCdp: CDPSession;
  spares: SparePool<Spare>;
}

export async function launchChromium(opts: LaunchOptions, bin: ResolvedBrowser): Promise<Engine> {
  const focus = new FocusLedger();
  const display = await acquireDisplay();
  const baseArgs = [
    `--host-resolver-rules=${MAPPED_HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(',')}`,
    // Trust the test leaf only in this browser instance (what WPT does for its own CA).
    `--ignore-certificate-errors-spki-list=${opts.leafSpki}`,
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--autoplay-policy=no-user-gesture-required',
    '--window-size=1024,768',
  ];
  const audio = audioServer();
  const launch = async (deviceArgs: string[], env: Record<string, string> = {}): Promise<Instance> => {
    let browser: Browser;
    try {
      browser = await chromium.launch({
        executablePath: bin.executable,
        headless: false,
        args: [...baseArgs, ...deviceArgs],
        env: { ...process.env, DISPLAY: display.display, ...env },
        timeout: 30_000,
      });
    } catch (e) {
      throw new Error(`chromium: cannot launch ${bin.executable}: ${String((e as Error).message).split('\n')[0]}`, { cause: e });
    }
    const browserCdp = await browser.newBrowserCDPSession();
    // Permissions are set per navigation (they depend on the origin), so one spare serves every profile.
    const spares = new SparePool<Spare>(
      async () => {
        const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
        if (opts.initScript) await context.addInitScript({ content: opts.initScript });
        focus.watch(context);
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        const { targetInfo } = (await cdp.send('Target.getTargetInfo')) as { targetInfo: { browserContextId: string } };
        await cdp.detach();
        return { context, page, browserContextId: targetInfo.browserContextId };
      },
      (s) => s.context.close(),
    );
    return { browser, browserCdp, spares };
  };
  let main: Instance;
  try {
    main = await launch(opts.devices === 'fake' ? ['--use-fake-device-for-media-stream'] : []);
  } catch (e) {
    await display.release();
    throw e;
  }
  // Browsers for the other device sets, launched on first use and kept for the rest of the run.
  const others = new Map<DeviceSet, Promise<Instance>>();
  const settled: Instance[] = [];
  const instanceFor = (devices: DeviceSet = 'default'): Promise<Instance> => {
    const deviceArgs = DEVICE_ARGS[devices];
    if (devices === 'default' || !deviceArgs || (devices === 'real' && opts.devices === 'real')) return Promise.resolve(main);
    let instance = others.get(devices);
    if (!instance) {
      instance = launch(deviceArgs, devices === 'real' && 'server' in audio ? { PULSE_SERVER: audio.server } : {});
      instance.then(
        (i) => settled.push(i),
        () => {},
      );
      others.set(devices, instance);
    }
    return instance;
  };
  const info: EngineInfo = {
    id: 'chromium',
    browser: 'Chromium',
    version: main.browser.version(),
    driver: `playwright ${bin.driverVersion} (CDP, headful on Xvfb)`,
    devices: opts.devices,
    executable: bin.executable,
    source: bin.source,
  };
  return {
    info,
    observes: OBSERVES,
    canHold: () => true,
    canProvide({ devices = 'default', fault }) {
      if (fault) return { unobservable: FAULT_WHY[fault] };
      const noReal = realDevicesMissing(devices, opts.devices);
      if (noReal) return noReal;
      if (devices !== 'default' && !DEVICE_ARGS[devices]) return { unobservable: NO_MICROPHONE_WHY };
      return true;
    },
    async newSession({ permissions, devices }) {
      const { browserCdp, spares } = await instanceFor(devices);
      const { context, page, browserContextId } = await spares.take('any');
      // CDP's origin-less form of Browser.setPermission does not take effect, so every top-level origin the session
      // navigates to gets the profile; permissions policy then decides what frames inherit.
      const setFor = async (_page: Page, url: string) => {
        let origin: string;
        try {
          // A file: URL's origin is opaque, but Chromium keys file: permissions on "file://" (CDP accepts that one).
          origin = url.startsWith('file:') ? 'file://' : new URL(url).origin;
        } catch {
          return;
        }
        if (origin === 'null') return;
        for (const kind of ['camera', 'microphone'] as const) {
          // An explicit CDP "prompt" override makes Chromium answer the prompt itself (NotAllowedError); leaving the
          // kind untouched is what keeps the real bubble open and unanswered.
          if (permissions[kind] === 'prompt') continue;
          await browserCdp
            .send('Browser.setPermission', {
              permission: { name: kind },
              setting: CDP_SETTING[permissions[kind] as 'granted' | 'denied'],
              origin,
              browserContextId,
            })
            .catch((e: Error) => {
              // Chromium refuses to store a grant for an insecure origin; such a page cannot use the API anyway.
              if (!/can't be granted/.test(e.message)) throw e;
            });
        }
      };
      // Chromium 156 keeps a request refused inside a frame with the tab (see refusedInFrame() in session-pool.ts).
      return new PlaywrightSession({ context, page }, OBSERVES, { beforeGoto: setFor, refusalMemory: 'tab', focus });
    },
    alive() {
      return main.browser.isConnected() && settled.every((i) => i.browser.isConnected());
    },
    async close() {
      const all = [main, ...(await Promise.all([...others.values()].map((p) => p.catch(() => null))))];
      for (const instance of all) {
        if (!instance) continue;
        await instance.spares.close();
        await instance.browser.close().catch(() => {});
      }
      await display.release();
    },
  };
}
