// Matchers that let a check say what it requires in the words of its title. A failed matcher is an expect failure
// (`fail`), like any of Playwright's own.
import { expect as base } from '@playwright/test';

/** What a call did, as the probe describes it (a GumOutcome, or anything with its outcome and error). */
interface Settled {
  outcome?: string;
  summary?: string;
  error?: { name?: string } | null;
}

const described = (r: Settled | null | undefined): string => r?.summary ?? r?.outcome ?? String(r);

export const expect = base.extend({
  /** The call's promise was rejected with an error of this name: `expect(r).toRejectWith('NotFoundError')`. */
  toRejectWith(received: Settled | null | undefined, name: string) {
    const pass = received?.outcome === 'rejected' && received.error?.name === name;
    return {
      pass,
      name: 'toRejectWith',
      expected: `rejected ${name}`,
      actual: described(received),
      message: () => `expected the call ${pass ? 'not ' : ''}to reject with ${name}; got: ${described(received)}`,
    };
  },
});
