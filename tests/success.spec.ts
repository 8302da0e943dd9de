import { check, expect } from '../harness/check';
import type { GumOutcome } from '../harness/probe-page';

const SEED_TRUE = 'If true is specified for a media type, the resulting stream is required to have that type of track in it.';

function kinds(r: GumOutcome): string[] {
  return (r.tracks ?? []).map((t) => t.kind).sort();
}

const CASES = [
  { key: 'audio-and-video', constraints: { audio: true, video: true }, kinds: ['audio', 'video'] },
  { key: 'video-only', constraints: { video: true }, kinds: ['video'] },
  { key: 'audio-only', constraints: { audio: true }, kinds: ['audio'] },
];

for (const c of CASES) {
  check(
    {
      id: `success/${c.key}`,
      title: `getUserMedia(${JSON.stringify(c.constraints)}) gives exactly one live ${c.kinds.join(' and one live ')} track`,
      seed: SEED_TRUE,
      expected: `resolved: ${c.kinds.join('+')}, live`,
    },
    async ({ open, url, observe }) => {
      const page = await open(url('a'));
      const r = await page.gum(c.constraints);
      observe(r);
      expect(r.outcome).toBe('resolved');
      expect(r.isMediaStream).toBe(true);
      expect(kinds(r)).toEqual(c.kinds);
      for (const t of r.tracks ?? []) expect(t.readyState).toBe('live');
    },
  );
}

check(
  {
    id: 'success/tracks-have-labels',
    title: 'after a granted getUserMedia({audio:true, video:true}) every track has a non-empty label',
    seed: 'It returns a Promise that resolves to a MediaStream object.',
    spec: "A track's label is the device's label once permission is granted.",
    expected: 'every track label non-empty',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'));
    const r = await page.gum({ audio: true, video: true });
    observe({ ...r, summary: `${r.summary}; labels: ${(r.tracks ?? []).map((t) => JSON.stringify(t.label)).join(', ')}` });
    expect(r.outcome).toBe('resolved');
    expect(r.tracks?.length).toBe(2);
    for (const t of r.tracks ?? []) expect(t.label).not.toBe('');
  },
);

check(
  {
    id: 'success/stop-ends-tracks',
    title: 'stopping the tracks of a granted stream ends them',
    seed: 'It returns a Promise that resolves to a MediaStream object.',
    expected: 'readyState ended after stop()',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'));
    const r = await page.gum({ audio: true, video: true });
    observe({ ...r, summary: `${r.summary}; after stop: ${(r.afterStop ?? []).join(',')}` });
    expect(r.outcome).toBe('resolved');
    expect(r.afterStop).toEqual(['ended', 'ended']);
  },
);

check(
  {
    id: 'success/stopped-track-keeps-device-ids',
    title: "after stop(), each track's getSettings() still reports the deviceId and groupId it had while live",
    seed: 'It returns a Promise that resolves to a MediaStream object.',
    spec: 'mediacapture-main, getSettings(): for an ended track, "for each property of the list of inherent constrainable track properties (deviceId, facingMode, groupId), add a corresponding property to settings if track had such property at the time it was ended, with the value at the time track was ended" (WPT: MediaStreamTrack-getSettings.https.html).',
    expected: 'deviceId and groupId after stop() equal to those before it',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'));
    const r = await page.gum({ audio: true, video: true });
    const live = (r.tracks ?? []).map((t) => ({ deviceId: t.settings['deviceId'], groupId: t.settings['groupId'] }));
    const ended = (r.afterStopSettings ?? []).map((s) => ({ deviceId: s['deviceId'], groupId: s['groupId'] }));
    const text = (xs: { deviceId: unknown }[]) =>
      xs.map((x) => (x.deviceId ? `deviceId ${String(x.deviceId).slice(0, 8)}…` : 'no deviceId')).join(', ');
    observe({ ...r, summary: `${r.summary}; while live: ${text(live)}; after stop: ${text(ended)}` });
    expect(r.outcome).toBe('resolved');
    expect(live.every((s) => typeof s.deviceId === 'string' && s.deviceId !== '')).toBe(true);
    expect(ended).toEqual(live);
  },
);
