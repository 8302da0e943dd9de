// What a BCD support statement says about one released version of a browser. BCD gives a browser either one
// statement or an array of them (current first, then older or alternative forms), each a range of versions.
//
// Only statements about the feature's standard name in a default build can be compared with a run, which calls the
// standard name with default preferences:
// - `prefix` / `alternative_name` statements are about another name (navigator.mozGetUserMedia): skipped, and when
//   nothing else applies BCD is read as "the standard name is not supported";
// - `flags` statements need a preference or switch a default build does not have: skipped the same way;
// - `partial_implementation` statements count as supported, marked partial (the comparison says what that means).
// A ranged version ("≤12.1") says supported by then, nothing about earlier versions; "preview" is no release.

import type { SimpleSupportStatement, SupportStatement } from '@mdn/browser-compat-data';

export type BcdReading =
  | { state: 'supported'; partial: boolean; statement: SimpleSupportStatement; text: string }
  | { state: 'unsupported'; text: string }
  | { state: 'unknown'; text: string };

interface Version {
  parts: number[];
  /** "≤x": supported by x at the latest. */
  ranged: boolean;
}

/** "53" / "11.1" / "≤12.1"; undefined for "preview" or anything that is no release number. */
export function parseVersion(v: string): Version | undefined {
  const m = /^(≤?)(\d+(?:\.\d+)*)$/.exec(v.trim());
  return m ? { parts: (m[2] ?? '').split('.').map(Number), ranged: m[1] === '≤' } : undefined;
}

/** Numeric comparison of dotted versions, missing parts as 0: negative when a < b. */
export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

type Fit = 'covers' | 'outside' | 'unknown' | 'skipped';

/** Whether one statement covers version `at`, and in words why (or why not). */
function fit(s: SimpleSupportStatement, at: number[], atText: string): { fit: Fit; text: string } {
  const added = s.version_added as string | false | null;
  if (s.prefix !== undefined) return { fit: 'skipped', text: `only with the prefix ${s.prefix}` };
  if (s.alternative_name !== undefined) return { fit: 'skipped', text: `only as ${s.alternative_name}` };
  if (s.flags?.length) return { fit: 'skipped', text: `only behind ${s.flags.map((f) => `${f.type} ${f.name}`).join(', ')}` };
  if (added === false) return { fit: 'outside', text: 'version_added false' };
  if (added === null) return { fit: 'unknown', text: 'version_added null (unknown)' };
  if (added === 'preview') return { fit: 'outside', text: 'only in a preview, no release' };
  const a = parseVersion(added);
  if (!a) return { fit: 'unknown', text: `version_added "${added}" is no version` };
  const since = `version_added "${added}"`;
  if (compareVersions(at, a.parts) < 0)
    return a.ranged
      ? { fit: 'unknown', text: `${since} says nothing about ${atText}` }
      : { fit: 'outside', text: `${since}, after ${atText}` };
  if (s.version_removed !== undefined) {
    const r = parseVersion(s.version_removed);
    if (!r) return { fit: 'unknown', text: `${since}, version_removed "${s.version_removed}" is no version` };
    const removed = `${since}, version_removed "${s.version_removed}"`;
    if (compareVersions(at, r.parts) >= 0) return { fit: 'outside', text: `${removed}: removed by ${atText}` };
    if (r.ranged) return { fit: 'unknown', text: `${removed}: may be removed by ${atText}` };
    return { fit: 'covers', text: removed };
  }
  return { fit: 'covers', text: since };
}

/** BCD's answer for version `version` (e.g. "150") of a browser, or undefined when there is no statement. */
export function bcdAt(support: SupportStatement | undefined, version: string): BcdReading | undefined {
  if (support === undefined) return undefined;
  const at = parseVersion(version);
  const statements: SimpleSupportStatement[] = Array.isArray(support) ? support : [support];
  if (!at || at.ranged) return { state: 'unknown', text: `tested version "${version}" is no release number` };
  const fits = statements.map((s) => ({ s, ...fit(s, at.parts, version) }));
  const covering = fits.find((f) => f.fit === 'covers');
  if (covering) {
    const partial = covering.s.partial_implementation === true;
    return { state: 'supported', partial, statement: covering.s, text: `${covering.text}${partial ? ' (partial_implementation)' : ''}` };
  }
  const unknown = fits.filter((f) => f.fit === 'unknown');
  if (unknown.length) return { state: 'unknown', text: unknown.map((f) => f.text).join('; ') };
  return { state: 'unsupported', text: fits.map((f) => f.text).join('; ') };
}
