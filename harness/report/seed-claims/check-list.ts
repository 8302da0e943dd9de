// The suite's checks as `playwright test --list` prints them, and the seed sentences their metadata cites.

import { cleanText } from '../observed-text';
import { matchesPattern, type SeedClaim, type UnmappedChecks } from './claims-file';
import { isProvisional } from './judge';
import { normText } from './seed-text';

export interface ListedCheck {
  id: string;
  title?: string;
  seed?: string;
  spec?: string;
}

interface JsonSuite {
  specs?: { title: string; tests?: { annotations?: { type: string; description?: string }[] }[] }[];
  suites?: JsonSuite[];
}

/**
 * The checks named by `playwright test --list --project <engine>` output: the JSON reporter's (ids and metadata from
 * the `check` annotation) or the list reporter's text (ids only: the first word of each test title).
 */
export function parseCheckList(output: string): { checks: ListedCheck[]; errors: string[] } {
  const byId = new Map<string, ListedCheck>();
  const errors: string[] = [];
  const start = output.indexOf('{');
  let json: { suites?: JsonSuite[]; errors?: { message?: string }[] } | undefined;
  if (start >= 0 && /^\s*\{/.test(output.slice(start, start + 20))) {
    try {
      json = JSON.parse(output.slice(start)) as typeof json;
    } catch {
      json = undefined;
    }
  }
  if (json) {
    for (const e of json.errors ?? []) errors.push(cleanText(e.message ?? 'unknown error').slice(0, 400));
    const walk = (s: JsonSuite): void => {
      for (const spec of s.specs ?? []) {
        const note = spec.tests?.[0]?.annotations?.find((a) => a.type === 'check');
        let meta: ListedCheck | undefined;
        try {
          meta = note?.description ? (JSON.parse(note.description) as ListedCheck) : undefined;
        } catch {
          meta = undefined;
        }
        const id = meta?.id ?? spec.title.split(' ')[0];
        if (id && !byId.has(id)) byId.set(id, { id, title: meta?.title, seed: meta?.seed, spec: meta?.spec });
      }
      for (const c of s.suites ?? []) walk(c);
    };
    for (const s of json.suites ?? []) walk(s);
  } else {
    for (const line of output.split('\n')) {
      const m = /^\s*\[[\w-]+\]\s+›\s+\S+\s+›\s+(?:.*›\s+)?(\S+\/\S+)\s/.exec(line);
      if (m?.[1] && !byId.has(m[1])) byId.set(m[1], { id: m[1] });
    }
  }
  return { checks: [...byId.values()], errors };
}

/**
 * Checks that no claim maps (except area-wide) but whose `seed` field quotes a claim's sentence, with the claims they
 * quote: where each should probably be mapped. Hints for tightening, not errors.
 */
export function seedCitations(
  claims: readonly SeedClaim[],
  checks: readonly ListedCheck[],
  unmapped: readonly UnmappedChecks[] = [],
): { check: string; claims: string[] }[] {
  const ids = checks.map((k) => k.id);
  const patterns = [
    ...claims.flatMap((c) => [...(c.checks ?? []), ...(c.refutedBy ?? [])]).filter((p) => !isProvisional(p, ids)),
    ...unmapped.map((u) => u.pattern),
  ];
  const out: { check: string; claims: string[] }[] = [];
  for (const k of checks) {
    const s = k.seed ? normText(k.seed) : '';
    if (s === '' || patterns.some((p) => matchesPattern(p, k.id))) continue;
    const cited = claims.filter((c) => {
      const t = normText(c.text);
      return s.includes(t) || (s.length > 30 && t.includes(s));
    });
    if (cited.length) out.push({ check: k.id, claims: cited.map((c) => c.id) });
  }
  return out;
}
