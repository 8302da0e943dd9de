// The machine's own cameras, as the engines' real capture backends find them (V4L2 devices).
import { readdirSync } from 'node:fs';

/** V4L2 capture devices of this machine, e.g. ['/dev/video0']; none on a headless server. */
export function machineCameras(): string[] {
  try {
    return readdirSync('/dev')
      .filter((n) => /^video\d+$/.test(n))
      .map((n) => `/dev/${n}`);
  } catch {
    return [];
  }
}
