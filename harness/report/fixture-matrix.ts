// A realistic sample Matrix for the report renderers' tests and screenshots. (Over 350 lines: it is data.)
// Every verdict kind appears; there is a known failure with an expectation and a bug link,
// a stale expectation (a known failure that now passes), unsupported cells with reasons,
// harness errors, one missing cell (firefox × fr.cross-origin-allow), and untrusted
// browser text that tries to inject HTML and terminal escapes.
// The bug numbers are illustrative, not real bug reports.

import type { Cell, CheckInfo, EngineId, EngineInfo, Matrix, Verdict } from '../types';

export const INJECTION = '<img src=x onerror=alert(1)>';

const engines: EngineInfo[] = [
  {
    id: 'chromium',
    browser: 'Chromium',
    version: '156.0.8078.79',
    driver: 'playwright 1.64.1 (CDP)',
    devices: 'fake',
    executable: '/usr/bin/chromium',
    source: 'system',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  },
  {
    id: 'firefox',
    browser: 'Firefox ESR',
    version: '153.7.0esr',
    driver: 'playwright 1.64.1 (WebDriver BiDi)',
    devices: 'fake',
    executable: '/usr/lib/firefox-esr/firefox-esr',
    source: 'system',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0',
  },
  {
    id: 'webkit',
    browser: 'WebKitGTK MiniBrowser',
    version: '2.50.6',
    driver: 'gjs WebKit2 4.1 (in-process)',
    devices: 'real',
    executable: '/usr/lib/x86_64-linux-gnu/libwebkit2gtk-4.1.so.0',
    source: 'system',
  },
];

const S = {
  secure:
    'getUserMedia() is a powerful feature that can only be used in secure contexts; in insecure contexts, navigator.mediaDevices is undefined, preventing access to getUserMedia().',
  secureDef: 'A secure context is, in short, a page loaded using HTTPS or the file:/// URL scheme, or a page loaded from localhost.',
  typeError: 'TypeError: Thrown if the list of constraints specified is empty, or has all constraints set to false.',
  notFound: 'NotFoundError: Thrown if no media tracks of the type specified were found that satisfy the given constraints.',
  overconstrained:
    'OverconstrainedError: Thrown if the specified constraints resulted in no candidate devices which met the criteria requested. The error has a constraint property whose string value is the name of a constraint which was impossible to meet.',
  notReadable:
    'NotReadableError: Thrown if, although the user granted permission to use the matching devices, a hardware error occurred at the operating system, browser, or Web page level which prevented access to the device.',
  notAllowed:
    'NotAllowedError: Thrown if one or more of the requested source devices cannot be used at this time, e.g. because the user denied access.',
  prompt: 'The user is prompted for permission to use the devices before the promise settles.',
  unanswered: 'It is possible for the returned promise to neither resolve nor reject, as the user is not required to make a choice at all.',
  iframe: 'In an <iframe>, you can request permission just for that frame using the allow attribute: allow="camera;microphone".',
  policy: 'Permissions Policy: camera and microphone can be disabled for a document with the Permissions-Policy header.',
  ideal: 'The browser will try to honour this, but may return other resolutions if an exact match is not available.',
};

const checks: CheckInfo[] = [
  {
    id: 'sc.https-exposed',
    area: 'secure-context',
    title: 'navigator.mediaDevices.getUserMedia is a function on an https: page',
    seed: S.secure,
  },
  {
    id: 'sc.http-undefined',
    area: 'secure-context',
    title: 'navigator.mediaDevices is undefined on http://gum.test (not potentially trustworthy)',
    seed: S.secure,
  },
  {
    id: 'sc.localhost-secure',
    area: 'secure-context',
    title: 'http://localhost is a secure context: getUserMedia({audio:true}) resolves',
    seed: S.secureDef,
    spec: 'Secure Contexts §3.2: localhost is potentially trustworthy.',
  },
  { id: 'sc.file-url', area: 'secure-context', title: 'file:/// document is a secure context and exposes mediaDevices', seed: S.secureDef },
  {
    id: 'sc.iframe-insecure-ancestor',
    area: 'secure-context',
    title: 'https: iframe inside an http: parent has no navigator.mediaDevices',
    spec: 'A context is secure only if all its ancestors are.',
  },

  { id: 'ex.no-args', area: 'exceptions', title: 'getUserMedia() with no argument rejects with TypeError', seed: S.typeError },
  { id: 'ex.empty-constraints', area: 'exceptions', title: 'getUserMedia({}) rejects with TypeError', seed: S.typeError },
  { id: 'ex.all-false', area: 'exceptions', title: 'getUserMedia({audio:false, video:false}) rejects with TypeError', seed: S.typeError },
  { id: 'ex.notfound-no-camera', area: 'exceptions', title: 'video:true with no camera rejects with NotFoundError', seed: S.notFound },
  {
    id: 'ex.overconstrained-deviceid',
    area: 'exceptions',
    title: 'deviceId:{exact:"nope"} rejects with OverconstrainedError, constraint "deviceId"',
    seed: S.overconstrained,
  },
  {
    id: 'ex.notreadable-busy',
    area: 'exceptions',
    title: 'a device held by another process rejects with NotReadableError',
    seed: S.notReadable,
  },
  {
    id: 'ex.not-fully-active',
    area: 'exceptions',
    title: 'getUserMedia from a detached iframe rejects with InvalidStateError',
    spec: 'Media Capture §10.2 step 4: if the document is not fully active, reject with InvalidStateError.',
  },

  {
    id: 'perm.denied-notallowed',
    area: 'permissions',
    title: 'camera+microphone denied: rejects with NotAllowedError without a prompt',
    seed: S.notAllowed,
  },
  {
    id: 'perm.prompt-shown-once',
    area: 'permissions',
    title: 'state "prompt": exactly one prompt for camera+microphone is shown',
    seed: S.prompt,
  },
  { id: 'perm.granted-no-prompt', area: 'permissions', title: 'state "granted": resolves without showing a prompt', seed: S.prompt },
  { id: 'perm.query-camera', area: 'permissions', title: 'permissions.query({name:"camera"}) is "granted" after a grant' },
  { id: 'perm.labels-before-grant', area: 'permissions', title: 'enumerateDevices() before any grant exposes no labels or deviceIds' },
  { id: 'perm.capture-indicator', area: 'permissions', title: 'the browser shows an active capture indicator while the track is live' },
  { id: 'perm.unanswered-pending', area: 'permissions', title: 'unanswered prompt: the promise stays pending (3 s)', seed: S.unanswered },

  {
    id: 'fr.cross-origin-no-allow',
    area: 'frames',
    title: 'cross-origin iframe without allow= rejects with NotAllowedError',
    seed: S.iframe,
  },
  { id: 'fr.cross-origin-allow', area: 'frames', title: 'cross-origin iframe with allow="camera;microphone" resolves', seed: S.iframe },
  {
    id: 'fr.permissions-policy-header',
    area: 'frames',
    title: 'Permissions-Policy: camera=() on the top-level document → NotAllowedError for video',
    seed: S.policy,
  },
  { id: 'fr.sandboxed-opaque', area: 'frames', title: 'sandbox="allow-scripts" iframe (opaque origin) rejects with NotAllowedError' },

  { id: 'co.ideal-resolution', area: 'constraints', title: 'ideal width/height 1280×720: resolves, settings reported', seed: S.ideal },
  {
    id: 'co.exact-width-unsat',
    area: 'constraints',
    title: 'width:{exact:99999} rejects with OverconstrainedError, constraint "width"',
    seed: S.overconstrained,
  },
  { id: 'co.echo-cancellation', area: 'constraints', title: 'audio echoCancellation:false is reflected by getSettings()' },
  { id: 'co.min-gt-max', area: 'constraints', title: 'width:{min:640,max:320} rejects with OverconstrainedError' },
  {
    id: 'co.supported-constraints',
    area: 'constraints',
    title: 'getSupportedConstraints() lists deviceId, width, height, echoCancellation',
  },
];

const rejected = (name: string, message = '', extra: Record<string, unknown> = {}) => ({
  outcome: 'rejected',
  error: { name, message, ...extra },
});
const resolved = (video: number, audio: number, extra: Record<string, unknown> = {}) => ({
  outcome: 'resolved',
  tracks: [
    ...Array.from({ length: video }, () => ({ kind: 'video', label: 'fake_device_0', readyState: 'live' })),
    ...Array.from({ length: audio }, () => ({ kind: 'audio', label: 'Fake Default Audio Input', readyState: 'live' })),
  ],
  ...extra,
});
const expRejected = (name: string, extra: Record<string, unknown> = {}) => ({ outcome: 'rejected', error: { name, ...extra } });

type Spec = Partial<Record<EngineId, Omit<Cell, 'check' | 'engine'> | null>>;
const all = (verdict: Verdict, observed: unknown, expected: unknown, ms: number): Spec => ({
  chromium: { verdict, observed, expected, ms },
  firefox: { verdict, observed, expected, ms: Math.round(ms * 1.6) },
  webkit: { verdict, observed, expected, ms: Math.round(ms * 1.3) },
});
const NO_CAMERA = 'real device mode: this machine has no camera (only a PulseAudio sine source)';

const results: Record<string, Spec> = {
  'sc.https-exposed': all('pass', { summary: 'typeof getUserMedia: function', isSecureContext: true }, { typeof: 'function' }, 9),
  'sc.http-undefined': all('pass', { summary: 'mediaDevices: undefined', isSecureContext: false }, { mediaDevices: 'undefined' }, 11),
  'sc.localhost-secure': {
    chromium: { verdict: 'pass', observed: resolved(0, 1), expected: { outcome: 'resolved' }, ms: 41 },
    firefox: { verdict: 'pass', observed: resolved(0, 1), expected: { outcome: 'resolved' }, ms: 88 },
    webkit: {
      verdict: 'pass',
      observed: resolved(0, 1, { tracks: [{ kind: 'audio', label: 'Sine source at 440 Hz' }] }),
      expected: { outcome: 'resolved' },
      ms: 203,
    },
  },
  'sc.file-url': {
    chromium: {
      verdict: 'pass',
      observed: { summary: 'isSecureContext: true, typeof getUserMedia: function' },
      expected: { isSecureContext: true },
      ms: 14,
    },
    firefox: {
      verdict: 'pass',
      observed: { summary: 'isSecureContext: true, typeof getUserMedia: function' },
      expected: { isSecureContext: true },
      ms: 19,
    },
    webkit: {
      verdict: 'unsupported',
      observed: { unobservable: 'file: navigation blocked by the in-process driver' },
      expected: { isSecureContext: true },
      ms: 0,
      reason: 'the gjs driver serves pages only from the test https server; file: URLs cannot be loaded into its WebView',
    },
  },
  'sc.iframe-insecure-ancestor': all('pass', { summary: 'iframe mediaDevices: undefined' }, { mediaDevices: 'undefined' }, 57),

  'ex.no-args': all(
    'pass',
    rejected('TypeError', "Failed to execute 'getUserMedia' on 'MediaDevices': At least one of audio and video must be requested"),
    expRejected('TypeError'),
    6,
  ),
  'ex.empty-constraints': all(
    'pass',
    rejected('TypeError', 'At least one of audio and video must be requested'),
    expRejected('TypeError'),
    5,
  ),
  'ex.all-false': all('pass', rejected('TypeError', 'audio and/or video is required'), expRejected('TypeError'), 5),
  'ex.notfound-no-camera': {
    chromium: {
      verdict: 'unsupported',
      observed: { unobservable: 'fake devices always include a camera' },
      expected: expRejected('NotFoundError'),
      ms: 0,
      reason: 'fake device mode always provides a camera; NotFoundError needs a session without one',
    },
    firefox: {
      verdict: 'unsupported',
      observed: { unobservable: 'fake devices always include a camera' },
      expected: expRejected('NotFoundError'),
      ms: 0,
      reason: 'fake device mode always provides a camera; NotFoundError needs a session without one',
    },
    webkit: {
      verdict: 'pass',
      observed: rejected('NotFoundError', 'Requested device not found'),
      expected: expRejected('NotFoundError'),
      ms: 122,
    },
  },
  'ex.overconstrained-deviceid': {
    chromium: {
      verdict: 'pass',
      observed: rejected('OverconstrainedError', '', { constraint: 'deviceId' }),
      expected: expRejected('OverconstrainedError', { constraint: 'deviceId' }),
      ms: 23,
    },
    firefox: {
      verdict: 'pass',
      observed: rejected('OverconstrainedError', 'Constraints could be not satisfied.', { constraint: 'deviceId' }),
      expected: expRejected('OverconstrainedError', { constraint: 'deviceId' }),
      ms: 31,
    },
    webkit: {
      verdict: 'fail',
      observed: rejected('OverconstrainedError', 'Invalid constraint', { constraint: '' }),
      expected: expRejected('OverconstrainedError', { constraint: 'deviceId' }),
      ms: 97,
      reason: 'error.constraint is "" instead of "deviceId"',
      expectation: {
        verdict: 'fail',
        reason: 'WebKit leaves OverconstrainedError.constraint empty for deviceId',
        bug: 'https://bugs.webkit.org/show_bug.cgi?id=270001',
      },
    },
  },
  'ex.notreadable-busy': {
    chromium: {
      verdict: 'unsupported',
      observed: { unobservable: 'fake devices cannot be made busy' },
      expected: expRejected('NotReadableError'),
      ms: 0,
      reason: 'fake capture devices are never exclusive; no way to make one busy',
    },
    firefox: {
      verdict: 'unsupported',
      observed: { unobservable: 'fake devices cannot be made busy' },
      expected: expRejected('NotReadableError'),
      ms: 0,
      reason: 'fake capture devices are never exclusive; no way to make one busy',
    },
    webkit: {
      verdict: 'unsupported',
      observed: { unobservable: 'PulseAudio sources are shared' },
      expected: expRejected('NotReadableError'),
      ms: 0,
      reason: 'the only real device is a PulseAudio source, which several clients can open at once',
    },
  },
  'ex.not-fully-active': {
    chromium: {
      verdict: 'pass',
      observed: rejected('InvalidStateError', 'The document is not fully active.'),
      expected: expRejected('InvalidStateError'),
      ms: 34,
    },
    firefox: {
      verdict: 'fail',
      observed: rejected('AbortError', 'The operation was aborted.'),
      expected: expRejected('InvalidStateError'),
      ms: 48,
      reason: 'rejected with AbortError, expected InvalidStateError',
    },
    webkit: {
      verdict: 'error',
      observed: { harness: 'bridge', raw: `${INJECTION}<script>alert("x")</script>` },
      expected: expRejected('InvalidStateError'),
      ms: 10000,
      reason: `gjs bridge: JSON.parse failed on the evaluate() result: Unexpected token < in JSON at position 0: ${INJECTION}`,
    },
  },

  'perm.denied-notallowed': all('pass', rejected('NotAllowedError', 'Permission denied'), expRejected('NotAllowedError'), 18),
  'perm.prompt-shown-once': {
    chromium: {
      verdict: 'unsupported',
      observed: { unobservable: 'headless Chromium answers prompts itself' },
      expected: { prompts: 1 },
      ms: 0,
      reason: "headless Chromium resolves permission requests itself; a 'prompt' state cannot be held",
      declared: true,
    },
    firefox: {
      verdict: 'pass',
      observed: {
        summary: '1 prompt (audio+video), answered granted',
        prompts: [{ audio: true, video: true, answer: 'granted', at: 412 }],
      },
      expected: { prompts: 1 },
      ms: 640,
    },
    webkit: {
      verdict: 'pass',
      observed: {
        summary: '1 prompt (audio+video), answered granted',
        prompts: [{ audio: true, video: true, answer: 'granted', at: 233 }],
      },
      expected: { prompts: 1 },
      ms: 512,
    },
  },
  'perm.granted-no-prompt': {
    chromium: { verdict: 'pass', observed: resolved(1, 1), expected: { outcome: 'resolved', prompts: 0 }, ms: 66 },
    firefox: { verdict: 'pass', observed: resolved(1, 1), expected: { outcome: 'resolved', prompts: 0 }, ms: 141 },
    webkit: { verdict: 'pass', observed: resolved(0, 1), expected: { outcome: 'resolved', prompts: 0 }, ms: 190 },
  },
  'perm.query-camera': {
    chromium: {
      verdict: 'pass',
      observed: { outcome: 'resolved', value: 'granted' },
      expected: { outcome: 'resolved', value: 'granted' },
      ms: 12,
      expectation: {
        verdict: 'fail',
        reason: 'permissions.query stays "prompt" for fake devices',
        bug: 'https://issues.chromium.org/issues/40123456',
      },
    },
    firefox: {
      verdict: 'pass',
      observed: { outcome: 'resolved', value: 'granted' },
      expected: { outcome: 'resolved', value: 'granted' },
      ms: 21,
    },
    webkit: {
      verdict: 'fail',
      observed: { outcome: 'resolved', value: 'prompt' },
      expected: { outcome: 'resolved', value: 'granted' },
      ms: 17,
      reason: 'state is "prompt" after the grant',
    },
  },
  'perm.labels-before-grant': all('pass', { summary: '3 devices, labels "", deviceIds ""' }, { labels: '' }, 8),
  'perm.capture-indicator': {
    chromium: {
      verdict: 'unsupported',
      observed: { unobservable: 'headless: no browser UI' },
      expected: { camera: 'active' },
      ms: 0,
      reason: 'headless Chromium has no browser UI, hence no capture indicator',
    },
    firefox: {
      verdict: 'unsupported',
      observed: { unobservable: 'indicator window not reachable via BiDi' },
      expected: { camera: 'active' },
      ms: 0,
      reason: 'the sharing indicator is browser chrome, not reachable over WebDriver BiDi',
    },
    webkit: {
      verdict: 'pass',
      observed: { summary: 'camera: none, microphone: active', camera: 'none', microphone: 'active' },
      expected: { microphone: 'active' },
      ms: 85,
    },
  },
  'perm.unanswered-pending': {
    chromium: {
      verdict: 'unsupported',
      observed: { unobservable: 'headless Chromium answers prompts itself' },
      expected: { outcome: 'pending' },
      ms: 0,
      reason: "headless Chromium resolves permission requests itself; a 'prompt' state cannot be held",
    },
    firefox: { verdict: 'pass', observed: { outcome: 'pending' }, expected: { outcome: 'pending' }, ms: 3004 },
    webkit: { verdict: 'pass', observed: { outcome: 'pending' }, expected: { outcome: 'pending' }, ms: 3011 },
  },

  'fr.cross-origin-no-allow': all(
    'pass',
    rejected('NotAllowedError', 'Permission denied by permissions policy'),
    expRejected('NotAllowedError'),
    74,
  ),
  'fr.cross-origin-allow': {
    chromium: { verdict: 'pass', observed: resolved(1, 1), expected: { outcome: 'resolved' }, ms: 131 },
    firefox: null, // missing cell: the harness forgot this one (must be visible)
    webkit: { verdict: 'pass', observed: resolved(0, 1), expected: { outcome: 'resolved' }, ms: 244 },
  },
  'fr.permissions-policy-header': {
    chromium: {
      verdict: 'pass',
      observed: rejected('NotAllowedError', 'Permission denied by permissions policy'),
      expected: expRejected('NotAllowedError'),
      ms: 29,
    },
    firefox: {
      verdict: 'fail',
      observed: resolved(1, 0),
      expected: expRejected('NotAllowedError'),
      ms: 102,
      reason: 'resolved with a video track despite Permissions-Policy: camera=()',
      expectation: {
        verdict: 'fail',
        reason: 'Firefox ignores the Permissions-Policy header',
        bug: 'https://bugzilla.mozilla.org/show_bug.cgi?id=1531012',
      },
    },
    webkit: {
      verdict: 'pass',
      observed: rejected('NotAllowedError', 'Not allowed by permissions policy'),
      expected: expRejected('NotAllowedError'),
      ms: 61,
    },
  },
  'fr.sandboxed-opaque': all('pass', rejected('NotAllowedError', ''), expRejected('NotAllowedError'), 53),

  'co.ideal-resolution': {
    chromium: {
      verdict: 'pass',
      observed: { summary: 'resolved: 1 video 1280×720 @30', settings: { width: 1280, height: 720, frameRate: 30, deviceId: 'a3f1…' } },
      expected: { outcome: 'resolved' },
      ms: 71,
    },
    firefox: {
      verdict: 'pass',
      observed: { summary: 'resolved: 1 video 640×480 @30', settings: { width: 640, height: 480, frameRate: 30 } },
      expected: { outcome: 'resolved' },
      ms: 119,
    },
    webkit: {
      verdict: 'unsupported',
      observed: { unobservable: 'no camera' },
      expected: { outcome: 'resolved' },
      ms: 0,
      reason: NO_CAMERA,
    },
  },
  'co.exact-width-unsat': {
    chromium: {
      verdict: 'pass',
      observed: rejected('OverconstrainedError', '', { constraint: 'width' }),
      expected: expRejected('OverconstrainedError', { constraint: 'width' }),
      ms: 24,
    },
    firefox: {
      verdict: 'pass',
      observed: rejected('OverconstrainedError', 'Constraints could be not satisfied.', { constraint: 'width' }),
      expected: expRejected('OverconstrainedError', { constraint: 'width' }),
      ms: 37,
    },
    webkit: {
      verdict: 'unsupported',
      observed: { unobservable: 'no camera' },
      expected: expRejected('OverconstrainedError', { constraint: 'width' }),
      ms: 0,
      reason: NO_CAMERA,
    },
  },
  'co.echo-cancellation': {
    chromium: {
      verdict: 'pass',
      observed: { summary: 'echoCancellation: false', settings: { echoCancellation: false } },
      expected: { echoCancellation: false },
      ms: 52,
    },
    firefox: {
      verdict: 'pass',
      observed: { summary: 'echoCancellation: false', settings: { echoCancellation: false } },
      expected: { echoCancellation: false },
      ms: 77,
    },
    webkit: {
      verdict: 'fail',
      observed: { summary: 'echoCancellation: true', settings: { echoCancellation: true, sampleRate: 48000 } },
      expected: { echoCancellation: false },
      ms: 166,
      reason: 'getSettings().echoCancellation is true though false was requested',
    },
  },
  'co.min-gt-max': {
    chromium: {
      verdict: 'pass',
      observed: rejected('OverconstrainedError', '', { constraint: 'width' }),
      expected: expRejected('OverconstrainedError'),
      ms: 20,
    },
    firefox: {
      verdict: 'error',
      observed: { outcome: 'timeout' },
      expected: expRejected('OverconstrainedError'),
      ms: 10002,
      reason: 'harness watchdog: evaluate() did not return within 10000 ms; the page may have crashed',
    },
    webkit: {
      verdict: 'unsupported',
      observed: { unobservable: 'no camera' },
      expected: expRejected('OverconstrainedError'),
      ms: 0,
      reason: NO_CAMERA,
    },
  },
  'co.supported-constraints': {
    chromium: {
      verdict: 'pass',
      observed: { summary: '19 constraints incl. deviceId, width, height, echoCancellation' },
      expected: { includes: ['deviceId', 'width', 'height', 'echoCancellation'] },
      ms: 4,
    },
    firefox: {
      verdict: 'pass',
      observed: { summary: '16 constraints incl. deviceId, width, height, echoCancellation' },
      expected: { includes: ['deviceId', 'width', 'height', 'echoCancellation'] },
      ms: 6,
    },
    webkit: {
      verdict: 'pass',
      observed: { summary: `14 constraints \u001b[31m${INJECTION}` },
      expected: { includes: ['deviceId', 'width', 'height', 'echoCancellation'] },
      ms: 5,
    },
  },
};

const cells: Cell[] = [];
for (const check of checks) {
  const spec = results[check.id];
  if (!spec) throw new Error(`fixture: no results for ${check.id}`);
  for (const engine of engines) {
    const r = spec[engine.id];
    if (r) cells.push({ check: check.id, engine: engine.id, ...r });
  }
}

export const fixtureMatrix: Matrix = {
  generated: '2026-03-14T09:26:53.589Z',
  suite: { name: 'gum-conformance', version: '0.1.0' },
  engines,
  checks,
  cells,
  timing: { wallMs: 48213, launchMs: { chromium: 812, firefox: 2140, webkit: 1530 } },
};

/** The (check, engine) pair the fixture deliberately leaves without a cell. */
export const FIXTURE_MISSING = { check: 'fr.cross-origin-allow', engine: 'firefox' as EngineId };
