// The claims file (traceability/seed-claims.json) and the check-id patterns its claims map to.

export type ClaimKind = 'normative' | 'example';

export interface SeedClaim {
  /** Stable id, `<topic>.<behaviour>[.<detail>]`. */
  id: string;
  /** The seed heading the sentence sits under ("Exceptions: NotAllowedError" inside the exceptions list). */
  section: string;
  /** The sentence, verbatim from the seed (rendered text: macros and markdown removed; code blocks as code). */
  text: string;
  /** Which part of the sentence this claim covers, where one sentence holds several claims. */
  aspect?: string;
  kind: ClaimKind;
  /** Check ids or id patterns (see matchesPattern) whose pass shows the claim holds. */
  checks?: string[];
  /** Checks asserting what the spec says where the seed says otherwise: their pass contradicts the claim. */
  refutedBy?: string[];
  /** Why the claim (or the part of it no check covers) cannot be checked here. */
  notCheckable?: string;
  /** What could be checked here but no check covers yet. */
  gap?: string;
  /** What the spec says where it differs from the seed. */
  spec?: string;
}

export interface ExcludedSentence {
  section: string;
  text: string;
  reason: string;
}

/** Checks deliberately mapped to no claim: the seed says nothing they verify (spec-only behaviour). */
export interface UnmappedChecks {
  pattern: string;
  reason: string;
}

export interface SeedClaimsFile {
  $schema?: string;
  seed: { path: string; source: string; sha256: string };
  claims: SeedClaim[];
  excluded: ExcludedSentence[];
  unmappedChecks?: UnmappedChecks[];
}

// ---------------------------------------------------------------- check id patterns

/**
 * A pattern names an exact check id, or a prefix of whole id segments (`frames/` or `frames` match
 * `frames/cross-origin/no-allow`, not `framesets/x`). In a segment, `*` matches any run of characters but `/`
 * (`secure-context/` + `*` + `/media-devices`), and `{a,b}` matches either alternative (`constraints/{width,height}/min`).
 */
export function matchesPattern(pattern: string, checkId: string): boolean {
  const segs = pattern.replace(/\/+$/, '').split('/');
  const ids = checkId.split('/');
  if (segs.length > ids.length) return false;
  return segs.every((s, i) => segmentMatches(s, ids[i] ?? ''));
}

const escapeRe = (x: string): string => x.replace(/[.+?^$()|[\]\\]/g, '\\$&');

function segmentMatches(seg: string, id: string): boolean {
  if (!/[*{]/.test(seg)) return seg === id;
  const re = seg
    .split(/(\{[^}]*\})/)
    .map((part) =>
      part.startsWith('{') && part.endsWith('}')
        ? `(?:${part
            .slice(1, -1)
            .split(',')
            .map((alt) => escapeRe(alt.trim()))
            .join('|')})`
        : part.split('*').map(escapeRe).join('[^/]*'),
    )
    .join('');
  return new RegExp(`^${re}$`).test(id);
}

export function matchChecks(pattern: string, checkIds: readonly string[]): string[] {
  return checkIds.filter((id) => matchesPattern(pattern, id));
}
