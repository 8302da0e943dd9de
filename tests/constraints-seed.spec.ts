// Every constraint example of the seed page, verbatim, judged by the spec oracle on this engine's devices.
import { SEED_IDEAL, gumCheck, lastDevice, vanishedId } from './constraints-helpers';
import { SEED_MIN_NO_PROMPT } from './seed-quotes';

const SEED_1280 = 'The following expresses a preference for 1280x720 camera resolution:';
const SEED_HONOUR =
  'The browser will try to honour this, but may return other resolutions if an exact match is not available, or the user overrides it.';
const SEED_FULL =
  "The reason for the difference in behavior is that the keywords min, max, and exact are inherently mandatory. Whereas plain values and a keyword called ideal are not. Here's a full example:";
const SEED_FRONT =
  'Not all constraints are numbers. For example, on mobile devices, the following will prefer the front camera (if one is available) over the rear one:';
const SEED_REAR = 'To require the rear camera, use:';
const SEED_FLIP = 'var constraints = { video: { facingMode: (front? "user" : "environment") } };';
const SEED_DEVICE =
  'The above will return the camera you requested, or a different camera if that specific camera is no longer available. Again, to require the specific camera, you would use:';
const SEED_FPS = 'Lower frame-rates may be desirable in some cases, like WebRTC transmissions with bandwidth restrictions.';

gumCheck({
  id: 'seed/1280x720-preference',
  title:
    "the seed's {audio: true, video: {width: 1280, height: 720}} gets the camera setting nearest to 1280x720, also on the <video> element",
  constraints: { audio: true, video: { width: 1280, height: 720 } },
  seed: `${SEED_1280} ${SEED_HONOUR}`,
});
gumCheck({
  id: 'seed/1280x720-ideal',
  title: "the seed's {audio: true, video: {width: {ideal: 1280}, height: {ideal: 720}}} behaves exactly like the bare 1280x720 preference",
  constraints: { audio: true, video: { width: { ideal: 1280 }, height: { ideal: 720 } } },
  seed: SEED_IDEAL,
});
gumCheck({
  id: 'seed/min-1280x720',
  title:
    "the seed's {audio: true, video: {width: {min: 1280}, height: {min: 720}}} gets at least 1280x720, or OverconstrainedError when no camera has it",
  constraints: { audio: true, video: { width: { min: 1280 }, height: { min: 720 } } },
  seed: SEED_MIN_NO_PROMPT,
});
gumCheck({
  id: 'seed/range-with-ideals',
  title:
    "the seed's full example (width 1024..1920 ideal 1280, height 576..1080 ideal 720) stays in range at the smallest distance from 1280x720",
  constraints: { audio: true, video: { width: { min: 1024, ideal: 1280, max: 1920 }, height: { min: 576, ideal: 720, max: 1080 } } },
  seed: SEED_FULL,
});
gumCheck({
  id: 'seed/frame-rate-ideal-10-max-15',
  title: "the seed's {video: {frameRate: {ideal: 10, max: 15}}} gets a frame rate of at most 15, as close to 10 as the camera allows",
  constraints: { video: { frameRate: { ideal: 10, max: 15 } } },
  seed: SEED_FPS,
});
gumCheck({
  id: 'seed/facing-user',
  title: 'the seed\'s {audio: true, video: {facingMode: "user"}} prefers a front camera and never fails over it',
  constraints: { audio: true, video: { facingMode: 'user' } },
  seed: SEED_FRONT,
});
gumCheck({
  id: 'seed/facing-environment-exact',
  title:
    'the seed\'s {audio: true, video: {facingMode: {exact: "environment"}}} opens a rear camera, or OverconstrainedError("facingMode") when there is none',
  constraints: { audio: true, video: { facingMode: { exact: 'environment' } } },
  seed: SEED_REAR,
});
gumCheck({
  id: 'seed/facing-environment',
  title: 'the seed\'s flip-button {video: {facingMode: "environment"}} prefers a rear camera and never fails over it',
  constraints: { video: { facingMode: 'environment' } },
  seed: SEED_FLIP,
});
gumCheck({
  id: 'seed/device-preferred',
  title: "the seed's {video: {deviceId: myPreferredCameraDeviceId}} with an enumerated camera's id returns that camera",
  constraints: (m) => ({ video: { deviceId: lastDevice(m, 'videoinput').deviceId } }),
  seed: 'If you have a deviceId from mediaDevices.enumerateDevices(), you can use it to request a specific device:',
});
gumCheck({
  id: 'seed/device-preferred-gone',
  title: "the seed's {video: {deviceId: myPreferredCameraDeviceId}} with a camera that no longer exists returns a different camera",
  constraints: (m) => ({ video: { deviceId: vanishedId(m) } }),
  seed: SEED_DEVICE,
});
gumCheck({
  id: 'seed/device-exact',
  title: "the seed's {video: {deviceId: {exact: myExactCameraOrBustDeviceId}}} with an enumerated camera's id returns exactly that camera",
  constraints: (m) => ({ video: { deviceId: { exact: lastDevice(m, 'videoinput').deviceId } } }),
  seed: SEED_DEVICE,
});
gumCheck({
  id: 'seed/device-exact-gone',
  title:
    'the seed\'s {video: {deviceId: {exact: myExactCameraOrBustDeviceId}}} with a camera that no longer exists rejects with OverconstrainedError("deviceId")',
  constraints: (m) => ({ video: { deviceId: { exact: vanishedId(m) } } }),
  seed: SEED_DEVICE,
});
