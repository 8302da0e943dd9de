// Unit tests of the constraint glue, the fuzzer's argument parsing and the agreement section: no browser.
import { expect, test } from '@playwright/test';
import { containedIn, parseFuzzArgs, resolveSymbols } from './cli/fuzz';
import { type EngineModel, judgeApplyCase, judgeGumCase, snapSettings } from './constraint-check';
import { ConfigError } from './errors';
import { capabilitiesProblems, capabilityDifferences, settingsOutsideCapabilities, settingsProblems } from './constraint-check/shape';
import { generate } from './oracle';
import type { ApplyOutcome, GumOutcome, TrackInfo } from './probe-page';
import { constraintAgreement, constraintAgreementSection } from './report/constraint-agreement';
import type { Matrix } from './types';

const camCaps = {
  width: { min: 1, max: 1920 },
  height: { min: 1, max: 1080 },
  frameRate: { min: 1, max: 30 },
  aspectRatio: { min: 0.001, max: 1920 },
  resizeMode: ['none', 'crop-and-scale'],
  facingMode: ['user'],
};
const micCaps = { echoCancellation: [true, false], channelCount: { min: 1, max: 2 }, sampleRate: { min: 48000, max: 48000 } };
const model: EngineModel = {
  devices: [
    {
      kind: 'videoinput',
      deviceId: 'cam',
      groupId: 'g-cam',
      label: 'Cam',
      capabilities: camCaps,
      capsSource: 'track',
      deviceInfoCaps: null,
      defaults: { width: 640, height: 480, frameRate: 30 },
    },
    {
      kind: 'audioinput',
      deviceId: 'mic',
      groupId: 'g-mic',
      label: 'Mic',
      capabilities: micCaps,
      capsSource: 'track',
      deviceInfoCaps: null,
    },
  ],
  supported: [
    'width',
    'height',
    'aspectRatio',
    'frameRate',
    'facingMode',
    'resizeMode',
    'sampleRate',
    'echoCancellation',
    'channelCount',
    'deviceId',
    'groupId',
  ],
  supportedOutcome: { outcome: 'resolved', summary: '' },
  grant: { outcome: 'resolved', summary: '' },
  notes: [],
};
const track = (kind: string, settings: Record<string, unknown>): TrackInfo => ({
  kind,
  label: kind,
  readyState: 'live',
  enabled: true,
  muted: false,
  settings,
  capabilities: null,
});
const video = (w: number, h: number, fps = 30, extra: Record<string, unknown> = {}): TrackInfo =>
  track('video', {
    width: w,
    height: h,
    frameRate: fps,
    aspectRatio: w / h,
    deviceId: 'cam',
    groupId: 'g-cam',
    resizeMode: 'crop-and-scale',
    facingMode: 'user',
    ...extra,
  });
const resolvedWith = (tracks: TrackInfo[], el?: [number, number]): GumOutcome => ({
  outcome: 'resolved',
  summary: 'resolved',
  tracks,
  ...(el ? { video: { videoWidth: el[0], videoHeight: el[1] } } : {}),
});
const rejectedWith = (name: string, constraint?: string): GumOutcome => ({
  outcome: 'rejected',
  summary: name,
  error: { name, message: '', ...(constraint !== undefined ? { constraint } : {}) },
});

test.describe('judgeGumCase', () => {
  test('the ideal setting agrees with a gap of 0; a worse one fails with the gap in the summary', () => {
    const c = { video: { width: 1280, height: 720 } };
    const good = judgeGumCase(c, resolvedWith([video(1280, 720)], [1280, 720]), model);
    expect(good.agree).toBe(true);
    expect(good.observed.summary).toBe('chose 1280x720@30 (distance 0), spec best 0 (1280x720@30); gap 0');
    const bad = judgeGumCase(c, resolvedWith([video(640, 480)], [640, 480]), model);
    expect(bad.agree).toBe(false);
    expect(bad.signature).toBe('gap:video:ideal,element');
    expect(bad.observed.summary).toMatch(/^chose 640x480@30 \(distance 0\.8333\), spec best 0 \(1280x720@30\); gap 0\.8333$/);
  });

  test('a <video> element of another size than the settings fails on its own distance', () => {
    const v = judgeGumCase({ video: { aspectRatio: 1.5 } }, resolvedWith([video(96, 64)], [64, 96]), model);
    expect(v.agree).toBe(false);
    expect(v.signature).toBe('element');
    expect(v.observed.summary).toContain('video element 64x96');
  });

  test('an impossible exact must reject with OverconstrainedError naming it; resolving or naming another fails', () => {
    const c = { video: { width: { exact: 99999 } } };
    expect(judgeGumCase(c, rejectedWith('OverconstrainedError', 'width'), model).agree).toBe(true);
    expect(judgeGumCase(c, rejectedWith('OverconstrainedError', 'height'), model).signature).toBe('constraint-name');
    const r = judgeGumCase(c, resolvedWith([video(1920, 1080)]), model);
    expect(r.agree).toBe(false);
    expect(r.observed.summary).toBe('resolved (video 1920x1080@30); spec: OverconstrainedError("width")');
  });

  test('a rejection where the spec resolves fails and names the best setting', () => {
    const v = judgeGumCase({ video: { width: { ideal: 99999 } } }, rejectedWith('OverconstrainedError', 'width'), model);
    expect(v.agree).toBe(false);
    expect(v.signature).toBe('OverconstrainedError/resolve');
    expect(v.observed.summary).toMatch(/^rejected OverconstrainedError\("width"\); spec resolves: video best/);
  });

  test('settings breaking an applicable advanced set fail; a skipped impossible set does not count', () => {
    const c = { video: { advanced: [{ width: 99999 }, { width: 320 }] } };
    expect(judgeGumCase(c, resolvedWith([video(320, 240)], [320, 240]), model).agree).toBe(true);
    const v = judgeGumCase(c, resolvedWith([video(640, 480)], [640, 480]), model);
    expect(v.agree).toBe(false);
    expect(v.problems[0]).toContain('breaks advanced set 1');
  });

  test('a required constraint outside the allowed list must be a TypeError', () => {
    const m = { ...model, supported: [...model.supported, 'torch'] };
    expect(judgeGumCase({ video: { torch: { exact: true } } }, rejectedWith('TypeError'), m).agree).toBe(true);
    expect(judgeGumCase({ video: { torch: { exact: true } } }, resolvedWith([video(640, 480)]), m).agree).toBe(false);
  });

  test('an unsupported name is dropped: the same request resolves where the engine does not list it', () => {
    expect(judgeGumCase({ video: { torch: { exact: true } } }, resolvedWith([video(640, 480)], [640, 480]), model).agree).toBe(true);
  });

  test('a missing track of a requested kind, or an extra one, fails', () => {
    const v = judgeGumCase({ audio: true, video: true }, resolvedWith([video(640, 480)], [640, 480]), model);
    expect(v.agree).toBe(false);
    expect(v.problems.join()).toContain('0 audio tracks');
  });
});

test.describe('tolerances', () => {
  test('a frame rate within 1% of a mentioned value is taken as that value; 2% off is not', () => {
    expect(snapSettings({ frameRate: 29.97 }, { video: { frameRate: { exact: 30 } } }).settings['frameRate']).toBe(30);
    expect(snapSettings({ frameRate: 29.4 }, { video: { frameRate: { exact: 30 } } }).settings['frameRate']).toBe(29.4);
    const c = { video: { frameRate: { exact: 30 } } };
    expect(judgeGumCase(c, resolvedWith([video(640, 480, 29.97)], [640, 480]), model).agree).toBe(true);
    expect(judgeGumCase(c, resolvedWith([video(640, 480, 29.4)], [640, 480]), model).agree).toBe(false);
  });

  test('an aspect ratio one pixel away from a mentioned value is taken as that value; two pixels are not', () => {
    const c = { video: { aspectRatio: { exact: 16 / 9 } } };
    expect(snapSettings({ width: 1000, height: 563, aspectRatio: 1000 / 563 }, c).settings['aspectRatio']).toBe(16 / 9);
    expect(snapSettings({ width: 1000, height: 565, aspectRatio: 1000 / 565 }, c).settings['aspectRatio']).toBe(1000 / 565);
    expect(judgeGumCase(c, resolvedWith([video(1000, 563)], [1000, 563]), model).agree).toBe(true);
  });
});

test.describe('judgeApplyCase', () => {
  const before = video(640, 480);
  const apply = (outcome: Partial<ApplyOutcome>): ApplyOutcome => ({
    outcome: 'resolved',
    summary: '',
    gum: resolvedWith([before]),
    before,
    after: before,
    ...outcome,
  });

  test('a rejected impossible exact must name it and leave the settings as they were', () => {
    const ok = judgeApplyCase(
      model,
      'video',
      { width: { exact: 99999 } },
      apply({ outcome: 'rejected', error: { name: 'OverconstrainedError', message: '', constraint: 'width' } }),
    );
    expect(ok.agree).toBe(true);
    expect(ok.observed.summary).toBe(
      'applyConstraints rejected OverconstrainedError("width"), settings unchanged; spec: OverconstrainedError("width"), settings kept',
    );
    const moved = judgeApplyCase(
      model,
      'video',
      { width: { exact: 99999 } },
      apply({ outcome: 'rejected', error: { name: 'OverconstrainedError', message: '', constraint: 'width' }, after: video(320, 240) }),
    );
    expect(moved.agree).toBe(false);
    expect(moved.changed).toEqual(['height', 'width']);
  });

  test('a resolved change must land at the minimal distance', () => {
    expect(judgeApplyCase(model, 'video', { width: 320, height: 240 }, apply({ after: video(320, 240) })).agree).toBe(true);
    expect(judgeApplyCase(model, 'video', { width: 320, height: 240 }, apply({})).agree).toBe(false);
  });

  test('switching group is impossible on a live track', () => {
    const v = judgeApplyCase(model, 'video', { groupId: { exact: 'g-mic' } }, apply({}));
    expect(v.agree).toBe(false);
    expect(v.problems[0]).toContain('OverconstrainedError("groupId")');
  });
});

test.describe('fuzz CLI', () => {
  test('arguments: seed and count required, engines validated, every problem one ConfigError', () => {
    expect(parseFuzzArgs(['--seed', '4', '--count', '200', '--project', 'firefox'])).toEqual({ seed: 4, count: 200, engines: ['firefox'] });
    expect(parseFuzzArgs(['--seed=4', '--count=2']).engines).toEqual(['chromium', 'firefox', 'webkit']);
    for (const bad of [
      [],
      ['--seed', '1'],
      ['--seed', '-1', '--count', '1'],
      ['--seed', '1', '--count', '0'],
      ['--seed', '1', '--count', '1', '--project', 'safari'],
      ['--seed', '1', '--count', '1', 'extra'],
    ]) {
      expect(() => parseFuzzArgs(bad), JSON.stringify(bad)).toThrow(ConfigError);
    }
  });

  test("symbolic device ids resolve to this engine's ids; absent devices to ids no device has", () => {
    expect(resolveSymbols({ video: { deviceId: ['$camera0', '$camera1'], groupId: '$mic0.group' } }, model)).toEqual({
      video: { deviceId: ['cam', 'no-such-camera1'], groupId: 'g-mic' },
    });
  });

  test("a reduced object is recognised inside a bigger set, up to the reducer's simplifications", () => {
    const big = {
      audio: true,
      video: { width: { ideal: 1000 }, facingMode: ['user'], advanced: [{ width: 1 }, { height: 240, frameRate: 5 }] },
    };
    expect(containedIn({ video: { width: 1000 } }, big)).toBe(true);
    expect(containedIn({ video: { facingMode: 'user', advanced: [{ height: 240 }] } }, big)).toBe(true);
    expect(containedIn({ video: true }, big)).toBe(true);
    expect(containedIn({ video: { width: 999 } }, big)).toBe(false);
    expect(containedIn({ video: { advanced: [{ height: 240 }, { width: 1 }] } }, big)).toBe(false);
    expect(containedIn({ audio: { echoCancellation: false } }, big)).toBe(false);
  });

  test('the same seed generates the same sets (with symbolic ids)', () => {
    expect(JSON.stringify(generate(11, 50))).toBe(JSON.stringify(generate(11, 50)));
  });
});

test('the agreement section counts pass / total per engine and per property', () => {
  const m: Matrix = {
    generated: '2026-11-24T00:00:00Z',
    suite: { name: 'x', version: '0' },
    engines: [
      { id: 'chromium', browser: 'Chromium', version: '1', driver: 'd', devices: 'fake', executable: 'c', source: 'system' },
      { id: 'firefox', browser: 'Firefox', version: '2', driver: 'd', devices: 'fake', executable: 'f', source: 'system' },
    ],
    checks: [
      { id: 'constraints/width/ideal', title: 't', area: 'constraints' },
      { id: 'constraints/width/exact', title: 't', area: 'constraints' },
      { id: 'other/x', title: 't', area: 'other' },
    ],
    cells: [
      { check: 'constraints/width/ideal', engine: 'chromium', verdict: 'pass', observed: {}, expected: '', ms: 1 },
      { check: 'constraints/width/exact', engine: 'chromium', verdict: 'pass', observed: {}, expected: '', ms: 1 },
      { check: 'constraints/width/ideal', engine: 'firefox', verdict: 'fail', observed: { summary: '<b>gap 1</b>' }, expected: '', ms: 1 },
      { check: 'other/x', engine: 'firefox', verdict: 'fail', observed: {}, expected: '', ms: 1 },
    ],
  };
  const [c, f] = constraintAgreement(m);
  expect(c?.all).toMatchObject({ pass: 2, total: 2, share: 1 });
  expect(f?.all).toMatchObject({ pass: 0, fail: 1, missing: 1, total: 2, share: 0 });
  expect(f?.groups['width']).toMatchObject({ pass: 0, total: 2 });
  const s = constraintAgreementSection(m);
  expect(s.id).toBe('constraint-agreement');
  expect(s.html).toContain('100%');
  expect(s.html).not.toContain('<b>gap 1</b>');
  expect(s.html).toContain('&lt;b&gt;gap 1&lt;/b&gt;');
});

test('shape: settings and capabilities are judged against their IDL types, and each setting against its capability', () => {
  const settings = { width: 640, height: 480.5, frameRate: 30, facingMode: 'front', deviceId: 'd', groupId: 'g', custom: 'x' };
  expect(settingsProblems(settings, 'video').problems).toEqual([
    'height 480.5 is not a long',
    'facingMode "front" is not a string of user|environment|left|right',
  ]);
  expect(settingsProblems({ sampleRate: 48000 }, 'audio').problems).toEqual(['deviceId missing', 'groupId missing']);
  // A video member on an audio track is not judged: mediacapture-main does not define it for that kind.
  expect(settingsProblems({ width: 'wide', deviceId: 'd', groupId: 'g' }, 'audio').problems).toEqual([]);
  expect(
    capabilitiesProblems({ width: { min: 10, max: 1 }, facingMode: ['user'], autoGainControl: [true, 'x'] }, 'video').problems,
  ).toEqual(['width {"min":10,"max":1} is not a ULongRange']);
  expect(capabilitiesProblems({ autoGainControl: [true, 'x'] }, 'audio').problems).toEqual([
    'autoGainControl [true,"x"] is not a sequence (booleans)',
  ]);
  expect(
    settingsOutsideCapabilities(
      { width: 2000, frameRate: 30, deviceId: 'd', groupId: 'other' },
      {
        width: { min: 1, max: 1920 },
        frameRate: { min: 1, max: 30 },
        height: { min: 1, max: 1080 },
        facingMode: [],
        deviceId: 'd',
        groupId: 'g',
      },
      'video',
    ),
  ).toEqual([
    'width 2000 outside {"min":1,"max":1920}',
    'height has a capability but no setting',
    'groupId setting differs from its capability',
  ]);
  expect(
    capabilityDifferences(
      { width: { min: 1, max: 640 }, deviceId: 'a', zoom: { min: 1 } },
      { width: { min: 1, max: 1920 }, deviceId: 'b' },
      'video',
    ),
  ).toEqual(['deviceId differs', 'width: device {"min":1,"max":640}, track {"min":1,"max":1920}']);
  expect(capabilityDifferences({ channelCount: { min: 1, max: 2 } }, null, 'audio')).toEqual([
    'channelCount: device {"min":1,"max":2}, track absent',
  ]);
});
