// The machine's own capture devices, in every run: the run's PulseAudio sine source is the microphone (started and
// stopped by the harness, seen only by these sessions), and the machine's cameras, which on a machine without any make
// a video request meet no device. Fake devices are the engines' test doubles; these rows show the same behaviours on
// the capture path a user has (PulseAudio through each engine's audio backend).
import { check, expect, type OpenedPage } from '../harness/check';
import { machineCameras } from '../harness/machine-cameras';
import type { GumOutcome } from '../harness/probe-page';
import type { SessionEnvironment } from '../harness/types';
import { audioSummary, capture, readable, SILENT_PEAK, SOUND_RMS, dbfs } from './content-support';

const AREA = 'real-devices';
const REAL: SessionEnvironment = { devices: 'real' };
const SEED_STREAM =
  'The MediaDevices.getUserMedia() method prompts the user for permission to use a media input which produces a MediaStream with tracks containing the requested types of media.';
const SEED_NOT_FOUND = 'Thrown if no media tracks of the type specified were found that satisfy the given constraints.';

/** These rows need a machine without a camera: where one exists, no request here can meet none. */
function withoutCamera(unsupported: (why: string) => never): void {
  const cameras = machineCameras();
  if (cameras.length) unsupported(`this machine has cameras (${cameras.join(', ')}): no request here can meet none`);
}

const trackSummary = (r: GumOutcome): string =>
  `${r.summary}; ${(r.tracks ?? []).map((t) => `${t.kind} "${t.label}" ${t.readyState}`).join(', ')}`;

check(
  {
    id: `${AREA}/microphone/audio-only`,
    title: "getUserMedia({audio:true}) on the machine's microphone gives one live audio track labelled with the device",
    seed: SEED_STREAM,
    spec: "A granted request resolves with a MediaStream holding one track per requested kind, from a device of that kind; its label is the device's once permission is granted.",
    expected: 'resolved: one live audio track with a non-empty label',
  },
  async ({ open, url, observe }) => {
    const page: OpenedPage = await open(url('a'), undefined, REAL);
    const r = await page.gum({ audio: true });
    observe({ ...r, summary: trackSummary(r) });
    expect(r.outcome).toBe('resolved');
    expect((r.tracks ?? []).map((t) => t.kind)).toEqual(['audio']);
    expect(r.tracks?.[0]?.readyState).toBe('live');
    expect(r.tracks?.[0]?.label).not.toBe('');
  },
);

check(
  {
    id: `${AREA}/microphone/listed-after-capture`,
    title:
      "after a capture, enumerateDevices() lists the machine's microphone with its label, and the capturing track's deviceId among them",
    seed: 'The MediaDevices.enumerateDevices() method requests a list of currently available media input and output devices.',
    spec: 'mediacapture-main, enumerateDevices: once a microphone was captured in this context, every audioinput device is exposed with its label and deviceId.',
    expected: "an audioinput with a label; the track's settings.deviceId among the audioinput deviceIds",
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'), undefined, REAL);
    const g = await page.gum({ audio: true, keep: true });
    const e = await page.enumerate();
    await page.stopKept();
    const inputs = (e.devices ?? []).filter((d) => d.kind === 'audioinput');
    const id = g.tracks?.[0]?.settings?.['deviceId'];
    observe({
      gum: g,
      enumerate: e,
      summary: `${g.summary}; audioinput: ${inputs.map((d) => JSON.stringify(d.label)).join(', ') || 'none'}`,
    });
    expect(g.outcome).toBe('resolved');
    expect(inputs.some((d) => d.label !== '')).toBe(true);
    expect(inputs.map((d) => d.deviceId)).toContain(id);
  },
);

const CONTENT = [
  {
    key: 'microphone/carries-sound',
    title: "the machine's microphone track carries sound: its loudest window is above -60 dBFS",
    expected: `loudest 2048-sample window above ${dbfs(SOUND_RMS)}`,
    opts: { kind: 'audio' as const },
    judge: (r: Awaited<ReturnType<typeof capture>>) => expect(r.audio?.maxRms ?? 0).toBeGreaterThan(SOUND_RMS),
  },
  {
    key: 'microphone/disabled-is-silent',
    title: "the machine's microphone track with enabled = false carries silence",
    expected: `no sample above ${dbfs(SILENT_PEAK)}`,
    opts: { kind: 'audio' as const, disable: true },
    judge: (r: Awaited<ReturnType<typeof capture>>) => expect(r.audio?.peak ?? 1).toBeLessThanOrEqual(SILENT_PEAK),
  },
];

for (const c of CONTENT) {
  check(
    {
      id: `${AREA}/${c.key}`,
      title: c.title,
      seed: SEED_STREAM,
      spec: 'mediacapture-main, MediaStreamTrack, "Life-cycle and media flow": media flows from a live, enabled, unmuted track; a disabled one gives zero-information-content (silence).',
      expected: c.expected,
    },
    async ({ open, url, observe, unsupported, engine }) => {
      const r = await capture({ open, url, unsupported, devices: engine.info.devices, env: REAL }, c.opts);
      observe({ ...r, summary: r.outcome === 'resolved' ? audioSummary(r) : r.summary });
      expect(r.outcome).toBe('resolved');
      expect(r.audio?.error).toBeUndefined();
      readable(r, c.opts, unsupported);
      c.judge(r);
    },
  );
}

check(
  {
    id: `${AREA}/no-camera/video-not-found`,
    title: 'on a machine without a camera, getUserMedia({video:true}) rejects with a NotFoundError DOMException',
    seed: SEED_NOT_FOUND,
    spec: 'getUserMedia step "If the user agent cannot find any device of a requested kind": reject with NotFoundError (before any permission request).',
    expected: 'rejected NotFoundError (a DOMException)',
  },
  async ({ open, url, observe, unsupported }) => {
    withoutCamera(unsupported);
    const page = await open(url('a'), undefined, REAL);
    const r = await page.gum({ video: true });
    observe(r);
    expect(r).toRejectWith('NotFoundError');
    expect(r.error?.isDOMException).toBe(true);
  },
);

check(
  {
    id: `${AREA}/no-camera/audio-and-video-not-found`,
    title:
      'on a machine without a camera, getUserMedia({audio:true, video:true}) rejects with NotFoundError although the microphone exists',
    seed: 'If true is specified for a media type, the resulting stream is required to have that type of track in it. If one cannot be included for any reason, the request will result in an error.',
    spec: 'Every requested kind needs a device: one kind without any device rejects the whole request with NotFoundError.',
    expected: 'rejected NotFoundError, no audio track handed out',
  },
  async ({ open, url, observe, unsupported }) => {
    withoutCamera(unsupported);
    const page = await open(url('a'), undefined, REAL);
    const r = await page.gum({ audio: true, video: true });
    observe(r);
    expect(r).toRejectWith('NotFoundError');
  },
);
