// BCD-format compat data from the matrix: which evidence decides each browser-compat-data feature, and the files
// written from it (bcd.json, collector-results.json, bcd-diff.json).
//
// Reading the mapping: a bare check id decides both ways (pass = supported, fail = not supported), so it is used only
// where a failure means the feature is missing (a policy header ignored, an interface not what getUserMedia rejects
// with). passOnly(): a pass shows support, a failure decides nothing. member(): whether getSupportedConstraints()
// lists a constraint (absent = the engine does not support it, as the spec defines that dictionary). value(): one
// value a check observed. Every piece of a feature's evidence must say "supported" for the feature to be supported.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Matrix } from '../types';
import { toBcd, toCollectorResults } from './bcd';
import { bcdDiff, type BcdDiff } from './bcd-diff';
import { pinnedBcd } from './bcd-data';
import { evidenceCheck, type Evidence, type MemberRule, type PassOnlyRule, type ValueRule, type ValueTest } from './bcd-rules';

const passOnly = (check: string): PassOnlyRule => ({ rule: 'pass-only', check });
const value = (check: string, path: string[], supported: ValueTest, unsupported?: ValueTest, when?: ValueRule['when']): ValueRule => ({
  rule: 'value',
  check,
  path,
  supported,
  ...(unsupported ? { unsupported } : {}),
  ...(when ? { when } : {}),
});

/** The https page's environment: typeof navigator.mediaDevices, its getUserMedia, the legacy navigator.* forms. */
const HTTPS_ENV = 'secure-context/https/media-devices';
const SUPPORTED_DICTIONARY = 'constraints/shape/supported-constraints-dictionary';
/** Whether getSupportedConstraints() lists the constrainable property `name` (read from pass and fail cells). */
const member = (name: string): MemberRule => ({ rule: 'member', check: SUPPORTED_DICTIONARY, path: ['value'], member: name });
const FUNCTION: ValueTest = { oneOf: ['function'] };
const UNDEFINED: ValueTest = { oneOf: ['undefined'] };
const PERMISSION_STATE: ValueTest = { oneOf: ['granted', 'denied', 'prompt'] };
/** The first track of getUserMedia({video: true}): its getCapabilities() / getSettings() as the probe read them. */
const VIDEO_TRACK = 'success/video-only';
const IS_VIDEO_TRACK: ValueRule['when'] = { path: ['tracks', '0', 'kind'], test: { oneOf: ['video'] } };

/** The constraint names BCD has a getSupportedConstraints() return_object_property_* feature for (8.x). */
const BCD_SUPPORTED_CONSTRAINTS = [
  'aspectRatio',
  'autoGainControl',
  'channelCount',
  'deviceId',
  'echoCancellation',
  'facingMode',
  'frameRate',
  'groupId',
  'height',
  'latency',
  'noiseSuppression',
  'resizeMode',
  'sampleRate',
  'sampleSize',
  'width',
];

/**
 * Features mapped though BCD has no entry, with why: the diff reports them as "BCD has no entry" and proposes the
 * entry where the run shows support. Every other mapped path must exist in the pinned BCD (a unit test holds this).
 */
export const BCD_NO_ENTRY: Record<string, string> = {
  'api.MediaDevices.getSupportedConstraints.return_object_property_backgroundBlur':
    'BCD lists getSupportedConstraints() members of mediacapture-main only; backgroundBlur (mediacapture-extensions) is observed in the same dictionary',
  'api.MediaDevices.getSupportedConstraints.return_object_property_voiceIsolation':
    'BCD lists getSupportedConstraints() members of mediacapture-main only; voiceIsolation (mediacapture-extensions) is observed in the same dictionary',
};

/** BCD feature path → its evidence, every piece of which must say "supported" (see bcd-rules.ts). */
export const BCD_MAPPING: Record<string, Evidence[]> = {
  // getUserMedia exists on an https page, and the basic calls work (their failure alone does not make it missing).
  'api.MediaDevices.getUserMedia': [
    value(HTTPS_ENV, ['getUserMedia'], FUNCTION, UNDEFINED),
    passOnly('success/audio-and-video'),
    passOnly('success/video-only'),
    passOnly('type-error/empty-constraints'),
  ],
  // Callable on https, not on an insecure http page (there it throws: navigator.mediaDevices is undefined).
  'api.MediaDevices.getUserMedia.secure_context_required': [
    'secure-context/http-non-loopback/get-user-media',
    passOnly('secure-context/https/get-user-media'),
  ],
  'api.MediaDevices.getUserMedia.constraints_resizeMode_parameter': [member('resizeMode'), passOnly('constraints/resizeMode/exact')],
  'api.MediaDevices.enumerateDevices': [
    value(
      'device-exposure/before-capture/one-camera-and-one-microphone-listed',
      ['outcome'],
      { oneOf: ['resolved'] },
      { oneOf: ['no-api'] },
    ),
    passOnly('device-exposure/after-capture/captured-devices-listed'),
  ],
  'api.MediaDevices.getSupportedConstraints': [value(SUPPORTED_DICTIONARY, ['outcome'], { oneOf: ['resolved'] }, { oneOf: ['no-api'] })],
  ...Object.fromEntries(
    [...BCD_SUPPORTED_CONSTRAINTS, 'backgroundBlur', 'voiceIsolation'].map((name) => [
      `api.MediaDevices.getSupportedConstraints.return_object_property_${name}`,
      [member(name)],
    ]),
  ),
  'api.Navigator.mediaDevices': [value(HTTPS_ENV, ['mediaDevices'], { oneOf: ['object'] }, UNDEFINED)],
  'api.Navigator.mediaDevices.secure_context_required': [
    'secure-context/http-non-loopback/media-devices',
    value(HTTPS_ENV, ['mediaDevices'], { oneOf: ['object'] }, UNDEFINED),
  ],
  // The unprefixed legacy form only (BCD records webkit- and moz-prefixed forms as separate statements).
  'api.Navigator.getUserMedia': [value(HTTPS_ENV, ['legacy', 'getUserMedia'], FUNCTION, UNDEFINED)],
  // applyConstraints() settles (resolves or rejects); a synchronous throw is what a missing method does.
  'api.MediaStreamTrack.applyConstraints': [
    value('constraints/apply/change-size', ['engine', 'outcome'], { oneOf: ['resolved', 'rejected'] }, { oneOf: ['threw'] }),
  ],
  // A constraint applyConstraints() supports: the engine supports the property at all, and an apply check using it
  // passed (a failure there is a wrong result, not a missing constraint).
  'api.MediaStreamTrack.applyConstraints.width_constraint': [member('width'), passOnly('constraints/apply/change-size')],
  'api.MediaStreamTrack.applyConstraints.height_constraint': [member('height'), passOnly('constraints/apply/change-size')],
  'api.MediaStreamTrack.applyConstraints.frameRate_constraint': [member('frameRate'), passOnly('constraints/apply/frame-rate')],
  'api.MediaStreamTrack.applyConstraints.echoCancellation_constraint': [
    member('echoCancellation'),
    passOnly('constraints/apply/audio-processing-off'),
  ],
  'api.MediaStreamTrack.applyConstraints.autoGainControl_constraint': [
    member('autoGainControl'),
    passOnly('constraints/apply/audio-processing-off'),
  ],
  'api.MediaStreamTrack.applyConstraints.noiseSuppression_constraint': [
    member('noiseSuppression'),
    passOnly('constraints/apply/audio-processing-off'),
  ],
  'api.MediaStreamTrack.applyConstraints.deviceId_constraint': [member('deviceId'), passOnly('constraints/apply/switch-device-rejected')],
  'api.MediaStreamTrack.applyConstraints.groupId_constraint': [member('groupId'), passOnly('constraints/apply/switch-group-rejected')],
  // The probe records null when the track has no getCapabilities method.
  'api.MediaStreamTrack.getCapabilities': [
    value(VIDEO_TRACK, ['tracks', '0', 'capabilities'], { type: 'object' }, { type: 'null' }, IS_VIDEO_TRACK),
  ],
  'api.MediaStreamTrack.getSettings': [
    value(VIDEO_TRACK, ['tracks', '0', 'settings', 'deviceId'], { type: 'string' }, undefined, IS_VIDEO_TRACK),
  ],
  // getConstraints() after applyConstraints({width: 320, height: 240}) gives the width back.
  'api.MediaStreamTrack.getConstraints': [value('constraints/apply/change-size', ['constraintsAfter', 'width'], { oneOf: [320] })],
  'api.MediaStreamTrack.stop': [passOnly('success/stop-ends-tracks')],
  // The interface is what getUserMedia rejects an impossible constraint with; an engine rejecting with something that
  // is not an OverconstrainedError does not have it in the sense BCD records (and so not its constraint attribute).
  'api.OverconstrainedError': ['exceptions/overconstrained/is-overconstrained-error'],
  'api.OverconstrainedError.constraint': [
    'exceptions/overconstrained/is-overconstrained-error',
    'exceptions/overconstrained/constraint-names-width',
  ],
  // The probe records null when the enumerated device has no getCapabilities method.
  'api.InputDeviceInfo.getCapabilities': [
    value(
      'constraints/shape/device-capabilities-match-track-video',
      ['fromDevice'],
      { type: 'object' },
      { type: 'null' },
      {
        path: ['device'],
        test: { type: 'string' },
      },
    ),
  ],
  'api.MediaDeviceInfo': [passOnly('device-exposure/after-capture/captured-devices-listed')],
  'api.MediaDeviceInfo.deviceId': [passOnly('device-exposure/after-capture/device-ids-set')],
  'api.MediaDeviceInfo.groupId': [passOnly('device-exposure/after-capture/group-ids-set')],
  'api.MediaDeviceInfo.kind': [passOnly('device-exposure/before-capture/one-camera-and-one-microphone-listed')],
  'api.MediaDeviceInfo.label': [passOnly('device-exposure/after-capture/labels-set')],
  // A permission state read back is support, whichever state; the probe records why a query could not be made.
  'api.Permissions.query': [
    value('permission-matrix/query/camera-prompt-before-any-request', ['camera'], PERMISSION_STATE, {
      oneOf: ['no navigator.permissions'],
    }),
  ],
  'api.Permissions.permission_camera': [
    value('permission-matrix/query/camera-prompt-before-any-request', ['camera'], PERMISSION_STATE, { oneOf: ['query threw TypeError'] }),
  ],
  'api.Permissions.permission_microphone': [
    value('permission-matrix/query/microphone-prompt-before-any-request', ['microphone'], PERMISSION_STATE, {
      oneOf: ['query threw TypeError'],
    }),
  ],
  // A header counts as supported when it takes a kind away from the top-level document that sent it.
  'http.headers.Permissions-Policy': [
    'policy/permissions-policy/camera-none/top/video',
    'policy/permissions-policy/microphone-none/top/audio',
  ],
  'http.headers.Permissions-Policy.camera': ['policy/permissions-policy/camera-none/top/video'],
  'http.headers.Permissions-Policy.microphone': ['policy/permissions-policy/microphone-none/top/audio'],
  // Feature-Policy: an allowlist that leaves a frame's origin out withholds the kind even from an allow= frame.
  'http.headers.Feature-Policy': [
    'policy/feature-policy/camera-self/cross-origin-frame-allowed/video',
    'policy/feature-policy/microphone-self-and-b/c-frame-allowed/audio',
  ],
  'http.headers.Feature-Policy.camera': ['policy/feature-policy/camera-self/cross-origin-frame-allowed/video'],
  'http.headers.Feature-Policy.microphone': ['policy/feature-policy/microphone-self-and-b/c-frame-allowed/audio'],
  // The iframe attribute counts as supported when it both withholds (no allow) and grants (allow="camera").
  'html.elements.iframe.allow': ['frames/cross-origin/no-allow/video', 'frames/cross-origin/allow-camera/video'],
  'html.elements.iframe.allow.camera': ['frames/cross-origin/no-allow/video', 'frames/cross-origin/allow-camera/video'],
  'html.elements.iframe.allow.microphone': ['frames/cross-origin/no-allow/audio', 'frames/cross-origin/allow-microphone/audio'],
};

/** BCD feature path → the checks its evidence reads (what `npm run trace` verifies against the suite). */
export const BCD_FEATURES: Record<string, string[]> = Object.fromEntries(
  Object.entries(BCD_MAPPING).map(([path, evidence]) => [path, [...new Set(evidence.map(evidenceCheck))]]),
);

/** The features whose every check ran in `m`: a feature read from part of its evidence would claim too much. */
export function mappingFor(m: Matrix): Record<string, Evidence[]> {
  const ran = new Set(m.checks.map((c) => c.id));
  return Object.fromEntries(Object.entries(BCD_MAPPING).filter(([, evidence]) => evidence.every((ev) => ran.has(evidenceCheck(ev)))));
}

/** The run against the pinned BCD; undefined when no mapped feature ran, or (said on stderr) BCD cannot be read. */
export function compatDiff(m: Matrix): BcdDiff | undefined {
  const mapping = mappingFor(m);
  if (Object.keys(mapping).length === 0) return undefined;
  const bcd = pinnedBcd();
  return 'data' in bcd ? bcdDiff(m, mapping, bcd.data, BCD_NO_ENTRY) : undefined;
}

/** Writes bcd.json, collector-results.json and bcd-diff.json; returns the comparison for the HTML matrix to show. */
export function writeCompatData(m: Matrix, dir: string): BcdDiff | undefined {
  writeFileSync(join(dir, 'bcd.json'), JSON.stringify(toBcd(m, mappingFor(m)), null, 2));
  writeFileSync(join(dir, 'collector-results.json'), JSON.stringify(toCollectorResults(m), null, 2));
  const diff = compatDiff(m);
  if (diff) writeFileSync(join(dir, 'bcd-diff.json'), JSON.stringify(diff, null, 2));
  return diff;
}
