// Unit tests of the spec oracle: no browser. Each test name states the behaviour it pins down.
// Sources: the worked examples of the mediacapture-main editor's draft (Constrainable Pattern and
// getUserMedia examples), the seed page's constraint examples, and WPT-style impossible constraints.
// (Over 350 lines on purpose: one short test per spec example; they read best as one list.)

import { expect, test } from '@playwright/test';
import {
  type ConstraintsObject,
  type DeviceDescription,
  type Judgement,
  type KindVerdict,
  type NormalizedConstraints,
  type Rejection,
  type Resolution,
  type Settings,
  APPLICABLE_NAMES,
  ALLOWED_REQUIRED_FOR_DEVICE_SELECTION,
  BOOLEAN_FORMS,
  NUMERIC_FORMS,
  STRING_FORMS,
  constraintTerm,
  fitnessDistance,
  forKind,
  gap,
  generate,
  judge,
  judgeApplyConstraints,
  mulberry32,
  nativeModesOf,
  normalizeConstraintSet,
  normalizeTrackConstraints,
  parseMediaStreamConstraints,
  reduce,
  regionsOf,
  sampleCandidates,
  selectFromCandidates,
  selectSettings,
  validateRequest,
} from './index';

// ------------------------------------------------------------------ fixtures

const mode = (width: number, height: number, frameRate = 30) => ({ width, height, frameRate });

/** A 1080p webcam with crop-and-scale, as Chromium reports one. */
const camHD: DeviceDescription = {
  kind: 'videoinput',
  deviceId: 'cam-hd',
  groupId: 'grp-hd',
  capabilities: {
    width: { min: 1, max: 1920 },
    height: { min: 1, max: 1080 },
    frameRate: { min: 1, max: 30 },
    aspectRatio: { min: 1 / 1080, max: 1920 },
    resizeMode: ['none', 'crop-and-scale'],
    facingMode: [],
    deviceId: 'cam-hd',
    groupId: 'grp-hd',
  },
  nativeModes: [mode(640, 480), mode(1280, 720), mode(1920, 1080)],
};

/** A 720p webcam with crop-and-scale. */
const cam720: DeviceDescription = {
  kind: 'videoinput',
  deviceId: 'cam-720',
  groupId: 'grp-720',
  capabilities: {
    width: { min: 1, max: 1280 },
    height: { min: 1, max: 720 },
    frameRate: { min: 1, max: 30 },
    resizeMode: ['none', 'crop-and-scale'],
  },
  nativeModes: [mode(640, 480), mode(1280, 720)],
};

/** A VGA camera whose UA cannot crop or scale (resizeMode reports only "none"). */
const camVGAFixed: DeviceDescription = {
  kind: 'videoinput',
  deviceId: 'cam-vga',
  groupId: 'grp-vga',
  capabilities: { width: { min: 160, max: 640 }, height: { min: 120, max: 480 }, frameRate: { min: 30, max: 30 }, resizeMode: ['none'] },
  nativeModes: [mode(160, 120), mode(320, 240), mode(640, 480)],
};

const phoneCam = (deviceId: string, facing: string): DeviceDescription => ({
  kind: 'videoinput',
  deviceId,
  groupId: 'grp-phone',
  capabilities: {
    width: { min: 1, max: 1920 },
    height: { min: 1, max: 1080 },
    frameRate: { min: 1, max: 30 },
    resizeMode: ['none', 'crop-and-scale'],
    facingMode: [facing],
  },
  nativeModes: [mode(1280, 720), mode(1920, 1080)],
});
const front = phoneCam('cam-front', 'user');
const back = phoneCam('cam-back', 'environment');

const mic: DeviceDescription = {
  kind: 'audioinput',
  deviceId: 'mic-1',
  groupId: 'grp-hd',
  capabilities: {
    sampleRate: { min: 48000, max: 48000 },
    sampleSize: { min: 16, max: 16 },
    channelCount: { min: 1, max: 2 },
    latency: { min: 0.01, max: 0.1 },
    echoCancellation: [true, false],
    autoGainControl: [true, false],
    noiseSuppression: [true, false],
    deviceId: 'mic-1',
    groupId: 'grp-hd',
  },
};
const micNoAec: DeviceDescription = {
  ...mic,
  deviceId: 'mic-2',
  groupId: 'grp-2',
  capabilities: { ...mic.capabilities, echoCancellation: [true] },
};

const granted = { permissionGranted: true } as const;

function rejected(j: Judgement, error: Rejection['error']): Rejection {
  expect(j.outcome, JSON.stringify(j)).toBe('reject');
  const r = j as Rejection;
  expect(r.error, r.reason).toBe(error);
  expect(r.promptAllowed).toBe(false);
  return r;
}
function resolved(j: Judgement): Resolution {
  expect(j.outcome, JSON.stringify(j)).toBe('resolve');
  return j as Resolution;
}
const videoOf = (j: Judgement): KindVerdict => resolved(j).perKind.video as KindVerdict;
const audioOf = (j: Judgement): KindVerdict => resolved(j).perKind.audio as KindVerdict;
const first = (v: KindVerdict): Settings => v.bestSettings[0] as Settings;
const vset = (set: Record<string, unknown>) => normalizeConstraintSet(set);

// ------------------------------------------------------------------ fitness distance rules

test.describe('fitness distance (spec "fitness distance" rules)', () => {
  test('numeric ideal: |actual - ideal| / max(|actual|, |ideal|)', () => {
    expect(fitnessDistance({ width: 640 }, { width: 1280 }, { kind: 'video' })).toBeCloseTo(0.5, 12);
    expect(fitnessDistance({ width: 1920 }, { width: { ideal: 1280 } }, { kind: 'video' })).toBeCloseTo(1 / 3, 12);
    expect(fitnessDistance({ frameRate: 30 }, { frameRate: 30 }, { kind: 'video' })).toBe(0);
  });

  test('distances of several constraints add up', () => {
    expect(fitnessDistance({ width: 640, height: 480 }, { width: 1280, height: 720 }, { kind: 'video' })).toBeCloseTo(0.5 + 1 / 3, 12);
  });

  test('string, enum and boolean ideals score 0 when equal and 1 otherwise', () => {
    expect(fitnessDistance({ facingMode: 'user' }, { facingMode: 'user' }, { kind: 'video' })).toBe(0);
    expect(fitnessDistance({ facingMode: 'environment' }, { facingMode: 'user' }, { kind: 'video' })).toBe(1);
    expect(fitnessDistance({ echoCancellation: false }, { echoCancellation: true }, { kind: 'audio' })).toBe(1);
    expect(fitnessDistance({ echoCancellation: 'all' }, { echoCancellation: { ideal: 'all' } }, { kind: 'audio' })).toBe(0);
  });

  test('a list of strings is a disjunction for ideal and for exact', () => {
    expect(fitnessDistance({ facingMode: 'left' }, { facingMode: ['user', 'left'] }, { kind: 'video' })).toBe(0);
    expect(fitnessDistance({ facingMode: 'right' }, { facingMode: { ideal: ['user', 'left'] } }, { kind: 'video' })).toBe(1);
    expect(fitnessDistance({ facingMode: 'left' }, { facingMode: { exact: ['user', 'left'] } }, { kind: 'video' })).toBe(0);
    expect(fitnessDistance({ facingMode: 'right' }, { facingMode: { exact: ['user', 'left'] } }, { kind: 'video' })).toBe(Infinity);
  });

  test('a required constraint not satisfied, or on a missing member, is infinity', () => {
    expect(fitnessDistance({ width: 640 }, { width: { min: 1280 } }, { kind: 'video' })).toBe(Infinity);
    expect(fitnessDistance({ width: 640 }, { width: { max: 320 } }, { kind: 'video' })).toBe(Infinity);
    expect(fitnessDistance({ width: 640 }, { width: { exact: 641 } }, { kind: 'video' })).toBe(Infinity);
    expect(fitnessDistance({ width: 640 }, { facingMode: { exact: 'user' } }, { kind: 'video' })).toBe(Infinity);
  });

  test('a satisfied required constraint with an ideal scores the ideal distance', () => {
    expect(fitnessDistance({ width: 1024 }, { width: { min: 640, ideal: 1280 } }, { kind: 'video' })).toBeCloseTo(0.2, 12);
    expect(fitnessDistance({ width: 1024 }, { width: { min: 640, max: 1920 } }, { kind: 'video' })).toBe(0);
  });

  test('an unsupported constraint name scores 0 even when required', () => {
    expect(fitnessDistance({ width: 640 }, vset({ width: { exact: 1 } }), { kind: 'video', supported: ['height'] })).toBe(0);
    const t = constraintTerm(vset({ width: { exact: 1 } })[0] as never, { width: 640 }, { kind: 'video', supported: ['height'] });
    expect(t.rule).toBe('unsupported');
  });

  test('an ideal on a missing member scores 1; an ideal of the other kind scores 0', () => {
    expect(fitnessDistance({ width: 640 }, { facingMode: 'user' }, { kind: 'video' })).toBe(1);
    expect(fitnessDistance({ sampleRate: 48000 }, { width: 1280 }, { kind: 'audio' })).toBe(0);
  });

  test('rule order: a required constraint of the other kind is infinity (required comes before "does not apply")', () => {
    expect(fitnessDistance({ sampleRate: 48000 }, { width: { exact: 1280 } }, { kind: 'audio' })).toBe(Infinity);
  });

  test('bare values are ideal in the basic set and exact inside advanced', () => {
    expect(fitnessDistance({ width: 640 }, { width: 1280 }, { kind: 'video' })).toBeCloseTo(0.5, 12);
    expect(fitnessDistance({ width: 640 }, { width: 1280 }, { kind: 'video', inAdvanced: true })).toBe(Infinity);
    expect(fitnessDistance({ width: 1280 }, { width: 1280 }, { kind: 'video', inAdvanced: true })).toBe(0);
    // an explicit ideal inside advanced is not required (finite), so it can never cause the set to be skipped
    expect(fitnessDistance({ width: 640 }, { width: { ideal: 1280 } }, { kind: 'video', inAdvanced: true })).toBeCloseTo(0.5, 12);
  });

  test('a boolean for a non-boolean property scores on existence (pan: true)', () => {
    const supported = ['pan'];
    expect(fitnessDistance({ pan: 0 }, vset({}), { kind: 'video', supported })).toBe(0);
    const set = normalizeConstraintSet({ pan: true }, supported);
    expect(fitnessDistance({ pan: 0 }, set, { kind: 'video', supported })).toBe(0);
    expect(fitnessDistance({ width: 1 }, set, { kind: 'video', supported })).toBe(1);
    expect(constraintTerm(set[0] as never, { width: 1 }, { kind: 'video', supported }).rule).toBe('boolean-existence');
  });

  test('aspectRatio settings rounded to ten decimals still equal an exact 16/9', () => {
    expect(fitnessDistance({ aspectRatio: 1.7777777778 }, { aspectRatio: { exact: 16 / 9 } }, { kind: 'video' })).toBe(0);
    expect(fitnessDistance({ aspectRatio: 1.7777 }, { aspectRatio: { exact: 16 / 9 } }, { kind: 'video' })).toBe(Infinity);
  });
});

// ------------------------------------------------------------------ WebIDL conversion and TypeErrors

test.describe('conversion and TypeError', () => {
  test('{} / {audio:false, video:false} / {foo:true} / no argument are TypeError before any device is looked at', () => {
    for (const req of [{}, { audio: false, video: false }, { foo: true }, undefined]) {
      const r = rejected(judge(req, [camHD, mic]), 'TypeError');
      expect(r.reason).toContain('no media type');
    }
    expect(validateRequest({}).ok).toBe(false);
  });

  test('MediaStreamConstraints members convert like WebIDL (null and objects request, numbers are ToBoolean)', () => {
    expect(parseMediaStreamConstraints({ video: null }).kinds).toEqual(['video']);
    expect(parseMediaStreamConstraints({ video: 1 }).kinds).toEqual(['video']);
    expect(parseMediaStreamConstraints({ video: '', audio: 0 }).kinds).toEqual([]);
    expect(parseMediaStreamConstraints({ video: true, audio: {} }).kinds).toEqual(['audio', 'video']);
    resolved(judge({ video: null }, [camHD]));
  });

  test('[Clamp] unsigned long: -1 becomes 0, NaN becomes 0, 1.5 rounds to 2, true becomes 1', () => {
    const [w] = normalizeConstraintSet({ width: { max: -1 } });
    expect(w?.max).toBe(0);
    expect(normalizeConstraintSet({ width: Number.NaN })[0]?.bare).toBe(0);
    expect(normalizeConstraintSet({ width: 1.5 })[0]?.bare).toBe(2);
    expect(normalizeConstraintSet({ width: 2.5 })[0]?.bare).toBe(2);
    expect(normalizeConstraintSet({ height: true })[0]?.bare).toBe(1);
  });

  test('a non-finite double (frameRate NaN / Infinity) is a TypeError', () => {
    rejected(judge({ video: { frameRate: Number.NaN } }, [camHD]), 'TypeError');
    rejected(judge({ video: { aspectRatio: { min: Infinity } } }, [camHD]), 'TypeError');
  });

  test('advanced that is not a sequence, or holds a non-object, is a TypeError', () => {
    rejected(judge({ video: { advanced: {} } }, [camHD]), 'TypeError');
    rejected(judge({ video: { advanced: [5] } }, [camHD]), 'TypeError');
    resolved(judge({ video: { advanced: [null, {}] } }, [camHD]));
  });

  test('a required constraint outside the allowed list is a TypeError; ideal or advanced uses are not', () => {
    expect(ALLOWED_REQUIRED_FOR_DEVICE_SELECTION).not.toContain('backgroundBlur');
    const r = rejected(judge({ video: { backgroundBlur: { exact: true } } }, [camHD], granted), 'TypeError');
    expect(r.kind).toBe('video');
    expect(r.reason).toContain('backgroundBlur');
    resolved(judge({ video: { backgroundBlur: true } }, [camHD]));
    resolved(judge({ video: { backgroundBlur: { ideal: false } } }, [camHD]));
    resolved(judge({ video: { advanced: [{ backgroundBlur: true }] } }, [camHD]));
  });

  test('a name the UA does not support is dropped by WebIDL, so it cannot cause a TypeError', () => {
    resolved(judge({ video: { torch: { exact: true } } }, [camHD]));
    const supported = [...ALLOWED_REQUIRED_FOR_DEVICE_SELECTION, 'torch'];
    rejected(judge({ video: { torch: { exact: true } } }, [camHD], { supported }), 'TypeError');
    resolved(judge({ video: { foo: { exact: 1 } } }, [camHD]));
  });

  test("NotFoundError for a kind without devices comes before that kind's allowed-list TypeError", () => {
    rejected(judge({ video: { backgroundBlur: { exact: true } } }, [mic]), 'NotFoundError');
    rejected(judge({ audio: true, video: true }, [camHD]), 'NotFoundError');
  });

  test('an empty list, or an empty dictionary, is no constraint', () => {
    expect(normalizeConstraintSet({ facingMode: [] })).toEqual([]);
    expect(normalizeConstraintSet({ facingMode: { exact: [] } })).toEqual([]);
    expect(normalizeConstraintSet({ width: {} })).toEqual([]);
    expect(videoOf(judge({ video: { facingMode: { exact: [] } } }, [camHD])).best).toBe(0);
  });
});

// ------------------------------------------------------------------ the seed page's examples

test.describe('seed page examples (MediaDevices.getUserMedia.md)', () => {
  test('{audio: true, video: true} resolves with distance 0 for both kinds', () => {
    const j = judge({ audio: true, video: true }, [camHD, mic]);
    expect(videoOf(j).best).toBe(0);
    expect(audioOf(j).best).toBe(0);
    expect(first(videoOf(j))).toMatchObject({ width: 640, height: 480, frameRate: 30 });
  });

  test('1280x720 preference: exact match on a 1080p camera, nearest (640x480) on a fixed VGA camera', () => {
    const req = { audio: true, video: { width: 1280, height: 720 } };
    const hd = videoOf(judge(req, [camHD, mic]));
    expect(hd.best).toBe(0);
    expect(first(hd)).toMatchObject({ width: 1280, height: 720 });
    const vga = videoOf(judge(req, [camVGAFixed, mic]));
    expect(vga.best).toBeCloseTo(0.5 + 1 / 3, 12);
    expect(first(vga)).toMatchObject({ width: 640, height: 480 });
  });

  test('bare values and {ideal} give identical distances (plain values are inherently ideal)', () => {
    const bare = videoOf(judge({ video: { width: 1280, height: 720 } }, [camVGAFixed]));
    const ideal = videoOf(judge({ video: { width: { ideal: 1280 }, height: { ideal: 720 } } }, [camVGAFixed]));
    expect(ideal.best).toBe(bare.best);
    const s = { width: 320, height: 240, deviceId: 'cam-vga' };
    expect(ideal.distanceOf(s)).toBe(bare.distanceOf(s));
  });

  test('min 1280x720 is OverconstrainedError naming width or height on a VGA camera, without a prompt', () => {
    const req = { audio: true, video: { width: { min: 1280 }, height: { min: 720 } } };
    const r = rejected(judge(req, [camVGAFixed, mic], granted), 'OverconstrainedError');
    expect(r.constraints?.sort()).toEqual(['height', 'width']);
    resolved(judge(req, [camHD, mic]));
  });

  test('OverconstrainedError.constraint is "" unless device information can be exposed', () => {
    const req = { video: { width: { min: 1280 } } };
    expect(rejected(judge(req, [camVGAFixed], { permissionGranted: false }), 'OverconstrainedError').constraints).toEqual(['']);
    expect(rejected(judge(req, [camVGAFixed]), 'OverconstrainedError').constraints).toEqual(['width', '']);
  });

  test('width 1024..1920 ideal 1280 / height 576..1080 ideal 720: best 0 on 1080p and 720p, rejected on VGA', () => {
    const req = { audio: true, video: { width: { min: 1024, ideal: 1280, max: 1920 }, height: { min: 576, ideal: 720, max: 1080 } } };
    expect(videoOf(judge(req, [camHD, mic])).best).toBe(0);
    expect(videoOf(judge(req, [cam720, mic])).best).toBe(0);
    const r = rejected(judge(req, [camVGAFixed, mic], granted), 'OverconstrainedError');
    expect(r.constraints?.sort()).toEqual(['height', 'width']);
  });

  test('frameRate ideal 10 max 15: decimated to exactly 10 with crop-and-scale, impossible on a fixed 30 fps camera', () => {
    const req = { video: { frameRate: { ideal: 10, max: 15 } } };
    const v = videoOf(judge(req, [camHD]));
    expect(v.best).toBe(0);
    expect(first(v)).toMatchObject({ frameRate: 10, resizeMode: 'crop-and-scale' });
    expect(rejected(judge(req, [camVGAFixed], granted), 'OverconstrainedError').constraints).toEqual(['frameRate']);
  });

  test('facingMode "user" prefers the front camera; with only a back camera it still resolves (distance 1)', () => {
    const both = videoOf(judge({ audio: true, video: { facingMode: 'user' } }, [back, front, mic]));
    expect(both.best).toBe(0);
    expect(both.bestDevices).toEqual(['cam-front']);
    expect(videoOf(judge({ video: { facingMode: 'user' } }, [back])).best).toBe(1);
  });

  test('facingMode exact "environment" picks the back camera, and is OverconstrainedError on a desktop camera', () => {
    const v = videoOf(judge({ audio: true, video: { facingMode: { exact: 'environment' } } }, [front, back, mic]));
    expect(v.bestDevices).toEqual(['cam-back']);
    expect(v.eligibleDevices).toEqual(['cam-back']);
    expect(
      rejected(judge({ video: { facingMode: { exact: 'environment' } } }, [camHD], granted), 'OverconstrainedError').constraints,
    ).toEqual(['facingMode']);
  });

  test('preferred deviceId picks that camera; a vanished preferred deviceId resolves with another camera', () => {
    const v = videoOf(judge({ video: { deviceId: 'cam-back' } }, [front, back]));
    expect(v.best).toBe(0);
    expect(v.bestDevices).toEqual(['cam-back']);
    const gone = videoOf(judge({ video: { deviceId: 'cam-unplugged' } }, [front, back]));
    expect(gone.best).toBe(1);
    expect(gone.bestDevices.sort()).toEqual(['cam-back', 'cam-front']);
  });

  test('exact deviceId selects only that camera; an exact deviceId that no longer exists is OverconstrainedError("deviceId")', () => {
    const v = videoOf(judge({ video: { deviceId: { exact: 'cam-front' } } }, [front, back]));
    expect(v.eligibleDevices).toEqual(['cam-front']);
    const r = rejected(judge({ video: { deviceId: { exact: 'cam-unplugged' } } }, [front, back], granted), 'OverconstrainedError');
    expect(r.constraints).toEqual(['deviceId']);
  });
});

// ------------------------------------------------------------------ WPT-style cases

test.describe('WPT-style impossible and edge constraints', () => {
  for (const name of ['width', 'height', 'frameRate'] as const) {
    test(`${name} {min: 1e8}, {max: 0}, {max: -1}, {min: 100, max: 10} are OverconstrainedError naming ${name}`, () => {
      for (const value of [{ min: 1e8 }, { max: 0 }, { max: -1 }, { min: 100, max: 10 }]) {
        const r = rejected(judge({ video: { [name]: value } }, [camHD, front], granted), 'OverconstrainedError');
        expect(r.constraints, JSON.stringify(value)).toEqual([name]);
      }
    });
  }

  test('facingMode {exact: ""} is OverconstrainedError naming facingMode', () => {
    expect(rejected(judge({ video: { facingMode: { exact: '' } } }, [front, back], granted), 'OverconstrainedError').constraints).toEqual([
      'facingMode',
    ]);
  });

  test('resizeMode {exact: "INVALID"} is OverconstrainedError naming resizeMode; "none" and "crop-and-scale" are honoured', () => {
    expect(rejected(judge({ video: { resizeMode: { exact: 'INVALID' } } }, [camHD], granted), 'OverconstrainedError').constraints).toEqual([
      'resizeMode',
    ]);
    expect(first(videoOf(judge({ video: { resizeMode: { exact: 'none' } } }, [camHD])))).toMatchObject({ resizeMode: 'none' });
    expect(first(videoOf(judge({ video: { resizeMode: { exact: 'crop-and-scale' } } }, [camHD])))).toMatchObject({
      resizeMode: 'crop-and-scale',
    });
  });

  test('an unsatisfiable advanced set ({width: {min: 1024, max: 800}}) is skipped and the call resolves', () => {
    const v = videoOf(judge({ video: { advanced: [{ width: { min: 1024, max: 800 } }] } }, [camHD]));
    expect(v.advancedApplied).toEqual([false]);
    expect(v.best).toBe(0);
  });

  test('width {min: 0} resolves', () => {
    expect(videoOf(judge({ video: { width: { min: 0 } } }, [camHD])).best).toBe(0);
  });

  test('width {ideal: 320, min: 160} gives width 320 with crop-and-scale', () => {
    const v = videoOf(judge({ video: { width: { ideal: 320, min: 160 } } }, [camHD]));
    expect(v.best).toBe(0);
    expect(first(v).width).toBe(320);
  });

  test('cross-kind constraints, even impossible ones, are ignored', () => {
    const j = judge(
      { audio: { width: { min: 1e8 }, facingMode: { exact: 'x' } }, video: { sampleRate: { exact: 1 }, echoCancellation: { exact: 'x' } } },
      [camHD, mic],
      granted,
    );
    expect(videoOf(j).best).toBe(0);
    expect(audioOf(j).best).toBe(0);
    expect(forKind(normalizeTrackConstraints({ width: 1, sampleRate: 2 }), 'audio').basic.map((c) => c.name)).toEqual(['sampleRate']);
  });

  test('groupId exact of an enumerated device selects that group; an unknown groupId is OverconstrainedError("groupId")', () => {
    const v = videoOf(judge({ video: { groupId: { exact: 'grp-phone' } } }, [camHD, front, back]));
    expect(v.eligibleDevices.sort()).toEqual(['cam-back', 'cam-front']);
    expect(rejected(judge({ video: { groupId: { exact: 'grp-gone' } } }, [camHD], granted), 'OverconstrainedError').constraints).toEqual([
      'groupId',
    ]);
  });

  test('OverconstrainedError names "" when no single constraint is impossible alone', () => {
    // 1920 wide exists and 1080 high exists, but not at 60 fps on any camera.
    const r = rejected(
      judge(
        { video: { width: { exact: 1920 }, frameRate: { min: 31 } } },
        [
          camHD,
          { ...cam720, capabilities: { ...cam720.capabilities, frameRate: { min: 1, max: 60 } }, nativeModes: [mode(1280, 720, 60)] },
        ],
        granted,
      ),
      'OverconstrainedError',
    );
    expect(r.failing).toEqual([]);
    expect(r.constraints).toEqual(['']);
  });
});

// ------------------------------------------------------------------ the spec's worked examples

test.describe('spec examples (Constrainable Pattern and getUserMedia examples)', () => {
  test('basic ideals 1280x720 with aspectRatio 3/2: the UA satisfies two of the three (native-only camera)', () => {
    const cam: DeviceDescription = {
      ...camVGAFixed,
      deviceId: 'cam-n',
      capabilities: { ...camVGAFixed.capabilities, width: { min: 960, max: 1280 }, height: { min: 640, max: 720 } },
      nativeModes: [mode(1280, 720), mode(960, 640)],
    };
    const v = videoOf(judge({ video: { width: 1280, height: 720, aspectRatio: 3 / 2 } }, [cam]));
    expect(v.best).toBeCloseTo(0.15625, 10);
    expect(first(v)).toMatchObject({ width: 1280, height: 720 });
  });

  test('min width/height + min frameRate 20: OverconstrainedError("frameRate") on a 15 fps camera, resolves at 30 fps', () => {
    const req = {
      video: { width: { min: 640, ideal: 1280 }, height: { min: 480, ideal: 720 }, aspectRatio: 3 / 2, frameRate: { min: 20 } },
    };
    const slow: DeviceDescription = {
      ...cam720,
      capabilities: { ...cam720.capabilities, frameRate: { min: 1, max: 15 } },
      nativeModes: [mode(1280, 720, 15)],
    };
    expect(rejected(judge(req, [slow], granted), 'OverconstrainedError').constraints).toEqual(['frameRate']);
    const v = videoOf(judge(req, [camHD]));
    expect(v.best).toBeGreaterThan(0);
    expect(v.best).toBeLessThanOrEqual(0.15625 + 1e-12);
    expect(first(v).frameRate).toBeGreaterThanOrEqual(20);
  });

  const advancedExample = {
    video: {
      width: { min: 640, ideal: 1280 },
      height: { min: 480, ideal: 720 },
      frameRate: { min: 30 },
      advanced: [{ width: 1920, height: 1280 }, { aspectRatio: 4 / 3 }, { frameRate: { min: 50 } }, { frameRate: { min: 40 } }],
    },
  };

  test('advanced example on a 1080p/30 camera: 1920x1280 skipped, 4:3 applied, fps 50 and 40 skipped, best 0.25', () => {
    const v = videoOf(judge(advancedExample, [camHD]));
    expect(v.advancedApplied).toEqual([false, true, false, false]);
    expect(v.best).toBeCloseTo(0.25, 12);
    const s = first(v);
    expect((s.width as number) / (s.height as number)).toBeCloseTo(4 / 3, 9);
    expect(v.distanceOf({ width: 1280, height: 720, aspectRatio: 1.7777777778, frameRate: 30 })).toBe(Infinity);
    expect(v.explain({ width: 1280, height: 720, aspectRatio: 1.7777777778, frameRate: 30 }).advancedViolated).toEqual([1]);
  });

  test('advanced example on a 1920x1280/60 camera: 1920x1280 applied, 4:3 then skipped, fps 50 and 40 applied', () => {
    const tall: DeviceDescription = {
      ...camHD,
      deviceId: 'cam-tall',
      capabilities: { ...camHD.capabilities, width: { min: 1, max: 1920 }, height: { min: 1, max: 1280 }, frameRate: { min: 1, max: 60 } },
      nativeModes: [mode(1920, 1280, 60)],
    };
    const v = videoOf(judge(advancedExample, [tall]));
    expect(v.advancedApplied).toEqual([true, false, true, true]);
    expect(v.best).toBeCloseTo(640 / 1920 + 560 / 1280, 12);
    expect(first(v)).toMatchObject({ width: 1920, height: 1280 });
    expect(first(v).frameRate as number).toBeGreaterThanOrEqual(50);
  });

  test('advanced sets apply in order: of two conflicting widths the first wins when satisfiable', () => {
    const req = { video: { advanced: [{ width: 1920 }, { width: 1280 }] } };
    expect(videoOf(judge(req, [camHD])).advancedApplied).toEqual([true, false]);
    expect(first(videoOf(judge(req, [camHD]))).width).toBe(1920);
    expect(videoOf(judge(req, [cam720])).advancedApplied).toEqual([false, true]);
  });

  test('applyConstraints ideal 1920x1080x30 on a 720p camera resolves at best effort 1280x720', () => {
    const v = judgeApplyConstraints(cam720, { width: 1920, height: 1080, frameRate: 30 });
    expect(v.outcome).toBe('resolve');
    if (v.outcome !== 'resolve') return;
    expect(v.best).toBeCloseTo(1 / 3 + 1 / 3, 12);
    expect(first(v)).toMatchObject({ width: 1280, height: 720, frameRate: 30 });
  });

  test('applyConstraints exact 1920x1080 with frameRate 25..30: resolves on 1080p, names width/height on 720p and keeps settings', () => {
    const c = { width: { exact: 1920 }, height: { exact: 1080 }, frameRate: { min: 25, ideal: 30, max: 30 } };
    const ok = judgeApplyConstraints(camHD, c);
    expect(ok.outcome === 'resolve' && ok.best).toBe(0);
    const current = { width: 640, height: 480, frameRate: 30, deviceId: 'cam-720' };
    const bad = judgeApplyConstraints(cam720, c, { current });
    expect(bad.outcome).toBe('reject');
    if (bad.outcome !== 'reject') return;
    expect(bad.error).toBe('OverconstrainedError');
    expect(bad.constraints?.sort()).toEqual(['height', 'width']);
    expect(bad.settingsAfter).toEqual(current);
  });

  test('native 16:9 near 720p with resizeMode "none", then crop-and-scale exact size and frameRate 10 via applyConstraints', () => {
    const v = videoOf(judge({ video: { resizeMode: 'none', width: 1280, height: 720, aspectRatio: 16 / 9 } }, [camHD]));
    expect(v.best).toBe(0);
    expect(first(v)).toMatchObject({ width: 1280, height: 720, resizeMode: 'none' });
    const next = {
      resizeMode: 'crop-and-scale',
      width: { exact: 1280 },
      height: { exact: 720 },
      frameRate: { exact: 10 },
      aspectRatio: 1.7777777778,
    };
    const applied = judgeApplyConstraints(camHD, next);
    expect(applied.outcome === 'resolve' && first(applied)).toMatchObject({ frameRate: 10, resizeMode: 'crop-and-scale' });
    const fixed = judgeApplyConstraints(
      {
        ...camVGAFixed,
        nativeModes: [mode(1280, 720)],
        capabilities: { ...camVGAFixed.capabilities, width: { min: 1280, max: 1280 }, height: { min: 720, max: 720 } },
      },
      next,
    );
    expect(fixed.outcome === 'reject' && fixed.constraints).toEqual(['frameRate']);
  });

  test('front camera with exact facingMode and advanced native 16:9 1080p / 4:3 1280 sets', () => {
    const req = {
      video: {
        facingMode: { exact: 'user' },
        advanced: [
          { aspectRatio: 16 / 9, height: 1080, resizeMode: 'none' },
          { aspectRatio: 4 / 3, width: 1280, resizeMode: 'none' },
        ],
      },
    };
    const v = videoOf(judge(req, [front, back]));
    expect(v.bestDevices).toEqual(['cam-front']);
    expect(v.advancedApplied).toEqual([true, false]);
    expect(first(v)).toMatchObject({ width: 1920, height: 1080, resizeMode: 'none' });
  });

  test('preferred camera and microphone with dimension requirements and a stereo preference', () => {
    const j = judge(
      {
        video: { deviceId: 'cam-hd', width: { min: 800, ideal: 1024, max: 1280 }, height: { min: 600 } },
        audio: { deviceId: 'mic-1', channelCount: 2 },
      },
      [camHD, cam720, mic],
    );
    expect(videoOf(j).best).toBe(0);
    expect(videoOf(j).bestDevices).toEqual(['cam-hd']);
    expect(first(videoOf(j)).width).toBe(1024);
    expect(audioOf(j).best).toBe(0);
    expect(first(audioOf(j)).channelCount).toBe(2);
  });
});

// ------------------------------------------------------------------ candidates and crop-and-scale

test.describe('candidate model', () => {
  test('a width ideal of 1000 is exactly reachable with crop-and-scale, not with native modes only', () => {
    expect(videoOf(judge({ video: { width: 1000 } }, [camHD])).best).toBe(0);
    expect(first(videoOf(judge({ video: { width: 1000 } }, [camHD])))).toMatchObject({ width: 1000, resizeMode: 'crop-and-scale' });
    const native = videoOf(judge({ video: { width: 1000, resizeMode: { exact: 'none' } } }, [camHD]));
    expect(native.best).toBeCloseTo(280 / 1280, 12);
  });

  test('native modes are guessed from capability ranges when not given: common sizes, the max corner, rate ends and 30', () => {
    const guessed = nativeModesOf({
      kind: 'videoinput',
      deviceId: 'x',
      groupId: 'g',
      capabilities: { width: { min: 1, max: 1280 }, height: { min: 1, max: 720 }, frameRate: { min: 1, max: 60 } },
    });
    expect(guessed).toContainEqual(mode(1280, 720, 60));
    expect(guessed).toContainEqual(mode(640, 480, 30));
    expect(guessed).toContainEqual(mode(160, 120, 1));
    expect(guessed.some((m) => m.width === 1920)).toBe(false);
  });

  test('regions: one point per native mode for "none", one box per maximal mode for crop-and-scale', () => {
    const regions = regionsOf(camHD);
    expect(regions.filter((r) => r.choices['resizeMode']?.[0] === 'none')).toHaveLength(3);
    const boxes = regions.filter((r) => r.choices['resizeMode']?.[0] === 'crop-and-scale');
    expect(boxes).toHaveLength(1);
    expect(boxes[0]?.ranges['width']).toEqual({ lo: 1, hi: 1920, integer: true });
    expect(boxes[0]?.ranges['frameRate']).toEqual({ lo: 1, hi: 30, integer: false });
  });

  test('without a reported resizeMode the UA still downscales, and settings carry no resizeMode', () => {
    const noResize: DeviceDescription = {
      ...cam720,
      capabilities: { width: { min: 1, max: 1280 }, height: { min: 1, max: 720 }, frameRate: { min: 1, max: 30 } },
    };
    const v = videoOf(judge({ video: { width: 1000 } }, [noResize]));
    expect(v.best).toBe(0);
    expect(first(v).resizeMode).toBeUndefined();
  });

  test('sampled candidate lists contain the native modes and the clamped hints', () => {
    const s = sampleCandidates(camHD, { width: [1000], frameRate: [10] });
    expect(s).toContainEqual(expect.objectContaining({ width: 1280, height: 720, resizeMode: 'none', frameRate: 30 }));
    expect(s).toContainEqual(expect.objectContaining({ width: 1000, resizeMode: 'crop-and-scale', frameRate: 10 }));
  });
});

// ------------------------------------------------------------------ audio

test.describe('audio', () => {
  test('echoCancellation exact false is OverconstrainedError on a microphone that cannot turn it off', () => {
    expect(
      rejected(judge({ audio: { echoCancellation: { exact: false } } }, [micNoAec], granted), 'OverconstrainedError').constraints,
    ).toEqual(['echoCancellation']);
    const v = audioOf(judge({ audio: { echoCancellation: { exact: false } } }, [micNoAec, mic]));
    expect(v.eligibleDevices).toEqual(['mic-1']);
  });

  test('sampleRate ideal 44100 on a 48 kHz-only microphone scores 3900/48000', () => {
    expect(audioOf(judge({ audio: { sampleRate: 44100 } }, [mic])).best).toBeCloseTo(3900 / 48000, 12);
  });

  test('latency and channelCount ranges are reachable anywhere inside', () => {
    const v = audioOf(judge({ audio: { latency: 0.02, channelCount: { ideal: 1 } } }, [mic]));
    expect(v.best).toBe(0);
    expect(first(v)).toMatchObject({ latency: 0.02, channelCount: 1 });
  });
});

// ------------------------------------------------------------------ verdict helpers, permissions, MAYs

test.describe('verdicts', () => {
  test('gap = distance of the engine\'s settings - spec best ("engine chose 0.83, spec best 0")', () => {
    const j = judge({ video: { width: 1280, height: 720 } }, [camHD]);
    const actual = {
      width: 640,
      height: 480,
      aspectRatio: 1.3333333333,
      frameRate: 30,
      deviceId: 'cam-hd',
      groupId: 'grp-hd',
      resizeMode: 'none',
    };
    expect(gap(j, 'video', actual)).toBeCloseTo(0.5 + 1 / 3, 12);
    expect(resolved(j).gap('video', { ...actual, width: 1280, height: 720 })).toBe(0);
  });

  test('distanceOf is infinity for settings breaking a required constraint, with the reason in explain()', () => {
    const v = videoOf(judge({ video: { width: { min: 1280 } } }, [camHD]));
    const e = v.explain({ width: 640, height: 480 });
    expect(e.distance).toBe(Infinity);
    expect(e.requiredViolated).toEqual(['width']);
    expect(v.distanceOf({ width: 1280, height: 720 })).toBe(0);
  });

  test('a denied permission masks NotFound and Overconstrained as NotAllowedError, but not TypeError', () => {
    const permission = { camera: 'denied' } as const;
    rejected(judge({ video: { width: { min: 1e8 } } }, [camHD], { permission }), 'NotAllowedError');
    rejected(judge({ video: true }, [], { permission }), 'NotAllowedError');
    rejected(judge({ video: true }, [camHD], { permission }), 'NotAllowedError');
    rejected(judge({ video: { backgroundBlur: { exact: true } } }, [camHD], { permission }), 'TypeError');
    rejected(
      judge({ audio: true, video: { width: { min: 1e8 } } }, [camHD, mic], { permission: { microphone: 'denied' } }),
      'NotAllowedError',
    );
  });

  test('deviceId "" MAY be treated as absent: exact "" is OverconstrainedError, or resolves (mayInstead)', () => {
    const r = rejected(judge({ video: { deviceId: { exact: '' } } }, [camHD], granted), 'OverconstrainedError');
    expect(r.mayInstead?.[0]?.judgement.outcome).toBe('resolve');
    expect(judge({ video: { deviceId: 'cam-hd' } }, [camHD]).mayInstead).toBeUndefined();
  });

  test('applyConstraints: deviceId of another device fails naming deviceId; {} resolves on the same device', () => {
    const bad = judgeApplyConstraints(camHD, { deviceId: { exact: 'cam-720' } }, { current: { width: 640 } });
    expect(bad.outcome === 'reject' && bad.constraints).toEqual(['deviceId']);
    expect(bad.outcome === 'reject' && bad.settingsAfter).toEqual({ width: 640 });
    const ok = judgeApplyConstraints(camHD, {});
    expect(ok.outcome === 'resolve' && ok.bestDevices).toEqual(['cam-hd']);
  });

  test('applyConstraints with a required constraint of the other kind: literal rules reject, "ignored" offered in mayInstead', () => {
    const j = judgeApplyConstraints(camHD, { sampleRate: { exact: 48000 } });
    expect(j.outcome === 'reject' && j.constraints).toEqual(['sampleRate']);
    expect(j.mayInstead?.[0]?.judgement.outcome).toBe('resolve');
    expect(judgeApplyConstraints(camHD, { sampleRate: 48000 }).outcome).toBe('resolve');
  });

  test('advanced scope: per-device lets a camera that skips the set win on basic distance; global does not', () => {
    // cam-hd can do width 1920 (advanced set) but prefers nothing; cam-720 matches the basic deviceId ideal.
    const req = { video: { deviceId: 'cam-720', advanced: [{ width: 1920 }] } };
    const global = videoOf(judge(req, [camHD, cam720]));
    expect(global.bestDevices).toEqual(['cam-hd']);
    expect(global.best).toBe(1);
    const perDevice = videoOf(judge(req, [camHD, cam720], { advancedScope: 'per-device' }));
    expect(perDevice.bestDevices).toEqual(['cam-720']);
    expect(perDevice.best).toBe(0);
  });
});

// ------------------------------------------------------------------ cross-check against the literal algorithm

const tinyCam: DeviceDescription = {
  kind: 'videoinput',
  deviceId: 'cam-front',
  groupId: 'grp-phone',
  capabilities: {
    width: { min: 1, max: 16 },
    height: { min: 1, max: 12 },
    frameRate: { min: 1, max: 30 },
    resizeMode: ['none', 'crop-and-scale'],
    facingMode: ['user'],
  },
  nativeModes: [mode(16, 12, 30), mode(8, 8, 15)],
};
const tinyFixed: DeviceDescription = {
  kind: 'videoinput',
  deviceId: 'cam-back',
  groupId: 'grp-phone',
  capabilities: {
    width: { min: 12, max: 16 },
    height: { min: 9, max: 12 },
    frameRate: { min: 10, max: 30 },
    resizeMode: ['none'],
    facingMode: ['environment'],
  },
  nativeModes: [mode(12, 9, 30), mode(16, 12, 10)],
};
const tinyMic: DeviceDescription = {
  kind: 'audioinput',
  deviceId: 'mic-1',
  groupId: 'grp-hd',
  capabilities: {
    sampleRate: { min: 16000, max: 48000 },
    channelCount: { min: 1, max: 2 },
    latency: { min: 0.01, max: 0.05 },
    echoCancellation: [true, false, 'remote-only'],
    noiseSuppression: [true],
  },
};

/** Every number a constraint set mentions, per name: where optima and feasibility boundaries can lie. */
function numbersIn(cs: NormalizedConstraints): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const c of [cs.basic, ...cs.advanced].flat()) {
    for (const v of [c.bare, c.exact, c.ideal, c.min, c.max]) if (typeof v === 'number') (out[c.name] ??= []).push(v);
  }
  return out;
}

/** An exhaustive finite candidate list: every integer size of the tiny cameras, every relevant number. */
function exhaustive(devices: readonly DeviceDescription[], cs: NormalizedConstraints): Settings[] {
  const hints = numbersIn(cs);
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  return devices.flatMap((d) => sampleCandidates(d, { ...hints, width: range(16), height: range(12) }));
}

test('the closed-form oracle equals the literal SelectSettings over exhaustive candidates (400 fuzzed requests)', () => {
  let compared = 0;
  for (const req of generate(20251124, 400, {
    deviceIds: ['cam-front', 'cam-back', 'mic-1', 'gone'],
    groupIds: ['grp-phone', 'grp-hd', 'x'],
  })) {
    let parsed;
    try {
      parsed = parseMediaStreamConstraints(req);
    } catch {
      continue;
    }
    for (const kind of parsed.kinds) {
      const devices = kind === 'video' ? [tinyCam, tinyFixed] : [tinyMic];
      const cs = forKind(parsed.constraints[kind] as NormalizedConstraints, kind);
      const ctx = { kind, supported: ALLOWED_REQUIRED_FOR_DEVICE_SELECTION };
      const literal = selectFromCandidates(exhaustive(devices, cs), cs, ctx);
      const closed = selectSettings(devices.flatMap(regionsOf), cs, ctx);
      const label = JSON.stringify(req[kind]);
      expect(closed === undefined, label).toBe(literal === undefined);
      if (!closed || !literal) continue;
      expect(closed.advancedApplied, label).toEqual(literal.advancedApplied);
      expect(closed.best, label).toBeCloseTo(literal.best, 9);
      for (const s of closed.examples) {
        // every example really is at the best distance and inside every applied advanced set
        expect(fitnessDistance(s, cs.basic, ctx), label).toBeCloseTo(closed.best, 9);
        cs.advanced.forEach(
          (set, i) =>
            closed.advancedApplied[i] && expect(fitnessDistance(s, set, { ...ctx, inAdvanced: true }), label).toBeLessThan(Infinity),
        );
      }
      compared++;
    }
  }
  expect(compared).toBeGreaterThan(200);
});

// ------------------------------------------------------------------ fuzzer and reducer

test.describe('fuzz-gen', () => {
  test('mulberry32 and generate are deterministic: same seed, same sets; other seed, other sets', () => {
    expect(Array.from({ length: 5 }, mulberry32(7))).toEqual(Array.from({ length: 5 }, mulberry32(7)));
    expect(generate(42, 50)).toEqual(generate(42, 50));
    expect(JSON.stringify(generate(42, 50))).not.toBe(JSON.stringify(generate(43, 50)));
    expect(generate(42, 80).slice(0, 30)).toEqual(generate(42, 30));
    const all = generate(1, 200);
    expect(JSON.parse(JSON.stringify(all))).toEqual(all);
  });

  test('generated objects cover every constraint form, kind member form and name group', () => {
    const seen = new Set<string>();
    const note = (name: string, v: unknown) => {
      if (Array.isArray(v)) seen.add(`list${v.length === 0 ? '-empty' : ''}`);
      else if (v !== null && typeof v === 'object') seen.add(Object.keys(v).sort().join('+'));
      else seen.add(typeof v);
      if (!APPLICABLE_NAMES.video.includes(name) && !APPLICABLE_NAMES.audio.includes(name)) seen.add(`outside:${name}`);
    };
    for (const obj of generate(3, 600)) {
      for (const kind of ['audio', 'video'] as const) {
        const m = (obj as Record<string, unknown>)[kind];
        seen.add(`member:${m === undefined ? 'absent' : typeof m}`);
        if (m === null || typeof m !== 'object') continue;
        for (const [name, v] of Object.entries(m)) {
          if (name === 'advanced') {
            seen.add('advanced');
            for (const set of v as Record<string, unknown>[]) for (const [n, x] of Object.entries(set)) note(n, x);
          } else {
            note(name, v);
            if (!APPLICABLE_NAMES[kind].includes(name) && (APPLICABLE_NAMES.audio.includes(name) || APPLICABLE_NAMES.video.includes(name)))
              seen.add('cross-kind');
          }
        }
      }
    }
    for (const form of [
      'number',
      'string',
      'boolean',
      'list',
      'list-empty',
      'ideal',
      'exact',
      'min',
      'max',
      'max+min',
      'ideal+max+min',
      'ideal+min',
      'ideal+max',
    ])
      expect(seen, form).toContain(form);
    for (const form of [
      'member:absent',
      'member:boolean',
      'member:object',
      'advanced',
      'cross-kind',
      'outside:backgroundBlur',
      'outside:foo',
    ])
      expect(seen, form).toContain(form);
    expect(NUMERIC_FORMS.length + STRING_FORMS.length + BOOLEAN_FORMS.length).toBe(18);
  });

  test('reduce finds the one impossible constraint inside a large failing object', () => {
    const big: ConstraintsObject = {
      audio: { echoCancellation: true, sampleRate: { ideal: 44100 }, advanced: [{ channelCount: 2 }] },
      video: {
        width: { ideal: 1280 },
        height: { min: 1e8, ideal: 720 },
        frameRate: { max: 60 },
        facingMode: ['user', 'environment'],
        advanced: [{ width: 1920 }, { aspectRatio: 16 / 9 }],
      },
    };
    const fails = (c: ConstraintsObject): boolean => {
      const j = judge(c, [camHD, mic], granted);
      return j.outcome === 'reject' && j.error === 'OverconstrainedError' && (j.constraints ?? []).includes('height');
    };
    expect(fails(big)).toBe(true);
    const small = reduce(big, fails);
    expect(small).toEqual({ video: { height: { min: 1e8 } } });
  });

  test('reduce shrinks a fuzzed TypeError case to a single disallowed required constraint', () => {
    const failing = generate(99, 3000).find((c) => {
      const j = judge(c, [camHD, mic]);
      return j.outcome === 'reject' && j.error === 'TypeError' && j.reason.includes('allowed') && Object.keys(c).length === 2;
    });
    expect(failing).toBeDefined();
    const isAllowedListTypeError = (c: ConstraintsObject): boolean => {
      const j = judge(c, [camHD, mic]);
      return j.outcome === 'reject' && j.error === 'TypeError' && j.reason.includes('allowed');
    };
    const small = reduce(failing as ConstraintsObject, isAllowedListTypeError);
    expect(isAllowedListTypeError(small)).toBe(true);
    const kinds = Object.keys(small);
    expect(kinds).toHaveLength(1);
    const set = (small as Record<string, Record<string, unknown>>)[kinds[0] as string] as Record<string, unknown>;
    expect(Object.keys(set)).toHaveLength(1);
  });
});
