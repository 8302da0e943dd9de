// Every error the seed's Exceptions section lists, plus the spec's InvalidStateError, each provoked the way the spec
// describes: its name, its class, and no capture left running. Then the same errors through the legacy callback form.
import { check, expect, DENIED, GRANTED, PROMPT, type OpenedPage } from '../harness/check';
import type { GumOutcome } from '../harness/probe-page';
import { isUnobservable, type PermissionProfile, type SessionEnvironment } from '../harness/types';
import { expectNoLiveCapture, expectNoPrompt, readIndicator, readPrompts } from './browser-ui';
import { errorSummary, legacyVia, type LegacyVia } from './errors-support';
import { SEED_DENIED, SEED_POLICY_ERROR, SPEC_NO_KIND } from './seed-quotes';

const AREA = 'exceptions';

const SEED = {
  top: SEED_DENIED,
  abort:
    'Although the user and operating system both granted access to the hardware device, and no hardware issues occurred that would cause a NotReadableError DOMException, throw if some problem occurred which prevented the device from being used.',
  notAllowed:
    'It also happens if the user has specified that the current browsing instance is not permitted access to the device, the user has denied access for the current session, or the user has denied all access to user media devices globally.',
  policy: SEED_POLICY_ERROR,
  notFound: 'Thrown if no media tracks of the type specified were found that satisfy the given constraints.',
  notReadable:
    'Thrown if, although the user granted permission to use the matching devices, a hardware error occurred at the operating system, browser, or Web page level which prevented access to the device.',
  overconstrained:
    'Thrown if the specified constraints resulted in no candidate devices which met the criteria requested. The error is an object of type OverconstrainedError, and has a constraint property whose string value is the name of a constraint which was impossible to meet, and a message property containing a human-readable string explaining the problem.',
  security:
    'Thrown if user media support is disabled on the Document on which getUserMedia() was called. The mechanism by which user media support is enabled and disabled is left up to the individual user agent.',
  typeError: 'Thrown if the list of constraints specified is empty, or has all constraints set to false.',
  legacy: 'The older navigator.getUserMedia() legacy API.',
  polyfill:
    'var getUserMedia = navigator.webkitGetUserMedia || navigator.mozGetUserMedia; ... getUserMedia.call(navigator, constraints, resolve, reject);',
};
const SPEC_LEGACY =
  'navigator.getUserMedia(constraints, successCallback, errorCallback) runs the getUserMedia() algorithm and invokes errorCallback with the rejection reason (the legacy form is optional).';
const IMPOSSIBLE = { video: { width: { exact: 99999 } } };

/** How a case is provoked: a request in a session, optionally through a removed iframe or a cross-origin frame. */
interface Provocation {
  profile: PermissionProfile;
  env?: SessionEnvironment;
  constraints: unknown;
  /** Through the MediaDevices (or legacy method) of an iframe removed from the document. */
  detached?: boolean;
  /** From a cross-origin frame (b.test) embedded without an allow attribute. */
  crossOriginFrame?: boolean;
}

interface ErrorCase extends Provocation {
  key: string;
  name: string;
  title: string;
  /** The seed sentence; none for InvalidStateError, which only the spec has. */
  seed?: string;
  spec: string;
  /** The spec requires a DOMException (TypeError is an ECMAScript error; OverconstrainedError has its own checks). */
  domException: boolean;
  /** Also checked through the legacy callback form: the situation, as the start of that check's title. */
  legacy: string | false;
}

const CASES: ErrorCase[] = [
  {
    key: 'not-allowed/permission-denied',
    name: 'NotAllowedError',
    profile: DENIED,
    constraints: { video: true },
    title: 'with camera permission denied, getUserMedia({video:true}) rejects with a NotAllowedError DOMException',
    seed: SEED.notAllowed,
    spec: 'Permission Failure: reject p with a new DOMException whose name is NotAllowedError.',
    domException: true,
    legacy: 'with camera permission denied',
  },
  {
    key: 'not-allowed/permissions-policy',
    name: 'NotAllowedError',
    profile: GRANTED,
    constraints: { video: true },
    crossOriginFrame: true,
    title: 'in a cross-origin frame without allow="camera", getUserMedia({video:true}) rejects with a NotAllowedError DOMException',
    seed: SEED.policy,
    spec: 'A document not allowed to use the feature "camera" jumps to Permission Failure: NotAllowedError, before any prompt.',
    domException: true,
    legacy: false,
  },
  {
    key: 'not-found/no-camera',
    name: 'NotFoundError',
    profile: GRANTED,
    env: { devices: 'no-camera' },
    constraints: { video: true },
    title: 'with no camera, getUserMedia({video:true}) rejects with a NotFoundError DOMException',
    seed: SEED.top,
    spec: 'If candidateSet (every configuration of every source device of the kind) is empty: NotFound Failure, NotFoundError.',
    domException: true,
    legacy: 'with no camera',
  },
  {
    key: 'not-found/no-camera-audio-and-video',
    name: 'NotFoundError',
    profile: GRANTED,
    env: { devices: 'no-camera' },
    constraints: { audio: true, video: true },
    title: 'with no camera, getUserMedia({audio:true, video:true}) rejects with NotFoundError although a microphone may exist',
    seed: SEED.notFound,
    spec: 'The device search runs per requested kind; one kind without any device is a NotFound Failure for the request.',
    domException: true,
    legacy: false,
  },
  {
    key: 'not-found/no-microphone',
    name: 'NotFoundError',
    profile: GRANTED,
    env: { devices: 'no-microphone' },
    constraints: { audio: true },
    title: 'with no microphone, getUserMedia({audio:true}) rejects with a NotFoundError DOMException',
    seed: SEED.top,
    spec: 'If candidateSet is empty for the kind "audio": NotFound Failure, NotFoundError.',
    domException: true,
    legacy: false,
  },
  {
    key: 'not-readable/device-busy',
    name: 'NotReadableError',
    profile: GRANTED,
    env: { fault: 'device-busy' },
    constraints: { video: true },
    title:
      'with permission granted but the camera held by the OS or another program, getUserMedia({video:true}) rejects with a NotReadableError DOMException',
    seed: SEED.notReadable,
    spec: 'If a hardware error such as an OS/program/webpage lock prevents access and no candidate is left: NotReadableError.',
    domException: true,
    legacy: false,
  },
  {
    key: 'abort/device-fails',
    name: 'AbortError',
    profile: GRANTED,
    env: { fault: 'device-fails' },
    constraints: { video: true },
    title:
      'with permission granted but the camera failing to start for another reason, getUserMedia({video:true}) rejects with an AbortError DOMException',
    seed: SEED.abort,
    spec: 'If device access fails for any reason other than a hardware lock and no candidate is left: AbortError.',
    domException: true,
    legacy: false,
  },
  {
    key: 'security/user-media-disabled',
    name: 'SecurityError',
    profile: GRANTED,
    env: { fault: 'user-media-disabled' },
    constraints: { video: true },
    title: 'with user media support disabled on the document, getUserMedia({video:true}) rejects with a SecurityError DOMException',
    seed: SEED.security,
    spec: 'The current spec algorithm has no SecurityError step; the seed leaves the mechanism to the user agent.',
    domException: true,
    legacy: false,
  },
  {
    key: 'invalid-state/detached-document',
    name: 'InvalidStateError',
    profile: GRANTED,
    constraints: { video: true },
    detached: true,
    title: 'getUserMedia({video:true}) on the MediaDevices of a removed iframe rejects with an InvalidStateError DOMException',
    spec: 'If the document is not fully active, return a promise rejected with a DOMException whose name is InvalidStateError (not in the seed).',
    domException: true,
    legacy: "on a removed iframe's navigator",
  },
  {
    key: 'type-error/empty-constraints',
    name: 'TypeError',
    profile: GRANTED,
    constraints: {},
    title: 'getUserMedia({}) rejects with a TypeError, which is an ECMAScript TypeError and not a DOMException',
    seed: SEED.typeError,
    spec: 'If requestedMediaTypes is the empty set, return a promise rejected with a TypeError (the seed files it under DOMException, but it is the ECMAScript TypeError).',
    domException: false,
    legacy: 'with constraints {}',
  },
  {
    key: 'type-error/all-false',
    name: 'TypeError',
    profile: GRANTED,
    constraints: { audio: false, video: false },
    title: 'getUserMedia({audio:false, video:false}) rejects with an ECMAScript TypeError, not a DOMException',
    seed: SEED.typeError,
    spec: SPEC_NO_KIND,
    domException: false,
    legacy: false,
  },
];

type Open = (u: string, p?: PermissionProfile, e?: SessionEnvironment) => Promise<OpenedPage>;
type Url = (h: 'a' | 'b', p?: string) => string;

/**
 * Provokes c in a fresh session, through navigator.mediaDevices or, with `legacy`, through the legacy callback form the
 * page has (the check ends as unsupported where it has none).
 */
async function provoke(
  open: Open,
  url: Url,
  c: Provocation,
  legacy?: { unsupported: (reason: string) => never },
): Promise<{ page: OpenedPage; r: GumOutcome; entry: string }> {
  const page = await open(url('a'), c.profile, c.env);
  let via: LegacyVia | undefined;
  if (legacy) {
    const found = await legacyVia(page);
    if (isUnobservable(found)) {
      return legacy.unsupported(found.unobservable);
    }
    via = found;
  }
  const entry = via ? `navigator.${via}` : 'navigator.mediaDevices.getUserMedia';
  if (c.detached) return { page, r: await page.detachedGum(c.constraints, 4000, via), entry: `removed iframe's ${entry}` };
  if (c.crossOriginFrame) {
    const { load, page: frame } = await page.frame({ src: url('b', '/frame.html') });
    if (!load.scriptRan) throw new Error(`harness: cross-origin frame did not run the probe (${JSON.stringify(load)})`);
    return { page, r: await frame.gum(c.constraints, { via }), entry: `cross-origin frame's ${entry}` };
  }
  return { page, r: await page.gum(c.constraints, { via }), entry };
}

for (const c of CASES) {
  check(
    {
      id: `${AREA}/${c.key}`,
      title: c.title,
      seed: c.seed,
      spec: c.spec,
      expected: `rejected ${c.name}${c.domException ? ' (a DOMException)' : ' (a TypeError, not a DOMException)'}, no capture left running`,
    },
    async ({ open, url, observe }) => {
      const { page, r } = await provoke(open, url, c);
      const ind = await readIndicator(page);
      observe({ ...r, indicator: ind.indicator, summary: errorSummary(r, ind) });
      expect(r).toRejectWith(c.name);
      expect(r.error?.isDOMException).toBe(c.domException);
      if (!c.domException) expect(r.error?.isTypeError).toBe(true);
      expectNoLiveCapture(ind);
    },
  );

  if (!c.legacy) continue;
  check(
    {
      id: `${AREA}/legacy/${c.key}`,
      title: `${c.legacy}, the legacy callback form (navigator.getUserMedia, or its webkit/moz prefix) passes ${c.name} to its error callback`,
      seed: SEED.legacy,
      spec: SPEC_LEGACY,
      expected: `error callback called with ${c.name}, nothing thrown`,
    },
    async ({ open, url, observe, unsupported }) => {
      const { page, r, entry } = await provoke(open, url, c, { unsupported });
      const ind = await readIndicator(page);
      observe({ ...r, entry, indicator: ind.indicator, summary: `${entry}: ${errorSummary(r, ind)}` });
      // 'rejected' here means the error callback ran; a synchronous throw is 'threw'.
      expect(r).toRejectWith(c.name);
      expectNoLiveCapture(ind);
    },
  );
}

check(
  {
    id: `${AREA}/legacy/overconstrained`,
    title: 'the legacy callback form passes an OverconstrainedError naming "width" to its error callback for width {exact: 99999}',
    seed: SEED.legacy,
    spec: SPEC_LEGACY,
    expected: 'error callback called with OverconstrainedError("width")',
  },
  async ({ open, url, observe, unsupported }) => {
    const { r, entry } = await provoke(open, url, { profile: GRANTED, constraints: IMPOSSIBLE }, { unsupported });
    observe({ ...r, entry, summary: `${entry}: ${r.summary}` });
    expect(r).toRejectWith('OverconstrainedError');
    expect(r.error?.constraint).toBe('width');
  },
);

check(
  {
    id: `${AREA}/legacy/seed-polyfill-denied`,
    title: "the seed polyfill's legacy path (webkitGetUserMedia || mozGetUserMedia) reports a denial as NotAllowedError",
    seed: SEED.polyfill,
    spec: SPEC_LEGACY,
    expected: 'error callback called with NotAllowedError',
  },
  async ({ open, url, observe, unsupported }) => {
    const page = await open(url('a'), DENIED);
    const via = await legacyVia(page, true);
    if (isUnobservable(via)) return unsupported(via.unobservable);
    const r = await page.gum({ audio: true, video: true }, { via });
    observe({ ...r, entry: `navigator.${via}`, summary: `navigator.${via}: ${r.summary}` });
    expect(r).toRejectWith('NotAllowedError');
  },
);

// OverconstrainedError: one check per property the seed names, and the spec's inheritance from DOMException.
const OC_SPEC =
  'Constraint Failure: reject p with a new OverconstrainedError(constraint, message); constraint is the failed constraint if device information can be exposed (a grant or a capture in this document), else "".';
async function impossibleAfterCapture(page: OpenedPage): Promise<GumOutcome> {
  // A capture in the document makes device information exposable, so the constraint is named whatever the reading.
  const first = await page.gum({ video: true });
  if (first.outcome !== 'resolved') throw new Error(`harness: the capture before the impossible request did not resolve: ${first.summary}`);
  return page.gum(IMPOSSIBLE);
}

check(
  {
    id: `${AREA}/overconstrained/is-overconstrained-error`,
    title: 'an impossible width {exact: 99999} rejects with an object of type OverconstrainedError',
    seed: SEED.overconstrained,
    spec: OC_SPEC,
    expected: 'name "OverconstrainedError", instanceof OverconstrainedError',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'));
    const r = await impossibleAfterCapture(page);
    observe({
      ...r,
      summary: `${r.summary}; class ${r.error?.className}; instanceof OverconstrainedError: ${r.error?.isOverconstrainedError}`,
    });
    expect(r).toRejectWith('OverconstrainedError');
    expect(r.error?.isOverconstrainedError).toBe(true);
    expect(r.error?.className).toBe('OverconstrainedError');
  },
);

check(
  {
    id: `${AREA}/overconstrained/constraint-names-width`,
    title: 'the OverconstrainedError for width {exact: 99999} has a constraint property whose string value is "width"',
    seed: SEED.overconstrained,
    spec: OC_SPEC,
    expected: 'constraint === "width"',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'));
    const r = await impossibleAfterCapture(page);
    observe(r);
    expect(r.outcome).toBe('rejected');
    expect(r.error?.constraint).toBe('width');
  },
);

check(
  {
    id: `${AREA}/overconstrained/message-is-string`,
    title: 'the OverconstrainedError for width {exact: 99999} has a message property holding a string',
    seed: SEED.overconstrained,
    spec: 'OverconstrainedError(constraint, message): message is the DOMException message, a string ("" when none is given).',
    expected: 'typeof message === "string"',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'));
    const r = await impossibleAfterCapture(page);
    observe({ ...r, summary: `${r.summary}; message (${r.error?.messageType}) ${JSON.stringify(r.error?.message)}` });
    expect(r.outcome).toBe('rejected');
    expect(r.error?.messageType).toBe('string');
  },
);

check(
  {
    id: `${AREA}/overconstrained/is-dom-exception`,
    title: 'the OverconstrainedError for width {exact: 99999} is a DOMException',
    seed: SEED.overconstrained,
    spec: 'interface OverconstrainedError : DOMException — the spec makes it a DOMException subclass (the seed lists it among the DOMExceptions).',
    expected: 'instanceof DOMException',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'));
    const r = await impossibleAfterCapture(page);
    observe({ ...r, summary: `${r.summary}; instanceof DOMException: ${r.error?.isDOMException}` });
    expect(r).toRejectWith('OverconstrainedError');
    expect(r.error?.isDOMException).toBe(true);
  },
);

check(
  {
    id: `${AREA}/not-found/before-prompt`,
    title: 'with no camera and the prompt unanswered, getUserMedia({video:true}) still rejects with NotFoundError, without prompting',
    seed: SEED.top,
    spec: 'The device search (NotFound Failure) comes before the permission request; with no permission denied the specific error is allowed.',
    expected: 'NotFoundError at once, no prompt (where prompts are visible)',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'), PROMPT, { devices: 'no-camera' });
    const r = await page.gum({ video: true }, { waitMs: 3000 });
    const seen = readPrompts(page);
    observe({ ...r, prompts: seen.prompts, summary: `${r.summary}; ${seen.note}` });
    expect(r).toRejectWith('NotFoundError');
    expectNoPrompt(seen);
  },
);

check(
  {
    id: `${AREA}/invalid-state/before-prompt`,
    title: "getUserMedia on a removed iframe's MediaDevices rejects without prompting, even with the prompt left unanswered",

    spec: 'The fully-active test is a synchronous step before any permission request: InvalidStateError, never a prompt.',
    expected: 'InvalidStateError, no prompt (where prompts are visible)',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'), PROMPT);
    const r = await page.detachedGum({ video: true }, 3000);
    const seen = readPrompts(page);
    observe({ ...r, prompts: seen.prompts, summary: `${r.summary}; ${seen.note}` });
    expect(r).toRejectWith('InvalidStateError');
    expectNoPrompt(seen);
  },
);
