// Firefox through Playwright. Debian's firefox-esr (140 and 153 ESR seen) is driven over WebDriver BiDi (Playwright 1.64.1:
// 1.65 fails on ESR 153, older ones cannot start stock Firefox; see shared/notes/engines.md); Playwright's own Firefox
// build over Juggler.
// Firefox keeps camera/microphone decisions in prefs that are per browser, not per context, and takes its device set
// from prefs too; BiDi cannot set them. A temporary extension switches them at run time (firefox-pref-switch.ts), so
// one browser serves every permission profile and fake device set (the machine's devices, another pref, get a browser
// of their own). A build that refuses the extension, or a check that holds sessions of two settings at once, gets a
// browser per setting, launched on first use and reused for every later session with it.
import { firefox, type Browser } from 'playwright';
import { MAPPED_HOSTS } from '../hosts';
import { audioServer, realDevicesMissing } from '../pulse';
import type {
  CaptureFault,
  DeviceSet,
  Unobserved,
  Engine,
  EngineInfo,
  EngineSession,
  LaunchOptions,
  PermissionProfile,
  PermissionState,
  RefusalMemory,
} from '../types';
import { PrefSwitchboard, SWITCH_LAUNCH_PREFS, type BidiSend, type PrefSwitch, type SwitchablePrefs } from './firefox-pref-switch';
import { FocusLedger } from './focus-ledger';
import { IdleBrowsers } from './idle-browsers';
import { PlaywrightSession, type ContextAndPage } from './playwright-session';
import { SparePool } from './spare';
import type { ResolvedBrowser } from './resolve';

// Firefox builds older than Playwright's BiDi client (ESR 140: Playwright 1.64.1 speaks to 143+) lack commands the client
// sends at launch and context creation for features this suite never uses: collecting response bodies, download
// handling, screen emulation. patches/playwright-core+1.64.1.patch (applied by patch-package at `npm ci`) lets an embedder
// name such commands; an "unknown command" answer to one of them then counts as done, and every other error stays an
// error. The commands a build lacked are named in the matrix header's driver column. Measured: firefox-esr 140.12 lacks
// all but setMediaFeaturesOverride; with them tolerated it runs the whole suite. When Playwright is upgraded, re-measure
// this list and regenerate the patch (`npx patch-package playwright-core`); `npm ci` fails loudly if it no longer applies.
const OPTIONAL_BIDI_COMMANDS = [
  'network.addDataCollector', // response bodies (Response.body()): never read here
  'browser.setDownloadBehavior', // downloads: none here
  'emulation.setScreenOrientationOverride', // screen emulation: the viewport is set with browsingContext.setViewport
  'emulation.setScreenSettingsOverride',
  'emulation.setMediaFeaturesOverride', // prefers-color-scheme etc.: never emulated here (Playwright 1.65 sends it)
  // Playwright Test gives every context its default locale (en-US); the profile's own is en-US too, and no check reads it.
  'emulation.setLocaleOverride',
];
type BidiGlobals = {
  __pwBidiUnsubscribedEvents?: string[];
  __pwBidiOptionalCommands?: Set<string>;
  __pwBidiSkippedCommands?: Set<string>;
  __pwBidiNewPageType?: 'tab';
  __pwBidiOnConnect?: (send: BidiSend) => Promise<void>;
};
const bidiGlobals = globalThis as BidiGlobals;
bidiGlobals.__pwBidiOptionalCommands = new Set(OPTIONAL_BIDI_COMMANDS);
// Playwright subscribes to every network event to build Request and Response objects, which nothing here reads (no
// route, no response, no request event): Firefox then runs its devtools network observer on every request and sends
// three events for each. A Gecko profile of 150 navigations (ESR 140) had the network observer and event records at
// about 9 % of the parent process's busy main thread. The same patch skips the auth intercept and the response-body
// collector, which only serve those events.
bidiGlobals.__pwBidiUnsubscribedEvents = ['network'];
// Playwright opens every BiDi page as a window of its own, and Firefox builds a whole browser window for each (half
// of the parent process's main-thread CPU in a run of new contexts, profiled on ESR 140). The same patch lets a page be
// a tab of the open window. Measured on ESR 140: a context, its page, a navigation, getUserMedia and close cost
// 840-890 ms wall and 820-880 ms of Firefox CPU as windows, 620-630 ms and 510-530 ms as tabs; device-exposure,
// document-source, frames and permission-matrix (257 cells, Firefox alone, runs alternated twice): 176 / 150 s wall
// as windows, 161 / 146 s as tabs, every cell identical. The selected tab has the focus getUserMedia waits for, as a
// window has.
bidiGlobals.__pwBidiNewPageType = 'tab';

// Device sets: a loopback device name takes precedence over fake devices (MediaManager), so naming a device that does
// not exist leaves no device of that kind while the other kind stays as it was (fake or real).
const NO_SUCH_CAMERA = 'gum-conformance: no camera';
const NO_SUCH_MICROPHONE = 'gum-conformance: no microphone';
const LOOPBACK: Record<DeviceSet, { video: string; audio: string }> = {
  default: { video: '', audio: '' },
  'no-camera': { video: NO_SUCH_CAMERA, audio: '' },
  'no-microphone': { video: '', audio: NO_SUCH_MICROPHONE },
  none: { video: NO_SUCH_CAMERA, audio: NO_SUCH_MICROPHONE },
  real: { video: '', audio: '' },
};
const OBSERVES: Unobserved = {
  prompts: { unobservable: 'Firefox shows its permission panel in browser chrome that WebDriver BiDi does not report' },
  indicator: { unobservable: "Firefox's sharing indicator lives in browser chrome that WebDriver BiDi does not report" },
};

const FAULT_WHY: Record<CaptureFault, string> = {
  'device-busy':
    "Firefox's fake devices (media.navigator.streams.fake) always allocate and start, and no pref makes them fail " +
    '(media.getusermedia.camera.deny / microphone.deny reject with NotAllowedError before any device is opened; the cubeb mock ' +
    'context, media.cubeb.force_mock_context, has no failure switch reachable by prefs); this machine has no real camera to hold busy',
  'device-fails':
    "Firefox's fake devices (media.navigator.streams.fake) always start, and no pref makes a device fail while starting " +
    '(the cubeb mock context, media.cubeb.force_mock_context, has no failure switch reachable by prefs); this machine has no real camera, ' +
    "and its real microphone (a PulseAudio of the run's own) does not fail to start either: with the daemon killed or frozen " +
    '(SIGSTOP) before the call, firefox-esr 140 still lists the microphone and resolves with a track (measured)',
  'user-media-disabled':
    'Firefox has no pref that disables user media for a document with SecurityError: media.navigator.enabled ' +
    '(with media.peerconnection.enabled) removes navigator.mediaDevices altogether, and MediaManager rejects with SecurityError only ' +
    'for a window without a principal or document, which a page cannot arrange',
};
// A request refused inside a frame leaves nothing in Firefox that the next check could meet: not in the tab (measured on
// ESR 140 and 153: frames/ with a new page after every such refusal and without, 102 cells identical each time; a new
// page cost as much as a new context when pages were windows), and not in the document or its frames (frames/ with
// them kept for the next check after refusals, against a context per check: 102 cells identical on ESR 140 and on
// ESR 153; Firefox CPU for frames/ 44 -> 29 s on ESR 140).
const REFUSAL_MEMORY: RefusalMemory = 'nothing';

const PERMISSION_PREF: Record<PermissionState, number> = { granted: 1, denied: 2, prompt: 0 };
/** The prefs that give a browser a permission profile and device set: at launch, or switched at run time. */
function settingPrefs(p: PermissionProfile, devices: DeviceSet): SwitchablePrefs {
  return {
    'permissions.default.camera': PERMISSION_PREF[p.camera],
    'permissions.default.microphone': PERMISSION_PREF[p.microphone],
    // Fake devices only exist when no real ones are selected: keep loopback devices out of fake runs, except to name a
    // device that does not exist (a device set without that kind).
    'media.audio_loopback_dev': LOOPBACK[devices].audio,
    'media.video_loopback_dev': LOOPBACK[devices].video,
  };
}
/** A profile's browser nobody has used for this long is closed (see idle-browsers.ts); GUM_FIREFOX_IDLE_MS overrides. */
const IDLE_CLOSE_MS = Number(process.env['GUM_FIREFOX_IDLE_MS'] ?? 15_000);
/** A permission profile and device set: the key of a browser that serves only it, and what a switched one holds. */
const settingKey = (p: PermissionProfile, devices: DeviceSet) => `${p.camera}/${p.microphone}/${devices}`;
/** The browser whose prefs are switched at run time. */
const SWITCHED = 'switched';

/** A running browser: the setting its prefs hold now, and how many sessions lent to checks rely on it. */
interface Handle {
  browser: Browser;
  switch: PrefSwitch | null;
  setting: string;
  /** Settles once the prefs hold `setting`. */
  applied: Promise<void>;
  leases: number;
}

/** The optional BiDi commands this build did not know, for the driver column. */
function skippedCommands(): string {
  const skipped = [...(bidiGlobals.__pwBidiSkippedCommands ?? [])];
  return skipped.length ? `; build lacks ${skipped.join(', ')}: not used here` : '';
}

export async function launchFirefox(opts: LaunchOptions, bin: ResolvedBrowser): Promise<Engine> {
  const handles = new Map<string, Promise<Handle>>();
  const launched = new Set<Browser>();
  const idle = new IdleBrowsers(IDLE_CLOSE_MS);
  const bidi = bin.source !== 'playwright';
  const switchboard = new PrefSwitchboard();

  const audio = audioServer();
  // One launch at a time: the BiDi hook that installs the extension belongs to the launch in progress.
  let launches: Promise<unknown> = Promise.resolve();
  const launch = (permissions: PermissionProfile, devices: DeviceSet, switched: boolean): Promise<Handle> => {
    const run = async (): Promise<Handle> => {
      const ext = switched && bidi ? await switchboard.prepare() : undefined;
      bidiGlobals.__pwBidiOnConnect = ext?.install;
      let browser: Browser;
      try {
        browser = await firefox.launch({
          ...(bidi ? { channel: 'moz-firefox' } : {}),
          executablePath: bin.executable,
          headless: true,
          timeout: 60_000,
          // Every browser gets the run's own audio server (cubeb's PulseAudio backend reads PULSE_SERVER): for the 'real'
          // device set it is the machine's microphone; for the others only the audio output, without which an AudioContext
          // never leaves "suspended" (measured on ESR 140 and 153 headless), so what a track carries could only be read
          // from a recording, which ends with the track. Capture stays on the fake devices (media.navigator.streams.fake).
          ...('server' in audio ? { env: { ...process.env, PULSE_SERVER: audio.server } } : {}),
          firefoxUserPrefs: {
            'media.navigator.streams.fake': opts.devices === 'fake' && devices !== 'real',
            ...settingPrefs(permissions, devices),
            ...(ext ? SWITCH_LAUNCH_PREFS : {}),
            'network.dns.localDomains': MAPPED_HOSTS.join(','),
            'media.autoplay.default': 0,
            'media.autoplay.blocking_policy': 0,
            // Headless Firefox still lays out and paints its own window (tab strip, URL bar), and the tab's loading
            // throbber animates through every navigation. Gecko profile of the parent's main thread over the
            // secure-context and document-source areas (ESR 140): refresh-driver ticks 18 % of its busy samples, 13 %
            // with the throbber still, and 14 % fewer busy samples in all. No fixture page reads prefers-reduced-motion,
            // which this pref also answers.
            'ui.prefersReducedMotion': 1,
          },
        });
      } finally {
        bidiGlobals.__pwBidiOnConnect = undefined;
      }
      const sw = ext ? await ext.connected() : null;
      return { browser, switch: sw, setting: settingKey(permissions, devices), applied: Promise.resolve(), leases: 0 };
    };
    const done = launches.then(run, run);
    launches = done.catch(() => {});
    return done;
  };

  const handleFor = (key: string, permissions: PermissionProfile, devices: DeviceSet): Promise<Handle> => {
    let h = handles.get(key);
    if (!h) {
      h = launch(permissions, devices, key === SWITCHED).then(
        (handle) => {
          launched.add(handle.browser);
          idle.started(key);
          return handle;
        },
        (e: Error) => {
          throw new Error(`firefox: cannot launch ${bin.executable}: ${String(e.message).split('\n')[0]}`);
        },
      );
      handles.set(key, h);
    }
    return h;
  };

  /**
   * The browser a session with this setting goes to: the switched one, unless sessions lent with another setting rely on
   * its prefs (then, as on a build without the extension, the setting's own). The machine's devices are not a switch of
   * loopback names (media.navigator.streams.fake is off): they always get a browser of their own.
   */
  const route = async (permissions: PermissionProfile, devices: DeviceSet): Promise<string> => {
    const want = settingKey(permissions, devices);
    // Without the extension only the first browser, kept under this key, is there to serve its own setting.
    if (devices === 'real' || (!switching && !handles.has(SWITCHED))) return want;
    const h = await handleFor(SWITCHED, permissions, devices);
    if (h.setting === want || (h.switch && h.leases === 0)) return SWITCHED;
    return want;
  };

  /** Gives the browser this setting's prefs and counts one more session relying on them; false if it cannot. */
  const lease = async (h: Handle, permissions: PermissionProfile, devices: DeviceSet): Promise<boolean> => {
    const want = settingKey(permissions, devices);
    if (h.setting !== want) {
      if (!h.switch || h.leases > 0) return false;
      h.setting = want;
      // A browser whose prefs could not be set holds no known setting: nothing is routed to it from then on.
      h.applied = h.switch.set(settingPrefs(permissions, devices)).catch((e: unknown) => {
        h.switch = null;
        h.setting = 'unknown';
        throw e;
      });
    }
    // Counted before the prefs are set, so no other setting's session switches them meanwhile.
    h.leases++;
    try {
      await h.applied;
    } catch (e) {
      h.leases--;
      throw e;
    }
    return true;
  };

  const focus = new FocusLedger();
  const spares = new SparePool(
    async (key) => {
      const handle = await handles.get(key);
      if (!handle) throw new Error(`harness: no Firefox browser for ${key}`);
      // ignoreHTTPSErrors maps to BiDi acceptInsecureCerts, scoped to this context: the test CA is never trusted
      // outside it (Playwright gives no way to put the CA into the profile's cert9.db for a non-persistent launch).
      const context = await handle.browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1000, height: 700 } });
      if (opts.initScript) await context.addInitScript({ content: opts.initScript });
      focus.watch(context);
      return { context, page: await context.newPage() };
    },
    (s) => s.context.close(),
  );

  /** Sessions open per browser. */
  const open = new Map<string, number>();
  const GRANTED: PermissionProfile = { camera: 'granted', microphone: 'granted' };
  const firstKey = SWITCHED;
  const first = await handleFor(firstKey, GRANTED, 'default');
  /** Whether this build took the extension: decided by the first browser (route() runs only once it is known). */
  const switching = bidi && first.switch !== null;
  // The browser most checks use stays; a session still lent from a closed one fails its next call, which check()
  // retries as a harness error on a new session.
  const sweeper = setInterval(() => {
    for (const key of idle.sweep((k) => k === firstKey)) {
      const handle = handles.get(key);
      handles.delete(key);
      spares.drop(key);
      void handle?.then(async (h) => {
        launched.delete(h.browser);
        h.switch?.close();
        await h.browser.close().catch(() => {});
      });
    }
  }, 1000);
  sweeper.unref();
  const info: EngineInfo = {
    id: 'firefox',
    browser: /esr/i.test(bin.executable) ? 'Firefox ESR' : 'Firefox',
    version: first.browser.version(),
    // A getter: contexts made later can add to the commands this build turned out to lack.
    get driver() {
      const profiles = switching
        ? 'permission and device prefs switched by a temporary extension'
        : 'a browser per permission profile and device set';
      return `playwright ${bin.driverVersion} (${bidi ? 'WebDriver BiDi' : 'Juggler'}, headless, ${profiles}${skippedCommands()})`;
    },
    devices: opts.devices,
    executable: bin.executable,
    source: bin.source,
  };
  return {
    info,
    observes: OBSERVES,
    canHold: () => true,
    canProvide: ({ fault, devices }) => {
      if (fault) return { unobservable: FAULT_WHY[fault] };
      return realDevicesMissing(devices, opts.devices) ?? true;
    },
    async newSession({ permissions, devices: asked = 'default' }) {
      const devices = asked === 'real' && opts.devices === 'real' ? 'default' : asked;
      let key = await route(permissions, devices);
      let handle: Handle;
      let made: ContextAndPage;
      for (;;) {
        idle.used(key);
        handle = await handleFor(key, permissions, devices);
        // Firefox lets getUserMedia wait until the page has focus, and a page opened later takes the focus: the next
        // spare is made only once no session of this browser is open (an idle shared one included, which it would rob).
        made = await spares.take(key, false);
        if (await lease(handle, permissions, devices)) break;
        // Sessions of another setting came to rely on the switched browser's prefs meanwhile: the setting's own browser.
        await made.context.close().catch(() => {});
        key = settingKey(permissions, devices);
      }
      let leased = true;
      const unlease = () => {
        if (leased) handle.leases--;
        leased = false;
      };
      const session = new PlaywrightSession(made, OBSERVES, {
        onClose: async () => {
          unlease();
          open.set(key, (open.get(key) ?? 1) - 1);
          if (!open.get(key) && handles.has(key)) spares.refill(key);
        },
        refusalMemory: REFUSAL_MEMORY,
        focus,
      });
      open.set(key, (open.get(key) ?? 0) + 1);
      const lent: EngineSession = {
        goto: (url) => session.goto(url),
        evaluate: (expression) => session.evaluate(expression),
        prompts: () => session.prompts(),
        captureIndicator: () => session.captureIndicator(),
        recycle: () => session.recycle(),
        renewPage: () => session.renewPage(),
        refusalMemory: session.refusalMemory,
        // Lent again by the pool: the prefs become this session's setting, unless another setting's sessions rely on them.
        refocus: async (focused) => {
          if (!leased && !(await lease(handle, permissions, devices))) throw new Error('the browser holds another setting');
          leased = true;
          await session.refocus(focused);
        },
        returned: unlease,
        close: () => session.close(),
      };
      return idle.track(key, lent);
    },
    alive() {
      return [...launched].every((b) => b.isConnected());
    },
    async close() {
      clearInterval(sweeper);
      await spares.close();
      await Promise.all([...handles.values()].map(async (h) => (await h.catch(() => null))?.browser.close().catch(() => {})));
      switchboard.close();
    },
  };
}
