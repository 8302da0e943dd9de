// applyConstraints() on a live track, judged by the oracle on the track's own device; and the shapes and types of
// getSupportedConstraints(), getCapabilities() and getSettings() against the spec's IDL.
import { check, expect } from '../harness/check';
import { type EngineModel, runApplyCase } from '../harness/constraint-check';
import {
  capabilitiesProblems,
  capabilityDifferences,
  settingsOutsideCapabilities,
  settingsProblems,
} from '../harness/constraint-check/shape';
import { DEFAULT_SUPPORTED } from '../harness/oracle';
import type { TrackInfo } from '../harness/probe-page';
import { AREA, EXPECTED_ORACLE, lit } from './constraints-helpers';

const SPEC_APPLY =
  'applyConstraints: SelectSettings restricted to the track\'s source; on failure reject with OverconstrainedError naming the failed constraint, and "the existing constraints remain in effect".';

interface ApplyRow {
  id: string;
  title: string;
  kind: 'audio' | 'video';
  /** getUserMedia() argument for the track (a function of the devices to pin a device). */
  gum: (m: EngineModel) => unknown;
  apply: (m: EngineModel) => unknown;
  expected?: string;
}

const firstCamera = (m: EngineModel) => m.devices.find((d) => d.kind === 'videoinput') as EngineModel['devices'][number];
/** A device that is not the first camera: another camera where there is one, else a microphone. */
const otherThanFirstCamera = (m: EngineModel) =>
  m.devices.find((d) => d.kind === 'videoinput' && d.deviceId !== firstCamera(m).deviceId) ??
  (m.devices.find((d) => d.kind === 'audioinput') as EngineModel['devices'][number]);
/** A group no camera belongs to (a microphone's group, where microphones and cameras are not grouped). */
const groupWithoutCamera = (m: EngineModel): string =>
  m.devices.find((d) => !m.devices.some((v) => v.kind === 'videoinput' && v.groupId === d.groupId))?.groupId ?? 'no-such-group';
const onFirstCamera = (m: EngineModel) => ({ video: { deviceId: { exact: firstCamera(m).deviceId } } });

const APPLY: ApplyRow[] = [
  {
    id: 'apply/change-size',
    kind: 'video',
    gum: onFirstCamera,
    apply: () => ({ width: 320, height: 240 }),
    title:
      'applyConstraints({width: 320, height: 240}) on a live camera track moves it to the setting nearest 320x240, also on a <video> element',
  },
  {
    id: 'apply/exact-size',
    kind: 'video',
    gum: onFirstCamera,
    apply: () => ({ width: { exact: 320 }, height: { exact: 240 } }),
    title:
      'applyConstraints({width: {exact: 320}, height: {exact: 240}}) on a live camera track gives exactly 320x240, or rejects keeping the settings',
  },
  {
    id: 'apply/frame-rate',
    kind: 'video',
    gum: onFirstCamera,
    apply: () => ({ frameRate: { ideal: 10, max: 15 } }),
    title: 'applyConstraints({frameRate: {ideal: 10, max: 15}}) on a live camera track lowers the frame rate to the nearest allowed one',
  },
  {
    id: 'apply/impossible-exact-keeps-settings',
    kind: 'video',
    gum: onFirstCamera,
    apply: () => ({ width: { exact: 99999 } }),
    title: 'applyConstraints({width: {exact: 99999}}) rejects with OverconstrainedError naming width and leaves every setting untouched',
    expected: 'OverconstrainedError("width"), settings unchanged (oracle)',
  },
  {
    id: 'apply/switch-group-rejected',
    kind: 'video',
    gum: onFirstCamera,
    apply: (m) => ({ groupId: { exact: groupWithoutCamera(m) } }),
    title:
      'applyConstraints({groupId: {exact: <a group without this camera>}}) cannot switch device: OverconstrainedError naming groupId, settings untouched',
    expected: 'OverconstrainedError("groupId"), settings unchanged (oracle)',
  },
  {
    id: 'apply/switch-device-rejected',
    kind: 'video',
    gum: onFirstCamera,
    apply: (m) => ({ deviceId: { exact: otherThanFirstCamera(m).deviceId } }),
    title:
      'applyConstraints({deviceId: {exact: <another device>}}) cannot switch device: OverconstrainedError naming deviceId, settings untouched',
    expected: 'OverconstrainedError("deviceId"), settings unchanged (oracle)',
  },
  {
    id: 'apply/audio-processing-off',
    kind: 'audio',
    gum: () => ({ audio: true }),
    apply: () => ({ echoCancellation: false, autoGainControl: false, noiseSuppression: false }),
    title:
      'applyConstraints({echoCancellation: false, autoGainControl: false, noiseSuppression: false}) on a live microphone track turns processing off where it can',
  },
  {
    id: 'apply/unsatisfiable-advanced-ideal',
    kind: 'video',
    gum: onFirstCamera,
    apply: () => ({ advanced: [{ width: 99999 }] }),
    title:
      'applyConstraints({advanced: [{width: 99999}]}) resolves: an advanced set no setting satisfies is skipped, and nothing else constrains the track (WPT: applyConstraints with an unsatisfiable ideal)',
  },
  {
    id: 'apply/resize-mode-crop-and-scale',
    kind: 'video',
    gum: onFirstCamera,
    apply: () => ({ resizeMode: 'crop-and-scale', width: { exact: 320 }, height: { exact: 240 } }),
    title:
      'applyConstraints({resizeMode: "crop-and-scale", width: {exact: 320}, height: {exact: 240}}) on a live camera track scales it to exactly 320x240 (WPT: applyConstraints with resizeMode)',
  },
  {
    id: 'apply/cross-kind',
    kind: 'video',
    gum: onFirstCamera,
    apply: () => ({ width: 320, sampleRate: 44100 }),
    title: 'applyConstraints({width: 320, sampleRate: 44100}) on a camera track ignores the audio ideal and applies the width',
  },
];

for (const row of APPLY) {
  check(
    { id: `${AREA}/${row.id}`, title: row.title, spec: SPEC_APPLY, expected: row.expected ?? EXPECTED_ORACLE },
    async ({ open, url, observe, deviceModel }) => {
      const page = await open(url('a'));
      const model = await deviceModel(page);
      const apply = row.apply(model);
      const v = await runApplyCase(page, model, row.gum(model), row.kind, apply);
      observe({ ...v.observed, summary: `${lit(apply)}: ${v.observed.summary}` });
      const why = `${v.observed.summary}\n${v.problems.join('\n')}`;
      expect(v.outcome.outcome, why).not.toMatch(/^gum-|no-track|harness-error/);
      const j = v.judgement;
      if (j?.outcome === 'reject') {
        expect(v.outcome.outcome, why).toBe('rejected');
        expect(v.outcome.error?.name, why).toBe(j.error);
        if (j.constraints) expect(j.constraints, why).toContain(v.outcome.error?.constraint);
        expect(v.changed, why).toEqual([]);
      } else {
        expect(v.outcome.outcome, why).toBe('resolved');
        expect(v.kind?.gap, why).toBeLessThanOrEqual(1e-6);
      }
      expect(v.problems, why).toEqual([]);
    },
  );
}

// ------------------------------------------------------------------ shapes and types

const SPEC_SUPPORTED =
  'getSupportedConstraints(): "A supported constrainable property MUST be represented and any constrainable properties not supported by the User Agent MUST NOT be present"; every member of MediaTrackSupportedConstraints is a boolean defaulting to true.';
const SPEC_CONFORMING = 'A conforming User Agent MUST support all the constrainable properties defined in this specification.';

check(
  {
    id: `${AREA}/shape/supported-constraints-dictionary`,
    spec: SPEC_SUPPORTED,
    title: 'getSupportedConstraints() returns a plain object whose every member is the boolean true',
    expected: 'plain object, every value === true',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'));
    const r = await page.supportedConstraints();
    const notTrue = Object.entries(r.value ?? {})
      .filter(([, v]) => v !== true)
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
    observe({
      ...r,
      summary: `${r.outcome === 'resolved' ? `${Object.keys(r.value ?? {}).length} members` : r.summary}; plain object: ${r.plainObject}; not true: ${notTrue.length ? notTrue.join(', ') : 'none'}`,
    });
    expect(r.outcome).toBe('resolved');
    expect(r.type).toBe('object');
    expect(r.plainObject).toBe(true);
    expect(notTrue).toEqual([]);
  },
);

check(
  {
    id: `${AREA}/shape/supported-constraints-complete`,
    spec: `${SPEC_SUPPORTED} ${SPEC_CONFORMING}`,
    title: 'getSupportedConstraints() lists every constrainable property of mediacapture-main',
    expected: `all ${DEFAULT_SUPPORTED.length}: ${DEFAULT_SUPPORTED.join(', ')}`,
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'));
    const r = await page.supportedConstraints();
    const missing = DEFAULT_SUPPORTED.filter((n) => r.value?.[n] !== true);
    observe({ ...r, missing, summary: missing.length ? `missing ${missing.join(', ')}` : `all ${DEFAULT_SUPPORTED.length} listed` });
    expect(r.outcome).toBe('resolved');
    expect(missing).toEqual([]);
  },
);

const grantTrack = (m: EngineModel, kind: string): TrackInfo | undefined => m.grant.tracks?.find((t) => t.kind === kind);

for (const kind of ['video', 'audio'] as const) {
  const label = kind === 'video' ? 'camera' : 'microphone';
  check(
    {
      id: `${AREA}/shape/settings-types-${kind}`,
      title: `getSettings() of an unconstrained ${label} track gives every mediacapture-main member with its IDL type`,
      spec: 'MediaTrackSettings: width/height/sampleRate/sampleSize/channelCount long, aspectRatio/frameRate/latency double, facingMode/resizeMode enum strings, deviceId/groupId DOMString, the processing switches boolean (echoCancellation boolean or DOMString).',
      expected: 'each present member of the right type; deviceId and groupId present',
    },
    async ({ open, url, observe, deviceModel }) => {
      const page = await open(url('a'));
      const model = await deviceModel(page);
      const t = grantTrack(model, kind);
      const settings = t?.settings ?? {};
      const { count, problems } = settingsProblems(settings, kind);
      observe({ settings, summary: problems.length ? problems.join('; ') : `${count} members, all well typed` });
      expect(t, `no ${kind} track`).toBeTruthy();
      expect(problems).toEqual([]);
    },
  );

  check(
    {
      id: `${AREA}/shape/capabilities-types-${kind}`,
      title: `getCapabilities() of a ${label} track gives ranges as {min <= max}, sequences as arrays of the right type, deviceId and groupId as strings`,
      spec: 'MediaTrackCapabilities: ULongRange / DoubleRange for numeric members, sequences for facingMode, resizeMode and the booleans, DOMString for deviceId and groupId ("for historical reasons").',
      expected: 'each present member of its IDL type',
    },
    async ({ open, url, observe, deviceModel }) => {
      const page = await open(url('a'));
      const model = await deviceModel(page);
      const caps = grantTrack(model, kind)?.capabilities ?? null;
      const { count, problems } =
        caps === null ? { count: 0, problems: ['getCapabilities() gave nothing'] } : capabilitiesProblems(caps, kind);
      observe({ capabilities: caps, summary: problems.length ? problems.join('; ') : `${count} members, all well typed` });
      expect(problems).toEqual([]);
    },
  );

  check(
    {
      id: `${AREA}/shape/settings-within-capabilities-${kind}`,
      title: `every getCapabilities() member of a ${label} track is in getSettings(), with a value inside the capability`,
      spec: 'Settings "MUST contain each key returned in getCapabilities() for which the property is defined on the object type ... the value MUST be a member of the set defined for that property by getCapabilities()". A capability that is an empty list (e.g. facingMode [] for a camera that cannot tell) offers no member, so its key is not required in the settings.',
      expected: 'no capability without a setting, no setting outside its capability',
    },
    async ({ open, url, observe, deviceModel }) => {
      const page = await open(url('a'));
      const model = await deviceModel(page);
      const t = grantTrack(model, kind);
      const caps = t?.capabilities ?? {};
      const settings = t?.settings ?? {};
      const problems = settingsOutsideCapabilities(settings, caps, kind);
      observe({
        settings,
        capabilities: caps,
        summary: problems.length ? problems.join('; ') : 'every capability has a setting inside it',
      });
      expect(t, `no ${kind} track`).toBeTruthy();
      expect(problems).toEqual([]);
    },
  );

  check(
    {
      id: `${AREA}/shape/device-capabilities-match-track-${kind}`,
      title: `InputDeviceInfo.getCapabilities() of the ${label} equals getCapabilities() of an unconstrained track from it`,
      spec: 'InputDeviceInfo.getCapabilities(): "These capabilities MUST be identical to those that would have been obtained by calling getCapabilities() on the first MediaStreamTrack of this type in a MediaStream returned by getUserMedia({deviceId: id})".',
      expected: 'identical mediacapture-main members (after a grant)',
    },
    async ({ open, url, observe, deviceModel }) => {
      const page = await open(url('a'));
      const model = await deviceModel(page);
      const t = grantTrack(model, kind);
      const device = model.devices.find((d) => d.deviceId === t?.settings?.['deviceId']);
      const fromDevice = device?.deviceInfoCaps ?? null;
      const fromTrack = t?.capabilities ?? null;
      const differ =
        fromDevice === null ? ['InputDeviceInfo.getCapabilities() is not available'] : capabilityDifferences(fromDevice, fromTrack, kind);
      observe({ device: device?.label, fromDevice, fromTrack, summary: differ.length ? differ.join('; ') : 'identical' });
      expect(device, "the track's device is enumerated").toBeTruthy();
      expect(differ).toEqual([]);
    },
  );
}
