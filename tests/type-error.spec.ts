import { check, expect } from '../harness/check';
import { SPEC_NO_KIND } from './seed-quotes';

// Step 1 of the spec's getUserMedia: no requested kind -> a promise rejected with TypeError, before any prompt.
const SEED = 'TypeError: Thrown if the list of constraints specified is empty, or has all constraints set to false.';

const CASES: { key: string; title: string; constraints: unknown }[] = [
  { key: 'empty-constraints', title: 'getUserMedia({}) rejects with TypeError', constraints: {} },
  {
    key: 'all-false',
    title: 'getUserMedia({audio:false, video:false}) rejects with TypeError',
    constraints: { audio: false, video: false },
  },
  {
    key: 'unknown-keys-only',
    title: 'getUserMedia({foo:true, screen:true}) (no known kind) rejects with TypeError',
    constraints: { foo: true, screen: true },
  },
  { key: 'no-argument', title: 'getUserMedia() with no argument rejects with TypeError', constraints: undefined },
];

for (const c of CASES) {
  check(
    { id: `type-error/${c.key}`, title: c.title, seed: SEED, spec: SPEC_NO_KIND, expected: 'rejected TypeError' },
    async ({ open, url, observe }) => {
      const page = await open(url('a'));
      const r = await page.gum(c.constraints);
      observe(r);
      expect(r).toRejectWith('TypeError');
      expect(r.error?.isTypeError).toBe(true);
    },
  );
}

check(
  {
    id: 'type-error/is-rejected-promise-not-throw',
    title: 'getUserMedia({}) returns a promise that rejects, it does not throw synchronously',
    seed: SEED,
    spec: 'getUserMedia is a promise-returning method: argument errors become rejections.',
    expected: 'returned a Promise, then rejected',
  },
  async ({ open, url, observe }) => {
    const page = await open(url('a'));
    const r = await page.gum({});
    observe({ ...r, summary: `${r.returnedPromise ? 'promise' : 'no promise'}, ${r.summary}` });
    expect(r.outcome).not.toBe('threw');
    expect(r.returnedPromise).toBe(true);
    expect(r.outcome).toBe('rejected');
  },
);
