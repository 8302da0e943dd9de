// The run's settings, read from the environment once and validated: every bad value is one line and a non-zero exit.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { DeviceMode } from './types';
import { ConfigError, firstLine } from './errors';

export const ROOT = resolve(__dirname, '..');
export const PAGES_DIR = join(ROOT, 'pages');

export interface RunConfig {
  devices: DeviceMode;
  /** GUM_SHIM: a script injected before the page's own scripts in every document and frame. */
  shimPath?: string;
  shimSource?: string;
  reportDir: string;
  certsDir: string;
  expectationsDir: string;
  /** GUM_GATE=1 (npm test): fail the run on any difference from the recorded expectations. */
  gate: boolean;
  /** GUM_CONCURRENCY: browsers (Playwright workers) per engine, each taking checks in turn. */
  concurrency: number;
  /** GUM_WAIT_LANE: whether each engine runs its waiting checks in a lane of their own (harness/lanes.ts). */
  waitLane: boolean;
}

/**
 * Default browsers per engine. Measured on the 2-core machine (README, "Speed"): with the three engines side by side
 * every core is already busy, and a second browser per engine made the full run slower, not faster.
 */
export const DEFAULT_CONCURRENCY = 1;

export function readConcurrency(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GUM_CONCURRENCY;
  if (raw === undefined || raw === '') return DEFAULT_CONCURRENCY;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new ConfigError(`GUM_CONCURRENCY must be a whole number from 1 to 8, not "${raw}"`);
  return n;
}

/**
 * On by default: on the 2-core machine the lane takes 7-12 % off the full matrix (README, "Benchmark"). It was off
 * while captured-content counted frame callbacks, which a loaded machine delays; it now reads presentedFrames and
 * presentation times. GUM_WAIT_LANE=0 runs every check of an engine in one worker.
 */
export function readWaitLane(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env.GUM_WAIT_LANE;
  if (raw === undefined || raw === '' || raw === '1') return true;
  if (raw === '0') return false;
  throw new ConfigError(`GUM_WAIT_LANE must be 1 (a lane of its own for each engine's waiting checks) or 0, not "${raw}"`);
}

function abs(p: string): string {
  return isAbsolute(p) ? p : resolve(process.env.INIT_CWD ?? process.cwd(), p);
}

export function readRunConfig(env: NodeJS.ProcessEnv = process.env): RunConfig {
  const devices = (env.GUM_DEVICES ?? 'fake') as DeviceMode;
  if (devices !== 'fake' && devices !== 'real') throw new ConfigError(`GUM_DEVICES must be "fake" or "real", not "${devices}"`);
  let shimSource: string | undefined;
  const shimPath = env.GUM_SHIM ? abs(env.GUM_SHIM) : undefined;
  if (shimPath) {
    try {
      shimSource = readFileSync(shimPath, 'utf8');
    } catch (e) {
      throw new ConfigError(`GUM_SHIM: cannot read ${shimPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return {
    devices,
    shimPath,
    shimSource,
    reportDir: abs(env.GUM_REPORT_DIR ?? join(ROOT, 'reports')),
    certsDir: join(ROOT, 'certs'),
    expectationsDir: abs(env.GUM_EXPECTATIONS ?? join(ROOT, 'expectations')),
    gate: env.GUM_GATE === '1',
    concurrency: readConcurrency(env),
    waitLane: readWaitLane(env),
  };
}

/** Where the fixture server listens; set by global setup, inherited by the workers. */
export function serverPorts(env: NodeJS.ProcessEnv = process.env): { httpsPort: number; httpPort: number } {
  const httpsPort = Number(env.GUM_HTTPS_PORT);
  const httpPort = Number(env.GUM_HTTP_PORT);
  if (!httpsPort || !httpPort) throw new Error('harness: fixture server ports missing (global setup did not run)');
  return { httpsPort, httpPort };
}

/** Creates dir if needed and proves a file can be written in it: an unusable report location is one line, at once. */
export function ensureWritableDir(dir: string, setting: string): void {
  const probe = join(dir, `.write-test-${process.pid}`);
  try {
    makeDirs(dir);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new ConfigError(`${setting}: cannot write reports to ${dir}: ${err.code ?? firstLine(err.message)}`);
  }
}

/**
 * mkdir -p one level at a time: Node 20's recursive mkdirSync spins forever on some paths that cannot be created
 * (measured: `/proc/nope`), where a plain mkdir fails at once with the real reason.
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) mkdirSync(d);
}
