import { check, expect } from '../harness/check';
import { APPLICABLE_NAMES } from '../harness/oracle';
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
    // Ids are salted per origin and context: the summary, which expectations compare, says only how they relate.
    const text = ended
      .map((s, i) =>
        (['deviceId', 'groupId'] as const)
          .map((k) => `${k} ${s[k] === undefined ? 'absent' : s[k] === live[i]?.[k] ? 'kept' : 'changed'}`)
          .join(', '),
      )
      .join('; ');
    observe({ ...r, summary: `${r.summary}; after stop: ${text}` });
    expect(r.outcome).toBe('resolved');
    expect(live.every((s) => typeof s.deviceId === 'string' && s.deviceId !== '')).toBe(true);
    expect(ended).toEqual(live);
  },
);

check(
  {
    id: 'success/same-camera-twice-at-two-sizes',
    title: 'a camera opened at 640x480 and, while live, again at 320x240 gives two live tracks, each at its own size',
    seed: 'It returns a Promise that resolves to a MediaStream object.',
    spec: 'Each MediaStreamTrack has its own [[Settings]] (ConstrainablePattern), and "the User Agent MUST support downsampling to any value between the min width range value and the native resolution width" (WPT: getUserMedia-video-twice / MediaStreamTrack-getSettings "two tracks of one device at different resolutions").',
    expected: 'second track 320x240 and the first still 640x480, same deviceId, both live',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'));
    const probe = await page.gum({ video: true });
    const deviceId = probe.tracks?.[0]?.settings['deviceId'];
    const at = (width: number, height: number) => ({
      video: { deviceId: { exact: deviceId }, width: { exact: width }, height: { exact: height } },
    });
    const r = await page.gumTwice(at(640, 480), at(320, 240));
    const size = (t?: { settings: Record<string, unknown>; readyState: string }) =>
      t ? `${String(t.settings['width'])}x${String(t.settings['height'])} ${t.readyState}` : 'none';
    observe({
      ...r,
      summary: `first ${r.first.summary}, second ${r.second.summary}; then first ${size(r.firstNow[0])}, second ${size(r.second.tracks?.[0])}`,
    });
    expect(probe.outcome).toBe('resolved');
    expect([r.first.outcome, r.second.outcome]).toEqual(['resolved', 'resolved']);
    expect(size(r.firstNow[0])).toBe('640x480 live');
    expect(size(r.second.tracks?.[0])).toBe('320x240 live');
    expect(r.second.tracks?.[0]?.settings['deviceId']).toBe(deviceId);
  },
);

// Every constrainable property of a kind (the oracle's per-kind list). facingMode is left out: a camera that does not
// know which way it faces has no VideoFacingModeEnum value to report.
const MEMBERS: Record<'audio' | 'video', readonly string[]> = {
  video: APPLICABLE_NAMES.video.filter((n) => n !== 'facingMode'),
  audio: APPLICABLE_NAMES.audio,
};
for (const kind of ['audio', 'video'] as const) {
  for (const what of ['settings', 'capabilities'] as const) {
    check(
      {
        id: `success/${kind}-${what}-have-every-supported-member`,
        title: `an ${kind} track's ${what === 'settings' ? 'getSettings()' : 'getCapabilities()'} has a member for every ${kind} property getSupportedConstraints() says the engine supports`,
        seed: 'It returns a Promise that resolves to a MediaStream object.',
        spec:
          what === 'settings'
            ? 'ConstrainablePattern: "The getSettings() method returns the current settings of all the constrainable properties of the object" (WPT: MediaStreamTrack-getSettings.https.html).'
            : 'ConstrainablePattern: getCapabilities() returns "the dictionary of the names of the constrainable properties that the object supports" (WPT: MediaStreamTrack-getCapabilities.https.html).',
        expected: `every supported member of ${MEMBERS[kind].join(', ')} present`,
      },
      async ({ open, url, observe }) => {
        const page = await open(url('a'));
        const supported = await page.supportedConstraints();
        const r = await page.gum({ [kind]: true });
        const track = r.tracks?.find((t) => t.kind === kind);
        const dict = (what === 'settings' ? track?.settings : track?.capabilities) ?? {};
        const wanted = MEMBERS[kind].filter((m) => supported.value?.[m] === true);
        const missing = wanted.filter((m) => !(m in dict));
        observe({
          supported: supported.value,
          [what]: dict,
          summary: missing.length ? `missing: ${missing.join(', ')}` : `all ${wanted.length} supported members present`,
        });
        expect(r.outcome).toBe('resolved');
        expect(missing).toEqual([]);
      },
    );
  }
}
