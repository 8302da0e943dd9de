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
import { cleanText, indexCells, observedSummary } from './summary';

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
  /** What the spec says where it differs from the seed. */
  spec?: string;
}

export interface ExcludedSentence {
  section: string;
  text: string;
  reason: string;
}

export interface SeedClaimsFile {
  $schema?: string;
  seed: { path: string; source: string; sha256: string };
  claims: SeedClaim[];
  excluded: ExcludedSentence[];
}

// ---------------------------------------------------------------- check id patterns

/**
 * A pattern names an exact check id, or a prefix of whole id segments (`frames/` or `frames` match
 * `frames/cross-origin/no-allow`, not `framesets/x`); a `*` segment matches any one segment
 * (`secure-context/ * /media-devices` without the spaces).
 */
export function matchesPattern(pattern: string, checkId: string): boolean {
  const segs = pattern.replace(/\/+$/, '').split('/');
  const ids = checkId.split('/');
  if (segs.length > ids.length) return false;
  return segs.every((s, i) => s === '*' || s === ids[i]);
}

export function matchChecks(pattern: string, checkIds: readonly string[]): string[] {
  return checkIds.filter((id) => matchesPattern(pattern, id));
}

// ---------------------------------------------------------------- the seed's sentences

export interface SeedUnit {
  section: string;
  /** A rendered sentence, or a whole code block (whitespace collapsed), or a page macro such as {{Compat}}. */
  text: string;
  type: 'sentence' | 'code' | 'macro';
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

/** Sentence boundaries: ., ! or ? followed by space and a capital, a quote or a code/markup start. */
function splitSentences(p: string): string[] {
  return p
    .split(/(?<=[.!?])\s+(?=[A-Z"'<{(])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
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
    const rendered = renderInline(text).replace(/^Note:\s*/, '');
    for (const s of splitSentences(rendered)) units.push({ section: section(), text: s, type: 'sentence' });
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
