// Seed traceability: which checks verify each sentence of the seed page (traceability/seed-claims.json), and what
// every engine did about each claim in a run. Pure: no I/O; the CLI (harness/cli/trace.ts) and the reporter read
// the files and pass their contents in.
//
// Status of a claim on one engine, from the cells of the checks mapped to it:
// - contradicted: a verifying cell failed, or a refuting cell passed (refutedBy: checks that assert the spec's
//   behaviour where the seed says otherwise; their pass shows the seed wrong on that engine);
// - holds: at least one verifying cell passed and every verifying cell that could decide passed;
// - not checkable here: no mapped cell decided anything (none ran, all unsupported, harness errors), or the claim
//   has no checks at all (its notCheckable reason says why).
// Unsupported, error and missing cells never decide: they are listed as caveats on the engine's entry.

import type { Cell, EngineId, Matrix, Verdict } from '../types';
import { esc } from './html';
import { indexCells } from './cell-index';
import { cleanText, observedSummary } from './observed-text';

// ---------------------------------------------------------------- the claims file

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
    .map((part) => (part.startsWith('{') && part.endsWith('}')
      ? `(?:${part.slice(1, -1).split(',').map((alt) => escapeRe(alt.trim())).join('|')})`
      : part.split('*').map(escapeRe).join('[^/]*')))
    .join('');
  return new RegExp(`^${re}$`).test(id);
}

export function matchChecks(pattern: string, checkIds: readonly string[]): string[] {
  return checkIds.filter((id) => matchesPattern(pattern, id));
}

// ---------------------------------------------------------------- the seed's sentences

export interface SeedUnit {
  section: string;
  /**
   * A rendered sentence, a whole code block (whitespace collapsed), a page macro such as {{Compat}}, or a definition
   * list term ("TypeError DOMException": it says what kind of object the error is).
   */
  text: string;
  type: 'sentence' | 'code' | 'macro' | 'term';
}

/** Whitespace- and quote-insensitive form used to compare claim text with the seed. */
export const normText = (s: string): string =>
  s.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, ' ').trim();

/** Macros that stand for a block of page content rather than a word. */
const BLOCK_MACROS = /^\{\{(securecontext_header|Specifications|Compat|APIRef)\b[^}]*\}\}/i;

function renderInline(s: string): string {
  return s
    .replace(/\{\{\s*HTMLElement\(\s*"([^"]+)"[^}]*\}\}/gi, '<$1>')
    .replace(/\{\{\s*\w+\(\s*"([^"]+)"[^}]*\}\}/g, '$1')
    .replace(/\{\{[^}]*\}\}/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[\s(])_([^_]+)_(?=[\s.,;:)!?]|$)/g, '$1$2')
    .replace(/\\:/g, ':')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Abbreviations whose final dot does not end a sentence. */
const ABBREVIATIONS = /(?:^|[\s(])(?:e\.g|i\.e|a\.k\.a|cf|vs)\.$/i;

/**
 * Sentence boundaries in a raw (unrendered) paragraph: ., ! or ? (optionally closing a parenthesis) followed by
 * space and something that can start a sentence, including a code span or a macro ("… Firefox). `getUserMedia()`
 * is …"). Splitting before rendering keeps code spans whole.
 */
function splitSentences(p: string): string[] {
  const out: string[] = [];
  const re = /([.!?]\)?)\s+(?=[A-Z"'<{(`[*_])/g;
  let start = 0;
  for (let m = re.exec(p); m; m = re.exec(p)) {
    const end = m.index + (m[1] ?? '').length;
    if (ABBREVIATIONS.test(p.slice(start, end))) continue;
    out.push(p.slice(start, end));
    start = re.lastIndex;
  }
  out.push(p.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * Every sentence, code block and page macro of an MDN markdown page, with its section.
 * Sections are the innermost heading; inside a definition list the term is added ("Exceptions: TypeError").
 * "Note:" labels of call-outs are dropped (the sentence is what the note says).
 */
export function seedUnits(markdown: string): SeedUnit[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  if (lines[0]?.trim() === '---') {
    i = 1;
    while (i < lines.length && lines[i]?.trim() !== '---') i++;
    i++;
  }
  const units: SeedUnit[] = [];
  let heading = 'Introduction';
  let term: string | undefined;
  const section = (): string => (term ? `${heading}: ${term}` : heading);
  let para: string[] = [];
  let inList = false;
  let prevBlank = true;

  const flush = (): void => {
    if (para.length === 0) return;
    let text = para.join(' ');
    para = [];
    // Page macros at the start of a paragraph are units of their own.
    for (let m = BLOCK_MACROS.exec(text.trim()); m; m = BLOCK_MACROS.exec(text.trim())) {
      if (!/^\{\{APIRef/i.test(m[0])) units.push({ section: section(), text: m[0], type: 'macro' });
      text = text.trim().slice(m[0].length);
    }
    const body = text.trim().replace(/^\*\*Note:\*\*\s*/, '');
    for (const s of splitSentences(body)) {
      const r = renderInline(s);
      if (r) units.push({ section: section(), text: r, type: 'sentence' });
    }
  };

  for (; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = raw.trimEnd();
    const indent = line.length - line.trimStart().length;
    const t = line.trim();

    if (t === '') {
      flush();
      prevBlank = true;
      continue;
    }
    const fence = /^(`{3,})/.exec(t);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? '').trim().startsWith(fence[1]!); i++) code.push(lines[i] ?? '');
      units.push({ section: section(), text: normText(code.join('\n')), type: 'code' });
      prevBlank = false;
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(t);
    if (h && indent === 0) {
      flush();
      heading = renderInline(h[2] ?? '');
      term = undefined;
      inList = false;
      prevBlank = false;
      continue;
    }
    if (indent === 0 && !t.startsWith('- ')) inList = false;
    if (indent >= 4 && !inList && prevBlank && para.length === 0) {
      // An indented code block (only outside lists, where indentation is continuation).
      const code = [t];
      while (i + 1 < lines.length && ((lines[i + 1] ?? '').startsWith('    ') || (lines[i + 1] ?? '').trim() === '')) {
        i++;
        if ((lines[i] ?? '').trim()) code.push((lines[i] ?? '').trim());
        else break;
      }
      units.push({ section: section(), text: normText(code.join('\n')), type: 'code' });
      prevBlank = true;
      continue;
    }
    const item = /^-\s+(.*)$/.exec(t);
    if (item) {
      flush();
      inList = true;
      const body = item[1] ?? '';
      const dd = /^:\s+(.*)$/.exec(body);
      if (dd) para.push(dd[1] ?? '');
      else if (/^`[^`]+`(\s*\{\{[^}]*\}\})*\s*$/.test(body)) {
        term = /^`([^`]+)`/.exec(body)?.[1];
        units.push({ section: section(), text: renderInline(body), type: 'term' });
      } else para.push(body);
      prevBlank = false;
      continue;
    }
    const quote = /^>\s?(.*)$/.exec(t);
    para.push(quote ? (quote[1] ?? '') : t);
    prevBlank = false;
  }
  flush();
  return units;
}

/** Words that mark a sentence as stating behaviour; such a sentence must be a claim or excluded with a reason. */
export const BEHAVIOUR_WORDS = ['reject', 'resolve', 'undefined', 'prompt', 'Error', 'must', 'will', 'cannot', 'only'];

export const hasBehaviourWord = (s: string): boolean =>
  BEHAVIOUR_WORDS.some((w) => (w === 'Error' ? /Error/.test(s) : new RegExp(`\\b${w}`, 'i').test(s)));

// ---------------------------------------------------------------- coverage of the seed by the claims file

export interface SeedCoverage {
  /** Sentences, code blocks and macros of the seed that are neither a claim nor excluded. */
  unaccounted: SeedUnit[];
  /** The unaccounted ones that contain a behaviour word (reject, must, Error…). */
  unaccountedBehaviour: SeedUnit[];
  /** Claim or excluded texts that are not a sentence of the seed (edited, mistyped, or the seed changed). */
  notInSeed: { where: string; text: string }[];
  /** Claims with neither checks, refutedBy nor a notCheckable reason. */
  unmapped: string[];
  duplicateIds: string[];
  /** Sentences both claimed and excluded. */
  claimedAndExcluded: string[];
}

export function seedCoverage(file: SeedClaimsFile, units: readonly SeedUnit[]): SeedCoverage {
  const claimed = new Set(file.claims.map((c) => normText(c.text)));
  const excluded = new Set(file.excluded.map((x) => normText(x.text)));
  const inSeed = new Set(units.map((u) => normText(u.text)));
  const unaccounted = units.filter((u) => !claimed.has(normText(u.text)) && !excluded.has(normText(u.text)));
  const seen = new Set<string>();
  const duplicateIds = new Set<string>();
  for (const c of file.claims) (seen.has(c.id) ? duplicateIds : seen).add(c.id);
  return {
    unaccounted,
    unaccountedBehaviour: unaccounted.filter((u) => hasBehaviourWord(u.text)),
    notInSeed: [
      ...file.claims.filter((c) => !inSeed.has(normText(c.text))).map((c) => ({ where: `claim ${c.id}`, text: c.text })),
      ...file.excluded.filter((x) => !inSeed.has(normText(x.text))).map((x) => ({ where: `excluded (${x.section})`, text: x.text })),
    ],
    unmapped: file.claims.filter((c) => !c.checks?.length && !c.refutedBy?.length && !c.notCheckable?.trim()).map((c) => c.id),
    duplicateIds: [...duplicateIds],
    claimedAndExcluded: [...claimed].filter((t) => excluded.has(t)),
  };
}

// ---------------------------------------------------------------- the suite's checks, from `playwright test --list`

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
  claims: readonly SeedClaim[], checks: readonly ListedCheck[], unmapped: readonly UnmappedChecks[] = [],
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

// ---------------------------------------------------------------- claims against a matrix

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
  for (const [role, list] of [['verifies', claim.checks], ['refutes', claim.refutedBy]] as const)
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
  const deciding = (role: PatternMatch['role']): string[] =>
    [...new Set(pats.filter((p) => p.role === role && !p.provisional).flatMap((p) => p.matched))];
  const ev = (check: string, role: Evidence['role']): Evidence => {
    const cell = get(check);
    const e: Evidence = { check, role, verdict: cell?.verdict ?? 'missing', summary: cellSummary(cell) };
    if (cell && cell.verdict !== 'pass' && cell.expectation?.verdict === cell.verdict) e.known = true;
    return e;
  };
  const verifying = deciding('verifies').map((c) => ev(c, 'verifies'));
  const refuting = deciding('refutes').map((c) => ev(c, 'refutes'));
  const caveats: string[] = [];
  for (const e of [...verifying, ...refuting])
    if (e.verdict !== 'pass' && e.verdict !== 'fail') caveats.push(`${e.check}: ${e.summary}`);

  const failed = verifying.filter((e) => e.verdict === 'fail');
  const specPassed = refuting.filter((e) => e.verdict === 'pass');
  if (failed.length || specPassed.length) {
    const parts: string[] = [];
    if (failed.length) parts.push(`${failed.length} of ${verifying.length} verifying check${verifying.length > 1 ? 's' : ''} failed: ${list(failed.map((e) => `${e.check} (${e.summary})`), 3)}`);
    if (specPassed.length) parts.push(`the engine does what the spec says instead: ${list(specPassed.map((e) => `${e.check} (${e.summary})`), 3)}`);
    return { status: 'contradicted', why: `${parts.join('; ')}.`, evidence: [...failed, ...specPassed], caveats };
  }
  const specFailed = refuting.filter((e) => e.verdict === 'fail');
  for (const e of specFailed) caveats.push(`${e.check} (the spec's behaviour) failed: ${e.summary}`);
  const passed = verifying.filter((e) => e.verdict === 'pass');
  if (passed.length) {
    const undecided = verifying.length - passed.length;
    return {
      status: 'holds',
      why: `${passed.length} of ${verifying.length} verifying check${verifying.length > 1 ? 's' : ''} passed` +
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
    why = `No check asserts the seed's behaviour directly, and the spec's behaviour was not seen either (${list(specFailed.map((e) => `${e.check}: ${e.summary}`), 2)}): see the cells.`;
  } else {
    const all = [...verifying, ...refuting];
    const unsupported = all.filter((e) => e.verdict === 'unsupported');
    why = unsupported.length === all.length
      ? `Every mapped check is unobservable on this engine: ${list([...new Set(unsupported.map((e) => e.summary.replace(/^unobservable: /, '')))], 2)}.`
      : `No mapped check decided: ${list(all.map((e) => `${e.check}: ${e.summary}`), 3)}.`;
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
    out.push(`Every engine that could be checked (${contra.join(', ')}) contradicts the seed${specSide ? ', doing what the spec says instead' : ''}.`);
  }
  if (claim.spec) out.push(`Seed vs spec: ${claim.spec}`);
  return out;
}

/** Per claim and engine: holds / contradicted / not checkable here, with the evidence and the disagreements. */
export function seedClaimsJson(m: Matrix, file: SeedClaimsFile | SeedClaim[]): SeedClaimsReport {
  const f: Pick<SeedClaimsFile, 'claims' | 'excluded'> & { seed?: SeedClaimsFile['seed'] } = Array.isArray(file) ? { claims: file, excluded: [] } : file;
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
      id: claim.id, section: claim.section, text: claim.text, kind: claim.kind, patterns,
      provisional: patterns.some((p) => p.provisional), engines, disagreement: disagreements(claim, engines, engineIds),
    };
    if (claim.aspect) res.aspect = claim.aspect;
    if (claim.notCheckable) res.notCheckable = claim.notCheckable;
    if (claim.gap) res.gap = claim.gap;
    if (claim.spec) res.spec = claim.spec;
    return res;
  });
  return { seed: f.seed, engines: engineIds, totals, claims, excluded: f.excluded, dangling };
}

// ---------------------------------------------------------------- HTML

const STATUS_CLASS: Record<ClaimStatus, string> = { holds: 'sc-holds', contradicted: 'sc-contra', 'not checkable here': 'sc-nc' };
const STATUS_ICON: Record<ClaimStatus, string> = { holds: '✓', contradicted: '✗', 'not checkable here': '⊘' };

const checkLink = (id: string): string => `<a href="#${esc(encodeURIComponent(`check-${id}`))}">${esc(id)}</a>`;

function patternsHtml(pats: PatternMatch[]): string {
  const line = (label: string, ps: PatternMatch[]): string => {
    if (!ps.length) return '';
    const items = ps.map((p) => {
      if (p.matched.length === 0) return `<code class="sc-dangling" title="matches no check in this run">${esc(p.pattern)} (no check)</code>`;
      if (p.matched.length === 1 && p.matched[0] === p.pattern) return checkLink(p.pattern);
      const links = p.matched.map(checkLink).join(' ');
      return `<details class="sc-pat"><summary><code>${esc(p.pattern)}</code> ${p.matched.length} check${p.matched.length > 1 ? 's' : ''}</summary>${links}</details>`;
    });
    return `<div class="sc-map"><span class="sc-lbl">${label}</span> ${items.join(' ')}</div>`;
  };
  return (
    line('verified by', pats.filter((p) => p.role === 'verifies' && !p.provisional)) +
    line('refuted by (spec side)', pats.filter((p) => p.role === 'refutes' && !p.provisional)) +
    line('area-wide, to tighten', pats.filter((p) => p.provisional))
  );
}

function engineCellHtml(r: EngineClaim | undefined, claimId: string, engine: EngineId): string {
  if (!r) return `<td class="sc-cell sc-nc">—</td>`;
  const item = (e: Evidence): string =>
    `<li>${checkLink(e.check)} ${e.role === 'refutes' ? 'passed (spec)' : 'failed'}${e.known ? ' <span class="sc-known" title="recorded in expectations/">known</span>' : ''}: ${esc(e.summary)}</li>`;
  // The first few contradictions on the face; the rest one click away, so a row stays short.
  const ev = r.status === 'contradicted'
    ? `<ul class="sc-ev">${r.evidence.slice(0, 3).map(item).join('')}</ul>` +
      (r.evidence.length > 3 ? `<details class="sc-cav"><summary>${r.evidence.length - 3} more</summary><ul class="sc-ev">${r.evidence.slice(3).map(item).join('')}</ul></details>` : '')
    : '';
  const cav = r.caveats.length
    ? `<details class="sc-cav"><summary>${r.caveats.length} caveat${r.caveats.length > 1 ? 's' : ''}</summary><ul>${r.caveats.map((c) => `<li>${esc(c)}</li>`).join('')}</ul></details>`
    : '';
  return (
    `<td class="sc-cell ${STATUS_CLASS[r.status]}" data-status="${esc(r.status)}" aria-label="${esc(`${claimId} × ${engine}: ${r.status}`)}">` +
    `<span class="sc-badge"><span aria-hidden="true">${STATUS_ICON[r.status]}</span> ${esc(r.status)}</span>` +
    (r.status === 'contradicted' ? '' : `<div class="sc-why">${esc(r.why)}</div>`) +
    ev + cav + `</td>`
  );
}

function claimRowHtml(c: ClaimResult, engines: EngineId[]): string {
  const notes: string[] = [];
  if (c.notCheckable) notes.push(`<div class="sc-note"><span class="sc-lbl">not checkable</span> ${esc(c.notCheckable)}</div>`);
  if (c.gap) notes.push(`<div class="sc-note"><span class="sc-lbl">gap</span> ${esc(c.gap)}</div>`);
  for (const d of c.disagreement) notes.push(`<div class="sc-note sc-dis"><span class="sc-lbl">disagreement</span> ${esc(d)}</div>`);
  return (
    `<tr id="${esc(`claim-${c.id}`)}" class="sc-row${c.provisional ? ' sc-prov' : ''}">` +
    `<th scope="row" class="sc-claim"><blockquote>${esc(c.text)}</blockquote>` +
    (c.aspect ? `<div class="sc-aspect">claim: ${esc(c.aspect)}</div>` : '') +
    `<div class="sc-id"><a href="#${esc(encodeURIComponent(`claim-${c.id}`))}">${esc(c.id)}</a> · ${esc(c.kind)}${c.provisional ? ' · <span class="sc-provtag">provisional mapping</span>' : ''}</div>` +
    patternsHtml(c.patterns) + notes.join('') +
    `</th>` +
    engines.map((e) => engineCellHtml(c.engines[e], c.id, e)).join('') +
    `</tr>`
  );
}

const STYLE = `<style>
/* fixed layout: long check ids and pattern lists wrap inside their column instead of widening the page */
.sc-table{border-collapse:collapse;width:100%;font-size:13px;table-layout:fixed}
.sc-table th,.sc-table td{border:1px solid var(--line,#d8dee4);padding:6px 8px;vertical-align:top;text-align:left;overflow-wrap:anywhere}
.sc-table thead th{background:var(--head,#f6f8fa)}
.sc-sec th{background:var(--group,#eef1f4);font-weight:600}
.sc-claim{font-weight:normal}
.sc-claim-col{width:46%}
.sc-claim blockquote{margin:0 0 4px;padding-left:8px;border-left:3px solid var(--line,#d8dee4)}
.sc-aspect{font-style:italic;margin-bottom:2px}
.sc-id,.sc-map,.sc-note,.sc-why,.sc-ev,.sc-cav{font-size:12px;color:var(--muted,#636c76)}
.sc-lbl{font-weight:700;text-transform:uppercase;font-size:10px;letter-spacing:.03em;margin-right:4px}
.sc-pat{display:inline-block}.sc-pat summary{cursor:pointer}
.sc-dis{color:var(--fg,#1f2328)}
.sc-dangling{color:var(--fail,#cf222e)}
.sc-provtag{color:var(--unsup,#8a6100)}
.sc-badge{font-weight:700;font-size:11px;text-transform:uppercase;white-space:nowrap}
.sc-holds{background:var(--pass-bg,#e9f6ec)}.sc-holds .sc-badge{color:var(--pass,#1a7f37)}
.sc-contra{background:var(--fail-bg,#fde8e8)}.sc-contra .sc-badge{color:var(--fail,#cf222e)}
.sc-nc{background:var(--unsup-bg,#f2f1ee)}.sc-nc .sc-badge{color:var(--unsup,#8a6100)}
.sc-ev{margin:4px 0 0;padding-left:16px}
.sc-known{border:1px solid currentColor;border-radius:3px;padding:0 3px;font-size:10px}
.sc-totals td,.sc-totals th{padding:2px 8px}
</style>`;

/** The "Seed claims" section for renderHtml's extraSections. */
export function seedClaimsView(m: Matrix, file: SeedClaimsFile | SeedClaim[]): { id: 'seed-claims'; title: 'Seed claims'; html: string } {
  const r = seedClaimsJson(m, file);
  const engines = r.engines;
  const head = m.engines
    .map((e) => `<th scope="col">${esc(e.id)}<div class="sc-id">${esc(e.browser)} ${esc(e.version)}</div></th>`)
    .join('');
  const totals =
    `<table class="sc-table sc-totals"><thead><tr><th scope="col">status</th>${engines.map((e) => `<th scope="col">${esc(e)}</th>`).join('')}</tr></thead><tbody>` +
    CLAIM_STATUSES.map((s) => `<tr class="${STATUS_CLASS[s]}"><th scope="row"><span class="sc-badge">${STATUS_ICON[s]} ${esc(s)}</span></th>${engines.map((e) => `<td>${r.totals[e]?.[s] ?? 0}</td>`).join('')}</tr>`).join('') +
    `</tbody></table>`;
  let current = '';
  const rows: string[] = [];
  for (const c of r.claims) {
    if (c.section !== current) {
      current = c.section;
      rows.push(`<tr class="sc-sec"><th colspan="${engines.length + 1}" scope="rowgroup">${esc(current)}</th></tr>`);
    }
    rows.push(claimRowHtml(c, engines));
  }
  const provisional = r.claims.filter((c) => c.provisional).length;
  const intro =
    `<p>Every sentence of the seed page${r.seed ? ` (<code>${esc(r.seed.path)}</code>)` : ''} is a claim mapped to the checks that verify it, or excluded with a reason: ` +
    `${r.claims.length} claims, ${r.excluded.length} excluded sentences. A claim <b>holds</b> on an engine when its verifying checks passed there; ` +
    `it is <b>contradicted</b> when one failed, or when a check of the spec's contrary behaviour passed; otherwise it is <b>not checkable here</b>, with the reason.` +
    (provisional ? ` ${provisional} claim${provisional > 1 ? 's are' : ' is'} mapped partly by area only (provisional): those patterns decide nothing until tightened to exact checks.` : '') +
    (r.dangling.length ? ` ${r.dangling.length} mapped pattern${r.dangling.length > 1 ? 's match' : ' matches'} no check in this run.` : '') +
    `</p>`;
  const table =
    `<table class="sc-table"><colgroup><col class="sc-claim-col">${m.engines.map(() => '<col>').join('')}</colgroup><thead><tr><th scope="col">claim (verbatim from the seed)</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
  const excluded =
    `<details><summary>${r.excluded.length} sentences excluded (no behaviour to check), with reasons</summary><table class="sc-table"><colgroup><col class="sc-claim-col"><col></colgroup><tbody>` +
    r.excluded.map((x) => `<tr><th scope="row" class="sc-claim"><blockquote>${esc(x.text)}</blockquote><div class="sc-id">${esc(x.section)}</div></th><td>${esc(x.reason)}</td></tr>`).join('') +
    `</tbody></table></details>`;
  return { id: 'seed-claims', title: 'Seed claims', html: STYLE + intro + totals + table + excluded };
}
