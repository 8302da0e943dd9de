// Records that a run on a new engine build matched the expectations: the mechanical half of keeping expectation
// files true across builds. When every cell of an area matches its file (on a build the file was not recorded on, a
// check an older build failed may now pass), the build is added to the file's recordedOn and to each record it matched. A cell that needs a human (a new or changed outcome) is never
// written: it is returned, so the tool prints a draft for someone to give a reason.
import { buildKey, expectationsFor, matchesExpectation, recordedObservation, type BuildRecord, type LoadedArea } from './expectations';
import type { Cell, EngineId, Matrix } from './types';

export interface NeedsHuman {
  engine: EngineId;
  check: string;
  area: string;
  now: string;
  recorded: string;
}

/** JSON as the expectation files keep it: two-space indent, short string lists on one line. */
export function formatExpectationFile(data: unknown): string {
  return `${JSON.stringify(data, null, 2).replace(
    /\[\n\s+("[^"\n]*"(?:,\n\s+"[^"\n]*")*)\n\s+\]/g,
    (_, items: string) => `[${items.split(/,\n\s+/).join(', ')}]`,
  )}\n`;
}

const cellText = (c: Cell) => (c.verdict === 'unsupported' ? (c.reason ?? '') : recordedObservation(c.observed));

/** Updates the areas of one engine for the build that produced `matrix`; returns the cells a human must record. */
export function recordBuild(areas: LoadedArea[], engine: EngineId, matrix: Matrix): { changed: LoadedArea[]; needsHuman: NeedsHuman[] } {
  const info = matrix.engines.find((e) => e.id === engine);
  if (!info) return { changed: [], needsHuman: [] };
  const key = buildKey(engine, info.version);
  const areaOf = new Map(matrix.checks.map((c) => [c.id, c.area]));
  const changed: LoadedArea[] = [];
  const needsHuman: NeedsHuman[] = [];
  for (const area of areas) {
    const name = area.file.replace(/^.*\//, '').replace(/\.json$/, '');
    const cells = matrix.cells.filter((c) => c.engine === engine && areaOf.get(c.check) === name);
    if (!cells.length) continue;
    const applied = expectationsFor({ [engine]: [area] }, [{ id: engine, version: info.version }]).set[engine] ?? {};
    const covered = area.recordedOn.includes(key);
    let allMatch = true;
    const matched: BuildRecord[] = [];
    for (const c of cells) {
      const exp = applied[c.check];
      // On a build not recorded yet, a check that an older build failed and this one passes needs no record: the old
      // record keeps its builds, and the file gains this build below.
      if (exp && !covered && c.verdict === 'pass' && !exp.intermittent) continue;
      if (!exp) {
        // A declared engine limit is expected without a record (Cell.declared).
        if (c.verdict === 'pass' || (c.verdict === 'unsupported' && c.declared)) continue;
        allMatch = false;
        needsHuman.push({ engine, check: c.check, area: name, now: `${c.verdict}: ${cellText(c)}`, recorded: 'pass' });
        continue;
      }
      if (!matchesExpectation(exp, c)) {
        allMatch = false;
        needsHuman.push({
          engine,
          check: c.check,
          area: name,
          now: `${c.verdict}: ${cellText(c)}`,
          recorded: `${exp.verdict}: ${exp.observed}`,
        });
        continue;
      }
      // The record that matched: the one equal to the applied expectation.
      matched.push(
        [area.expectations[c.check]].flat().find((r) => r.observed === exp.observed && r.verdict === exp.verdict) as BuildRecord,
      );
    }
    // All or nothing per file: a build is added to records only together with the file's recordedOn, so a file never
    // claims records for a build it was not fully recorded on.
    const fresh = matched.filter((r) => !r.builds.includes(key));
    if (!allMatch || (!fresh.length && area.recordedOn.includes(key))) continue;
    for (const r of fresh) r.builds.push(key);
    if (!area.recordedOn.includes(key)) area.recordedOn.push(key);
    changed.push(area);
  }
  return { changed, needsHuman };
}
