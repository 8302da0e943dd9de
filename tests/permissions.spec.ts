import { check, expect, DENIED, PROMPT } from '../harness/check';
import { expectPromptShown, readPrompts } from './browser-ui';
import { SEED_DENIED, SEED_PENDING } from './seed-quotes';

check(
  {
    id: 'permissions/denied-gives-not-allowed',
    title: 'with camera and microphone denied, getUserMedia({audio:true, video:true}) rejects with NotAllowedError',
    seed: SEED_DENIED,
    expected: 'rejected NotAllowedError (a DOMException)',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'), DENIED);
    const r = await page.gum({ audio: true, video: true });
    observe(r);
    expect(r).toRejectWith('NotAllowedError');
    expect(r.error?.isDOMException).toBe(true);
  },
);

check(
  {
    id: 'permissions/camera-denied-microphone-granted-both-requested',
    title: 'with only the camera denied, requesting audio and video rejects with NotAllowedError',
    seed: SEED_DENIED,
    spec: 'If the user never responds or denies any requested kind, the whole request is rejected with NotAllowedError.',
    expected: 'rejected NotAllowedError',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'), { camera: 'denied', microphone: 'granted' });
    const r = await page.gum({ audio: true, video: true });
    observe(r);
    expect(r).toRejectWith('NotAllowedError');
  },
);

check(
  {
    id: 'permissions/camera-denied-microphone-granted-audio-only',
    title: 'with only the camera denied, requesting audio alone resolves with an audio track',
    seed: SEED_DENIED,
    expected: 'resolved: audio',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'), { camera: 'denied', microphone: 'granted' });
    const r = await page.gum({ audio: true });
    observe(r);
    expect(r.outcome).toBe('resolved');
    expect((r.tracks ?? []).map((t) => t.kind)).toEqual(['audio']);
  },
);

check(
  {
    id: 'permissions/unanswered-prompt-stays-pending',
    title: 'with the prompt left unanswered, getUserMedia neither resolves nor rejects (still pending after 3 s)',
    seed: SEED_PENDING,
    expected: 'pending after 3000 ms',
    waits: 'a request left pending for 3 s',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'), PROMPT);
    const r = await page.gum({ audio: true, video: true }, { waitMs: 3000 });
    const seen = readPrompts(page);
    observe({ ...r, prompts: seen.prompts });
    expect(r.outcome).toBe('pending');
    expectPromptShown(seen);
  },
);
