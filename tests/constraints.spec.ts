// Constraint resolution against the spec oracle: every constrainable property of mediacapture-main in every
// constraint form, impossible ranges, cross-kind constraints and the allowed-list TypeError. Each row is judged by
// harness/constraint-check.ts against the oracle fed this engine's own devices (see docs/constraints.md).
import type { EngineModel } from '../harness/constraint-check';
import { SEED_GRAVITY, SEED_IDEAL, SEED_REQUIRE, SPEC_ADVANCED, gumCheck, lastDevice, lit, vanishedId } from './constraints-helpers';
import { SEED_MIN_NO_PROMPT } from './seed-quotes';

type Form = 'bare' | 'ideal' | 'exact' | 'min' | 'max' | 'min-max' | 'min-ideal-max' | 'advanced';

const FORM_TEXT: Record<Form, { what: string; seed?: string; spec?: string }> = {
  bare: { what: 'a bare value is an ideal: the closest setting wins and the call never fails over it', seed: SEED_IDEAL },
  ideal: { what: 'an ideal pulls the setting to the smallest fitness distance without being required', seed: SEED_GRAVITY },
  exact: { what: 'exact is required: the setting equals it, or OverconstrainedError names the constraint', seed: SEED_REQUIRE },
  min: { what: 'min is required: the setting is at least it, or OverconstrainedError names the constraint', seed: SEED_REQUIRE },
  max: { what: 'max is required: the setting is at most it, or OverconstrainedError names the constraint', seed: SEED_REQUIRE },
  'min-max': { what: 'min and max bound the setting, or OverconstrainedError names the constraint', seed: SEED_REQUIRE },
  'min-ideal-max': { what: 'inside the required range the ideal decides, at the smallest fitness distance', seed: SEED_GRAVITY },
  advanced: { what: 'advanced sets apply in order: the impossible first set is skipped, the second one is honoured', spec: SPEC_ADVANCED },
};

/** Per numeric property, a value for each form (the advanced form: an impossible set, then a possible one). */
const NUMERIC: { name: string; kind: 'audio' | 'video'; values: Record<Form, unknown> }[] = [
  {
    name: 'width',
    kind: 'video',
    values: {
      bare: 320,
      ideal: 1000,
      exact: 320,
      min: 1000,
      max: 320,
      'min-max': { min: 300, max: 400 },
      'min-ideal-max': { min: 640, ideal: 800, max: 1280 },
      advanced: [{ width: 99999 }, { width: 320 }],
    },
  },
  {
    name: 'height',
    kind: 'video',
    values: {
      bare: 240,
      ideal: 600,
      exact: 240,
      min: 600,
      max: 240,
      'min-max': { min: 200, max: 300 },
      'min-ideal-max': { min: 360, ideal: 600, max: 720 },
      advanced: [{ height: 99999 }, { height: 240 }],
    },
  },
  {
    name: 'aspectRatio',
    kind: 'video',
    values: {
      bare: 1.5,
      ideal: 1.7777777778,
      exact: 1,
      min: 1.5,
      max: 1.2,
      'min-max': { min: 1.7, max: 1.8 },
      'min-ideal-max': { min: 1, ideal: 1.5, max: 2 },
      advanced: [{ aspectRatio: 1e5 }, { aspectRatio: 1 }],
    },
  },
  {
    name: 'frameRate',
    kind: 'video',
    values: {
      bare: 10,
      ideal: 15,
      exact: 10,
      min: 15,
      max: 10,
      'min-max': { min: 5, max: 10 },
      'min-ideal-max': { min: 5, ideal: 8, max: 12 },
      advanced: [{ frameRate: 1000 }, { frameRate: 10 }],
    },
  },
  {
    name: 'sampleRate',
    kind: 'audio',
    values: {
      bare: 44100,
      ideal: 48000,
      exact: 48000,
      min: 44100,
      max: 48000,
      'min-max': { min: 44100, max: 48000 },
      'min-ideal-max': { min: 8000, ideal: 44100, max: 96000 },
      advanced: [{ sampleRate: 1 }, { sampleRate: 48000 }],
    },
  },
  {
    name: 'sampleSize',
    kind: 'audio',
    values: {
      bare: 16,
      ideal: 24,
      exact: 16,
      min: 16,
      max: 16,
      'min-max': { min: 8, max: 16 },
      'min-ideal-max': { min: 8, ideal: 16, max: 32 },
      advanced: [{ sampleSize: 1000 }, { sampleSize: 16 }],
    },
  },
  {
    name: 'channelCount',
    kind: 'audio',
    values: {
      bare: 2,
      ideal: 1,
      exact: 1,
      min: 1,
      max: 1,
      'min-max': { min: 1, max: 2 },
      'min-ideal-max': { min: 1, ideal: 2, max: 8 },
      advanced: [{ channelCount: 99 }, { channelCount: 2 }],
    },
  },
  {
    name: 'latency',
    kind: 'audio',
    values: {
      bare: 0.01,
      ideal: 0.05,
      exact: 0.01,
      min: 0.005,
      max: 0.1,
      'min-max': { min: 0, max: 0.1 },
      'min-ideal-max': { min: 0, ideal: 0.02, max: 0.1 },
      advanced: [{ latency: 100 }, { latency: 0.01 }],
    },
  },
];

function trackConstraints(name: string, form: Form, value: unknown): Record<string, unknown> {
  if (form === 'advanced') return { advanced: value };
  if (form === 'bare') return { [name]: value };
  if (form === 'ideal' || form === 'exact' || form === 'min' || form === 'max') return { [name]: { [form]: value } };
  return { [name]: value };
}

for (const p of NUMERIC) {
  for (const form of Object.keys(p.values) as Form[]) {
    const constraints = { [p.kind]: trackConstraints(p.name, form, p.values[form]) };
    const t = FORM_TEXT[form];
    gumCheck({
      id: `${p.name}/${form}`,
      title: `getUserMedia(${lit(constraints)}): ${t.what}`,
      constraints,
      seed: t.seed,
      spec: t.spec,
    });
  }
}

// ------------------------------------------------------------------ string and boolean properties

const STRINGS: { id: string; what: string; constraints: object; seed?: string; spec?: string }[] = [
  { id: 'facingMode/bare', constraints: { video: { facingMode: 'user' } }, what: FORM_TEXT.bare.what, seed: SEED_IDEAL },
  {
    id: 'facingMode/ideal',
    constraints: { video: { facingMode: { ideal: 'environment' } } },
    what: FORM_TEXT.ideal.what,
    seed: SEED_GRAVITY,
  },
  { id: 'facingMode/exact', constraints: { video: { facingMode: { exact: 'user' } } }, what: FORM_TEXT.exact.what, seed: SEED_REQUIRE },
  {
    id: 'facingMode/ideal-list',
    constraints: { video: { facingMode: { ideal: ['left', 'environment'] } } },
    what: 'a list of ideals matches when any one of them does',
    spec: 'Fitness distance: for string valued constraints == is true if one of the values in the sequence is exactly the same.',
  },
  {
    id: 'facingMode/exact-list',
    constraints: { video: { facingMode: { exact: ['user', 'environment'] } } },
    what: 'an exact list is met by any one of its values, or OverconstrainedError names facingMode',
    seed: SEED_REQUIRE,
  },
  {
    id: 'facingMode/advanced',
    constraints: { video: { advanced: [{ facingMode: 'left' }, { facingMode: 'environment' }] } },
    what: FORM_TEXT.advanced.what,
    spec: SPEC_ADVANCED,
  },
  {
    id: 'resizeMode/bare',
    constraints: { video: { resizeMode: 'crop-and-scale' } },
    what: FORM_TEXT.bare.what,
    seed: SEED_IDEAL,
    spec: 'For every settings dictionary with resizeMode "none" the UA MUST include an otherwise identical one with "crop-and-scale".',
  },
  { id: 'resizeMode/ideal', constraints: { video: { resizeMode: { ideal: 'none' } } }, what: FORM_TEXT.ideal.what, seed: SEED_GRAVITY },
  { id: 'resizeMode/exact', constraints: { video: { resizeMode: { exact: 'none' } } }, what: FORM_TEXT.exact.what, seed: SEED_REQUIRE },
  {
    id: 'resizeMode/exact-crop-and-scale-width',
    constraints: { video: { resizeMode: { exact: 'crop-and-scale' }, width: { ideal: 1000 } } },
    what: 'crop-and-scale reaches a width of exactly 1000 below a larger native mode',
    spec: 'The User Agent MUST support downsampling to any value between the min width range value and the native resolution width.',
  },
  {
    id: 'resizeMode/exact-invalid',
    constraints: { video: { resizeMode: { exact: 'INVALID' } } },
    what: 'an unknown resize mode is impossible: OverconstrainedError names resizeMode',
    seed: SEED_REQUIRE,
  },
  {
    id: 'resizeMode/advanced',
    constraints: { video: { advanced: [{ resizeMode: 'INVALID' }, { resizeMode: 'crop-and-scale' }] } },
    what: FORM_TEXT.advanced.what,
    spec: SPEC_ADVANCED,
  },
];
for (const s of STRINGS)
  gumCheck({ id: s.id, title: `getUserMedia(${lit(s.constraints)}): ${s.what}`, constraints: s.constraints, seed: s.seed, spec: s.spec });

// deviceId and groupId: values are the ids this engine enumerates (the last camera: not the default one where
// there are several), or a well-formed id no device has. The seed's bare and exact deviceId examples are in
// constraints-seed.spec.ts.
const IDS: { id: string; title: string; constraints: (m: EngineModel) => unknown; seed?: string; spec?: string }[] = [
  {
    id: 'deviceId/ideal',
    title: "getUserMedia({video: {deviceId: {ideal: <the last camera's id>}}}) prefers that camera",
    constraints: (m) => ({ video: { deviceId: { ideal: lastDevice(m, 'videoinput').deviceId } } }),
    seed: SEED_GRAVITY,
  },
  {
    id: 'deviceId/bare-microphone',
    title: "getUserMedia({audio: {deviceId: <the last microphone's id>}}) prefers that microphone",
    constraints: (m) => ({ audio: { deviceId: lastDevice(m, 'audioinput').deviceId } }),
    seed: SEED_IDEAL,
  },
  {
    id: 'deviceId/exact-microphone',
    title: "getUserMedia({audio: {deviceId: {exact: <the last microphone's id>}}}) opens exactly that microphone",
    constraints: (m) => ({ audio: { deviceId: { exact: lastDevice(m, 'audioinput').deviceId } } }),
    seed: SEED_REQUIRE,
  },
  {
    id: 'deviceId/exact-list',
    title: "getUserMedia({video: {deviceId: {exact: [<unknown id>, <the last camera's id>]}}}) opens a listed camera",
    constraints: (m) => ({ video: { deviceId: { exact: [vanishedId(m), lastDevice(m, 'videoinput').deviceId] } } }),
    seed: SEED_REQUIRE,
  },
  {
    id: 'deviceId/advanced',
    title:
      "getUserMedia({video: {advanced: [{deviceId: <unknown id>}, {deviceId: <the last camera's id>}]}}): the impossible set is skipped, the second opens that camera",
    constraints: (m) => ({ video: { advanced: [{ deviceId: vanishedId(m) }, { deviceId: lastDevice(m, 'videoinput').deviceId }] } }),
    spec: SPEC_ADVANCED,
  },
  {
    id: 'groupId/bare',
    title: "getUserMedia({video: {groupId: <the last camera's group>}}) prefers a camera of that group",
    constraints: (m) => ({ video: { groupId: lastDevice(m, 'videoinput').groupId } }),
    seed: SEED_IDEAL,
  },
  {
    id: 'groupId/ideal',
    title: "getUserMedia({audio: {groupId: {ideal: <the last microphone's group>}}}) prefers a microphone of that group",
    constraints: (m) => ({ audio: { groupId: { ideal: lastDevice(m, 'audioinput').groupId } } }),
    seed: SEED_GRAVITY,
  },
  {
    id: 'groupId/exact',
    title: "getUserMedia({video: {groupId: {exact: <the last camera's group>}}}) opens a camera of exactly that group",
    constraints: (m) => ({ video: { groupId: { exact: lastDevice(m, 'videoinput').groupId } } }),
    seed: SEED_REQUIRE,
  },
  {
    id: 'groupId/exact-unknown',
    title: 'getUserMedia({video: {groupId: {exact: <a group no device has>}}}) rejects with OverconstrainedError naming groupId',
    constraints: (m) => ({ video: { groupId: { exact: `${lastDevice(m, 'videoinput').groupId}-gone` } } }),
    seed: SEED_REQUIRE,
  },
  {
    id: 'groupId/advanced',
    title:
      "getUserMedia({audio: {advanced: [{groupId: <unknown>}, {groupId: <the last microphone's group>}]}}): the impossible set is skipped, the second is honoured",
    constraints: (m) => ({ audio: { advanced: [{ groupId: 'no-such-group' }, { groupId: lastDevice(m, 'audioinput').groupId }] } }),
    spec: SPEC_ADVANCED,
  },
];
for (const s of IDS) gumCheck(s);

const BOOLEANS = ['echoCancellation', 'autoGainControl', 'noiseSuppression'];
for (const name of BOOLEANS) {
  const rows: [string, unknown, string, string | undefined, string | undefined][] = [
    ['bare', { [name]: false }, FORM_TEXT.bare.what, SEED_IDEAL, undefined],
    ['ideal', { [name]: { ideal: false } }, FORM_TEXT.ideal.what, SEED_GRAVITY, undefined],
    [
      'exact-false',
      { [name]: { exact: false } },
      'exact false is required: processing off, or OverconstrainedError names the constraint',
      SEED_REQUIRE,
      undefined,
    ],
    [
      'exact-true',
      { [name]: { exact: true } },
      'exact true is required: processing on, or OverconstrainedError names the constraint',
      SEED_REQUIRE,
      undefined,
    ],
    // A deviceId no device has makes the first set impossible on every engine (bare values are exact inside advanced).
    [
      'advanced',
      { advanced: [{ [name]: true, deviceId: 'no-such-device' }, { [name]: false }] },
      FORM_TEXT.advanced.what,
      undefined,
      SPEC_ADVANCED,
    ],
  ];
  for (const [form, c, what, seed, spec] of rows) {
    const constraints = { audio: c };
    gumCheck({ id: `${name}/${form}`, title: `getUserMedia(${lit(constraints)}): ${what}`, constraints, seed, spec });
  }
}
{
  const constraints = { audio: { echoCancellation: { exact: 'remote-only' } } };
  gumCheck({
    id: 'echoCancellation/exact-remote-only',
    title: `getUserMedia(${lit(constraints)}): the string mode is required, or OverconstrainedError names echoCancellation`,
    constraints,
    seed: SEED_REQUIRE,
    spec: 'echoCancellation is a ConstrainBooleanOrDOMString: "all" and "remote-only" are values of its own.',
  });
}

// ------------------------------------------------------------------ impossible ranges (WPT's cases)

const IMPOSSIBLE: [string, 'audio' | 'video', string, unknown][] = [];
for (const name of ['width', 'height', 'frameRate']) {
  IMPOSSIBLE.push(
    [`${name}/impossible-min-above-max`, 'video', name, { min: 100, max: 10 }],
    [`${name}/impossible-negative-max`, 'video', name, { max: -1 }],
    [`${name}/impossible-zero-max`, 'video', name, { max: 0 }],
    [`${name}/impossible-huge-min`, 'video', name, { min: 1e8 }],
  );
}
IMPOSSIBLE.push(
  ['aspectRatio/impossible-zero-max', 'video', 'aspectRatio', { max: 0 }],
  ['aspectRatio/impossible-huge-min', 'video', 'aspectRatio', { min: 1e8 }],
  ['sampleRate/impossible-huge-min', 'audio', 'sampleRate', { min: 1e8 }],
  ['channelCount/impossible-zero-max', 'audio', 'channelCount', { max: 0 }],
);
for (const [id, kind, name, value] of IMPOSSIBLE) {
  const constraints = { [kind]: { [name]: value } };
  gumCheck({
    id,
    title: `getUserMedia(${lit(constraints)}) rejects with OverconstrainedError naming ${name} where ${name} is supported (an unsupported name is ignored)`,
    constraints,
    seed: SEED_MIN_NO_PROMPT,
    spec: 'No candidate satisfies the required constraint: OverconstrainedError whose constraint is the failing name (device information is exposed after a grant). [Clamp] unsigned long turns -1 into 0.',
    expected: 'OverconstrainedError(name) where the engine supports the name (oracle)',
  });
}

// A required range every setting meets (WPT: getUserMedia-trivial-constraint): the call resolves at the default size.
for (const name of ['width', 'height']) {
  const constraints = { video: { [name]: { min: 0 } } };
  gumCheck({
    id: `${name}/trivially-satisfied-min-zero`,
    title: `getUserMedia(${lit(constraints)}) resolves: a required minimum of 0 is met by every setting`,
    constraints,
    seed: SEED_REQUIRE,
    spec: 'SelectSettings: every candidate has a fitness distance of 0 for a range it lies in, so no candidate is removed and the default settings are chosen (oracle).',
  });
}

for (const name of ['width', 'height']) {
  const constraints = { video: { [name]: {} } };
  gumCheck({
    id: `${name}/empty-range`,
    title: `getUserMedia(${lit(constraints)}) resolves with the default settings: a range with no members constrains nothing`,
    constraints,
    seed: SEED_REQUIRE,
    spec: 'ConstrainULongRange: min, max, exact and ideal are each optional, and a member that is not present adds no requirement and no fitness distance; SelectSettings then chooses as for {video: true} (oracle).',
  });
}

// ------------------------------------------------------------------ cross-kind constraints and the allowed list

const SPEC_CROSS =
  'getUserMedia: "Remove any constrainable property inside of CS that are not defined for MediaStreamTrack objects of type kind" (ignored, not errors).';
const CROSS: [string, object][] = [
  ['cross-kind/video-constraint-under-audio', { audio: { width: { exact: 99999 } } }],
  ['cross-kind/audio-constraint-under-video', { video: { sampleRate: { exact: 1 }, channelCount: { min: 99 } } }],
  ['cross-kind/both-kinds-swapped', { audio: { frameRate: { exact: 1e5 } }, video: { echoCancellation: { exact: 'INVALID' } } }],
];
for (const [id, constraints] of CROSS) {
  gumCheck({
    id,
    title: `getUserMedia(${lit(constraints)}) ignores the constraints of the other kind, even impossible ones, and resolves`,
    constraints,
    spec: SPEC_CROSS,
  });
}

const SPEC_ALLOWED =
  'getUserMedia: a required constraint (basic set) whose name is not in the allowed required constraints for device selection rejects with TypeError; names the UA does not support are dropped by WebIDL first.';
const ALLOWED: [string, object, string][] = [
  [
    'allowed-list/torch-exact',
    { video: { torch: { exact: true } } },
    'rejects with TypeError: torch is not allowed as a required constraint for device selection (where torch is supported)',
  ],
  [
    'allowed-list/background-blur-exact',
    { video: { backgroundBlur: { exact: false } } },
    'rejects with TypeError: backgroundBlur is not allowed as a required constraint (where supported)',
  ],
  [
    'allowed-list/white-balance-exact',
    { video: { whiteBalanceMode: { exact: 'manual' } } },
    'rejects with TypeError: whiteBalanceMode is not allowed as a required constraint (where supported)',
  ],
  [
    'allowed-list/torch-ideal',
    { video: { torch: { ideal: true } } },
    'resolves: only required uses of names outside the allowed list are TypeErrors',
  ],
  [
    'allowed-list/torch-advanced',
    { video: { advanced: [{ torch: true }] } },
    'resolves: constraints inside advanced are not required constraints of the allowed-list rule',
  ],
];
for (const [id, constraints, what] of ALLOWED)
  gumCheck({ id, title: `getUserMedia(${lit(constraints)}) ${what}`, constraints, spec: SPEC_ALLOWED });
