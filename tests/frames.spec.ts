// getUserMedia inside iframes: the `allow` attribute (Permissions Policy's container policy), nesting, `sandbox`, and
// documents without a URL of their own (srcdoc, data:, blob:). Every check loads the frame through the probe, records
// the frame's load (did it load, did its script run, from which origin) and then what getUserMedia did inside it.
import { check, expect, DENIED, PROMPT } from '../harness/check';
import type { HostKey } from '../harness/hosts';
import type { FrameSpec, ProbePage } from '../harness/probe-page';
import { expectNoPrompt, readPrompts } from './browser-ui';
import {
  BOTH,
  REQUESTS,
  expectFrameRan,
  expectGum,
  expectedGum,
  gumSummary,
  loadSummary,
  originLabel,
  originOf,
  type Kind,
} from './policy-support';
import { SEED_DENIED, SEED_POLICY_ERROR, SEED_SRCDOC, SEED_TOP_LEVEL_ONLY } from './seed-quotes';

const SEED_ALLOW =
  "If you're using getUserMedia() within an <iframe>, you can request permission just for that frame, which is clearly more secure than requesting a more general permission.";
const SEED_SANDBOX =
  'A document loaded into a sandboxed <iframe> element cannot call getUserMedia() unless the <iframe> has its sandbox attribute set to allow-same-origin.';
const SEED_DATA_BLOB =
  "A document loaded using a data:// or blob:// URL which has no origin (such as when one of these URLs is typed by the user into the address bar) cannot call getUserMedia(). These kinds of URLs loaded from JavaScript code inherit the script's permissions.";

const SPEC_DEFAULT =
  '"camera" and "microphone" are policy-controlled features with default allowlist "self": a same-origin frame may use them, a cross-origin frame only if its container policy (allow) enables them; a blocked kind rejects with NotAllowedError before any prompt.';

/** `{{origin:b}}` in an allow value stands for that site's origin (its port changes per run, the check's title must not). */
function allowValue(allow: string, url: (h: HostKey, p?: string) => string): string {
  return allow.replace(/\{\{origin:([a-z]+)\}\}/g, (_m, h: string) => originOf(url(h as HostKey, '/')));
}
function allowText(allow: string | undefined): string {
  return allow === undefined ? 'without allow' : `with allow="${allow.replace(/\{\{origin:([a-z]+)\}\}/g, 'https://$1.test:PORT')}"`;
}

// ------------------------------------------------------------------------------------------------ allow attribute

const SPEC_REPEATED =
  'Permissions Policy, 9.3 "Parse policy directive", step 2.10: "Set directive[feature] to allowlist", on an ordered map: a feature declared again replaces its earlier declaration, so the last one wins (WPT agrees: its getUserMedia iframe tests expect allow="microphone *; microphone \'none\'" to block the microphone). Engines that keep the first declaration fail here.';

interface AllowCase {
  key: string;
  host: 'a' | 'b';
  allow?: string;
  video: boolean;
  audio: boolean;
  spec: string;
}

const ALLOW_CASES: AllowCase[] = [
  { key: 'same-origin/no-allow', host: 'a', video: true, audio: true, spec: SPEC_DEFAULT },
  { key: 'cross-origin/no-allow', host: 'b', video: false, audio: false, spec: SPEC_DEFAULT },
  {
    key: 'cross-origin/allow-camera',
    host: 'b',
    allow: 'camera',
    video: true,
    audio: false,
    spec: "An allow entry with no allowlist means 'src' (the frame's origin): camera is enabled, microphone keeps its default (self, not the frame).",
  },
  {
    key: 'cross-origin/allow-microphone',
    host: 'b',
    allow: 'microphone',
    video: false,
    audio: true,
    spec: "An allow entry with no allowlist means 'src': microphone is enabled, camera keeps its default.",
  },
  {
    key: 'cross-origin/allow-camera-microphone',
    host: 'b',
    allow: 'camera; microphone',
    video: true,
    audio: true,
    spec: "Both features are delegated to the frame's origin.",
  },
  {
    key: 'same-origin/allow-camera-none',
    host: 'a',
    allow: "camera 'none'",
    video: false,
    audio: true,
    spec: "'none' disables camera even for a same-origin frame; microphone keeps its default (self).",
  },
  {
    key: 'same-origin/allow-microphone-none',
    host: 'a',
    allow: "microphone 'none'",
    video: true,
    audio: false,
    spec: "'none' disables microphone even for a same-origin frame; camera keeps its default (self).",
  },
  {
    key: 'cross-origin/allow-camera-none-microphone',
    host: 'b',
    allow: "camera 'none'; microphone",
    video: false,
    audio: true,
    spec: "Each feature is declared on its own: camera 'none' blocks the camera, microphone ('src') enables the microphone.",
  },
  {
    key: 'same-origin/allow-camera-self',
    host: 'a',
    allow: "camera 'self'",
    video: true,
    audio: true,
    spec: "'self' in allow is the embedding document's origin, which is the frame's origin here.",
  },
  {
    key: 'cross-origin/allow-camera-self',
    host: 'b',
    allow: "camera 'self'",
    video: false,
    audio: false,
    spec: "'self' in allow is the embedding document's origin (a.test), which does not match the frame (b.test).",
  },
  {
    key: 'cross-origin/allow-camera-src',
    host: 'b',
    allow: "camera 'src'",
    video: true,
    audio: false,
    spec: "'src' is the origin of the frame's src URL (b.test).",
  },
  {
    key: 'cross-origin/allow-camera-matching-origin',
    host: 'b',
    allow: 'camera {{origin:b}}',
    video: true,
    audio: false,
    spec: "An explicit origin list that contains the frame's origin enables the feature.",
  },
  {
    key: 'cross-origin/allow-camera-other-origin',
    host: 'b',
    allow: 'camera {{origin:c}}',
    video: false,
    audio: false,
    spec: "An explicit origin list that does not contain the frame's origin leaves the feature disabled.",
  },
  {
    key: 'same-origin/allow-camera-other-origin',
    host: 'a',
    allow: 'camera {{origin:c}}',
    video: false,
    audio: true,
    spec: 'A declared allowlist replaces the default: one naming only c.test disables camera for a same-origin (a.test) frame.',
  },
  { key: 'cross-origin/allow-camera-star', host: 'b', allow: 'camera *', video: true, audio: false, spec: '* matches every origin.' },
  {
    key: 'cross-origin/allow-camera-invalid-origin',
    host: 'b',
    allow: 'camera https://',
    video: false,
    audio: false,
    spec: 'Permissions Policy, "Parse policy directive": a target that is not a keyword is run through the URL parser and ignored on failure ("https://" fails), so the allowlist is empty, not the default \'src\' (which applies only when no target is given): camera is disabled.',
  },
  {
    key: 'cross-origin/allow-unknown-feature-then-camera',
    host: 'b',
    allow: 'no-such-feature; camera',
    video: true,
    audio: false,
    spec: 'Permissions Policy, "Parse policy directive": "If feature-name does not identify any recognized policy-controlled feature, then continue": the unknown declaration is skipped and camera (\'src\') still applies.',
  },
  {
    key: 'cross-origin/allow-camera-empty-declarations',
    host: 'b',
    allow: ';; camera ;;',
    video: true,
    audio: false,
    spec: 'Permissions Policy, "Parse policy directive": "If tokens is an empty list, then continue": empty declarations between semicolons are skipped and camera (\'src\') applies.',
  },
  {
    key: 'cross-origin/repeated-declaration-none-then-star',
    host: 'b',
    allow: "camera 'none'; camera *",
    video: true,
    audio: false,
    spec: SPEC_REPEATED,
  },
  {
    key: 'cross-origin/repeated-declaration-star-then-none',
    host: 'b',
    allow: "camera *; camera 'none'",
    video: false,
    audio: false,
    spec: SPEC_REPEATED,
  },
];

for (const c of ALLOW_CASES) {
  for (const req of REQUESTS) {
    const allowed = req.kinds.every((k) => c[k]);
    const where = c.host === 'a' ? 'a same-origin iframe' : 'a cross-origin (b.test) iframe';
    check(
      {
        id: `frames/${c.key}/${req.key}`,
        title: `in ${where} ${allowText(c.allow)}, ${req.text} ${allowed ? 'resolves' : 'rejects with NotAllowedError'}`,
        seed: allowed ? (c.allow ? SEED_ALLOW : SEED_TOP_LEVEL_ONLY) : SEED_POLICY_ERROR,
        spec: c.spec,
        expected: expectedGum(allowed, req.kinds),
      },
      async ({ open, url, observe }) => {
        const top = await open(url('a'));
        const src = url(c.host, '/frame.html');
        const f = await top.frame({ src, allow: c.allow === undefined ? undefined : allowValue(c.allow, url) });
        const r = f.load.scriptRan ? await f.page.gum(req.constraints) : null;
        observe({ load: f.load, gum: r, summary: `${loadSummary(f.load)}; ${gumSummary(r)}` });
        expectFrameRan(f.load, originOf(src));
        expectGum(r!, allowed, req.kinds);
      },
    );
  }
}

// Policy is checked before permission: a blocked kind rejects at once, with no prompt, whatever the permission state;
// and delegating a feature does not grant the permission.
check(
  {
    id: 'frames/cross-origin/no-allow/no-prompt',
    title:
      'in a cross-origin iframe without allow, with camera permission undecided, getUserMedia({video:true}) rejects with NotAllowedError without prompting',
    seed: 'Otherwise, the user will never even be asked for permission to use the input devices.',
    spec: 'The policy check comes before "request permission to use": a blocked kind jumps to Permission Failure, so no prompt is shown and the promise does not wait on the user.',
    expected: 'rejected NotAllowedError, no prompt',
  },
  async ({ open, url, observe }) => {
    const top = await open(url('a'), PROMPT);
    const src = url('b', '/frame.html');
    const f = await top.frame({ src });
    const r = f.load.scriptRan ? await f.page.gum({ video: true }, { waitMs: 3000 }) : null;
    const seen = readPrompts(top);
    observe({ load: f.load, gum: r, prompts: seen.prompts, summary: `${loadSummary(f.load)}; ${gumSummary(r)}; ${seen.note}` });
    expectFrameRan(f.load, originOf(src));
    expectGum(r!, false, ['video']);
    expectNoPrompt(seen);
  },
);

check(
  {
    id: 'frames/cross-origin/allow-camera/denied',
    title:
      'in a cross-origin iframe with allow="camera", with camera permission denied, getUserMedia({video:true}) rejects with NotAllowedError',
    seed: SEED_DENIED,
    spec: 'allow only makes the frame allowed to use the feature; the permission (keyed by the top-level origin, which is denied) still decides.',
    expected: 'rejected NotAllowedError',
  },
  async ({ open, url, observe }) => {
    const top = await open(url('a'), DENIED);
    const src = url('b', '/frame.html');
    const f = await top.frame({ src, allow: 'camera' });
    const r = f.load.scriptRan ? await f.page.gum({ video: true }) : null;
    observe({ load: f.load, gum: r, summary: `${loadSummary(f.load)}; ${gumSummary(r)}` });
    expectFrameRan(f.load, originOf(src));
    expectGum(r!, false, ['video']);
  },
);

// ------------------------------------------------------------------------------------------------ nested frames

interface Hop {
  host: HostKey;
  allow?: string;
}
interface NestedCase {
  key: string;
  title: string;
  hops: [Hop, Hop];
  video: boolean;
  audio: boolean;
  spec: string;
}

const NESTED: NestedCase[] = [
  {
    key: 'cross-in-same-delegated',
    title: 'a cross-origin frame with allow="camera; microphone" inside a same-origin frame',
    hops: [{ host: 'a' }, { host: 'b', allow: 'camera; microphone' }],
    video: true,
    audio: true,
    spec: 'The same-origin frame inherits both features (default self) and delegates them to b.test.',
  },
  {
    key: 'cross-in-same-not-delegated',
    title: 'a cross-origin frame without allow inside a same-origin frame',
    hops: [{ host: 'a' }, { host: 'b' }],
    video: false,
    audio: false,
    spec: 'The inner frame is cross-origin to its parent and nothing delegates the features to it.',
  },
  {
    key: 'cross-in-same-camera-none',
    title: 'a cross-origin frame with allow="camera; microphone" inside a same-origin frame with allow="camera \'none\'"',
    hops: [
      { host: 'a', allow: "camera 'none'" },
      { host: 'b', allow: 'camera; microphone' },
    ],
    video: false,
    audio: true,
    spec: 'A frame cannot delegate a feature it does not have: camera is disabled in the middle frame.',
  },
  {
    key: 'same-in-cross-delegated',
    title: 'a b.test frame without allow inside a b.test frame with allow="camera; microphone"',
    hops: [{ host: 'b', allow: 'camera; microphone' }, { host: 'b' }],
    video: true,
    audio: true,
    spec: 'The inner frame is same-origin to its parent (b.test), which has both features: default self applies.',
  },
  {
    key: 'same-in-cross-not-delegated',
    title: 'a b.test frame without allow inside a b.test frame without allow',
    hops: [{ host: 'b' }, { host: 'b' }],
    video: false,
    audio: false,
    spec: 'The middle frame has neither feature, so nothing below it can have them.',
  },
  {
    key: 'top-origin-in-cross',
    title: 'an a.test frame without allow inside a b.test frame with allow="camera; microphone" (on an a.test page)',
    hops: [{ host: 'b', allow: 'camera; microphone' }, { host: 'a' }],
    video: false,
    audio: false,
    spec: "Default self is the parent's origin (b.test): the inner a.test frame is cross-origin to it and not delegated to, although it is same-origin with the top.",
  },
  {
    key: 'top-origin-in-cross-delegated',
    title: 'an a.test frame with allow="camera; microphone" inside a b.test frame with allow="camera; microphone"',
    hops: [
      { host: 'b', allow: 'camera; microphone' },
      { host: 'a', allow: 'camera; microphone' },
    ],
    video: true,
    audio: true,
    spec: 'Each link of the chain delegates both features.',
  },
  {
    key: 'third-origin-partial-chain',
    title: 'a c.test frame with allow="camera; microphone" inside a b.test frame with allow="camera"',
    hops: [
      { host: 'b', allow: 'camera' },
      { host: 'c', allow: 'camera; microphone' },
    ],
    video: true,
    audio: false,
    spec: 'The middle frame has camera only; it can delegate camera but not microphone.',
  },
];

for (const n of NESTED) {
  for (const req of REQUESTS.filter((r) => r.key !== 'both')) {
    const kind = req.kinds[0] as Kind;
    const allowed = n[kind];
    check(
      {
        id: `frames/nested/${n.key}/${req.key}`,
        title: `in ${n.title}, ${req.text} ${allowed ? 'resolves' : 'rejects with NotAllowedError'}`,
        seed: allowed ? SEED_TOP_LEVEL_ONLY : SEED_POLICY_ERROR,
        spec: n.spec,
        expected: expectedGum(allowed, req.kinds),
      },
      async ({ open, url, observe }) => {
        const top = await open(url('a'));
        const [outerSrc, innerSrc] = n.hops.map((h) => url(h.host, '/frame.html'));
        const outer = await top.frame({ src: outerSrc, allow: n.hops[0].allow });
        const inner = outer.load.scriptRan ? await outer.page.frame({ src: innerSrc, allow: n.hops[1].allow }) : null;
        const r = inner?.load.scriptRan ? await inner.page.gum(req.constraints) : null;
        observe({
          outer: outer.load,
          inner: inner?.load ?? null,
          gum: r,
          summary: `outer ${loadSummary(outer.load)}; inner ${inner ? loadSummary(inner.load) : 'not created'}; ${gumSummary(r)}`,
        });
        expectFrameRan(outer.load, originOf(outerSrc));
        expectFrameRan(inner!.load, originOf(innerSrc));
        expectGum(r!, allowed, req.kinds);
      },
    );
  }
}

// ------------------------------------------------------------------------------------------------ sandbox

interface SandboxCase {
  key: string;
  host: 'a' | 'b';
  sandbox: string;
  allow?: string;
  /** null: the frame's script must not run at all (no allow-scripts), so getUserMedia cannot even be called. */
  allowed: boolean | null;
  origin: 'opaque' | 'frame';
  spec: string;
}

const SPEC_SANDBOX_OPAQUE =
  "Without allow-same-origin the frame gets an opaque origin; neither the default allowlist (self) nor an allow entry ('src', declared origin of a sandboxed frame is opaque and unique) matches it, so both features are disabled: NotAllowedError.";
const SANDBOX: SandboxCase[] = [
  {
    key: 'no-tokens',
    host: 'a',
    sandbox: '',
    allowed: null,
    origin: 'opaque',
    spec: 'Without allow-scripts no script runs in the frame, so nothing there can call getUserMedia.',
  },
  {
    key: 'no-tokens-with-allow',
    host: 'a',
    sandbox: '',
    allow: 'camera; microphone',
    allowed: null,
    origin: 'opaque',
    spec: 'allow does not lift the sandbox: without allow-scripts no script runs in the frame.',
  },
  { key: 'allow-scripts', host: 'a', sandbox: 'allow-scripts', allowed: false, origin: 'opaque', spec: SPEC_SANDBOX_OPAQUE },
  {
    key: 'allow-scripts-with-allow',
    host: 'a',
    sandbox: 'allow-scripts',
    allow: 'camera; microphone',
    allowed: false,
    origin: 'opaque',
    spec: SPEC_SANDBOX_OPAQUE,
  },
  {
    key: 'cross-origin/allow-scripts-with-allow',
    host: 'b',
    sandbox: 'allow-scripts',
    allow: 'camera; microphone',
    allowed: false,
    origin: 'opaque',
    spec: SPEC_SANDBOX_OPAQUE,
  },
  {
    key: 'allow-scripts-allow-same-origin',
    host: 'a',
    sandbox: 'allow-scripts allow-same-origin',
    allowed: true,
    origin: 'frame',
    spec: 'With allow-same-origin the frame keeps its origin (a.test, same as the parent): default self applies.',
  },
  {
    key: 'allow-scripts-allow-same-origin-with-allow',
    host: 'a',
    sandbox: 'allow-scripts allow-same-origin',
    allow: 'camera; microphone',
    allowed: true,
    origin: 'frame',
    spec: 'The frame keeps its origin and both features are delegated to it.',
  },
  {
    key: 'cross-origin/allow-scripts-allow-same-origin-with-allow',
    host: 'b',
    sandbox: 'allow-scripts allow-same-origin',
    allow: 'camera; microphone',
    allowed: true,
    origin: 'frame',
    spec: 'The frame keeps its origin (b.test) and both features are delegated to it.',
  },
  {
    key: 'cross-origin/allow-scripts-allow-same-origin',
    host: 'b',
    sandbox: 'allow-scripts allow-same-origin',
    allowed: false,
    origin: 'frame',
    spec: 'allow-same-origin keeps the frame cross-origin (b.test); nothing delegates the features to it.',
  },
];

for (const s of SANDBOX) {
  const where = `a ${s.host === 'a' ? 'same-origin' : 'cross-origin (b.test)'} iframe with sandbox="${s.sandbox}"${s.allow ? ` and allow="${s.allow}"` : ''}`;
  check(
    {
      id: `frames/sandbox/${s.key}`,
      title:
        s.allowed === null
          ? `in ${where}, the frame loads but no script runs (getUserMedia cannot be called)`
          : `in ${where}, ${BOTH.text} ${s.allowed ? 'resolves' : 'rejects with NotAllowedError'}`,
      seed: SEED_SANDBOX,
      spec: s.spec,
      expected:
        s.allowed === null
          ? 'loaded, script did not run'
          : `origin ${s.origin === 'opaque' ? 'null' : s.host + '.test'}; ${expectedGum(s.allowed, BOTH.kinds)}`,
    },
    async ({ open, url, observe }) => {
      const top = await open(url('a'));
      const src = url(s.host, '/frame.html');
      const f = await top.frame({ src, sandbox: s.sandbox, allow: s.allow });
      if (s.allowed === null) {
        observe({ load: f.load, summary: loadSummary(f.load) });
        expect(f.load.loaded).toBe(true);
        expect(f.load.scriptRan).toBe(false);
        return;
      }
      const r = f.load.scriptRan ? await f.page.gum(BOTH.constraints) : null;
      observe({ load: f.load, gum: r, summary: `${loadSummary(f.load)}; ${gumSummary(r)}` });
      expectFrameRan(f.load, s.origin === 'opaque' ? 'null' : originOf(src));
      expectGum(r!, s.allowed, BOTH.kinds);
    },
  );
}

// ------------------------------------------------------------------------------------------------ srcdoc, data:, blob:

type SourceKind = 'srcdoc' | 'data' | 'blob';
interface SourceCase {
  key: string;
  source: SourceKind;
  sandbox?: string;
  allow?: string;
  /** The frame document's origin: the parent's (inherited) or a new opaque one. */
  origin: 'parent' | 'opaque';
  video: boolean;
  audio: boolean;
  /** Also check the origin and isSecureContext (once per source). */
  env: boolean;
  /**
   * Whether the spec settles that the frame is a secure context. For data: frames it does not (Secure Contexts issue
   * 26, left open; WPT does not test it): isSecureContext is recorded, and getUserMedia is judged against what the
   * engine decided (no secure context: navigator.mediaDevices must be absent).
   */
  secure: true | 'unsettled';
  /** Its secure context and getUserMedia are checked in document-source.spec.ts already: only the origin here. */
  originOnly?: true;
  spec: string;
}

const SEED_FOR: Record<SourceKind, string> = { srcdoc: SEED_SRCDOC, data: SEED_DATA_BLOB, blob: SEED_DATA_BLOB };
const SPEC_DATA_SECURE =
  ' Whether a data: frame is a secure context is unsettled (w3c/webappsec-secure-contexts issue 26): where it is not, navigator.mediaDevices is absent ([SecureContext]), which also keeps getUserMedia from being called.';
const SOURCES: SourceCase[] = [
  {
    key: 'srcdoc',
    source: 'srcdoc',
    origin: 'parent',
    video: true,
    audio: true,
    secure: true,
    env: true,
    originOnly: true,
    spec: "HTML: an about:srcdoc document inherits its parent's origin, and Permissions Policy's declared origin of a srcdoc frame is the parent's origin, so default self applies and getUserMedia works. The seed's \"no origin\" claim is outdated.",
  },
  {
    key: 'srcdoc-camera-none',
    source: 'srcdoc',
    allow: "camera 'none'",
    origin: 'parent',
    video: false,
    audio: true,
    secure: true,
    env: false,
    spec: "A srcdoc frame is governed by its container policy like any other: camera 'none' disables the camera, microphone keeps its default.",
  },
  {
    key: 'srcdoc-sandboxed',
    source: 'srcdoc',
    sandbox: 'allow-scripts',
    origin: 'opaque',
    video: false,
    audio: false,
    secure: true,
    env: true,
    spec: 'A sandboxed srcdoc frame without allow-same-origin has an opaque origin: both features are disabled.',
  },
  {
    key: 'srcdoc-sandboxed-with-allow',
    source: 'srcdoc',
    sandbox: 'allow-scripts',
    allow: 'camera; microphone',
    origin: 'opaque',
    video: false,
    audio: false,
    secure: true,
    env: false,
    spec: "allow ('src' = the parent's origin for srcdoc) does not match the sandboxed frame's opaque origin.",
  },
  {
    key: 'data',
    source: 'data',
    origin: 'opaque',
    video: false,
    audio: false,
    secure: 'unsettled',
    env: true,
    spec:
      "HTML: a data: document in an iframe gets a new opaque origin (it does not inherit the script's origin), so default self does not match it: NotAllowedError. The seed's \"inherit the script's permissions\" does not hold for data: frames." +
      SPEC_DATA_SECURE,
  },
  {
    key: 'blob',
    source: 'blob',
    origin: 'parent',
    video: true,
    audio: true,
    secure: true,
    env: true,
    spec: "A blob: URL made by the parent has the parent's origin, so the frame is same-origin and default self applies (the seed's \"inherit the script's permissions\").",
  },
  {
    key: 'blob-sandboxed',
    source: 'blob',
    sandbox: 'allow-scripts',
    origin: 'opaque',
    video: false,
    audio: false,
    secure: true,
    env: true,
    spec: 'A sandboxed blob: frame without allow-same-origin has an opaque origin: both features are disabled.',
  },
];

function sourceSpec(c: SourceCase): FrameSpec {
  return { [c.source]: true, sandbox: c.sandbox, allow: c.allow };
}
function sourceTitle(c: SourceCase): string {
  const attrs = [c.sandbox !== undefined ? `sandbox="${c.sandbox}"` : '', c.allow !== undefined ? `allow="${c.allow}"` : '']
    .filter(Boolean)
    .join(' and ');
  const what = c.source === 'srcdoc' ? 'a srcdoc iframe' : `a ${c.source}: URL iframe made by the page's script`;
  return attrs ? `${what} with ${attrs}` : what;
}

async function openSource(open: (u: string) => Promise<ProbePage>, top: string, c: SourceCase) {
  const page = await open(top);
  return page.frame(sourceSpec(c));
}

for (const c of SOURCES) {
  const frameOrigin = (url: (h: HostKey, p?: string) => string) => (c.origin === 'parent' ? originOf(url('a')) : 'null');
  if (c.env) {
    check(
      {
        id: `frames/${c.key}/origin`,
        title: `${sourceTitle(c)} has ${c.origin === 'parent' ? "its parent's origin" : 'an opaque origin ("null")'}`,
        seed: SEED_FOR[c.source],
        spec: c.spec,
        expected: c.origin === 'parent' ? 'origin https://a.test' : 'origin null',
      },
      async ({ open, url, observe }) => {
        const f = await openSource(open, url('a'), c);
        const env = f.load.scriptRan ? await f.page.env() : null;
        // isSecureContext rides along in the summary: for data: frames it is the record the seed's list asks for.
        const secure = env && c.secure === 'unsettled' ? `, isSecureContext=${env.isSecureContext}, mediaDevices=${env.mediaDevices}` : '';
        observe({
          load: f.load,
          env,
          summary: `${loadSummary(f.load)}; self.origin ${env ? originLabel(env.origin) : 'not read'}${secure}`,
        });
        expectFrameRan(f.load, frameOrigin(url));
        expect(env!.origin).toBe(frameOrigin(url));
      },
    );

    if (c.secure === true && !c.originOnly) {
      check(
        {
          id: `frames/${c.key}/secure-context`,
          title: `${sourceTitle(c)} in a secure page is a secure context with navigator.mediaDevices`,
          seed: SEED_FOR[c.source],
          spec: "Secure Contexts / HTML: about:srcdoc and blob: URLs are potentially trustworthy, and the frame's top-level creation URL (https://a.test) is, so the frame is a secure context (WPT secure-contexts/ tests srcdoc and blob: frames, sandboxed or not).",
          expected: 'isSecureContext true, mediaDevices object',
        },
        async ({ open, url, observe }) => {
          const f = await openSource(open, url('a'), c);
          const env = f.load.scriptRan ? await f.page.env() : null;
          observe({
            load: f.load,
            env,
            summary: `${loadSummary(f.load)}; ${env ? `isSecureContext=${env.isSecureContext}, mediaDevices=${env.mediaDevices}` : 'env not read'}`,
          });
          expect(f.load.scriptRan).toBe(true);
          expect(env!.isSecureContext).toBe(true);
          expect(env!.mediaDevices).toBe('object');
        },
      );
    }
  }

  // Mixed cases ask for each kind on its own (a two-kind request would only show the blocked one).
  const requests = c.originOnly ? [] : c.video === c.audio ? [BOTH] : REQUESTS.filter((r) => r.kinds.length === 1);
  for (const req of requests) {
    const ok = req.kinds.every((k) => c[k]);
    const insecureNote =
      c.secure === 'unsettled' ? ' (or has no navigator.mediaDevices, where the engine does not make it a secure context)' : '';
    check(
      {
        id: `frames/${c.key}/${req.key}`,
        title: `in ${sourceTitle(c)}, ${req.text} ${ok ? 'resolves' : 'rejects with NotAllowedError'}${insecureNote}`,
        seed: SEED_FOR[c.source],
        spec: c.spec,
        expected: expectedGum(ok, req.kinds) + (c.secure === 'unsettled' ? ' (or no API, if isSecureContext is false)' : ''),
      },
      async ({ open, url, observe }) => {
        const f = await openSource(open, url('a'), c);
        const env = f.load.scriptRan ? await f.page.env() : null;
        const r = f.load.scriptRan ? await f.page.gum(req.constraints) : null;
        const where = env && c.secure === 'unsettled' ? `, isSecureContext=${env.isSecureContext}` : '';
        observe({ load: f.load, env, gum: r, summary: `${loadSummary(f.load)}${where}; ${gumSummary(r)}` });
        expectFrameRan(f.load, frameOrigin(url));
        if (c.secure === 'unsettled' && env!.isSecureContext === false) {
          // The engine settled the open question its own way: the API must then be missing altogether.
          expect(r!.outcome).toBe('no-api');
          return;
        }
        expectGum(r!, ok, req.kinds);
      },
    );
  }
}
