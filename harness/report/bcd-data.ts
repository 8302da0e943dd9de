// The pinned @mdn/browser-compat-data release (package.json pins the exact version): read once, on first use, since
// it is a 20 MB JSON file and most report renders (tests, runs with no mapped check) never need it.
import { readFileSync } from 'node:fs';
import type { BcdData } from './bcd-diff';

let cached: { data: BcdData } | { error: string } | undefined;

/** The pinned BCD data, or why it could not be read (e.g. the dev dependency is not installed: said once on stderr). */
export function pinnedBcd(): { data: BcdData } | { error: string } {
  if (!cached) {
    try {
      const file = require.resolve('@mdn/browser-compat-data');
      cached = { data: JSON.parse(readFileSync(file, 'utf8')) as BcdData };
    } catch (e) {
      cached = { error: `@mdn/browser-compat-data could not be read: ${(e as Error).message.split('\n')[0] ?? ''}` };
      process.stderr.write(`bcd-diff: ${cached.error}\n`);
    }
  }
  return cached;
}
