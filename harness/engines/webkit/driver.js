#!/usr/bin/env gjs
// WebKitGTK driver for gum-conformance: a GJS program that owns WebKit2 (4.1) WebViews in this process and
// is steered by harness/engines/webkit/driver-connection.ts over newline-delimited JSON on stdin/stdout.
// (Over 350 lines on purpose: gjs runs one file, and the driver's commands share its view state.)
//
// Why a GJS program and not WebKitWebDriver: WebDriver automation grants every getUserMedia prompt, so it can
// neither deny nor leave a prompt open, and has no init scripts. Here the harness answers `permission-request`
// itself, so all three permission states are real, and every prompt is observable.
//
// Protocol (one JSON object per line):
//   request   {"id": 1, "cmd": "goto", "viewId": "v1", "url": "https://a.test:8443/"}
//   response  {"id": 1, "ok": true, "result": ...}   or   {"id": 1, "ok": false, "error": "one line"}
//   event     {"event": "ready" | "prompt" | "indicator" | "tls-error" | "view-crashed", "viewId": ..., ...}
//             ('ready' is the first line; 'prompt' is sent before any later reply, so the Node side's copy
//             of the prompt list is current whenever a reply arrives.)
// Commands: hello, newView, userScript, allowCertificate, goto, eval, prompts, indicator, details (prompts,
// other permission requests and permission queries, TLS errors, indicator history), closeView, quit.
// Startup configuration is ARGV[0], JSON: { devices: 'fake'|'real', proxy: 'http://127.0.0.1:N' | null,
//   certificates: [{ host, pem }] }  (leaf certificates to accept for a host; more via allowCertificate).
// stdout carries only protocol lines; diagnostics go to stderr (printerr).

imports.gi.versions.Gtk = '3.0';
imports.gi.versions.WebKit2 = '4.1';
const { GLib, Gio, Gtk, WebKit2 } = imports.gi;
const System = imports.system;

Gtk.init(null);

const config = JSON.parse(ARGV[0] || '{}');
const startedAt = GLib.get_monotonic_time();
const encoder = new TextEncoder();

// ------------------------------------------------------------------------------------------ I/O

const stdout = new Gio.UnixOutputStream({ fd: 1, close_fd: false });
function send(message) {
  // Synchronous write: messages are small and ordering must be preserved.
  stdout.write_all(encoder.encode(`${JSON.stringify(message)}\n`), null);
}
const emit = (event, fields) => send({ event, ...fields });

const stdin = new Gio.DataInputStream({ base_stream: new Gio.UnixInputStream({ fd: 0, close_fd: false }) });
function readNext() {
  stdin.read_line_async(GLib.PRIORITY_DEFAULT, null, (stream, res) => {
    let line = null;
    try {
      [line] = stream.read_line_finish_utf8(res);
    } catch (e) {
      printerr(`webkit-driver: stdin: ${e.message}`);
    }
    // EOF: the Node side went away; do not outlive it.
    if (line === null) {
      quit();
      return;
    }
    if (line.trim()) dispatch(line);
    readNext();
  });
}

function dispatch(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch (e) {
    printerr(`webkit-driver: bad request line: ${line.slice(0, 200)}`);
    return;
  }
  const { id, cmd } = request;
  const reply = (ok, payload) =>
    send(ok ? { id, ok, result: payload === undefined ? null : payload } : { id, ok, error: oneLine(payload) });
  const handler = commands[cmd];
  if (!handler) {
    reply(false, `unknown command ${cmd}`);
    return;
  }
  try {
    // Handlers return a value or a Promise.
    Promise.resolve(handler(request)).then(
      (result) => reply(true, result),
      (e) => reply(false, errorText(e)),
    );
  } catch (e) {
    reply(false, errorText(e));
  }
}

const errorText = (e) => (e && e.message !== undefined ? e.message : String(e));
const oneLine = (s) =>
  String(s)
    .replace(/\s*\n\s*/g, ' ')
    .slice(0, 2000);
const msSinceStart = () => Math.round((GLib.get_monotonic_time() - startedAt) / 1000);

// ------------------------------------------------------------------------------------------ shared state

const views = new Map(); // viewId -> ViewState
const userScripts = []; // WebKit2.UserScript, added to every view (current and future)
const certificates = []; // { host, cert: Gio.TlsCertificate }, allowed in every view's context

function parseCertificate(host, pem) {
  try {
    return { host, cert: Gio.TlsCertificate.new_from_pem(pem, -1) };
  } catch (e) {
    throw new Error(`certificate for ${host}: ${e.message}`, { cause: e });
  }
}
for (const { host, pem } of config.certificates || []) certificates.push(parseCertificate(host, pem));

const captureState = (value) => ['none', 'active', 'muted'][value] || `unknown(${value})`;
// What the harness does with a request for some kinds, given the per-kind answers of the profile:
// any denied kind -> deny (a user who denies the camera denies a camera+mic request);
// all granted -> allow; otherwise leave the prompt open, as a user who never answers.
function decide(profile, kinds) {
  const states = kinds.map((kind) => profile[kind]);
  if (states.includes('denied')) return 'denied';
  if (states.length > 0 && states.every((s) => s === 'granted')) return 'granted';
  return 'unanswered';
}

// ------------------------------------------------------------------------------------------ views

function newView({ viewId, camera = 'prompt', microphone = 'prompt', width = 800, height = 600, mockDevices = config.devices !== 'real' }) {
  if (!viewId || views.has(viewId)) throw new Error(`newView: missing or duplicate viewId ${viewId}`);
  const openedAt = GLib.get_monotonic_time();
  const profile = { camera, microphone };

  // Isolation like a browser context: each view has its own ephemeral WebsiteDataManager (cookies, storage,
  // permission decisions remembered by WebCore). It also gets its own WebContext because in the 4.1 API
  // allow_tls_certificate_for_host exists only on WebContext and applies to that context's data manager.
  const manager = WebKit2.WebsiteDataManager.new_ephemeral();
  const context = new WebKit2.WebContext({ website_data_manager: manager });
  if (config.proxy) {
    // All traffic goes to the harness's loopback proxy, which maps the test host names to 127.0.0.1 (WebKitGTK
    // has no host-resolver option). Schemes are kept: http stays http, https is a CONNECT tunnel, so
    // secure-context decisions are the browser's own. No ignore-hosts: localhost also goes through it.
    manager.set_network_proxy_settings(WebKit2.NetworkProxyMode.CUSTOM, new WebKit2.NetworkProxySettings(config.proxy, []));
  }
  // Never allow on TLS errors blindly; certificates verified by the harness are allowed per host below.
  manager.set_tls_errors_policy(WebKit2.TLSErrorsPolicy.FAIL);
  for (const { host, cert } of certificates) context.allow_tls_certificate_for_host(cert, host);

  const settings = new WebKit2.Settings({
    enable_media_stream: true,
    enable_mediasource: true,
    // 'fake' devices are WebKit's mock capture devices; 'real' uses GStreamer/PipeWire/PulseAudio sources. A view can
    // ask for the real ones in a fake run (a device set without the mock camera): WebKit syncs this setting into
    // its process-wide capture center from the requesting page's preferences on every getUserMedia.
    enable_mock_capture_devices: mockDevices,
    media_playback_requires_user_gesture: false,
    javascript_can_open_windows_automatically: true,
    enable_dns_prefetching: false, // the proxy does name mapping; no stray lookups of test names
    enable_developer_extras: false,
  });
  if ('enable_webrtc' in settings) settings.enable_webrtc = true;

  const contentManager = new WebKit2.UserContentManager();
  for (const script of userScripts) contentManager.add_script(script);

  const view = new WebKit2.WebView({ web_context: context, settings, user_content_manager: contentManager });
  // A real, mapped toplevel in the X display: the page is visible, so getUserMedia is not held back waiting
  // for visibility (the spec allows engines to wait for a visible, focused document).
  const window = new Gtk.Window({ type: Gtk.WindowType.TOPLEVEL, title: viewId, default_width: width, default_height: height });
  window.add(view);
  window.show_all();
  window.present();
  view.grab_focus();

  const state = {
    viewId,
    view,
    window,
    context,
    manager,
    contentManager,
    profile,
    openedAt,
    prompts: [], // PromptRecord-like, for UserMediaPermissionRequest
    otherRequests: [], // device-info and other permission requests, with what was answered
    unanswered: [], // requests kept alive (not finalized) so they stay pending
    tlsErrors: [],
    popups: [], // windows of the views window.open() made
    indicatorHistory: [],
    pendingGoto: null,
  };
  const at = () => Math.round((GLib.get_monotonic_time() - openedAt) / 1000);

  const onPermissionRequest = (_view, request) => {
    if (request instanceof WebKit2.UserMediaPermissionRequest) {
      const audio = request.is_for_audio_device;
      const video = request.is_for_video_device;
      const display = WebKit2.user_media_permission_is_for_display_device(request);
      const kinds = [];
      if (video && !display) kinds.push('camera');
      if (audio && !display) kinds.push('microphone');
      // getDisplayMedia is not part of the profile: leave it unanswered rather than invent an answer.
      const answer = display ? 'unanswered' : decide(profile, kinds);
      const record = { audio, video, answer, at: at() };
      if (display) record.display = true;
      state.prompts.push(record);
      emit('prompt', { viewId, ...record });
      answerRequest(state, request, answer);
      return true;
    }
    if (request instanceof WebKit2.DeviceInfoPermissionRequest) {
      // enumerateDevices() asks whether device ids/labels may be exposed. Browsers never prompt for this;
      // the spec exposes device info once camera or microphone permission is granted. WebKit asks one
      // yes/no for all kinds, so: allow if either kind is granted, otherwise deny (never leave it open,
      // which would make enumerateDevices() hang, unlike any browser). Not observed on 2.50 with mock
      // devices (WebKit used query-permission-state instead); kept for builds that do ask.
      const answer = profile.camera === 'granted' || profile.microphone === 'granted' ? 'granted' : 'denied';
      state.otherRequests.push({ type: 'device-info', answer, at: at() });
      answerRequest(state, request, answer);
      return true;
    }
    // Geolocation, notifications, clipboard, pointer lock, storage access, EME...: not part of a
    // getUserMedia profile; deny like a user who says no, and record it.
    const type = request.constructor.name || 'unknown';
    state.otherRequests.push({ type, answer: 'denied', at: at() });
    answerRequest(state, request, 'denied');
    return true;
  };
  view.connect('permission-request', onPermissionRequest);

  // The profile is what this browser has stored for camera/microphone. WebKit asks it through this signal
  // both for navigator.permissions.query() and for its own decisions: measured on 2.50, a stored 'granted'
  // exposes OverconstrainedError.constraint ("width") before any prompt, 'prompt'/'denied' give "", and a
  // stored 'denied' reads as 'prompt' in permissions.query() until a request was actually denied in the page
  // (WebKit's anti-fingerprinting). Every query is recorded in otherRequests (see `details`).
  const onQueryPermissionState = (_view, query) => {
    const name = query.get_name();
    const value = name === 'camera' || name === 'microphone' ? profile[name] : null;
    state.otherRequests.push({ type: 'permission-query', name, answer: value || 'default', at: at() });
    if (value === null) return false; // default handling
    query.finish(
      { granted: WebKit2.PermissionState.GRANTED, denied: WebKit2.PermissionState.DENIED, prompt: WebKit2.PermissionState.PROMPT }[value],
    );
    return true;
  };
  view.connect('query-permission-state', onQueryPermissionState);

  // window.open(): a browser opens a new top-level browsing context; WebKitGTK opens none unless the embedder returns
  // a view from `create`. The popup is a related view (same web process and context, so same data manager and
  // certificates), in its own mapped window, answering permission requests from the same profile. The harness never
  // drives it: the opener's probe reaches it through the window object window.open() returned.
  view.connect('create', () => {
    const popup = new WebKit2.WebView({ related_view: view, settings, user_content_manager: contentManager });
    const popupWindow = new Gtk.Window({
      type: Gtk.WindowType.TOPLEVEL,
      title: `${viewId} popup`,
      default_width: width,
      default_height: height,
    });
    popupWindow.add(popup);
    popup.connect('permission-request', onPermissionRequest);
    popup.connect('query-permission-state', onQueryPermissionState);
    popup.connect('ready-to-show', () => {
      popupWindow.show_all();
      popupWindow.present();
    });
    popup.connect('close', () => {
      state.popups = state.popups.filter((w) => w !== popupWindow);
      popupWindow.destroy();
    });
    state.popups.push(popupWindow);
    emit('popup', { viewId, at: at() });
    return popup;
  });

  const onCapture = () => {
    const indicator = { camera: captureState(view.camera_capture_state), microphone: captureState(view.microphone_capture_state) };
    const last = state.indicatorHistory[state.indicatorHistory.length - 1];
    if (!last || last.camera !== indicator.camera || last.microphone !== indicator.microphone) {
      state.indicatorHistory.push({ ...indicator, at: at() });
      emit('indicator', { viewId, ...indicator });
    }
  };
  if (FEATURES.captureState) {
    view.connect('notify::camera-capture-state', onCapture);
    view.connect('notify::microphone-capture-state', onCapture);
  }

  // A goto completes on the FINISHED of its own load: events before its STARTED belong to the load it
  // replaced (whose cancellation arrives late), so they are ignored.
  view.connect('load-changed', (_view, event) => {
    const pending = state.pendingGoto;
    if (!pending) return;
    if (event === WebKit2.LoadEvent.STARTED) pending.started = true;
    else if (event === WebKit2.LoadEvent.FINISHED && pending.started) {
      state.pendingGoto = null;
      pending.resolve(null);
    }
  });
  view.connect('load-failed', (_view, _event, uri, error) => {
    const pending = state.pendingGoto;
    if (pending && pending.started) {
      state.pendingGoto = null;
      pending.reject(new Error(`load failed: ${uri}: ${error.message}${pending.tls ? ` (${pending.tls})` : ''}`));
    }
    // Handled: no built-in error page. Its own load would be one more navigation racing the next goto,
    // and the harness reports the failure itself.
    return true;
  });
  view.connect('load-failed-with-tls-errors', (_view, uri, certificate, errors) => {
    // Recorded, not overridden: an untrusted certificate is a harness setup error, not something to click through.
    const flags = Object.entries(Gio.TlsCertificateFlags)
      .filter(([, bit]) => bit && errors & bit && bit !== Gio.TlsCertificateFlags.VALIDATE_ALL)
      .map(([name]) => name);
    const record = { uri, errors: flags, subject: certificate ? certificate.subject_name : null, at: at() };
    state.tlsErrors.push(record);
    emit('tls-error', { viewId, ...record });
    if (state.pendingGoto) state.pendingGoto.tls = `TLS errors ${flags.join(',')} for ${record.subject}`;
    return false; // load-failed follows
  });
  view.connect('web-process-terminated', (_view, reason) => {
    emit('view-crashed', { viewId, reason });
    if (state.pendingGoto) {
      state.pendingGoto.reject(new Error(`web process terminated (reason ${reason})`));
      state.pendingGoto = null;
    }
  });

  views.set(viewId, state);
  return { ms: at() };
}

function answerRequest(state, request, answer) {
  if (answer === 'granted') request.allow();
  else if (answer === 'denied') request.deny();
  else state.unanswered.push(request); // keep a reference: a finalized request is denied by WebKit
}

function viewState(viewId) {
  const state = views.get(viewId);
  if (!state) throw new Error(`no view ${viewId}`);
  return state;
}

// The page-side wrapper: await the expression and serialize on the page, so any JSON value round-trips
// unchanged (JSCValue conversion would lose structure) and undefined becomes null. Exceptions and
// rejections come back as {ok:false} with the exception's name and message. The expression sits on its own
// lines so a trailing // comment cannot swallow the closing parenthesis.
function wrapExpression(expression) {
  return `try {
const __gum_v = await (
${expression}
);
const __gum_s = JSON.stringify(__gum_v);
return '{"ok":true,"value":' + (__gum_s === undefined ? 'null' : __gum_s) + '}';
} catch (__gum_e) {
let name = null, message;
try { name = __gum_e && __gum_e.name !== undefined ? String(__gum_e.name) : null; message = __gum_e && __gum_e.message !== undefined ? String(__gum_e.message) : String(__gum_e); } catch (_) { message = 'unprintable exception'; }
return JSON.stringify({ ok: false, name, message });
}`;
}

function evaluate(state, expression) {
  return new Promise((resolve, reject) => {
    state.view.call_async_javascript_function(wrapExpression(expression), -1, null, null, null, null, (view, res) => {
      let text;
      try {
        text = view.call_async_javascript_function_finish(res).to_string();
      } catch (e) {
        // Syntax errors in the expression, or the page navigated away mid-call.
        reject(new Error(e.message));
        return;
      }
      let outcome;
      try {
        outcome = JSON.parse(text);
      } catch (e) {
        reject(new Error(`unparseable result: ${String(text).slice(0, 200)}`));
        return;
      }
      if (outcome.ok) resolve(outcome.value);
      else reject(new Error(outcome.name ? `${outcome.name}: ${outcome.message}` : outcome.message));
    });
  });
}

// ------------------------------------------------------------------------------------------ commands

function loadedLibrary() {
  // The libwebkit2gtk actually mapped into this process (matters when GUM_WEBKIT points at a custom build).
  try {
    const [, bytes] = GLib.file_get_contents('/proc/self/maps');
    const match = new TextDecoder().decode(bytes).match(/\s(\/\S*libwebkit2gtk-4\.1\.so[^\s]*)/);
    return match ? match[1] : null;
  } catch (e) {
    return null;
  }
}

function webkitVersion() {
  return `${WebKit2.get_major_version()}.${WebKit2.get_minor_version()}.${WebKit2.get_micro_version()}`;
}

// The WebKit2 4.1 API the driver uses that older WebKitGTK builds lack, by the release that added it. A missing one
// makes its observation unsupported (with the build named), or, for running page code at all, the engine unusable.
const atLeast = (major, minor) => WebKit2.get_major_version() * 1000 + WebKit2.get_minor_version() >= major * 1000 + minor;
const FEATURES = {
  asyncJs: atLeast(2, 40), // WebView.call_async_javascript_function
  captureState: atLeast(2, 34), // WebView camera-capture-state / microphone-capture-state
};

const commands = {
  hello() {
    const { GIRepository } = imports.gi;
    return {
      webkitVersion: webkitVersion(),
      features: FEATURES,
      userAgent: new WebKit2.Settings().get_user_agent(),
      library: loadedLibrary(),
      typelib: GIRepository.Repository.get_default().get_typelib_path('WebKit2'),
      gjs: System.version,
      ms: msSinceStart(),
    };
  },
  newView: (request) => newView(request),
  userScript({ source }) {
    // Main world, every frame (including cross-origin iframes), before the document's own scripts.
    const script = WebKit2.UserScript.new(
      source,
      WebKit2.UserContentInjectedFrames.ALL_FRAMES,
      WebKit2.UserScriptInjectionTime.START,
      null,
      null,
    );
    userScripts.push(script);
    for (const state of views.values()) state.contentManager.add_script(script);
    return { count: userScripts.length };
  },
  allowCertificate({ host, pem }) {
    const entry = parseCertificate(host, pem);
    certificates.push(entry);
    for (const state of views.values()) state.context.allow_tls_certificate_for_host(entry.cert, host);
    return null;
  },
  goto({ viewId, url }) {
    const state = viewState(viewId);
    if (state.pendingGoto) state.pendingGoto.reject(new Error(`navigation to ${url} superseded this one`));
    return new Promise((resolve, reject) => {
      state.pendingGoto = { resolve, reject, tls: null, started: false };
      // Several views share one display; the one being navigated is brought to the front and focused,
      // so document.hasFocus() holds for the page under test as in a browser's active tab.
      state.window.present();
      state.view.load_uri(url);
    });
  },
  eval: ({ viewId, expression }) => evaluate(viewState(viewId), expression),
  prompts: ({ viewId }) => viewState(viewId).prompts,
  details({ viewId }) {
    const s = viewState(viewId);
    return { prompts: s.prompts, otherRequests: s.otherRequests, tlsErrors: s.tlsErrors, indicatorHistory: s.indicatorHistory };
  },
  indicator({ viewId }) {
    const { view } = viewState(viewId);
    if (!FEATURES.captureState)
      return {
        unobservable: `WebKitGTK ${webkitVersion()} has no WebView camera-capture-state / microphone-capture-state (added in 2.34)`,
      };
    return { camera: captureState(view.camera_capture_state), microphone: captureState(view.microphone_capture_state) };
  },
  closeView({ viewId }) {
    const state = viewState(viewId);
    views.delete(viewId);
    if (state.pendingGoto) state.pendingGoto.reject(new Error('view closed'));
    // Unanswered prompts die with the view; deny them explicitly so nothing lingers in WebKit.
    for (const request of state.unanswered) request.deny();
    state.unanswered.length = 0;
    for (const w of state.popups) w.destroy();
    state.popups.length = 0;
    state.window.destroy();
    // The view's WebContext owns a network process, which ends only when the context is finalized, i.e.
    // when the JS wrappers holding it are collected. Collect now instead of whenever GJS feels like it,
    // or processes pile up over a long run.
    GLib.idle_add(GLib.PRIORITY_LOW, () => {
      System.gc();
      return GLib.SOURCE_REMOVE;
    });
    return null;
  },
  quit() {
    // Reply first, then leave the main loop.
    GLib.idle_add(GLib.PRIORITY_DEFAULT, () => {
      quit();
      return GLib.SOURCE_REMOVE;
    });
    return null;
  },
};

let quitting = false;
function quit() {
  if (quitting) return;
  quitting = true;
  for (const state of views.values()) {
    for (const w of state.popups) w.destroy();
    state.window.destroy();
  }
  views.clear();
  Gtk.main_quit();
}

readNext();
send({ event: 'ready', ms: msSinceStart() });
Gtk.main();
System.exit(0);
