// Export of a Matrix in the shape of mdn/browser-compat-data (toBcd) and of mdn-bcd-collector's
// raw per-test results (toCollectorResults).
//
// Browser mapping, as a BCD author would want it:
// - chromium → "chrome". Chromium and Chrome share the web platform code that getUserMedia's
//   conformance depends on, and mdn-bcd-collector records Chromium runs as chrome too; every
//   statement carries a note naming the exact Chromium build so a reviewer can discount it.
// - firefox → "firefox". Firefox ESR is a Firefox release with the same major version number.
// - webkit → not mapped. WebKitGTK is not a BCD browser, and Safari's media capture stack
//   (CoreMedia/AVFoundation, its own permission UI and TCC) is not WebKitGTK's (GStreamer/PipeWire,
//   embedder-provided prompts), so WebKitGTK results are not evidence about Safari. Writing them
//   under "safari" would put wrong data into BCD with a note nobody reads. Instead "safari" and
//   "safari_ios" are listed under __meta.untested_browsers, and WebKitGTK's computed statements
//   are kept under __meta.other_engines for whoever wants to compare.
//
// Values: a feature's evidence (bcd-rules.ts) is read per engine. version_added is "≤156" (BCD's "supported at
// least since" form) when every piece says supported: one run tested one build, so it cannot know when the feature
// was added, and a bare "156" would claim exactly that. false when any piece says not supported (a definite "not
// supported in this build", with the expectation's bug as impl_url); null with a note when nothing says "not
// supported" but something is undetermined (an unsupported, error or missing cell, a pass-only check that failed).

import type { Cell, EngineId, EngineInfo, Matrix } from '../types';
import { evidenceCheck, readEvidence, type Evidence, type EvidenceResult } from './bcd-rules';
import { indexCells } from './cell-index';
import { cleanText, observedSummary } from './observed-text';

export type BcdBrowser = 'chrome' | 'firefox';

export interface BcdSupportStatement {
  version_added: string | false | null;
  notes?: string | string[];
  impl_url?: string | string[];
}

export interface BcdCompat {
  support: Partial<Record<BcdBrowser, BcdSupportStatement>>;
}

/** A BCD feature node: its own __compat plus sub-features. */
export interface BcdNode {
  __compat?: BcdCompat;
  [child: string]: BcdNode | BcdCompat | undefined;
}

export interface BcdEngineMeta {
  engine: EngineId;
  browser: string;
  version: string;
  driver: string;
  devices: EngineInfo['devices'];
  source: EngineInfo['source'];
  userAgent?: string;
}

export interface BcdMeta {
  generator: string;
  generated: string;
  /** BCD browser key → the engine build that was actually tested for it. */
  browsers: Partial<Record<BcdBrowser, BcdEngineMeta>>;
  /** BCD browsers this run says nothing about, with why. */
  untested_browsers: Record<string, string>;
  /** Engines that are not BCD browsers, with the statements computed for them (not BCD data). */
  other_engines: Record<string, BcdEngineMeta & { support: Record<string, BcdSupportStatement> }>;
  /** The mapping used: feature path → its evidence (check ids and rules, bcd-rules.ts). */
  mapping: Record<string, Evidence[]>;
}

/** { __meta, api: { MediaDevices: { getUserMedia: { __compat, secure_context_required: { __compat } } } } } */
export type BcdDocument = { __meta: BcdMeta } & { [root: string]: BcdNode };

/** The BCD browser an engine's results are written under; none for WebKitGTK (see above). */
export const BCD_BROWSER: Record<EngineId, BcdBrowser | undefined> = {
  chromium: 'chrome',
  firefox: 'firefox',
  webkit: undefined,
};

const engineMeta = (e: EngineInfo): BcdEngineMeta => ({
  engine: e.id,
  browser: e.browser,
  version: e.version,
  driver: e.driver,
  devices: e.devices,
  source: e.source,
  ...(e.userAgent !== undefined ? { userAgent: e.userAgent } : {}),
});

/** "156.0.8078.79" → "156", "153.7.0esr" → "153"; undefined if the version has no leading number. */
export const majorVersion = (version: string): string | undefined => /^\s*(\d+)/.exec(version)?.[1];

const oneOrMany = (xs: string[]): string | string[] => (xs.length === 1 ? (xs[0] ?? '') : xs);

/**
 * The release a statement is about: a BCD browser's major version; an engine BCD does not know keeps its own series
 * ("2.50" for WebKitGTK 2.50.6, whose major number alone says nothing).
 */
const releaseOf = (e: EngineInfo): string | undefined =>
  BCD_BROWSER[e.id] ? majorVersion(e.version) : /^\s*(\d+(?:\.\d+)?)/.exec(e.version)?.[1];

/** A feature's statement for one engine build, with what each piece of its evidence said. */
export interface FeatureReading {
  statement: BcdSupportStatement;
  evidence: EvidenceResult[];
}

export function featureStatement(e: EngineInfo, evidence: Evidence[], cellOf: (check: string) => Cell | undefined): FeatureReading {
  const results = evidence.map((ev) => readEvidence(ev, cellOf(evidenceCheck(ev))));
  const tested = `Tested on ${e.browser} ${e.version} (${e.devices} devices, ${e.source} build, ${e.driver}) by gum-conformance.`;
  const against = results.filter((r) => r.reading === 'unsupported');
  const unknown = results.filter((r) => r.reading === 'unknown');
  const notes = [tested];
  const release = releaseOf(e);
  if (against.length) {
    // Positive evidence of absence, even if other pieces could not be read.
    notes.push(`Not supported in this build: ${against.map((r) => r.text).join('; ')}.`);
    if (unknown.length) notes.push(`Also not determined: ${unknown.map((r) => r.text).join('; ')}.`);
    const bugs = [...new Set(against.flatMap((r) => (r.bug ? [r.bug] : [])))];
    return {
      statement: { version_added: false, notes: oneOrMany(notes), ...(bugs.length ? { impl_url: oneOrMany(bugs) } : {}) },
      evidence: results,
    };
  }
  if (unknown.length || release === undefined) {
    if (release === undefined) notes.push(`Version "${e.version}" has no major number.`);
    if (unknown.length) notes.push(`Support could not be determined: ${unknown.map((r) => r.text).join('; ')}.`);
    return { statement: { version_added: null, notes: oneOrMany(notes) }, evidence: results };
  }
  return { statement: { version_added: `≤${release}`, notes: tested }, evidence: results };
}

function nodeAt(root: Record<string, BcdNode>, path: string): BcdNode {
  const parts = path.split('.');
  if (parts.some((p) => p === '' || p === '__compat' || p === '__meta')) throw new Error(`toBcd: bad feature path "${path}"`);
  const [first, ...rest] = parts as [string, ...string[]];
  let node = (root[first] ??= {});
  for (const p of rest) {
    const next = node[p];
    if (next === undefined) node = node[p] = {};
    else node = next as BcdNode;
  }
  return node;
}

/** Throws on a mapping that names an unknown check or no check at all (a mapping bug). */
export function assertMapping(m: Matrix, mapping: Record<string, Evidence[]>): void {
  const known = new Set(m.checks.map((c) => c.id));
  for (const [path, evidence] of Object.entries(mapping)) {
    if (evidence.length === 0) throw new Error(`toBcd: feature "${path}" maps to no check`);
    const bad = evidence.map(evidenceCheck).filter((id) => !known.has(id));
    if (bad.length) throw new Error(`toBcd: feature "${path}" maps to unknown check(s) ${bad.join(', ')}`);
  }
}

/**
 * BCD-shaped support data for the mapped features. `mapping`: feature path
 * (e.g. "api.MediaDevices.getUserMedia.secure_context_required") → its evidence, every piece of which must say
 * supported (a bare check id: that check must pass).
 */
export function toBcd(m: Matrix, mapping: Record<string, Evidence[]>): BcdDocument {
  const idx = indexCells(m);
  assertMapping(m, mapping);

  const tree: Record<string, BcdNode> = {};
  const meta: BcdMeta = {
    generator: `${m.suite.name} ${m.suite.version}`,
    generated: m.generated,
    browsers: {},
    untested_browsers: {},
    other_engines: {},
    mapping,
  };
  const webkit = m.engines.find((e) => e.id === 'webkit');
  const why = webkit
    ? `not tested: only WebKitGTK ${webkit.version} ran, whose media capture stack and permission UI differ from Safari's, so its results are not recorded as Safari data (see other_engines.webkitgtk)`
    : 'not tested: no WebKit engine in this run';
  meta.untested_browsers['safari'] = why;
  meta.untested_browsers['safari_ios'] = why;

  for (const e of m.engines) {
    const browser = BCD_BROWSER[e.id];
    const stmts: Record<string, BcdSupportStatement> = {};
    for (const [path, evidence] of Object.entries(mapping)) stmts[path] = featureStatement(e, evidence, (c) => idx.get(c, e.id)).statement;
    if (browser) {
      meta.browsers[browser] = engineMeta(e);
      for (const [path, s] of Object.entries(stmts)) {
        const node = nodeAt(tree, path);
        (node.__compat ??= { support: {} }).support[browser] = s;
      }
    } else {
      const key = e.id === 'webkit' ? 'webkitgtk' : e.id;
      meta.other_engines[key] = { ...engineMeta(e), support: stmts };
    }
  }
  return { __meta: meta, ...tree } as BcdDocument;
}

/** The __compat of a feature path in a toBcd() document, if any. */
export function bcdCompat(doc: BcdDocument, path: string): BcdCompat | undefined {
  let node: BcdNode | undefined = { ...doc } as unknown as BcdNode;
  for (const p of path.split('.')) {
    const next: BcdNode | BcdCompat | undefined = node?.[p];
    node = next as BcdNode | undefined;
  }
  return node?.__compat;
}

export interface CollectorResults {
  __meta: {
    generator: string;
    generated: string;
    engines: Partial<Record<EngineId, BcdEngineMeta & { bcdBrowser?: BcdBrowser }>>;
  };
  /** check id → engine id → true (pass) | false (fail) | null (unsupported, error, or no result). */
  results: Record<string, Partial<Record<EngineId, boolean | null>>>;
  /** Why a result is false or null, mdn-bcd-collector's `message`. */
  messages: Record<string, Partial<Record<EngineId, string>>>;
}

/** Raw per-check results in mdn-bcd-collector's spirit. */
export function toCollectorResults(m: Matrix): CollectorResults {
  const idx = indexCells(m);
  const engines: CollectorResults['__meta']['engines'] = {};
  for (const e of m.engines) {
    const b = BCD_BROWSER[e.id];
    engines[e.id] = { ...engineMeta(e), ...(b ? { bcdBrowser: b } : {}) };
  }
  const results: CollectorResults['results'] = {};
  const messages: CollectorResults['messages'] = {};
  for (const check of m.checks) {
    const r: Partial<Record<EngineId, boolean | null>> = {};
    const msg: Partial<Record<EngineId, string>> = {};
    for (const e of m.engines) {
      const cell = idx.get(check.id, e.id);
      if (!cell) {
        r[e.id] = null;
        msg[e.id] = 'no result (harness bug)';
        continue;
      }
      r[e.id] = cell.verdict === 'pass' ? true : cell.verdict === 'fail' ? false : null;
      if (cell.verdict !== 'pass') msg[e.id] = `${cell.verdict}: ${cleanText(cell.reason ?? observedSummary(cell.observed))}`;
    }
    results[check.id] = r;
    if (Object.keys(msg).length) messages[check.id] = msg;
  }
  return { __meta: { generator: `${m.suite.name} ${m.suite.version}`, generated: m.generated, engines }, results, messages };
}
