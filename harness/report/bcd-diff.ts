// Our compat data against a pinned @mdn/browser-compat-data: per mapped feature and engine, whether the run agrees
// with BCD's statement for the tested version, contradicts it (with the evidence on both sides), or BCD has no entry;
// and, only where the run's evidence supports it, the change to BCD in BCD's own form. Pure: the data comes in.
//
// How the two sides meet (BCD's side is read by bcd-versions.ts):
// - ours "≤150" and BCD supported at 150 (version_added "53", an array whose current statement covers 150):
//   consistent; BCD's partial_implementation is noted, still consistent.
// - ours "≤150" and BCD not supported at 150 (false, added later, removed by then, only prefixed or flagged): a
//   contradiction; proposed: a statement { version_added: "≤150" } (the run shows it supported in that build).
// - ours false and BCD not supported: consistent. Ours false and BCD supported: a contradiction, with no proposal: one
//   failing build cannot say when or whether the feature worked. Ours false and BCD partial_implementation: not
//   determined, since the failing check may be exactly the part BCD says is missing.
// - ours null: not determined (the run could not tell), never a contradiction; so is a BCD statement that says
//   nothing about the tested version ("≤12.1" against 11).
// - no BCD entry (or none for the browser): "no entry"; proposed: the entry, when the run shows it supported.
// - WebKitGTK is not Safari (see bcd.ts): its statements are kept, never compared with BCD's safari data.

import type { CompatStatement, SupportStatement } from '@mdn/browser-compat-data';
import type { Cell, EngineId, EngineInfo, Matrix, Verdict } from '../types';
import { BCD_BROWSER, assertMapping, featureStatement, majorVersion, type BcdBrowser } from './bcd';
import type { Evidence, Reading } from './bcd-rules';
import { bcdAt, type BcdReading } from './bcd-versions';
import { indexCells } from './cell-index';

/** Most urgent first: the order of features in the diff and of the HTML table. */
export const DIFF_STATUSES = ['contradicts', 'no-entry', 'not-determined', 'consistent', 'not-comparable'] as const;
export type DiffStatus = (typeof DIFF_STATUSES)[number];

export const DIFF_LABEL: Record<DiffStatus, string> = {
  contradicts: 'contradicts BCD',
  'no-entry': 'BCD has no entry',
  'not-determined': 'not determined',
  consistent: 'consistent',
  'not-comparable': 'not comparable',
};

/** The part of a BCD release the diff reads: its version and a tree of features with __compat. */
export interface BcdData {
  __meta: { version: string; timestamp?: string };
  [root: string]: unknown;
}

export interface DecidingCell {
  check: string;
  verdict: Verdict | 'missing';
  reading: Reading;
  text: string;
}

export interface EngineDiff {
  status: DiffStatus;
  /** One sentence: why this status. */
  why: string;
  /** Our version_added for this build ("≤150", false, null). */
  ours: string | false | null;
  /** BCD's side, for a compared browser with a statement. */
  bcd?: { browser: BcdBrowser; version: string; statement: SupportStatement; reads: string };
  /** The cells our statement came from, and what each said. */
  cells: DecidingCell[];
  /** A change to BCD in its own form, only where the run's evidence supports it. */
  proposal?: { support: Partial<Record<BcdBrowser, { version_added: string }>>; why: string };
}

export interface FeatureDiff {
  feature: string;
  /** BCD has a __compat at this path. */
  inBcd: boolean;
  /** Why the mapping keeps a feature BCD has no entry for (compat-data.ts BCD_NO_ENTRY). */
  noEntryReason?: string;
  engines: Partial<Record<EngineId, EngineDiff>>;
}

export interface DiffEngine {
  engine: EngineId;
  browser: string;
  build: string;
  /** e.g. "chrome 150"; null when not compared. */
  comparedAs: string | null;
  why?: string;
}

export interface BcdDiff {
  generator: string;
  generated: string;
  bcd: { package: '@mdn/browser-compat-data'; version: string; timestamp?: string };
  engines: DiffEngine[];
  totals: Partial<Record<EngineId, Record<DiffStatus, number>>>;
  /** Most urgent first (DIFF_STATUSES order of the feature's worst engine), then by path. */
  features: FeatureDiff[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** BCD's __compat at a feature path, if the path exists and has one. */
export function bcdCompatAt(data: BcdData, path: string): CompatStatement | undefined {
  let node: unknown = data;
  for (const p of path.split('.')) node = isRecord(node) ? node[p] : undefined;
  const compat = isRecord(node) ? node['__compat'] : undefined;
  return isRecord(compat) ? (compat as unknown as CompatStatement) : undefined;
}

/** Our version_added as BCD's JSON shows it. */
export const showOurs = (v: string | false | null): string => (v === null ? 'null' : v === false ? 'false' : `"${v}"`);

function compare(
  ours: string | false | null,
  reading: BcdReading,
  browser: BcdBrowser,
  version: string,
): Pick<EngineDiff, 'status' | 'why' | 'proposal'> {
  const bcdSays = `BCD ${browser} ${version}: ${reading.text}`;
  if (ours === null) return { status: 'not-determined', why: `this run could not determine support; ${bcdSays}` };
  if (reading.state === 'unknown') return { status: 'not-determined', why: `BCD does not say for ${version}: ${reading.text}` };
  if (ours !== false) {
    if (reading.state === 'supported')
      return { status: 'consistent', why: `supported on both sides; ${bcdSays}${reading.partial ? ' (BCD: partial)' : ''}` };
    return {
      status: 'contradicts',
      why: `this run shows it supported in ${version}; ${bcdSays}`,
      proposal: {
        support: { [browser]: { version_added: ours } },
        why: `the run shows it supported in ${browser} ${version}; BCD reads ${reading.text}`,
      },
    };
  }
  if (reading.state === 'unsupported') return { status: 'consistent', why: `not supported on both sides; ${bcdSays}` };
  if (reading.partial)
    return {
      status: 'not-determined',
      why: `a mapped check fails where BCD records a partial implementation (the failure may be the missing part); ${bcdSays}`,
    };
  return { status: 'contradicts', why: `this run shows it not supported in ${version}; ${bcdSays}` };
}

function engineDiff(
  feature: string,
  compat: CompatStatement | undefined,
  e: EngineInfo,
  evidence: Evidence[],
  cellOf: (check: string) => Cell | undefined,
): EngineDiff {
  const r = featureStatement(e, evidence, cellOf);
  const ours = r.statement.version_added;
  const cells: DecidingCell[] = r.evidence.map(({ check, verdict, reading, text }) => ({ check, verdict, reading, text }));
  const browser = BCD_BROWSER[e.id];
  const version = majorVersion(e.version);
  if (!browser)
    return { status: 'not-comparable', why: `${e.browser} ${e.version} is not a BCD browser (WebKitGTK is not Safari)`, ours, cells };
  if (version === undefined) return { status: 'not-determined', why: `version "${e.version}" has no major number`, ours, cells };
  const support = compat?.support[browser];
  const reading = bcdAt(support, version);
  if (!support || !reading) {
    const why = compat ? `BCD's ${feature} has no ${browser} statement` : `BCD has no ${feature}`;
    return {
      status: 'no-entry',
      why,
      ours,
      cells,
      ...(typeof ours === 'string'
        ? {
            proposal: {
              support: { [browser]: { version_added: ours } },
              why: `${why}; the run shows it supported in ${browser} ${version}`,
            },
          }
        : {}),
    };
  }
  return { ...compare(ours, reading, browser, version), ours, bcd: { browser, version, statement: support, reads: reading.text }, cells };
}

/**
 * The diff of a run's compat data against BCD `data`. `mapping` as for toBcd; `noEntry`: features deliberately
 * mapped though BCD has no entry, with why.
 */
export function bcdDiff(m: Matrix, mapping: Record<string, Evidence[]>, data: BcdData, noEntry: Record<string, string> = {}): BcdDiff {
  assertMapping(m, mapping);
  const engines: DiffEngine[] = m.engines.map((e) => {
    const b = BCD_BROWSER[e.id];
    const v = majorVersion(e.version);
    return b
      ? { engine: e.id, browser: e.browser, build: e.version, comparedAs: `${b} ${v ?? '?'}` }
      : {
          engine: e.id,
          browser: e.browser,
          build: e.version,
          comparedAs: null,
          why: `not compared: ${e.browser} is not Safari (another media capture stack and permission UI), so its results are no evidence about BCD's safari data`,
        };
  });
  const idx = indexCells(m);
  const features: FeatureDiff[] = Object.entries(mapping).map(([feature, evidence]) => {
    const compat = bcdCompatAt(data, feature);
    const out: FeatureDiff = { feature, inBcd: compat !== undefined, engines: {} };
    if (!compat) out.noEntryReason = noEntry[feature] ?? 'not in this BCD release, and not listed as deliberate: check the path';
    for (const e of m.engines) out.engines[e.id] = engineDiff(feature, compat, e, evidence, (c) => idx.get(c, e.id));
    return out;
  });
  const rank = (f: FeatureDiff): number =>
    Math.min(...Object.values(f.engines).map((d) => DIFF_STATUSES.indexOf(d.status)), DIFF_STATUSES.length);
  features.sort((a, b) => rank(a) - rank(b) || a.feature.localeCompare(b.feature));
  const totals: BcdDiff['totals'] = {};
  for (const e of m.engines) {
    const t = Object.fromEntries(DIFF_STATUSES.map((s) => [s, 0])) as Record<DiffStatus, number>;
    for (const f of features) {
      const d = f.engines[e.id];
      if (d) t[d.status]++;
    }
    totals[e.id] = t;
  }
  return {
    generator: `${m.suite.name} ${m.suite.version}`,
    generated: m.generated,
    bcd: {
      package: '@mdn/browser-compat-data',
      version: data.__meta.version,
      ...(data.__meta.timestamp ? { timestamp: data.__meta.timestamp } : {}),
    },
    engines,
    totals,
    features,
  };
}
