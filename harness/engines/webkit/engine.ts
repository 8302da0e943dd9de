// The WebKitGTK Engine: one gjs driver per engine, one WebView per session (see index.ts for the design).
import { spawn } from 'node:child_process';
import { acquireDisplay, findOnPath, type DisplayLease } from '../../display';
import { machineCameras } from '../../machine-cameras';
import { audioServer, realDevicesMissing } from '../../pulse';
import type {
  CaptureFault,
  CaptureIndicator,
  DeviceSet,
  DriverObservations,
  Engine,
  EngineInfo,
  EngineSession,
  PermissionState,
  PromptRecord,
  SessionEnvironment,
  SessionOptions,
  Unobservable,
} from '../../types';
import { makeHostMatcher, startProxy } from '../loopback-proxy';
import { resolveBuild } from './build';
import { fetchVerifiedLeaf, leafCertificates } from './certificates';
import { COMMAND_TIMEOUT_MS, Driver, DRIVER_PATH, type Hello, type WebKitLaunchOptions } from './driver-connection';

const gjsVersion = (v: number) => `${Math.floor(v / 10000)}.${Math.floor(v / 100) % 100}.${v % 100}`;

export async function launchWebKit(opts: WebKitLaunchOptions): Promise<Engine> {
  const gjs = findOnPath('gjs');
  if (!gjs) throw new Error('webkit: gjs not found; run `npm run provision` or install gjs gir1.2-webkit2-4.1');
  const build = resolveBuild(opts.executablePath);

  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
  };
  try {
    const lease: DisplayLease = await acquireDisplay();
    cleanups.push(() => lease.release());

    const certificates = leafCertificates(opts.leafCertPem, opts.caCertPem);
    const covered = new Set(certificates.map((c) => c.host));
    // Set once the driver runs; certificate learning needs it.
    let driverRef: Driver | null = null;
    const learned = new Map<string, Promise<void>>(); // host:port -> verified and sent to the driver
    const proxy = await startProxy(makeHostMatcher(opts.hosts), (host, port) => {
      const key = `${host}:${port}`;
      let p = learned.get(key);
      // Hosts the given leaf covers need no probe (and get no extra connection to the fixture server).
      if (!p && !covered.has(host) && opts.caCertPem && driverRef) {
        const driver = driverRef;
        p = fetchVerifiedLeaf(host, port, opts.caCertPem).then((pem) => driver.call<void>('allowCertificate', { host, pem }, 5_000));
        learned.set(key, p);
        p.catch(() => learned.delete(key)); // e.g. the server was not up yet: try again next time
      }
      return p ?? Promise.resolve();
    });
    cleanups.push(() => proxy.close());

    const config = { devices: opts.devices, proxy: proxy.url, certificates };
    // A view with mock devices off captures through GStreamer's PulseAudio source: the run's own audio server, if any.
    const audio = audioServer();
    const child = spawn(gjs, [DRIVER_PATH, JSON.stringify(config)], {
      // GDK_BACKEND: our Xvfb even if the caller's session has WAYLAND_DISPLAY; NO_AT_BRIDGE: no a11y bus lookup.
      env: {
        ...process.env,
        ...build.env,
        ...('server' in audio ? { PULSE_SERVER: audio.server } : {}),
        DISPLAY: lease.display,
        GDK_BACKEND: 'x11',
        NO_AT_BRIDGE: '1',
        // Without a session bus GLib autolaunches one: the web process forked itself to run `dbus-launch` about twice a
        // second through the constraint checks (2.50.6; none is installed here, so each attempt failed and the next
        // forked again), 29 % of its CPU there (14.2 -> 10.1 s, every cell the same). An address that cannot connect
        // fails at once. A caller's own session bus is left as it is.
        ...(process.env['DBUS_SESSION_BUS_ADDRESS'] ? {} : { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/dev/null/no-session-bus' }),
        // A <video> playing a stream gets GStreamer's software video sink, not its GL sink: without a GPU the GL sink is
        // llvmpipe, which built a GL context (shaders compiled through LLVM) for each <video> a constraint check makes.
        // Web process CPU over the constraint checks 10.2 / 9.9 -> 5.9 / 5.8 s (2.50.6, alternated), every cell of a
        // full WebKitGTK run the same, frame sizes and rates included (29-30 frames/s presented either way). The page's
        // own compositing, which requestVideoFrameCallback needs, is unchanged. A value the caller sets is kept.
        WEBKIT_GST_DISABLE_GL_SINK: process.env['WEBKIT_GST_DISABLE_GL_SINK'] ?? '1',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const driver = new Driver(child, opts.commandTimeoutMs ?? COMMAND_TIMEOUT_MS);
    driverRef = driver;
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    cleanups.push(async () => {
      process.removeListener('exit', killOnExit);
      if (driver.alive) await driver.call('quit', {}, 5_000).catch(() => {});
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await driver.exited;
      clearTimeout(timer);
    });

    let hello: Hello;
    try {
      await driver.ready(15_000);
      hello = await driver.call<Hello>('hello', {}, 15_000);
    } catch (e) {
      const msg = (e as Error).message;
      if (/Typelib file for namespace '(WebKit2|Gtk)'|Requiring (WebKit2|Gtk)/.test(msg)) {
        throw new Error('webkit: WebKit2 4.1 typelib not found; run `npm run provision` or install gjs gir1.2-webkit2-4.1', { cause: e });
      }
      throw e;
    }
    if (!hello.features.asyncJs) {
      throw new Error(
        `webkit: WebKitGTK ${hello.webkitVersion} has no WebView.call_async_javascript_function (added in 2.40): ` +
          'the GJS driver cannot run page code on this build',
      );
    }
    if (opts.initScript) await driver.call('userScript', { source: opts.initScript });

    const info: EngineInfo = {
      id: 'webkit',
      browser: 'WebKitGTK',
      version: hello.webkitVersion,
      driver: `gjs ${gjsVersion(hello.gjs)} + WebKit2 4.1 (in-process WebView)`,
      devices: opts.devices,
      executable: hello.library ?? hello.typelib ?? 'libwebkit2gtk-4.1',
      source: build.source,
      userAgent: hello.userAgent,
    };
    const observes: DriverObservations = {
      prompts: true,
      indicator: hello.features.captureState
        ? true
        : {
            unobservable: `WebKitGTK ${hello.webkitVersion} has no WebView camera-capture-state / microphone-capture-state (added in 2.34)`,
          },
    };
    return new WebKitEngine(info, observes, driver, cleanup);
  } catch (e) {
    await cleanup();
    throw e;
  }
}

// Device sets: WebKitGTK's mock devices (2 cameras, 3 microphones) are fixed outside WebKitTestRunner, so a set without
// cameras is a view with mock devices off, on a machine that has no camera of its own.
const NO_MICROPHONE_WHY =
  "WebKitGTK's mock capture devices always include microphones (their list can only be changed through " +
  "WebKitTestRunner's internals, which the WebKit2 GTK API does not expose), and with mock devices off its microphones are " +
  'whatever PulseAudio/PipeWire/ALSA offer on this machine, which the harness does not control';
const FAULT_WHY: Record<CaptureFault, string> = {
  'device-busy':
    "WebKitGTK's mock capture devices can be made busy or failing only through WebKitTestRunner's internals and " +
    'testRunner hooks, which the WebKit2 GTK API does not expose; with mock devices off there is no camera on this machine to hold busy',
  'device-fails':
    "WebKitGTK's mock capture devices can be made to fail only through WebKitTestRunner's internals and testRunner " +
    'hooks, which the WebKit2 GTK API does not expose; with mock devices off there is no camera on this machine',
  'user-media-disabled':
    'WebKit rejects with SecurityError (MediaAccessDenialReason::UserMediaDisabled) only when capture is disabled ' +
    'process-wide, which the WebKit2 GTK API does not expose; turning enable-media-stream off on a loaded view removes ' +
    'navigator.mediaDevices instead (measured)',
};

class WebKitEngine implements Engine {
  private sessions = 0;
  private closing: Promise<void> | null = null;

  constructor(
    readonly info: EngineInfo,
    readonly observes: DriverObservations,
    private readonly driver: Driver,
    private readonly cleanup: () => Promise<void>,
  ) {}

  /** The gjs process id (diagnostics and tests). */
  get driverPid(): number | undefined {
    return this.driver.child.pid;
  }

  canHold(_kind: 'camera' | 'microphone', _state: PermissionState): true | Unobservable {
    // The driver answers permission requests itself: allow(), deny(), or keep the request open.
    return true;
  }

  canProvide({ devices = 'default', fault }: SessionEnvironment): true | Unobservable {
    if (fault) return { unobservable: FAULT_WHY[fault] };
    if (devices === 'no-microphone' || devices === 'none') return { unobservable: NO_MICROPHONE_WHY };
    const noReal = realDevicesMissing(devices, this.info.devices);
    if (noReal) return noReal;
    if (devices === 'no-camera') {
      const cams = machineCameras();
      if (cams.length) {
        return {
          unobservable: `with mock capture devices off WebKitGTK uses this machine's cameras (${cams.join(', ')}), so no view is without one`,
        };
      }
    }
    return true;
  }

  alive(): boolean {
    return this.driver.alive;
  }

  async newSession(options: SessionOptions): Promise<EngineSession> {
    const viewId = `v${++this.sessions}`;
    const prompts: PromptRecord[] = [];
    // Prompts arrive as events (ordered before any later reply), so prompts() can stay synchronous.
    const off = this.driver.onEvent((e) => {
      if (e.event === 'prompt' && e.viewId === viewId) {
        prompts.push({ audio: Boolean(e.audio), video: Boolean(e.video), answer: e.answer as PromptRecord['answer'], at: Number(e.at) });
      }
    });
    try {
      const devices: DeviceSet = options.devices ?? 'default';
      await this.driver.call('newView', {
        viewId,
        camera: options.permissions.camera,
        microphone: options.permissions.microphone,
        ...(devices === 'no-camera' || devices === 'real' ? { mockDevices: false } : {}),
      });
    } catch (e) {
      off();
      throw e;
    }
    const driver = this.driver;
    let closed = false;
    const toBlank = () => driver.call<void>('goto', { viewId, url: 'about:blank' });
    return {
      goto: (url: string) => driver.call<void>('goto', { viewId, url }),
      evaluate: <T>(expression: string) => driver.call<T>('eval', { viewId, expression }),
      prompts: () => prompts.slice(),
      captureIndicator: () => driver.call<CaptureIndicator | Unobservable>('indicator', { viewId }),
      // goto also brings the view to the front and focuses it.
      recycle: toBlank,
      // A view keeps nothing of a request refused inside one of its frames that a new document does not clear, so it
      // stays after one (a new view is a web and network process of its own). Measured on 2.50.6: frames/ with a new
      // view after every such refusal and with the view kept, 102 cells identical in two runs each (27 s of check time
      // against 10 s).
      renewPage: toBlank,
      close: async () => {
        if (closed) return;
        closed = true;
        off();
        if (driver.alive) await driver.call('closeView', { viewId }).catch(() => {});
      },
    };
  }

  close(): Promise<void> {
    this.closing ??= this.cleanup();
    return this.closing;
  }
}
