// Prints expectation entries for every non-pass cell of a matrix.json that has no record yet, grouped per engine and
// area, ready to paste into expectations/<engine>/<area>.json once a human has written the reason (and bug).
// Usage: npm run -s expectations:draft [-- reports/matrix.json]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildKey, expectationsFor, loadExpectations, recordedObservation } from '../expectations';
import { readRunConfig } from '../run-config';
import type { Matrix } from '../types';

const cfg = readRunConfig();
const file = process.argv[2] ?? join(cfg.reportDir, 'matrix.json');
const m = JSON.parse(readFileSync(file, 'utf8')) as Matrix;
const { set: known } = expectationsFor(loadExpectations(cfg.expectationsDir), m.engines);
const area = new Map(m.checks.map((c) => [c.id, c.area]));
const out: Record<string, Record<string, unknown>> = {};
for (const c of m.cells) {
  // A declared engine limit is expected without a record (see Cell.declared).
  if (c.verdict === 'pass' || c.verdict === 'error' || c.declared || known[c.engine]?.[c.check]) continue;
  const key = `${c.engine}/${area.get(c.check) ?? 'misc'}.json`;
  (out[key] ??= {})[c.check] = {
    verdict: c.verdict,
    observed: c.verdict === 'unsupported' ? c.reason : recordedObservation(c.observed),
    reason: 'TODO: why this engine differs (a sentence a browser engineer would accept)',
    builds: [buildKey(c.engine, m.engines.find((e) => e.id === c.engine)?.version ?? '')],
  };
}
for (const [k, v] of Object.entries(out)) process.stdout.write(`// expectations/${k}\n${JSON.stringify(v, null, 2)}\n`);
if (!Object.keys(out).length) process.stdout.write('every non-pass cell is already recorded\n');
