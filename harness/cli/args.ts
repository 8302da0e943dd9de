// Reads the Playwright Test arguments the suite's commands pass through, enough to know which engines will run.
import { ENGINE_IDS, type EngineId } from '../types';
import { ConfigError } from '../errors';
import { engineOfProject, engineProjectPattern } from '../lanes';

export const PROJECTS = ['unit', ...ENGINE_IDS] as const;

/**
 * The --project values in argv (`--project x`, `--project=x`, `-p x`, comma lists), validated against the known
 * projects, and argv with each written `--project=x`. Playwright's `--project` takes every word after it, so
 * `--project firefox tests/x.spec.ts` would make the file a project name: here only known project names follow it, and
 * the first other word is left as what it is (a file filter). With no --project, the defaults run, written the same way
 * (a file after a bare `--project webkit` would be swallowed as well).
 */
export function projectsIn(argv: string[], defaults: readonly string[] = []): { projects: string[]; rest: string[] } {
  const asked: string[] = [];
  const rest: string[] = [];
  const known = (p: string): boolean => (PROJECTS as readonly string[]).includes(p);
  const isProject = (v: string | undefined): v is string => v !== undefined && v.split(',').every(known);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--project' || a === '-p') {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('-')) throw new ConfigError(`${a} needs a project name (one of ${PROJECTS.join(', ')})`);
      asked.push(v);
      i++;
      while (isProject(argv[i + 1])) asked.push(argv[++i]);
    } else if (a.startsWith('--project=')) {
      asked.push(a.slice('--project='.length));
    } else {
      rest.push(a);
    }
  }
  const projects = asked.length ? asked.flatMap((v) => v.split(',')) : [...defaults];
  const unknown = projects.find((p) => !known(p));
  if (unknown !== undefined) throw new ConfigError(`unknown project "${unknown}" (known: ${PROJECTS.join(', ')})`);
  // With the waiting lane (the default) an engine is two projects, its lanes (harness/lanes.ts): a pattern selects
  // either way.
  const written = projects.map((p) => {
    const engine = engineOfProject(p);
    return `--project=${engine ? engineProjectPattern(engine) : p}`;
  });
  return { projects, rest: [...written, ...rest] };
}

export function enginesOf(projects: string[]): EngineId[] {
  return ENGINE_IDS.filter((e) => projects.includes(e));
}

/**
 * Splits `--reporter x` / `--reporter=x` (Playwright's flag, which would replace the matrix reporter) out of argv: the
 * suite adds those reporters to the matrix reporter instead. Comma lists are kept as Playwright reads them.
 */
export function reportersIn(argv: string[]): { reporters: string[]; rest: string[] } {
  const reporters: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--reporter') {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('-'))
        throw new ConfigError('--reporter needs a reporter name (list, line, dot, json, junit, html, ...)');
      reporters.push(...v.split(',').filter(Boolean));
      i++;
    } else if (a.startsWith('--reporter=')) {
      reporters.push(...a.slice('--reporter='.length).split(',').filter(Boolean));
    } else {
      rest.push(a);
    }
  }
  return { reporters, rest };
}
