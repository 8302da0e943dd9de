// What captured-content and real-devices checks share: the thresholds that tell sound from silence and a picture from
// black, the summaries of what a track carried, and reading it.
import type { CaptureContentOptions, CaptureContentOutcome, ProbePage, VideoContent } from '../harness/probe-page';
import type { PermissionProfile, SessionEnvironment } from '../harness/types';

/** A window louder than -60 dBFS is sound; a sample no larger than -80 dBFS is silence (dither, rounding). */
export const SOUND_RMS = 0.001;
export const SILENT_PEAK = 0.0001;
/** Luma 0-255: a frame with any pixel above 64 is not black; one with none above 24 is (limited-range and scaling error). */
export const NOT_BLACK_LUMA = 64;
export const BLACK_LUMA = 24;
/** Mean absolute luma difference between two draws: above 0.5 the picture changed, at most 0.5 it did not. */
export const CHANGED = 0.5;
/** Frames per second against the setting: timing jitter of a one-second count allows 25 % above. */
export const FPS_OVER = 1.25;
export const FPS_NEAR = 0.4;

/** Below -120 dBFS is reported as such: codec and denormal residue, far under any threshold here. */
export const dbfs = (x: number | undefined): string =>
  !x || x <= 0 ? 'digital silence' : x < 1e-6 ? 'below -120 dBFS' : `${(20 * Math.log10(x)).toFixed(0)} dBFS`;

export function audioSummary(r: CaptureContentOutcome): string {
  const a = r.audio;
  if (!a) return r.summary;
  // The frequency first: the matrix cell shows the summary's first line or two.
  const tone = a.dominantHz && a.maxRms > SILENT_PEAK ? `${a.dominantHz} Hz dominant over ${a.windows} windows; ` : '';
  const heard = `${tone}loudest window ${dbfs(a.maxRms)}, peak ${dbfs(a.peak)}`;
  const stop = a.peakAfterStop !== undefined ? `; after stop() peak ${dbfs(a.peakAfterStop)}` : '';
  const via =
    a.via === 'MediaRecorder' ? `read from a MediaRecorder recording (AudioContext ${a.contextState})` : `AudioContext ${a.contextState}`;
  return `${heard}${stop}${r.track?.enabled === false ? ' (track disabled)' : ''}; ${via}${a.error ? `; ${a.error}` : ''}`;
}

const AFTER_STOP_BY: Record<NonNullable<VideoContent['afterStopBy']> | 'none', string> = {
  captureTime: 'captured after it',
  presentationTime: 'presented from 300 ms on',
  both: 'captured after it or (without captureTime) presented from 300 ms on',
  none: 'delivered',
};

export function videoSummary(r: CaptureContentOutcome): string {
  const v = r.video;
  if (!v) return r.summary;
  if (v.error) return v.error;
  const s = r.track?.settings ?? {};
  const maxLuma = Math.max(...v.samples.map((x) => x.maxLuma));
  const change = Math.max(...v.changes);
  const parts = [
    `${v.videoWidth}x${v.videoHeight} frames (settings ${String(s['width'])}x${String(s['height'])} at ${String(s['frameRate'])} fps)`,
    `brightest pixel luma ${maxLuma}`,
    `largest change between draws ${change}`,
    v.fps === null
      ? 'no frame callback'
      : v.fpsFrom === 'presentedFrames'
        ? `${v.fps} frames/s presented (${v.callbacksPerSecond} frame callbacks/s)`
        : `${v.fps} frame callbacks/s`,
  ];
  if (v.changeAfterStop !== undefined)
    parts.push(
      `after stop(): ${v.framesAfterStop ?? 'n/a'} frames ${AFTER_STOP_BY[v.afterStopBy ?? 'none']} (${v.callbacksAfterStop ?? 'n/a'} frame callbacks), ` +
        `change between draws ${v.changeAfterStop}`,
    );
  return parts.join('; ') + (r.track?.enabled === false ? ' (track disabled)' : '');
}

/**
 * Opens the fixture page and reads what a track carries. The read must have happened: a getUserMedia that does not
 * resolve is a failure here, except that a machine's real devices may lack a camera (then there is nothing to read).
 */
export async function capture(
  fx: {
    open: (url: string, permissions?: PermissionProfile, env?: SessionEnvironment) => Promise<ProbePage>;
    url: (h: 'a') => string;
    unsupported: (why: string) => never;
    /** The run's device mode (GUM_DEVICES). */
    devices: string;
    /** The session's environment: { devices: 'real' } asks for the machine's devices in a fake run. */
    env?: SessionEnvironment;
  },
  opts: CaptureContentOptions,
): Promise<CaptureContentOutcome> {
  const page = await fx.open(fx.url('a'), undefined, fx.env);
  const r = await page.captureContent(opts);
  const real = fx.devices === 'real' || fx.env?.devices === 'real';
  if (real && r.outcome === 'rejected' && r.error?.name === 'NotFoundError')
    fx.unsupported(`this machine has no real ${opts.kind === 'audio' ? 'microphone' : 'camera'} (getUserMedia: NotFoundError)`);
  return r;
}

/**
 * Samples are read live through an AudioContext, or, where none will run (Firefox ESR headless here), recorded with
 * MediaRecorder and decoded offline. A recording ends with its track, so what follows stop() is then unread: such a
 * cell is unsupported rather than read as silence it never heard.
 */
export function readable(r: CaptureContentOutcome, opts: CaptureContentOptions, unsupported: (why: string) => never): void {
  if (r.audio?.via === 'MediaRecorder' && opts.stop)
    unsupported(
      `the AudioContext stayed "${r.audio.contextState}" after resume(), so samples were read from a MediaRecorder recording, which ends when the track is stopped: what follows stop() cannot be read this way`,
    );
  if (r.audio?.via === 'AnalyserNode' && r.audio.contextState !== 'running')
    unsupported(
      `the AudioContext stayed "${r.audio.contextState}" after resume() and this engine has no MediaRecorder: no sample could be read`,
    );
}
