// Which frames a check inherits, takes over, and has removed.
import { expect, test } from '@playwright/test';
import { DocumentFrames, frameKey, type KeptFrame } from './document-frames';

const frame = (parent: string[], id: string): KeptFrame => ({ parent, id, load: { id } });

test('a frame is taken over once, by the same spec in the same document', () => {
  const outer = frameKey([], { src: 'https://b.test/frame.html', allow: 'camera' });
  const frames = new DocumentFrames(new Map([[outer, frame([], 'f1')]]));
  expect(frames.takeOver(frameKey([], { src: 'https://b.test/frame.html', allow: 'microphone' }))).toBeUndefined();
  expect(frames.takeOver(frameKey(['f9'], { src: 'https://b.test/frame.html', allow: 'camera' }))).toBeUndefined();
  expect(frames.takeOver(outer)?.id).toBe('f1');
  expect(frames.takeOver(outer)).toBeUndefined();
  expect(frames.hasLeftovers).toBe(false);
  expect([...frames.kept.values()].map((f) => f.id)).toEqual(['f1']);
});

test('leftovers are removed outermost first, and a frame inside one that goes is not removed on its own', () => {
  const frames = new DocumentFrames(
    new Map([
      ['inner', frame(['f1'], 'f2')],
      ['outer', frame([], 'f1')],
      ['other', frame([], 'f3')],
      ['in-kept', frame(['f4'], 'f5')],
      ['kept', frame([], 'f4')],
    ]),
  );
  frames.takeOver('kept');
  expect(frames.takeLeftovers().map((f) => f.id)).toEqual(['f1', 'f3', 'f5']);
  expect(frames.hasLeftovers).toBe(false);
  frames.add('new', frame([], 'f6'));
  expect([...frames.kept.keys()]).toEqual(['kept', 'new']);
});
