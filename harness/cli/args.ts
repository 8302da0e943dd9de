// Reads the Playwright Test arguments the suite's commands pass through, enough to know which engines will run.
import { ENGINE_IDS, type EngineId } from '../types';
import { ConfigError } from '../engines/resolve';

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
