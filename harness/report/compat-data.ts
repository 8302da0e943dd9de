// BCD-format compat data from the matrix: which checks decide each browser-compat-data feature.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Matrix } from '../types';
import { toBcd, toCollectorResults } from './bcd';

/** BCD feature path -> the checks that must all pass for the feature to count as supported in a build. */
export const BCD_FEATURES: Record<string, string[]> = {
  'api.MediaDevices.getUserMedia': ['success/audio-and-video', 'success/video-only', 'type-error/empty-constraints'],
  'api.MediaDevices.getUserMedia.secure_context_required': [
    'secure-context/http-non-loopback/media-devices',
    'secure-context/https/media-devices',
  ],
  'api.MediaDevices.getSupportedConstraints': ['constraints/shape/supported-constraints-dictionary'],
  'api.MediaStreamTrack.getCapabilities': ['constraints/shape/capabilities-types-audio', 'constraints/shape/capabilities-types-video'],
  'api.MediaStreamTrack.getSettings': ['constraints/shape/settings-types-audio', 'constraints/shape/settings-types-video'],
  'api.OverconstrainedError': ['exceptions/overconstrained/is-overconstrained-error'],
  'api.OverconstrainedError.constraint': ['overconstrained/width-exact-impossible'],
  // The iframe attribute counts as supported when it both withholds (no allow) and grants (allow="camera").
  'html.elements.iframe.allow': ['frames/cross-origin/no-allow/video', 'frames/cross-origin/allow-camera/video'],
  // A header counts as supported when it takes a kind away from the top-level document that sent it.
  'http.headers.Permissions-Policy.camera': ['policy/permissions-policy/camera-none/top/video'],
  'http.headers.Permissions-Policy.microphone': ['policy/permissions-policy/microphone-none/top/audio'],
  'http.headers.Feature-Policy.camera': ['policy/feature-policy/camera-self/cross-origin-frame-allowed/video'],
  'http.headers.Feature-Policy.microphone': ['policy/feature-policy/microphone-self-and-b/c-frame-allowed/audio'],
};

export function writeCompatData(m: Matrix, dir: string): void {
  const mapping = Object.fromEntries(
    Object.entries(BCD_FEATURES)
      .map(([k, ids]) => [k, ids.filter((id) => m.checks.some((c) => c.id === id))])
      .filter(([, ids]) => ids.length),
  );
  writeFileSync(join(dir, 'bcd.json'), JSON.stringify(toBcd(m, mapping), null, 2));
  writeFileSync(join(dir, 'collector-results.json'), JSON.stringify(toCollectorResults(m), null, 2));
}
