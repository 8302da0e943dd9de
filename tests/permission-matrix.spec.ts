// Camera and microphone each granted, denied or left unanswered, with audio, video or both requested: what
// getUserMedia does, what navigator.permissions.query says, which prompts are shown, and which errors a denial masks.
import { check, expect, DENIED, GRANTED, PROMPT } from '../harness/check';
import type { GumOutcome } from '../harness/probe-page';
import { type PermissionProfile, type PermissionState, type PromptRecord } from '../harness/types';
import { SEED_DENIED, SEED_PENDING } from './seed-quotes';

const AREA = 'permission-matrix';
const WAIT_MS = 2000;
const PENDING_WAIT = `a request left pending for ${WAIT_MS / 1000} s`;
// Only a request expected to stay pending is bounded by WAIT_MS: that bound is what the check observes. One expected to
// settle gets the probe's default cap, so a rejection that is merely slow on a loaded machine is not read as "pending".
const settleBound = (outcome: string): number | undefined => (outcome === 'pending' ? WAIT_MS : undefined);

const SEED_TRUE =
  'If true is specified for a media type, the resulting stream is required to have that type of track in it. If one cannot be included for any reason, the call to getUserMedia() will result in an error.';
const SEED_PERMISSION = "In addition, user permission is always required to access the user's audio and video inputs.";
const SEED_PROMPT =
  'The MediaDevices.getUserMedia() method prompts the user for permission to use a media input which produces a MediaStream with tracks containing the requested types of media.';
const SPEC_OUTCOME =
  'Per requested kind: a denied permission state removes every candidate (Permission Failure, NotAllowedError); ' +
  'otherwise permission is requested, and "If the user never responds, this algorithm stalls on this step"; all granted resolves with one track per requested kind.';

type Kind = 'audio' | 'video';
const PERMISSION_OF: Record<Kind, 'camera' | 'microphone'> = { video: 'camera', audio: 'microphone' };
const STATES: PermissionState[] = ['granted', 'denied', 'prompt'];
const REQUESTS: { key: string; kinds: Kind[] }[] = [
  { key: 'audio-only', kinds: ['audio'] },
  { key: 'video-only', kinds: ['video'] },
  { key: 'audio-and-video', kinds: ['audio', 'video'] },
];
const STATE_WORD: Record<PermissionState, string> = { granted: 'granted', denied: 'denied', prompt: 'left unanswered' };

const constraintsFor = (kinds: Kind[]) => Object.fromEntries(kinds.map((k) => [k, true]));
const describeRequest = (kinds: Kind[]) => `getUserMedia(${JSON.stringify(constraintsFor(kinds))})`;
const kindsOf = (r: GumOutcome) => (r.tracks ?? []).map((t) => t.kind).sort();

type Expected = { outcome: 'rejected' } | { outcome: 'pending' } | { outcome: 'resolved'; kinds: Kind[] };
function expectedFor(profile: PermissionProfile, kinds: Kind[]): Expected {
  const states = kinds.map((k) => profile[PERMISSION_OF[k]]);
  if (states.includes('denied')) return { outcome: 'rejected' };
  if (states.includes('prompt')) return { outcome: 'pending' };
  return { outcome: 'resolved', kinds: [...kinds].sort() };
}
const expectedText = (e: Expected) =>
  e.outcome === 'rejected'
    ? 'rejected NotAllowedError'
    : e.outcome === 'pending'
      ? `pending after ${WAIT_MS} ms`
      : `resolved: ${e.kinds.join('+')}`;

const ROWS = STATES.flatMap((camera) =>
  STATES.flatMap((microphone) =>
    REQUESTS.map((req) => ({
      camera,
      microphone,
      req,
      profile: { camera, microphone } as PermissionProfile,
      key: `camera-${camera}/microphone-${microphone}/${req.key}`,
      setting: `camera ${STATE_WORD[camera]}, microphone ${STATE_WORD[microphone]}`,
    })),
  ),
);

// ---------------------------------------------------------------------------------------------- outcomes

for (const row of ROWS) {
  const exp = expectedFor(row.profile, row.req.kinds);
  const verb =
    exp.outcome === 'rejected'
      ? 'rejects with NotAllowedError'
      : exp.outcome === 'pending'
        ? `neither resolves nor rejects within ${WAIT_MS / 1000} s`
        : `resolves with exactly ${exp.kinds.join(' and ')}`;
  check(
    {
      id: `${AREA}/${row.key}`,
      title: `with ${row.setting}, ${describeRequest(row.req.kinds)} ${verb}`,

      seed: exp.outcome === 'rejected' ? SEED_DENIED : exp.outcome === 'pending' ? SEED_PENDING : SEED_TRUE,
      spec: SPEC_OUTCOME,
      expected: expectedText(exp),
      waits: exp.outcome === 'pending' ? PENDING_WAIT : undefined,
    },
    async ({ open, url, observe }) => {
      const page = await open(url('a'), row.profile);
      const r = await page.gum(constraintsFor(row.req.kinds), { waitMs: settleBound(exp.outcome) });
      observe(r);
      expect(r.outcome).toBe(exp.outcome);
      if (exp.outcome === 'rejected') {
        expect(r.error?.name).toBe('NotAllowedError');
        expect(r.error?.isDOMException).toBe(true);
      }
      if (exp.outcome === 'resolved') expect(kindsOf(r)).toEqual(exp.kinds);
    },
  );
}

// ---------------------------------------------------------------------------------------------- prompts

// A prompt "shown" is a request the user is left to answer. The driver answers at once a request whose kinds the
// profile has decided (a remembered choice, no UI); it leaves open one that involves a kind in state "prompt".
const SPEC_PROMPT =
  'Request permission to use: a kind whose permission state is "granted" or "denied" returns that state without asking; ' +
  'only a kind in state "prompt" is put to the user (the prompt should bundle the requested kinds, and only those).';
function promptSummary(prompts: PromptRecord[]): string {
  if (!prompts.length) return 'no permission request';
  return prompts
    .map(
      (p) =>
        `request for ${[p.audio ? 'audio' : '', p.video ? 'video' : ''].filter(Boolean).join('+') || 'nothing'} ` +
        `${p.answer === 'unanswered' ? 'left open' : `answered ${p.answer} from the stored decision`}`,
    )
    .join(', ');
}

for (const row of ROWS) {
  const states = row.req.kinds.map((k) => row.profile[PERMISSION_OF[k]]);
  const shown = !states.includes('denied') && states.includes('prompt');
  check(
    {
      id: `${AREA}/prompt/${row.key}`,
      title: shown
        ? `with ${row.setting}, ${describeRequest(row.req.kinds)} shows a prompt for ${row.req.kinds.join(' and ')}, left open`
        : `with ${row.setting}, ${describeRequest(row.req.kinds)} leaves no prompt for the user to answer`,
      seed: shown ? SEED_PROMPT : SEED_PERMISSION,
      spec: SPEC_PROMPT,
      expected: shown ? `one open prompt for exactly ${row.req.kinds.join('+')}` : 'no open prompt',
      waits: shown ? PENDING_WAIT : undefined,
    },
    async ({ open, url, observe, needs }) => {
      needs('prompts');
      const page = await open(url('a'), row.profile);
      const r = await page.gum(constraintsFor(row.req.kinds), { waitMs: shown ? WAIT_MS : undefined });
      const prompts = page.prompts() as PromptRecord[];
      const open_ = prompts.filter((p) => p.answer === 'unanswered');
      observe({ gum: r, prompts, summary: `${promptSummary(prompts)}; getUserMedia ${r.summary}` });
      if (shown) {
        expect(open_.length).toBe(1);
        expect({ audio: open_[0].audio, video: open_[0].video }).toEqual({
          audio: row.req.kinds.includes('audio'),
          video: row.req.kinds.includes('video'),
        });
      } else {
        expect(open_).toEqual([]);
        // Whatever reached the driver concerned the requested kinds only.
        for (const p of prompts) {
          if (p.audio) expect(row.req.kinds).toContain('audio');
          if (p.video) expect(row.req.kinds).toContain('video');
        }
      }
    },
  );
}

// ---------------------------------------------------------------------------------------------- permissions.query

const SPEC_QUERY =
  'A query for "camera" returns "granted" if permission is given to some device of the kind, "denied" if it is denied to all of them; otherwise "prompt".';
for (const name of ['camera', 'microphone'] as const) {
  for (const state of STATES) {
    check(
      {
        id: `${AREA}/query/${name}-${state}-before-any-request`,
        title: `with ${name} ${STATE_WORD[state]} and nothing requested yet, navigator.permissions.query({name: "${name}"}) reads "${state}"`,
        seed: SEED_PERMISSION,
        spec: SPEC_QUERY,
        expected: `state "${state}"`,
        // "Nothing requested yet" holds only in a context no earlier check has used.
        isolation: 'context',
      },
      async ({ open, url, observe }) => {
        const page = await open(url('a'), { camera: state, microphone: state });
        const p = await page.permissions();
        observe({ ...p, summary: `${name}: ${p[name]}` });
        expect(p[name]).toBe(state);
      },
    );
  }
}

const AFTER: { key: string; profile: PermissionProfile; outcome: GumOutcome['outcome']; state: PermissionState; what: string }[] = [
  { key: 'after-denied-request', profile: DENIED, outcome: 'rejected', state: 'denied', what: 'a request rejected with NotAllowedError' },
  { key: 'after-granted-request', profile: GRANTED, outcome: 'resolved', state: 'granted', what: 'a granted request' },
  {
    key: 'after-unanswered-request',
    profile: PROMPT,
    outcome: 'pending',
    state: 'prompt',
    what: 'a request whose prompt is still unanswered',
  },
];
for (const a of AFTER) {
  check(
    {
      id: `${AREA}/query/camera-${a.key}`,
      title: `after ${a.what}, navigator.permissions.query({name: "camera"}) reads "${a.state}"`,
      seed: SEED_PERMISSION,
      spec: SPEC_QUERY,
      expected: `getUserMedia ${a.outcome}, then camera "${a.state}"`,
      waits: a.outcome === 'pending' ? PENDING_WAIT : undefined,
    },
    async ({ open, url, observe }) => {
      const page = await open(url('a'), a.profile);
      const { gum, permissions } = await page.gumThenPermissions({ video: true }, { waitMs: settleBound(a.outcome) });
      observe({ gum, permissions, summary: `getUserMedia ${gum.summary}; camera: ${permissions.camera}` });
      expect(gum.outcome).toBe(a.outcome);
      expect(permissions.camera).toBe(a.state);
    },
  );
}

// ---------------------------------------------------------------------------------------------- masking

const SPEC_MASK =
  'NotFound Failure and Constraint Failure first ask whether "getUserMedia specific failure is allowed": if a requested kind\'s permission is "denied" it is not, and the request fails with NotAllowedError instead (spec-digest step 6).';
const MASKS: { key: string; title: string; profile: PermissionProfile; devices?: 'no-camera'; constraints: unknown; name: string }[] = [
  {
    key: 'denied-masks-overconstrained',
    profile: DENIED,
    constraints: { video: { width: { exact: 99999 } } },
    name: 'NotAllowedError',
    title: 'with the camera denied, an impossible width {exact: 99999} rejects with NotAllowedError, not OverconstrainedError',
  },
  {
    key: 'denied-masks-not-found',
    profile: DENIED,
    devices: 'no-camera',
    constraints: { video: true },
    name: 'NotAllowedError',
    title: 'with the camera denied and no camera at all, getUserMedia({video:true}) rejects with NotAllowedError, not NotFoundError',
  },
  {
    key: 'unanswered-does-not-mask-overconstrained',
    profile: PROMPT,
    constraints: { video: { width: { exact: 99999 } } },
    name: 'OverconstrainedError',
    title: 'with the prompt unanswered, an impossible width {exact: 99999} still rejects with OverconstrainedError',
  },
  {
    key: 'denial-of-other-kind-does-not-mask',
    profile: { camera: 'denied', microphone: 'granted' },
    constraints: { audio: { deviceId: { exact: 'no-such-microphone' } } },
    name: 'OverconstrainedError',
    title: 'with only the camera denied, an audio request for a microphone that does not exist rejects with OverconstrainedError',
  },
];
for (const m of MASKS) {
  check(
    {
      id: `${AREA}/masking/${m.key}`,
      title: m.title,
      seed: SEED_DENIED,
      spec: SPEC_MASK,
      expected: `rejected ${m.name}`,
    },
    async ({ open, url, observe }) => {
      const page = await open(url('a'), m.profile, m.devices ? { devices: m.devices } : {});
      const r = await page.gum(m.constraints);
      observe(r);
      expect(r.outcome).toBe('rejected');
      expect(r.error?.name).toBe(m.name);
    },
  );
}
