// The seed page's sentences (the units a claim quotes) and how completely the claims file covers them.

import type { SeedClaimsFile } from './claims-file';

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
  s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

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
