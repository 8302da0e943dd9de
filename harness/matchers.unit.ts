// The check matchers: they pass on what they name and fail, as an expect failure (a `fail` cell), on anything else.
import { test } from '@playwright/test';
import { isExpectFailure } from './errors';
import { expect } from './matchers';

test('toRejectWith passes on a rejection with that name only', () => {
  expect({ outcome: 'rejected', summary: 'rejected NotFoundError', error: { name: 'NotFoundError' } }).toRejectWith('NotFoundError');
  for (const r of [
    { outcome: 'rejected', summary: 'rejected OverconstrainedError', error: { name: 'OverconstrainedError' } },
    { outcome: 'resolved', summary: 'resolved: 1 video track' },
    { outcome: 'pending', summary: 'pending after 3000 ms' },
    null,
  ]) {
    let thrown: unknown;
    try {
      expect(r).toRejectWith('NotFoundError');
    } catch (e) {
      thrown = e;
    }
    expect(isExpectFailure(thrown)).toBe(true);
    expect(String((thrown as Error).message)).toContain(r ? r.summary : 'null');
  }
});
