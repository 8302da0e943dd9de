// What a page learns about the machine's capture devices: enumerateDevices() before and after a capture, deviceIds per
// origin and groupIds per document, and the constraint an OverconstrainedError names before and after permission.
import { check, expect, DENIED, GRANTED, PROMPT, type OpenedPage } from '../harness/check';
import type { DeviceInfo, EnumerateOutcome, GumOutcome, ProbePage } from '../harness/probe-page';
import type { PermissionProfile } from '../harness/types';
import { SEED_CONSTRAINT_NAMED } from './seed-quotes';

const AREA = 'device-exposure';
const INPUT_KINDS = ['audioinput', 'videoinput'];

const SEED_PRIVACY =
  "While information about a user's cameras and microphones are inaccessible for privacy reasons, an application can request the camera and microphone capabilities it needs and wants, using additional constraints.";
const SEED_ENUMERATE =
  'If you have a deviceId from mediaDevices.enumerateDevices(), you can use it to request a specific device: { video: { deviceId: myPreferredCameraDeviceId } }';
const SEED_FINGERPRINT =
  'Because this error can occur even when the user has not yet granted permission to use the underlying device, it can potentially be used as a fingerprinting surface.';

const SPEC_NOT_CAPTURED =
  'Access control model: if the document did not capture, each MediaDeviceInfo has a valid kind but empty deviceId, label and groupId, and at most one device of each kind is listed.';
const SPEC_CAPTURED =
  'Otherwise (the document captured), MediaDeviceInfo has meaningful deviceId, kind, label and groupId, and all available devices are listed.';

const inputs = (e: EnumerateOutcome): DeviceInfo[] => (e.devices ?? []).filter((d) => INPUT_KINDS.includes(d.kind));
const ofKind = (e: EnumerateOutcome, kind: string) => (e.devices ?? []).filter((d) => d.kind === kind);
function listSummary(e: EnumerateOutcome): string {
  if (e.outcome !== 'resolved') return e.summary ?? e.outcome;
  const list = inputs(e);
  if (!list.length) return 'no input devices';
  // Ids are random per run (salted): only whether they are empty goes into the summary, which expectations compare.
  return list
    .map((d) => `${d.kind}(id ${d.deviceId ? 'set' : '""'}, label ${JSON.stringify(d.label)}, group ${d.groupId ? 'set' : '""'})`)
    .join(', ');
}
function enumerated(e: EnumerateOutcome): DeviceInfo[] {
  expect(e.outcome).toBe('resolved');
  return inputs(e);
}

/** A granted capture of both kinds in `page`, left live. */
async function capture(page: ProbePage, constraints: unknown = { audio: true, video: true }): Promise<GumOutcome> {
  const r = await page.gum(constraints, { keep: true });
  if (r.outcome !== 'resolved') throw new Error(`harness: the capture this check builds on did not resolve: ${r.summary}`);
  return r;
}

// ---------------------------------------------------------------------------------------------- before any capture

const BEFORE: { key: string; title: string; test: (e: EnumerateOutcome) => void }[] = [
  {
    key: 'device-ids-empty',
    title: 'every camera and microphone has an empty deviceId',
    test: (e) => {
      for (const d of enumerated(e)) expect(d.deviceId).toBe('');
    },
  },
  {
    key: 'labels-empty',
    title: 'every camera and microphone has an empty label',
    test: (e) => {
      for (const d of enumerated(e)) expect(d.label).toBe('');
    },
  },
  {
    key: 'group-ids-empty',
    title: 'every camera and microphone has an empty groupId',
    test: (e) => {
      for (const d of enumerated(e)) expect(d.groupId).toBe('');
    },
  },
  {
    key: 'at-most-one-per-kind',
    title: 'at most one camera and one microphone are listed',
    test: (e) => {
      enumerated(e);
      for (const kind of INPUT_KINDS) expect(ofKind(e, kind).length).toBeLessThanOrEqual(1);
    },
  },
  {
    key: 'one-camera-and-one-microphone-listed',
    title: 'one camera and one microphone are listed (whether each kind exists)',
    test: (e) => {
      enumerated(e);
      for (const kind of INPUT_KINDS) expect(ofKind(e, kind).length).toBe(1);
    },
  },
];
for (const b of BEFORE) {
  check(
    {
      id: `${AREA}/before-capture/${b.key}`,
      title: `before any permission or capture, enumerateDevices(): ${b.title}`,
      seed: SEED_PRIVACY,
      spec: SPEC_NOT_CAPTURED,
      expected: b.title,
    },
    async ({ open, url, observe }) => {
      const page = await open(url('a'), PROMPT);
      const e = await page.enumerate();
      observe({ ...e, summary: listSummary(e) });
      b.test(e);
    },
  );
}

check(
  {
    id: `${AREA}/denied/no-device-info`,
    title: 'with camera and microphone denied, enumerateDevices() gives empty deviceIds and labels',
    seed: SEED_PRIVACY,
    spec: SPEC_NOT_CAPTURED,
    expected: 'every input deviceId and label ""',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'), DENIED);
    const e = await page.enumerate();
    observe({ ...e, summary: listSummary(e) });
    for (const d of enumerated(e)) expect({ deviceId: d.deviceId, label: d.label }).toEqual({ deviceId: '', label: '' });
  },
);

check(
  {
    id: `${AREA}/granted-before-capture/no-device-info`,
    title: 'with permission granted but nothing captured yet in this document, enumerateDevices() still gives empty deviceIds and labels',
    seed: SEED_PRIVACY,
    spec: '[[canExposeCameraInfo]] and [[canExposeMicrophoneInfo]] start false and are set only when getUserMedia succeeds in this document; a stored grant alone does not make device information exposable.',
    expected: 'every input deviceId and label ""',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'), GRANTED);
    const e = await page.enumerate();
    observe({ ...e, summary: listSummary(e) });
    for (const d of enumerated(e)) expect({ deviceId: d.deviceId, label: d.label }).toEqual({ deviceId: '', label: '' });
  },
);

// ---------------------------------------------------------------------------------------------- after a capture

const INFO_SET = [
  ['device-ids-set', 'deviceId'],
  ['labels-set', 'label'],
  ['group-ids-set', 'groupId'],
] as const;

const AFTER: { key: string; title: string; test: (e: EnumerateOutcome, r: GumOutcome) => void }[] = [
  ...INFO_SET.map(([key, field]) => ({
    key,
    title: `every camera and microphone has a non-empty ${field}`,
    test: (e: EnumerateOutcome) => {
      const list = enumerated(e);
      expect(list.length).toBeGreaterThan(0);
      for (const d of list) expect(d[field]).not.toBe('');
    },
  })),
  {
    key: 'captured-devices-listed',
    title: "the devices of the captured tracks are listed under the tracks' deviceIds",
    test: (e, r) => {
      const ids = enumerated(e).map((d) => d.deviceId);
      for (const t of r.tracks ?? []) expect(ids).toContain(String(t.settings.deviceId));
    },
  },
];
for (const a of AFTER) {
  check(
    {
      id: `${AREA}/after-capture/${a.key}`,
      title: `after getUserMedia({audio:true, video:true}) resolved, enumerateDevices(): ${a.title}`,
      seed: SEED_ENUMERATE,
      spec: SPEC_CAPTURED,
      expected: a.title,
    },
    async ({ open, url, observe }) => {
      const page = await open(url('a'), GRANTED);
      const r = await capture(page);
      const e = await page.enumerate();
      observe({ ...e, trackDeviceIds: (r.tracks ?? []).map((t) => t.settings.deviceId), summary: listSummary(e) });
      a.test(e, r);
      await page.stopKept();
    },
  );
}

check(
  {
    id: `${AREA}/after-capture/exposure-survives-stop`,
    title: 'after a capture whose tracks were then stopped, enumerateDevices() still gives deviceIds and labels',
    seed: SEED_ENUMERATE,
    spec: 'Set the device information exposure sets [[canExposeCameraInfo]]/[[canExposeMicrophoneInfo]] to true; stopping tracks does not reset them (a UA MAY revoke later).',
    expected: 'every input deviceId and label non-empty',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'), GRANTED);
    const r = await page.gum({ audio: true, video: true });
    if (r.outcome !== 'resolved') throw new Error(`harness: capture did not resolve: ${r.summary}`);
    const e = await page.enumerate();
    observe({ ...e, summary: `tracks ${(r.afterStop ?? []).join(',')}; ${listSummary(e)}` });
    const list = enumerated(e);
    expect(list.length).toBeGreaterThan(0);
    for (const d of list) expect(d.deviceId !== '' && d.label !== '').toBe(true);
  },
);

interface ExtendCase {
  key: string;
  /** What is captured, and the other kind whose exposure is in question. */
  captured: 'video' | 'audio';
  profile: PermissionProfile;
  extended: boolean;
  title: string;
  spec: string;
}
const EXTEND: ExtendCase[] = [
  {
    key: 'video-capture-exposes-granted-microphones',
    captured: 'video',
    profile: GRANTED,
    extended: true,
    title: 'after a video-only capture, with the microphone also granted, enumerateDevices() gives microphone deviceIds and labels too',
    spec: 'Set the device information exposure: after a granted video request, if "device exposure can be extended" with "microphone" (its permission is "granted"), [[canExposeMicrophoneInfo]] becomes true.',
  },
  {
    key: 'video-capture-hides-unanswered-microphones',
    captured: 'video',
    profile: { camera: 'granted', microphone: 'prompt' },
    extended: false,
    title:
      'after a video-only capture, with the microphone never asked for, enumerateDevices() still hides microphone deviceIds and labels',
    spec: 'Device exposure can be extended with "microphone" only if its permission is "granted" (or "prompt" for an origin the UA knows was granted before): otherwise microphones stay hidden, at most one listed.',
  },
  {
    key: 'audio-capture-exposes-granted-cameras',
    captured: 'audio',
    profile: GRANTED,
    extended: true,
    title: 'after an audio-only capture, with the camera also granted, enumerateDevices() gives camera deviceIds and labels too',
    spec: 'Set the device information exposure: after a granted audio request, if "device exposure can be extended" with "camera" (its permission is "granted"), [[canExposeCameraInfo]] becomes true (WPT: enumerateDevices-after-discard / permission tests check both directions).',
  },
  {
    key: 'audio-capture-hides-unanswered-cameras',
    captured: 'audio',
    profile: { camera: 'prompt', microphone: 'granted' },
    extended: false,
    title: 'after an audio-only capture, with the camera never asked for, enumerateDevices() still hides camera deviceIds and labels',
    spec: 'Device exposure can be extended with "camera" only if its permission is "granted" (or "prompt" for an origin the UA knows was granted before): otherwise cameras stay hidden, at most one listed.',
  },
];
for (const x of EXTEND) {
  const other = x.captured === 'video' ? { kind: 'audioinput', name: 'microphone' } : { kind: 'videoinput', name: 'camera' };
  check(
    {
      id: `${AREA}/after-capture/${x.key}`,
      title: x.title,
      seed: SEED_PRIVACY,
      spec: x.spec,
      expected: x.extended ? `every ${other.name} deviceId and label non-empty` : `one ${other.name} listed, deviceId and label ""`,
    },
    async ({ open, url, observe }) => {
      const page = await open(url('a'), x.profile);
      await capture(page, { [x.captured]: true });
      const e = await page.enumerate();
      observe({ ...e, summary: listSummary(e) });
      enumerated(e);
      const others = ofKind(e, other.kind);
      if (x.extended) {
        expect(others.length).toBeGreaterThan(0);
        for (const d of others) expect(d.deviceId !== '' && d.label !== '').toBe(true);
      } else {
        expect(others.length).toBeLessThanOrEqual(1);
        for (const d of others) expect({ deviceId: d.deviceId, label: d.label }).toEqual({ deviceId: '', label: '' });
      }
      await page.stopKept();
    },
  );
}

check(
  {
    id: `${AREA}/after-capture/input-devices-are-input-device-info`,
    title: 'after a capture, every microphone and camera enumerateDevices() lists is an InputDeviceInfo',
    seed: SEED_ENUMERATE,
    spec: 'mediacapture-main, enumerateDevices(): "Elements of this sequence that represent input devices will be of type InputDeviceInfo which extends MediaDeviceInfo" (WPT: enumerateDevices.https.html).',
    expected: 'the interface of every audioinput and videoinput entry is InputDeviceInfo',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'), GRANTED);
    await capture(page);
    const e = await page.enumerate();
    const list = inputs(e);
    observe({ ...e, summary: list.map((d) => `${d.kind}: ${d.interfaceName ?? '?'}`).join(', ') || listSummary(e) });
    enumerated(e);
    expect(list.length).toBeGreaterThan(0);
    for (const d of list) expect(d.interfaceName).toBe('InputDeviceInfo');
    await page.stopKept();
  },
);

check(
  {
    id: `${AREA}/enumerate-returns-new-objects`,
    title: 'each enumerateDevices() call resolves with new MediaDeviceInfo objects, none shared with an earlier call',
    seed: SEED_ENUMERATE,
    spec: 'mediacapture-main, creating a device info object: "Let deviceInfo be a new MediaDeviceInfo object to represent device", run for every call (WPT: enumerateDevices-returned-objects.https.html).',
    expected: 'no entry of the first call is in the second',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'), GRANTED);
    const e = await page.enumerate();
    observe({ ...e, summary: `${(e.devices ?? []).length} entries; new objects on a second call: ${String(e.newObjectsEachCall)}` });
    enumerated(e);
    expect(e.newObjectsEachCall).toBe(true);
  },
);

// ---------------------------------------------------------------------------------------------- per origin, per document

/** Captures in the top document and in a frame, then enumerates in both; devices are matched by kind and label. */
async function topAndFrame(
  page: OpenedPage,
  frameUrl: string,
): Promise<{ top: EnumerateOutcome; frame: EnumerateOutcome; pairs: [DeviceInfo, DeviceInfo][] }> {
  await capture(page);
  const { load, page: frame } = await page.frame({ src: frameUrl, allow: 'camera; microphone' });
  if (!load.scriptRan) throw new Error(`harness: the frame did not run the probe (${JSON.stringify(load)})`);
  await capture(frame);
  const top = await page.enumerate();
  const inFrame = await frame.enumerate();
  const pairs: [DeviceInfo, DeviceInfo][] = [];
  for (const d of inputs(top)) {
    const twin = inputs(inFrame).find((f) => f.kind === d.kind && f.label === d.label && f.label !== '');
    if (twin) pairs.push([d, twin]);
  }
  await frame.stopKept();
  await page.stopKept();
  return { top, frame: inFrame, pairs };
}
const WELL_KNOWN_IDS = ['default', 'communications'];
const pairSummary = (pairs: [DeviceInfo, DeviceInfo][], field: 'deviceId' | 'groupId') =>
  pairs.length
    ? pairs.map(([a, b]) => `${a.label}: ${a[field] === b[field] ? 'same' : 'different'} ${field}`).join(', ')
    : 'no device seen under the same label in both documents';

check(
  {
    id: `${AREA}/per-origin/cross-origin-frame-different-device-ids`,
    title: 'a cross-origin frame allowed to capture sees other deviceIds than the top document for the same devices',
    seed: SEED_ENUMERATE,
    spec: 'If the identifier can uniquely identify the user, it MUST be un-guessable in documents from other origins, to prevent correlating the same user across origins (the guessable aliases "default" and "communications" may be shared).',
    expected: 'every device matched by label, other than "default"/"communications", has a different deviceId in each',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'), GRANTED);
    const { pairs, top, frame } = await topAndFrame(page, url('b', '/frame.html'));
    // The well-known aliases of the system default devices identify no one and may be shared (spec: "can be reused
    // across origins as long as it is not tied to the user and can be guessed by other means").
    const personal = pairs.filter(([a]) => !WELL_KNOWN_IDS.includes(a.deviceId));
    observe({ top: listSummary(top), frame: listSummary(frame), summary: pairSummary(pairs, 'deviceId') });
    expect(personal.length).toBeGreaterThan(0);
    for (const [a, b] of personal) expect(a.deviceId).not.toBe(b.deviceId);
  },
);

check(
  {
    id: `${AREA}/per-origin/same-origin-frame-same-device-ids`,
    title: 'a same-origin frame sees the same deviceIds as the top document',
    seed: SEED_ENUMERATE,
    spec: 'The identifier MUST be the same in documents of the same origin in top-level traversables; a child navigable follows the storage partitioning (same origin under the same top-level site: one partition).',
    expected: 'every device matched by label has the same deviceId in both',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'), GRANTED);
    const { pairs, top, frame } = await topAndFrame(page, url('a', '/frame.html'));
    observe({ top: listSummary(top), frame: listSummary(frame), summary: pairSummary(pairs, 'deviceId') });
    expect(pairs.length).toBeGreaterThan(0);
    for (const [a, b] of pairs) expect(a.deviceId).toBe(b.deviceId);
  },
);

check(
  {
    id: `${AREA}/per-document/group-ids-differ-between-documents`,
    title: 'a same-origin frame sees other groupIds than the top document (groupIds are generated per document)',
    seed: SEED_ENUMERATE,
    spec: 'The group identifier MUST be uniquely generated for each document.',
    expected: 'every device matched by label has a different groupId in each',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'), GRANTED);
    const { pairs, top, frame } = await topAndFrame(page, url('a', '/frame.html'));
    observe({ top: listSummary(top), frame: listSummary(frame), summary: pairSummary(pairs, 'groupId') });
    expect(pairs.length).toBeGreaterThan(0);
    for (const [a, b] of pairs) expect(a.groupId).not.toBe(b.groupId);
  },
);

check(
  {
    id: `${AREA}/per-origin/device-ids-persist-across-documents`,
    title: 'after a capture, a new document of the same origin in the same session sees the same deviceIds',
    seed: SEED_ENUMERATE,
    spec: 'If a device was attached to a live track in a page from this origin, the identifier MUST be persisted: the same in documents of the same origin in top-level traversables.',
    expected: 'same deviceId for every device matched by label',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'), GRANTED);
    await capture(page);
    const first = await page.enumerate();
    await page.stopKept();
    await page.session.goto(url('a', '/index.html?second-document'));
    await capture(page);
    const second = await page.enumerate();
    await page.stopKept();
    const pairs: [DeviceInfo, DeviceInfo][] = [];
    for (const d of inputs(first)) {
      const twin = inputs(second).find((f) => f.kind === d.kind && f.label === d.label && f.label !== '');
      if (twin) pairs.push([d, twin]);
    }
    observe({ first: listSummary(first), second: listSummary(second), summary: pairSummary(pairs, 'deviceId') });
    expect(pairs.length).toBeGreaterThan(0);
    for (const [a, b] of pairs) expect(a.deviceId).toBe(b.deviceId);
  },
);

// ---------------------------------------------------------------------------------------------- OverconstrainedError.constraint

// The spec names the failed constraint only "if device information can be exposed" (a live capture in the document,
// or [[canExposeCameraInfo]], set only by a successful getUserMedia in it); WPT's GUM-impossible-constraint expects
// "width" after granting permission without any capture. Where the two disagree there is one check for each reading.
const IMPOSSIBLE = { video: { width: { exact: 99999 } } };
const CONSTRAINT_CASES: { key: string; title: string; profile: PermissionProfile; captureFirst: boolean; expect: string; spec: string }[] =
  [
    {
      key: 'prompt-state-spec-empty',
      profile: PROMPT,
      captureFirst: false,
      expect: '',
      title: 'before any permission, the OverconstrainedError for width {exact: 99999} has constraint "" (spec reading)',
      spec: 'Spec reading: device information cannot be exposed (no grant, no capture), so constraint is "". WPT has no case for an unanswered permission.',
    },
    {
      key: 'granted-not-captured-spec-empty',
      profile: GRANTED,
      captureFirst: false,
      expect: '',
      title: 'with permission granted but nothing captured in this document, the OverconstrainedError has constraint "" (spec reading)',
      spec: 'Spec reading: [[canExposeCameraInfo]] starts false and only a successful getUserMedia in this document sets it, so a stored grant alone gives constraint "". WPT expects "width" here (the other check).',
    },
    {
      key: 'granted-not-captured-wpt-named',
      profile: GRANTED,
      captureFirst: false,
      expect: 'width',
      title: 'with permission granted but nothing captured in this document, the OverconstrainedError has constraint "width" (WPT reading)',
      spec: 'WPT reading: GUM-impossible-constraint grants camera/microphone (setMediaPermission) and expects constraint "width"; the spec\'s literal text gives "" here (the other check).',
    },
    {
      key: 'after-capture-named',
      profile: GRANTED,
      captureFirst: true,
      expect: 'width',
      title: 'while a capture is live in the document, the OverconstrainedError for width {exact: 99999} has constraint "width"',
      spec: 'Spec and WPT agree: a live track attaches a camera to the document, so device information can be exposed and constraint names the failed constraint.',
    },
  ];
for (const c of CONSTRAINT_CASES) {
  check(
    {
      id: `${AREA}/overconstrained-constraint/${c.key}`,
      title: c.title,
      seed: c.expect ? SEED_CONSTRAINT_NAMED : SEED_FINGERPRINT,
      spec: c.spec,
      expected: `OverconstrainedError, constraint ${JSON.stringify(c.expect)}`,
    },
    async ({ open, url, observe }) => {
      const page = await open(url('a'), c.profile);
      if (c.captureFirst) await capture(page, { video: true });
      const r = await page.gum(IMPOSSIBLE);
      observe(r);
      await page.stopKept();
      expect(r).toRejectWith('OverconstrainedError');
      expect(r.error?.constraint).toBe(c.expect);
    },
  );
}
