// For the exceptions checks: which legacy callback form of getUserMedia a page has, and an error's summary.
import type { OpenedPage } from '../harness/check';
import type { GumOptions, GumOutcome } from '../harness/probe-page';
import type { Unobservable } from '../harness/types';
import type { IndicatorReading } from './browser-ui';

export type LegacyVia = Exclude<GumOptions['via'], 'mediaDevices' | undefined>;

/**
 * The legacy callback form a page would pick, in the spec's order (`navigator.getUserMedia || webkitGetUserMedia ||
 * mozGetUserMedia`), or, for `prefixedOnly`, the seed polyfill's (`webkitGetUserMedia || mozGetUserMedia`).
 */
export async function legacyVia(page: OpenedPage, prefixedOnly = false): Promise<LegacyVia | Unobservable> {
  const env = await page.env();
  const order: LegacyVia[] = prefixedOnly
    ? ['webkitGetUserMedia', 'mozGetUserMedia']
    : ['getUserMedia', 'webkitGetUserMedia', 'mozGetUserMedia'];
  const found = order.find((v) => env.legacy[v] === 'function');
  if (found) return found;
  return {
    unobservable:
      `the engine exposes none of ${order.map((v) => `navigator.${v}`).join(', ')} ` +
      '(the spec makes the legacy callback form optional), so there is no legacy error callback to observe',
  };
}

/** "rejected NotFoundError; DOMException; indicator none/none". */
export function errorSummary(r: GumOutcome, ind?: IndicatorReading): string {
  const parts = [r.summary];
  if (r.error) parts.push(r.error.isDOMException ? 'a DOMException' : `not a DOMException (${r.error.className})`);
  if (ind) parts.push(ind.note);
  return parts.join('; ');
}
