// Policy delivered by the top-level page's response headers (Permissions-Policy, the seed's legacy Feature-Policy, a
// CSP sandbox), its effect on the page and on its frames, and what enumerateDevices exposes where a kind is blocked.
// Each fixture page under pages/policy/ carries its header in a `.headers` sidecar.
import { check, expect, PROMPT } from '../harness/check';
import type { HostKey } from '../harness/hosts';
import type { ProbePage } from '../harness/probe-page';
import { expectNoPrompt, readPrompts } from './browser-ui';
import {
  BOTH,
  REQUESTS,
  enumerateSummary,
  expectEnumerated,
  expectFrameRan,
  expectGum,
  expectedGum,
  gumSummary,
  loadSummary,
  originLabel,
  originOf,
  type Kind,
  type Request,
} from './policy-support';
import { SEED_POLICY_ERROR, SEED_SRCDOC } from './seed-quotes';

const SEED_FP_CAMERA =
  "For example, this line in the HTTP headers will enable use of a camera for the document and any embedded <iframe> elements that are loaded from the same origin: Feature-Policy: camera 'self'";
const SEED_FP_MICROPHONE =
  "This will request access to the microphone for the current origin and the specific origin https://developer.mozilla.org: Feature-Policy: microphone 'self' https://developer.mozilla.org";

const SPEC_HEADER =
  "Permissions-Policy: the header sets the document's declared policy; a frame can only have a feature its parent has and that its container policy (allow, default 'src') or the default allowlist (self) grants it.";
const SPEC_FP =
  'Feature-Policy is the superseded name of Permissions-Policy; the Permissions Policy spec no longer defines the header, so an engine may ignore it. The check asserts what the seed claims.';

const SPEC_ENUMERATE = 'Additionally, enumerateDevices will only enumerate devices the document is allowed to use.';

/** Where the request is made: the page itself, or a frame it embeds. */
type Target = { top: true } | { frame: HostKey; allow?: string };

interface HeaderCheck {
  key: string;
  target: Target;
  /** A getUserMedia request (allowed or not), or an enumeration with the kinds expected to be listed. */
  gum?: { req: Request; allowed: boolean };
  enumerate?: Record<Kind, boolean>;
}

interface HeaderPage {
  key: string;
  page: string;
  header: string;
  seed: string;
  spec: string;
  checks: HeaderCheck[];
}

const req = (k: 'video' | 'audio' | 'both'): Request => REQUESTS.find((r) => r.key === k)!;
const TOP: Target = { top: true };
const SAME: Target = { frame: 'a' };
const CROSS_BOTH: Target = { frame: 'b', allow: 'camera; microphone' };

const PAGES: HeaderPage[] = [
  {
    key: 'permissions-policy/camera-none',
    page: '/policy/pp-camera-none.html',
    header: 'Permissions-Policy: camera=()',
    seed: SEED_POLICY_ERROR,
    spec: SPEC_HEADER,
    checks: [
      { key: 'top/video', target: TOP, gum: { req: req('video'), allowed: false } },
      { key: 'top/audio', target: TOP, gum: { req: req('audio'), allowed: true } },
      { key: 'top/both', target: TOP, gum: { req: BOTH, allowed: false } },
      { key: 'same-origin-frame/video', target: SAME, gum: { req: req('video'), allowed: false } },
      { key: 'cross-origin-frame-allowed/video', target: CROSS_BOTH, gum: { req: req('video'), allowed: false } },
      { key: 'cross-origin-frame-allowed/audio', target: CROSS_BOTH, gum: { req: req('audio'), allowed: true } },
      { key: 'top/enumerate', target: TOP, enumerate: { video: false, audio: true } },
    ],
  },
  {
    key: 'permissions-policy/camera-self',
    page: '/policy/pp-camera-self.html',
    header: 'Permissions-Policy: camera=(self)',
    seed: SEED_POLICY_ERROR,
    spec: SPEC_HEADER,
    checks: [
      { key: 'top/video', target: TOP, gum: { req: req('video'), allowed: true } },
      { key: 'same-origin-frame/video', target: SAME, gum: { req: req('video'), allowed: true } },
      { key: 'cross-origin-frame-allowed/video', target: CROSS_BOTH, gum: { req: req('video'), allowed: false } },
    ],
  },
  {
    key: 'permissions-policy/camera-star',
    page: '/policy/pp-camera-star.html',
    header: 'Permissions-Policy: camera=*',
    seed: SEED_POLICY_ERROR,
    spec: SPEC_HEADER,
    checks: [
      { key: 'top/video', target: TOP, gum: { req: req('video'), allowed: true } },
      { key: 'cross-origin-frame-allowed/video', target: CROSS_BOTH, gum: { req: req('video'), allowed: true } },
      { key: 'cross-origin-frame-no-allow/video', target: { frame: 'b' }, gum: { req: req('video'), allowed: false } },
    ],
  },
  {
    key: 'permissions-policy/microphone-none',
    page: '/policy/pp-microphone-none.html',
    header: 'Permissions-Policy: microphone=()',
    seed: SEED_POLICY_ERROR,
    spec: SPEC_HEADER,
    checks: [
      { key: 'top/audio', target: TOP, gum: { req: req('audio'), allowed: false } },
      { key: 'top/video', target: TOP, gum: { req: req('video'), allowed: true } },
      { key: 'same-origin-frame/audio', target: SAME, gum: { req: req('audio'), allowed: false } },
      { key: 'cross-origin-frame-allowed/audio', target: CROSS_BOTH, gum: { req: req('audio'), allowed: false } },
      { key: 'top/enumerate', target: TOP, enumerate: { video: true, audio: false } },
    ],
  },
  {
    key: 'permissions-policy/camera-self-and-b',
    page: '/policy/pp-camera-self-b.html',
    header: 'Permissions-Policy: camera=(self "https://b.test:PORT")',
    seed: SEED_POLICY_ERROR,
    spec: SPEC_HEADER,
    checks: [
      { key: 'b-frame-allowed/video', target: { frame: 'b', allow: 'camera' }, gum: { req: req('video'), allowed: true } },
      { key: 'b-frame-no-allow/video', target: { frame: 'b' }, gum: { req: req('video'), allowed: false } },
      { key: 'c-frame-allowed/video', target: { frame: 'c', allow: 'camera' }, gum: { req: req('video'), allowed: false } },
    ],
  },
  {
    key: 'feature-policy/camera-self',
    page: '/policy/fp-camera-self.html',
    header: "Feature-Policy: camera 'self'",
    seed: SEED_FP_CAMERA,
    spec: SPEC_FP,
    checks: [
      { key: 'top/video', target: TOP, gum: { req: req('video'), allowed: true } },
      { key: 'same-origin-frame/video', target: SAME, gum: { req: req('video'), allowed: true } },
      { key: 'cross-origin-frame-allowed/video', target: { frame: 'b', allow: 'camera' }, gum: { req: req('video'), allowed: false } },
    ],
  },
  {
    key: 'feature-policy/microphone-self-and-b',
    page: '/policy/fp-microphone-self-b.html',
    header: "Feature-Policy: microphone 'self' https://b.test:PORT",
    seed: SEED_FP_MICROPHONE,
    spec: SPEC_FP,
    checks: [
      { key: 'top/audio', target: TOP, gum: { req: req('audio'), allowed: true } },
      { key: 'b-frame-allowed/audio', target: { frame: 'b', allow: 'microphone' }, gum: { req: req('audio'), allowed: true } },
      { key: 'c-frame-allowed/audio', target: { frame: 'c', allow: 'microphone' }, gum: { req: req('audio'), allowed: false } },
    ],
  },
];

function targetText(t: Target): string {
  if ('top' in t) return 'the page itself';
  const where = t.frame === 'a' ? 'a same-origin iframe' : `a ${t.frame}.test iframe`;
  return `${where} ${t.allow ? `with allow="${t.allow}"` : 'without allow'}`;
}

/** The document a check acts in, and a summary prefix describing how it was reached. */
async function reach(page: ProbePage, t: Target, url: (h: HostKey, p?: string) => string) {
  if ('top' in t) return { doc: page as ProbePage, prefix: 'top document', ran: true as const, load: null };
  const src = url(t.frame, '/frame.html');
  const f = await page.frame({ src, allow: t.allow });
  return { doc: f.page, prefix: loadSummary(f.load), ran: f.load.scriptRan, load: f.load, src };
}

for (const p of PAGES) {
  for (const c of p.checks) {
    const title = c.gum
      ? `on a page served with ${p.header}, ${c.gum.req.text} in ${targetText(c.target)} ${c.gum.allowed ? 'resolves' : 'rejects with NotAllowedError'}`
      : `on a page served with ${p.header}, enumerateDevices in ${targetText(c.target)} lists ${listText(c.enumerate!)}`;
    check(
      {
        id: `policy/${p.key}/${c.key}`,
        title,
        seed: c.enumerate ? undefined : p.seed,
        spec: c.enumerate ? `${SPEC_ENUMERATE} ${p.spec}` : p.spec,
        expected: c.gum ? expectedGum(c.gum.allowed, c.gum.req.kinds) : listText(c.enumerate!),
        // What enumerateDevices() lists (one device per kind, or all) depends on captures earlier in the context.
        ...(c.enumerate ? { isolation: 'context' as const } : {}),
      },
      async ({ open, url, observe }) => {
        // The control enumeration runs first, in its own session: Firefox defers enumerateDevices in a page that lost
        // focus to a later session, so the page under test is opened last.
        const control = c.enumerate ? await (await open(url('a'))).enumerate() : null;
        const page = await open(url('a', p.page));
        const r = await reach(page, c.target, url);
        if (c.gum) {
          const g = r.ran ? await r.doc.gum(c.gum.req.constraints) : null;
          observe({ load: r.load, gum: g, summary: `${r.prefix}; ${gumSummary(g)}` });
          if (r.load) expectFrameRan(r.load, originOf(r.src!));
          expectGum(g!, c.gum.allowed, c.gum.req.kinds);
        } else {
          const e = r.ran ? await r.doc.enumerate() : null;
          observe({ load: r.load, enumerate: e, control, summary: `${r.prefix}; ${e ? enumerateSummary(e) : 'not enumerated'}` });
          if (r.load) expectFrameRan(r.load, originOf(r.src!));
          expectEnumerated(e!, c.enumerate!, control!);
        }
      },
    );
  }
}

function listText(k: Record<Kind, boolean>): string {
  const yes = (['audio', 'video'] as Kind[]).filter((x) => k[x]).map((x) => `${x}input`);
  const no = (['audio', 'video'] as Kind[]).filter((x) => !k[x]).map((x) => `${x}input`);
  return [yes.length ? `${yes.join(' and ')} devices` : '', no.length ? `no ${no.join(' or ')} device` : ''].filter(Boolean).join(' but ');
}

check(
  {
    id: 'policy/permissions-policy/camera-none/top/no-prompt',
    title:
      'on a page served with Permissions-Policy: camera=(), with camera permission undecided, getUserMedia({video:true}) rejects with NotAllowedError without prompting',
    seed: SEED_POLICY_ERROR,
    spec: 'The policy check comes before "request permission to use": a disabled feature jumps to Permission Failure, so no prompt is shown and the promise does not wait on the user.',
    expected: 'rejected NotAllowedError, no prompt',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a', '/policy/pp-camera-none.html'), PROMPT);
    const g = await page.gum({ video: true }, { waitMs: 3000 });
    const seen = readPrompts(page);
    observe({ gum: g, prompts: seen.prompts, summary: `${gumSummary(g)}; ${seen.note}` });
    expectGum(g, false, ['video']);
    expectNoPrompt(seen);
  },
);

// ------------------------------------------------------------------------------------------------ enumerateDevices in frames

interface EnumerateFrameCase {
  key: string;
  src: HostKey;
  allow?: string;
  sandbox?: string;
  lists: Record<Kind, boolean>;
  spec: string;
}
const ENUMERATE_FRAMES: EnumerateFrameCase[] = [
  {
    key: 'same-origin-frame',
    src: 'a',
    lists: { audio: true, video: true },
    spec: 'A same-origin frame may use both kinds (default self), so both are listed.',
  },
  {
    key: 'cross-origin-frame-no-allow',
    src: 'b',
    lists: { audio: false, video: false },
    spec: 'A cross-origin frame without allow may use neither kind.',
  },
  {
    key: 'cross-origin-frame-allow-camera',
    src: 'b',
    allow: 'camera',
    lists: { audio: false, video: true },
    spec: 'allow="camera" delegates the camera only.',
  },
  {
    key: 'same-origin-frame-microphone-none',
    src: 'a',
    allow: "microphone 'none'",
    lists: { audio: false, video: true },
    spec: 'allow="microphone \'none\'" disables the microphone in a same-origin frame.',
  },
  {
    key: 'sandboxed-frame',
    src: 'a',
    sandbox: 'allow-scripts',
    lists: { audio: false, video: false },
    spec: 'A sandboxed frame without allow-same-origin has an opaque origin that default self does not match.',
  },
];

for (const c of ENUMERATE_FRAMES) {
  const where = `${c.src === 'a' ? 'a same-origin' : 'a cross-origin (b.test)'} iframe${c.allow ? ` with allow="${c.allow}"` : ''}${c.sandbox ? ` with sandbox="${c.sandbox}"` : ''}${!c.allow && !c.sandbox ? ' without allow' : ''}`;
  check(
    {
      id: `policy/enumerate/${c.key}`,
      title: `enumerateDevices in ${where} lists ${listText(c.lists)}`,
      spec: `${SPEC_ENUMERATE} ${c.spec}`,
      expected: listText(c.lists),
      // What enumerateDevices() lists (one device per kind, or all) depends on captures earlier in the context.
      isolation: 'context',
    },
    async ({ open, url, observe }) => {
      const top = await open(url('a'));
      const control = await top.enumerate();
      const src = url(c.src, '/frame.html');
      const f = await top.frame({ src, allow: c.allow, sandbox: c.sandbox });
      const e = f.load.scriptRan ? await f.page.enumerate() : null;
      observe({ load: f.load, enumerate: e, control, summary: `${loadSummary(f.load)}; ${e ? enumerateSummary(e) : 'not enumerated'}` });
      expectFrameRan(f.load, c.sandbox ? 'null' : originOf(src));
      expectEnumerated(e!, c.lists, control);
    },
  );
}

// ------------------------------------------------------------------------------------------------ CSP sandbox

const CSP: { key: string; page: string; header: string; opaque: boolean; spec: string }[] = [
  {
    key: 'csp-sandbox/allow-scripts',
    page: '/policy/csp-sandbox-scripts.html',
    header: 'Content-Security-Policy: sandbox allow-scripts',
    opaque: true,
    spec: 'CSP sandbox without allow-same-origin gives the top-level document an opaque origin (HTML). Permissions are keyed by origin and the seed lists "no origin" documents among those that cannot call getUserMedia.',
  },
  {
    key: 'csp-sandbox/allow-scripts-allow-same-origin',
    page: '/policy/csp-sandbox-scripts-same-origin.html',
    header: 'Content-Security-Policy: sandbox allow-scripts allow-same-origin',
    opaque: false,
    spec: 'With allow-same-origin the document keeps its origin, so getUserMedia works as on any secure page.',
  },
];

for (const c of CSP) {
  check(
    {
      id: `policy/${c.key}/origin`,
      title: `a top-level page served with ${c.header} has ${c.opaque ? 'an opaque origin ("null")' : 'its own origin'}`,
      seed: SEED_SRCDOC,
      spec: c.spec,
      expected: c.opaque ? 'origin null' : 'origin https://a.test',
    },
    async ({ open, url, observe }) => {
      const page = await open(url('a', c.page));
      const env = await page.env();
      observe({
        ...env,
        summary: `self.origin ${originLabel(env.origin)}, isSecureContext=${env.isSecureContext}, mediaDevices=${env.mediaDevices}`,
      });
      expect(env.origin).toBe(c.opaque ? 'null' : originOf(url('a')));
    },
  );

  check(
    {
      id: `policy/${c.key}/video`,
      title: `on a top-level page served with ${c.header}, getUserMedia({video:true}) ${c.opaque ? 'rejects with NotAllowedError' : 'resolves'}`,
      seed: SEED_SRCDOC,
      spec: c.spec,
      expected: expectedGum(!c.opaque, ['video']),
    },
    async ({ open, url, observe }) => {
      const page = await open(url('a', c.page));
      const g = await page.gum({ video: true });
      observe({ gum: g, summary: gumSummary(g) });
      expectGum(g, !c.opaque, ['video']);
    },
  );
}
