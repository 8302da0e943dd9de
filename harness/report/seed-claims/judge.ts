// Claims against a matrix: what every engine did about each claim of the seed in a run. Pure.
//
// Status of a claim on one engine, from the cells of the checks mapped to it:
// - contradicted: a verifying cell failed, or a refuting cell passed (refutedBy: checks that assert the spec's
//   behaviour where the seed says otherwise; their pass shows the seed wrong on that engine);
// - holds: at least one verifying cell passed and every verifying cell that could decide passed;
// - not checkable here: no mapped cell decided anything (none ran, all unsupported, harness errors), or the claim
//   has no checks at all (its notCheckable reason says why).
// Unsupported, error and missing cells never decide: they are listed as caveats on the engine's entry.

import type { Cell, EngineId, Matrix, Verdict } from '../../types';
import { indexCells } from '../cell-index';
import { cleanText, observedSummary } from '../observed-text';
import { matchChecks, type ClaimKind, type ExcludedSentence, type SeedClaim, type SeedClaimsFile } from './claims-file';

export type ClaimStatus = 'holds' | 'contradicted' | 'not checkable here';
export const CLAIM_STATUSES: readonly ClaimStatus[] = ['holds', 'contradicted', 'not checkable here'];

/**
 * A bare area (`exceptions/`) maps a claim to an area whose checks are still being written: it decides nothing.
 * (A one-segment pattern that is itself a check's id is exact, not an area.)
 */
export const isProvisional = (pattern: string, checkIds: readonly string[] = []): boolean => {
  const p = pattern.replace(/\/+$/, '');
  return !p.includes('/') && !checkIds.includes(p);
};

export interface PatternMatch {
  pattern: string;
  role: 'verifies' | 'refutes';
  provisional: boolean;
  /** Check ids of the matrix (or check list) the pattern matches. */
  matched: string[];
}

export interface Evidence {
  check: string;
  role: 'verifies' | 'refutes';
  verdict: Verdict | 'missing';
  /** What the engine did (the cell's observed summary), or why it could not be observed. */
  summary: string;
  /** The cell is a failure recorded in expectations/ (a known engine difference). */
  known?: boolean;
}

export interface EngineClaim {
  status: ClaimStatus;
  /** One or two sentences: why this status. */
  why: string;
  /** The cells that decided the status (contradicted: the contradicting ones; holds: the passing ones). */
  evidence: Evidence[];
  /** Mapped cells that decided nothing (unsupported, error, no result) or spec-side checks that failed. */
  caveats: string[];
}

export interface ClaimResult {
  id: string;
  section: string;
  text: string;
  aspect?: string;
  kind: ClaimKind;
  patterns: PatternMatch[];
  /** At least one pattern is area-wide only and awaits tightening. */
  provisional: boolean;
  notCheckable?: string;
  gap?: string;
  spec?: string;
  engines: Partial<Record<EngineId, EngineClaim>>;
  /** Plain statements of where seed, spec and engines disagree. */
  disagreement: string[];
}

export interface SeedClaimsReport {
  seed: SeedClaimsFile['seed'] | undefined;
  engines: EngineId[];
  totals: Partial<Record<EngineId, Record<ClaimStatus, number>>>;
  claims: ClaimResult[];
  excluded: ExcludedSentence[];
  /** Patterns that match no check of the matrix. */
  dangling: { claim: string; pattern: string }[];
}

/** Every pattern of a claim with the check ids it matches. */
export function claimPatterns(claim: SeedClaim, checkIds: readonly string[]): PatternMatch[] {
  const out: PatternMatch[] = [];
  for (const [role, list] of [
    ['verifies', claim.checks],
    ['refutes', claim.refutedBy],
  ] as const)
    for (const pattern of list ?? [])
      out.push({ pattern, role, provisional: isProvisional(pattern, checkIds), matched: matchChecks(pattern, checkIds) });
  return out;
}

const cellSummary = (cell: Cell | undefined): string => {
  if (!cell) return 'no result in this run';
  if (cell.verdict === 'unsupported' && cell.reason) return `unobservable: ${cleanText(cell.reason)}`;
  if (cell.verdict === 'error') return `harness error: ${cleanText(cell.reason ?? observedSummary(cell.observed, 120))}`;
  return observedSummary(cell.observed, 120);
};

const list = (xs: string[], max = 4): string =>
  xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} and ${xs.length - max} more`;

function judge(claim: SeedClaim, pats: PatternMatch[], get: (check: string) => Cell | undefined): EngineClaim {
  const deciding = (role: PatternMatch['role']): string[] => [
    ...new Set(pats.filter((p) => p.role === role && !p.provisional).flatMap((p) => p.matched)),
  ];
  const ev = (check: string, role: Evidence['role']): Evidence => {
    const cell = get(check);
    const e: Evidence = { check, role, verdict: cell?.verdict ?? 'missing', summary: cellSummary(cell) };
    if (cell && cell.verdict !== 'pass' && cell.expectation?.verdict === cell.verdict) e.known = true;
    return e;
  };
  const verifying = deciding('verifies').map((c) => ev(c, 'verifies'));
  const refuting = deciding('refutes').map((c) => ev(c, 'refutes'));
  const caveats: string[] = [];
  for (const e of [...verifying, ...refuting]) if (e.verdict !== 'pass' && e.verdict !== 'fail') caveats.push(`${e.check}: ${e.summary}`);

  const failed = verifying.filter((e) => e.verdict === 'fail');
  const specPassed = refuting.filter((e) => e.verdict === 'pass');
  if (failed.length || specPassed.length) {
    const parts: string[] = [];
    if (failed.length)
      parts.push(
        `${failed.length} of ${verifying.length} verifying check${verifying.length > 1 ? 's' : ''} failed: ${list(
          failed.map((e) => `${e.check} (${e.summary})`),
          3,
        )}`,
      );
    if (specPassed.length)
      parts.push(
        `the engine does what the spec says instead: ${list(
          specPassed.map((e) => `${e.check} (${e.summary})`),
          3,
        )}`,
      );
    return { status: 'contradicted', why: `${parts.join('; ')}.`, evidence: [...failed, ...specPassed], caveats };
  }
  const specFailed = refuting.filter((e) => e.verdict === 'fail');
  for (const e of specFailed) caveats.push(`${e.check} (the spec's behaviour) failed: ${e.summary}`);
  const passed = verifying.filter((e) => e.verdict === 'pass');
  if (passed.length) {
    const undecided = verifying.length - passed.length;
    return {
      status: 'holds',
      why:
        `${passed.length} of ${verifying.length} verifying check${verifying.length > 1 ? 's' : ''} passed` +
        (undecided ? ` (${undecided} could not decide: see caveats).` : '.'),
      evidence: passed,
      caveats,
    };
  }
  // Nothing decided: say why as precisely as the mapping allows.
  let why: string;
  const provisional = pats.filter((p) => p.provisional);
  if (verifying.length + refuting.length === 0) {
    if (claim.notCheckable) why = claim.notCheckable;
    else if (provisional.length)
      why = `Mapped only area-wide (${provisional.map((p) => `${p.pattern}: ${p.matched.length} check${p.matched.length === 1 ? '' : 's'}`).join(', ')}), not yet to the checks that verify it.`;
    else if (pats.length) why = `No check matches ${list(pats.map((p) => p.pattern))} in this run.`;
    else why = 'No check is mapped to this claim.';
  } else if (specFailed.length && verifying.length === 0) {
    why = `No check asserts the seed's behaviour directly, and the spec's behaviour was not seen either (${list(
      specFailed.map((e) => `${e.check}: ${e.summary}`),
      2,
    )}): see the cells.`;
  } else {
    const all = [...verifying, ...refuting];
    const unsupported = all.filter((e) => e.verdict === 'unsupported');
    why =
      unsupported.length === all.length
        ? `Every mapped check is unobservable on this engine: ${list([...new Set(unsupported.map((e) => e.summary.replace(/^unobservable: /, '')))], 2)}.`
        : `No mapped check decided: ${list(
            all.map((e) => `${e.check}: ${e.summary}`),
            3,
          )}.`;
    if (claim.notCheckable) why += ` ${claim.notCheckable}`;
  }
  return { status: 'not checkable here', why, evidence: [], caveats };
}

function disagreements(claim: SeedClaim, engines: Partial<Record<EngineId, EngineClaim>>, ids: EngineId[]): string[] {
  const out: string[] = [];
  const decided = ids.filter((e) => engines[e] && engines[e]!.status !== 'not checkable here');
  const by = (s: ClaimStatus): EngineId[] => decided.filter((e) => engines[e]!.status === s);
  const holds = by('holds');
  const contra = by('contradicted');
  if (holds.length && contra.length) {
    const first = (e: EngineId): string => {
      const ev = engines[e]!.evidence;
      return `${e} (${ev[0] ? `${ev[0].check}: ${ev[0].summary}` : 'see its cell'}${ev.length > 1 ? `; ${ev.length - 1} more` : ''})`;
    };
    out.push(`Engines differ: the claim holds on ${holds.join(', ')} and is contradicted on ${contra.map(first).join(', ')}.`);
  } else if (contra.length && contra.length === decided.length) {
    const specSide = contra.every((e) => engines[e]!.evidence.some((x) => x.role === 'refutes'));
    out.push(
      `Every engine that could be checked (${contra.join(', ')}) contradicts the seed${specSide ? ', doing what the spec says instead' : ''}.`,
    );
  }
  if (claim.spec) out.push(`Seed vs spec: ${claim.spec}`);
  return out;
}

/** Per claim and engine: holds / contradicted / not checkable here, with the evidence and the disagreements. */
export function seedClaimsJson(m: Matrix, file: SeedClaimsFile | SeedClaim[]): SeedClaimsReport {
  const f: Pick<SeedClaimsFile, 'claims' | 'excluded'> & { seed?: SeedClaimsFile['seed'] } = Array.isArray(file)
    ? { claims: file, excluded: [] }
    : file;
  const idx = indexCells(m);
  const checkIds = m.checks.map((c) => c.id);
  const engineIds = m.engines.map((e) => e.id);
  const totals: SeedClaimsReport['totals'] = {};
  for (const e of engineIds) totals[e] = { holds: 0, contradicted: 0, 'not checkable here': 0 };
  const dangling: SeedClaimsReport['dangling'] = [];
  const claims = f.claims.map((claim): ClaimResult => {
    const patterns = claimPatterns(claim, checkIds);
    for (const p of patterns) if (p.matched.length === 0) dangling.push({ claim: claim.id, pattern: p.pattern });
    const engines: ClaimResult['engines'] = {};
    for (const e of engineIds) {
      const r = judge(claim, patterns, (check) => idx.get(check, e));
      engines[e] = r;
      totals[e]![r.status]++;
    }
    const res: ClaimResult = {
      id: claim.id,
      section: claim.section,
      text: claim.text,
      kind: claim.kind,
      patterns,
      provisional: patterns.some((p) => p.provisional),
      engines,
      disagreement: disagreements(claim, engines, engineIds),
    };
    if (claim.aspect) res.aspect = claim.aspect;
    if (claim.notCheckable) res.notCheckable = claim.notCheckable;
    if (claim.gap) res.gap = claim.gap;
    if (claim.spec) res.spec = claim.spec;
    return res;
  });
  return { seed: f.seed, engines: engineIds, totals, claims, excluded: f.excluded, dangling };
}
