// Reads the Playwright Test arguments the suite's commands pass through, enough to know which engines will run.
import { ENGINE_IDS, type EngineId } from '../types';
import { ConfigError } from '../errors';

export const PROJECTS = ['unit', ...ENGINE_IDS] as const;

/** The --project values in argv (`--project x`, `--project=x`, `-p x`); validated against the known projects. */
export function projectsIn(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--project' || a === '-p') {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('-')) throw new ConfigError(`${a} needs a project name (one of ${PROJECTS.join(', ')})`);
      out.push(v);
      i++;
    } else if (a.startsWith('--project=')) {
      out.push(a.slice('--project='.length));
    }
  }
  for (const p of out.flatMap((v) => v.split(','))) {
    if (!(PROJECTS as readonly string[]).includes(p)) {
      throw new ConfigError(`unknown project "${p}" (known: ${PROJECTS.join(', ')})`);
    }
  }
  return out.flatMap((v) => v.split(','));
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
