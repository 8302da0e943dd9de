// BCD-format compat data from the matrix: which checks decide each browser-compat-data feature.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Matrix } from '../types';
import { toBcd, toCollectorResults } from './bcd';

/** BCD feature path -> the checks that must all pass for the feature to count as supported in a build. */
export const BCD_FEATURES: Record<string, string[]> = {
  'api.MediaDevices.getUserMedia': [
    'success/audio-and-video',
    'success/video-only',
    'type-error/empty-constraints',
  ],
  'api.MediaDevices.getUserMedia.secure_context_required': [
    'secure-context/http-non-loopback',
    'secure-context/https',
  ],
};

export function writeCompatData(m: Matrix, dir: string): void {
  const mapping = Object.fromEntries(Object.entries(BCD_FEATURES)
    .map(([k, ids]) => [k, ids.filter((id) => m.checks.some((c) => c.id === id))])
    .filter(([, ids]) => ids.length));
  writeFileSync(join(dir, 'bcd.json'), JSON.stringify(toBcd(m, mapping), null, 2));
  writeFileSync(join(dir, 'collector-results.json'), JSON.stringify(toCollectorResults(m), null, 2));
}
