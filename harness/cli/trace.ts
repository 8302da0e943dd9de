// Checks the seed traceability map (traceability/seed-claims.json): valid against its schema, every sentence of the
// seed a claim or excluded with a reason, every claim mapped to checks or given a notCheckable reason, every mapped
// check id or pattern matching a real check. Prints, per claim, the concrete checks each pattern matched. Exit 1 on
// any problem.
//
// Usage: npm run -s trace [-- options]
//   --claims <file>   the claims file (default traceability/seed-claims.json)
//   --seed <file>     the seed page (default: the claims file's seed.path, a copy kept in the repo)
//   --list <file>     saved output of `playwright test --list --project chromium --reporter=json` (or the list
//                     reporter's text) instead of running it
//   --matrix <file>   also print each claim's status per engine from a matrix.json
//   --brief           per claim, only the number of checks each pattern matched
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import {
  claimPatterns,
  matchChecks,
  parseCheckList,
  seedCitations,
  seedClaimsJson,
  seedCoverage,
  seedUnits,
  type SeedClaimsFile,
} from '../report/seed-claims';
import { BCD_FEATURES } from '../report/compat-data';
import { parseMutant } from './mutants';
import type { Matrix } from '../types';
import { engineProjectPattern } from '../lanes';

const ROOT = join(__dirname, '..', '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const brief = process.argv.includes('--brief');
const out = (s = ''): void => void process.stdout.write(`${s}\n`);
const problems: string[] = [];
const problem = (s: string): void => {
  problems.push(s);
};

// ---- the claims file and its schema
const claimsPath = resolve(arg('claims') ?? join(ROOT, 'traceability', 'seed-claims.json'));
const schema = JSON.parse(readFileSync(join(ROOT, 'traceability', 'schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);
let file: SeedClaimsFile;
try {
  file = JSON.parse(readFileSync(claimsPath, 'utf8')) as SeedClaimsFile;
} catch (e) {
  out(`${claimsPath}: not readable JSON (${(e as Error).message})`);
  process.exit(1);
}
if (!validate(file)) {
  for (const e of validate.errors ?? []) problem(`schema: ${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
  out(`${claimsPath} does not match traceability/schema.json:`);
  for (const p of problems) out(`  ${p}`);
  process.exit(1);
}

// ---- the seed: every sentence accounted for
const seedPath = resolve(arg('seed') ?? join(ROOT, file.seed.path));
const seedText = readFileSync(seedPath, 'utf8');
const sha = createHash('sha256').update(seedText).digest('hex');
if (sha !== file.seed.sha256)
  problem(
    `seed ${seedPath} has sha256 ${sha}, the map was reviewed against ${file.seed.sha256}: review the changed sentences, then update seed.sha256`,
  );
const units = seedUnits(seedText);
const cov = seedCoverage(file, units);
for (const u of cov.unaccounted)
  problem(`unaccounted seed ${u.type}${cov.unaccountedBehaviour.includes(u) ? ' (states behaviour)' : ''} [${u.section}]: "${u.text}"`);
for (const n of cov.notInSeed) problem(`${n.where}: text is not a sentence of the seed: "${n.text}"`);
for (const id of cov.unmapped) problem(`claim ${id}: no checks, no refutedBy and no notCheckable reason`);
for (const id of cov.duplicateIds) problem(`claim id ${id} is used more than once`);
for (const t of cov.claimedAndExcluded) problem(`sentence both claimed and excluded: "${t}"`);

// ---- the suite's checks
let listOutput: string;
const listFile = arg('list');
if (listFile) listOutput = readFileSync(listFile, 'utf8');
else {
  // The JSON reporter replaces the matrix reporter, so listing writes no reports; GUM_REPORT_DIR guards the rest.
  const r = spawnSync(
    join(ROOT, 'node_modules', '.bin', 'playwright'),
    ['test', '--list', '--project', engineProjectPattern('chromium'), '--reporter=json'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, GUM_REPORT_DIR: process.env.GUM_REPORT_DIR ?? mkdtempSync(join(tmpdir(), 'gum-trace-')) },
    },
  );
  listOutput = r.stdout ?? '';
  if (r.status !== 0 && !listOutput.includes('"suites"')) {
    out(`playwright test --list failed (exit ${r.status}):\n${(r.stderr ?? '').slice(0, 2000)}`);
    process.exit(1);
  }
}
const listed = parseCheckList(listOutput);
for (const e of listed.errors) problem(`playwright could not load every check file (their checks are missing from the list): ${e}`);
if (listed.checks.length === 0) problem('the check list is empty');
const checkIds = listed.checks.map((c) => c.id);

// ---- per claim: what each pattern matched
out(`seed: ${file.seed.path} (${units.length} sentences, code blocks and macros)`);
out(
  `map: ${file.claims.length} claims (${file.claims.filter((c) => c.kind === 'normative').length} normative), ${file.excluded.length} excluded; ${checkIds.length} checks listed`,
);
out();
let provisional = 0;
const used = new Set<string>();
for (const c of file.claims) {
  const pats = claimPatterns(c, checkIds);
  out(`${c.id}  [${c.kind}]${c.aspect ? `  (${c.aspect})` : ''}`);
  if (!pats.length) out(`  not checkable: ${c.notCheckable ?? ''}`);
  for (const p of pats) {
    p.matched.forEach((id) => used.add(id));
    const tag = `${p.role === 'refutes' ? 'refuted by ' : ''}${p.pattern}${p.provisional ? ' (area-wide, provisional)' : ''}`;
    if (p.provisional) provisional++;
    if (p.matched.length === 0) {
      out(`  ${tag}: DANGLING, matches no check`);
      problem(`claim ${c.id}: ${p.role === 'refutes' ? 'refutedBy' : 'checks'} pattern "${p.pattern}" matches no check`);
    } else if (p.matched.length === 1 && p.matched[0] === p.pattern) out(`  ${tag}`);
    else out(`  ${tag}: ${p.matched.length} check${p.matched.length > 1 ? 's' : ''}${brief ? '' : `: ${p.matched.join(', ')}`}`);
  }
  if (pats.length && c.notCheckable) out(`  partly not checkable: ${c.notCheckable}`);
}

// ---- hints (not errors)
const hints = seedCitations(file.claims, listed.checks, file.unmappedChecks);
if (hints.length) {
  out();
  out(
    "hints: unmapped checks whose seed field quotes a claim's sentence (map them there: checks, or refutedBy if they assert the spec against the seed):",
  );
  for (const h of hints) out(`  ${h.check}: ${h.claims.join(', ')}`);
}
const unverbatim = listed.checks.filter((k) => k.seed && !seedUnitsContain(k.seed));
if (unverbatim.length) {
  out();
  out('hints: checks whose seed field is not verbatim seed text:');
  for (const k of unverbatim) out(`  ${k.id}: "${k.seed}"`);
}
// Checks the seed says nothing about are listed once, with the reason, and are not "not mapped".
const deliberate = new Set<string>();
for (const u of file.unmappedChecks ?? []) {
  const m = matchChecks(u.pattern, checkIds);
  m.forEach((id) => deliberate.add(id));
  if (m.length === 0) problem(`unmappedChecks pattern "${u.pattern}" matches no check`);
}
const unused = checkIds.filter((id) => !used.has(id) && !deliberate.has(id));
out();
out(
  `${used.size} of ${checkIds.length} checks are mapped to a claim; ${deliberate.size} deliberately to none (unmappedChecks: the seed says nothing they verify)` +
    `${unused.length ? `; not mapped, with no reason: ${unused.join(', ')}` : ''}`,
);
if (provisional) out(`${provisional} area-wide (provisional) patterns decide nothing until tightened to exact checks`);

// ---- the BCD feature mapping names real checks (writeCompatData would otherwise drop a mistyped id quietly)
for (const [feature, ids] of Object.entries(BCD_FEATURES))
  for (const id of ids) if (!checkIds.includes(id)) problem(`BCD feature ${feature} maps "${id}", which is no check`);

// ---- every check a mutant says it kills exists (a renamed check would leave the mutant proving nothing)
const mutantsDir = join(ROOT, 'mutants');
for (const f of readdirSync(mutantsDir).filter((n) => n.endsWith('.js'))) {
  const m = parseMutant(join(mutantsDir, f), readFileSync(join(mutantsDir, f), 'utf8'));
  for (const k of m.kills) if (!checkIds.some((id) => id.startsWith(k))) problem(`mutant ${m.name} kills "${k}", which names no check`);
}

function seedUnitsContain(seed: string): boolean {
  // A check may quote one sentence, part of one, or several in a row (with or without the exception's name).
  const norm = (s: string): string =>
    s
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/\s+/g, ' ')
      .trim();
  const all = norm(units.map((u) => u.text).join(' '));
  const q = norm(seed).replace(/^[A-Za-z]+Error:\s*/, '');
  const parts = q
    .split(/\s*(?:\.\.\.|…)\s*|(?<=[.:!?])\s+(?=[A-Z])/)
    .map((p) => p.trim())
    .filter(Boolean);
  return all.includes(q) || parts.every((part) => all.includes(part));
}

// ---- statuses from a run
const matrixFile = arg('matrix');
if (matrixFile) {
  const m = JSON.parse(readFileSync(matrixFile, 'utf8')) as Matrix;
  const r = seedClaimsJson(m, file);
  const short = { holds: 'holds', contradicted: 'CONTRADICTED', 'not checkable here': 'n/c' } as const;
  out();
  out(`statuses from ${matrixFile} (${r.engines.join(', ')}):`);
  for (const c of r.claims) {
    out(`${c.id.padEnd(52)} ${r.engines.map((e) => short[c.engines[e]!.status].padEnd(13)).join(' ')}`);
    for (const e of r.engines) {
      const x = c.engines[e]!;
      if (x.status === 'contradicted') out(`    ${e}: ${x.why}`);
    }
  }
  for (const e of r.engines)
    out(
      `${e}: ${Object.entries(r.totals[e] ?? {})
        .map(([s, n]) => `${n} ${s}`)
        .join(', ')}`,
    );
}

out();
if (problems.length) {
  out(`${problems.length} problem${problems.length > 1 ? 's' : ''}:`);
  for (const p of problems) out(`  ${p}`);
  process.exit(1);
}
out('trace: every seed sentence is a claim or excluded, every claim is mapped, every pattern matches a check');
