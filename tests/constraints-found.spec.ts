// Reduced cases the constraint fuzzer found, kept as regression checks on every engine (data: constraints-found.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gumCheck } from './constraints-helpers';

interface Found {
  key: string;
  constraints: object;
  found: string;
}
const { cases } = JSON.parse(readFileSync(join(__dirname, 'constraints-found.json'), 'utf8')) as { cases: Found[] };

for (const c of cases) {
  gumCheck({
    id: `found/${c.key}`,
    title: `the fuzzer's reduced case getUserMedia(${JSON.stringify(c.constraints)}) matches the spec oracle (found: seed 1, ${c.found})`,
    constraints: c.constraints,
    spec: "SelectSettings over the engine's devices: a minimal fitness distance, or the required rejection.",
  });
}
