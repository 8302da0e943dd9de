// `npm run fuzz -- --seed N --count M [--project chromium|firefox|webkit]`: constraint sets generated from the seed
// (the oracle's generator: same seed, same sets) go through each engine's getUserMedia() and through the spec
// oracle fed that engine's devices; every disagreement is printed as a minimal reproducible constraints object
// (the oracle's delta-debugging reducer, re-running the engine on each smaller candidate).
// (Over 350 lines: one command's argument parsing, engine round trip and reduction loop; its pure parts are exported
// and unit-tested in constraint-check.unit.ts.)
//
// Exit status: 0 every set agreed, 1 some disagreed (the list is the finding), 2 bad arguments or configuration
// (one line), 3 harness failure. GUM_SHIM and GUM_DEVICES apply as for the matrix.
import { ensureCerts } from '../certs';
import { type CaseVerdict, type EngineModel, HarnessError, fmt, readEngineModel, runGumCase } from '../constraint-check';
import { launchEngine } from '../engines';
import { launchOptions } from '../engines/launch-options';
import { ConfigError } from '../errors';
import { resolveBrowser } from '../engines/resolve';
import { type ConstraintsObject, generate, reduce } from '../oracle';
import { ProbePage } from '../probe-page';
import { provision } from '../provision';
import { PAGES_DIR, readRunConfig } from '../run-config';
import { fixtureUrl, startFixtureServer } from '../server';
import { ENGINE_IDS, type Engine, type EngineId, type EngineSession } from '../types';

const USAGE = 'usage: npm run fuzz -- --seed N --count M [--project chromium|firefox|webkit ...]';
export const MAX_COUNT = 100_000;
/** How long one getUserMedia() may stay unsettled before it counts as pending. */
const WAIT_MS = 4000;
/** How long a <video> element may take to report its size (a check waits 3 s; sets run by the hundred here). */
const VIDEO_WAIT_MS = 1500;
/** Engine runs one reduction may spend; past it the smallest failing object found so far is printed. */
const REDUCTION_RUNS = 40;

export interface FuzzArgs {
  seed: number;
  count: number;
  engines: EngineId[];
}

/** Parses the fuzzer's arguments; every problem is a ConfigError with a one-line message. */
export function parseFuzzArgs(argv: readonly string[]): FuzzArgs {
  let seed: number | undefined;
  let count: number | undefined;
  const engines: EngineId[] = [];
  const int = (flag: string, v: string | undefined, min: number, max: number): number => {
    if (v === undefined || v === '' || !/^\d+$/.test(v))
      throw new ConfigError(
        `${flag} needs a whole number from ${min} to ${max}, got ${v === undefined ? 'nothing' : JSON.stringify(v)} (${USAGE})`,
      );
    const n = Number(v);
    if (n < min || n > max) throw new ConfigError(`${flag} must be from ${min} to ${max}, got ${v} (${USAGE})`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    if (flag === '--seed') seed = int('--seed', value(), 0, 4294967295);
    else if (flag === '--count') count = int('--count', value(), 1, MAX_COUNT);
    else if (flag === '--project' || flag === '-p') {
      const v = value();
      if (!v) throw new ConfigError(`${flag} needs an engine (${ENGINE_IDS.join(', ')})`);
      for (const e of v.split(',')) {
        if (!(ENGINE_IDS as readonly string[]).includes(e))
          throw new ConfigError(`unknown project "${e}" (engines: ${ENGINE_IDS.join(', ')})`);
        if (!engines.includes(e as EngineId)) engines.push(e as EngineId);
      }
    } else throw new ConfigError(`unknown argument ${JSON.stringify(a)} (${USAGE})`);
  }
  if (seed === undefined) throw new ConfigError(`--seed is required (${USAGE})`);
  if (count === undefined) throw new ConfigError(`--count is required (${USAGE})`);
  return { seed, count, engines: engines.length ? engines : [...ENGINE_IDS] };
}

// ------------------------------------------------------------------ device ids in generated sets

/**
 * Device and group ids for the generator. They are symbolic so that a seed yields the same sets on every run and
 * engine (real ids are salted per session); `$camera1` is the second enumerated camera, `$mic0.group` the first
 * microphone's group, and a symbol with no such device stays a well-formed id no device has.
 */
export const SYMBOLIC_POOLS = {
  deviceIds: ['$camera0', '$camera1', '$mic0', '$mic2', 'gone', ''],
  groupIds: ['$camera0.group', '$camera1.group', '$mic1.group', 'grp-gone'],
};

export function resolveSymbols<T>(value: T, model: EngineModel): T {
  const lists = { camera: model.devices.filter((d) => d.kind === 'videoinput'), mic: model.devices.filter((d) => d.kind === 'audioinput') };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const m = /^\$(camera|mic)(\d+)(\.group)?$/.exec(v);
      if (!m) return v;
      const d = lists[m[1] as 'camera' | 'mic'][Number(m[2])];
      return d ? (m[3] ? d.groupId : d.deviceId) : `no-such-${v.slice(1)}`;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

// ------------------------------------------------------------------ one engine

export interface Disagreement {
  index: number;
  original: ConstraintsObject;
  verdict: CaseVerdict;
  minimal: ConstraintsObject;
  minimalVerdict: CaseVerdict;
  reduced: 'minimal' | 'budget';
}

interface EngineRun {
  engine: EngineId;
  build: string;
  agreed: number;
  disagreements: Disagreement[];
  harnessErrors: { index: number; message: string }[];
  ms: number;
  /** getUserMedia() calls in all (sets and reductions). */
  runs: number;
}

class NeedsRun extends Error {
  constructor(readonly constraints: ConstraintsObject) {
    super('needs an engine run');
  }
}

class Driver {
  /** getUserMedia() calls made for generated sets and reductions. */
  runs = 0;
  /** Reduction candidates the harness could not run (page or process lost), with the set. */
  readonly lost: string[] = [];
  private session?: EngineSession;
  private page?: ProbePage;
  /** Per-device capabilities, read once for the whole run. */
  private readonly caps = new Map();
  model?: EngineModel;
  constructor(
    private readonly engine: Engine,
    private readonly url: string,
  ) {}

  async open(): Promise<void> {
    await this.session?.close().catch(() => {});
    this.session = await this.engine.newSession({ permissions: { camera: 'granted', microphone: 'granted' } });
    await this.session.goto(this.url);
    this.page = new ProbePage(this.session);
    this.model = await readEngineModel(this.page, this.caps);
  }

  /** Runs one (symbol-resolved) constraints object; a pending or broken call gets a fresh session afterwards. */
  async run(constraints: ConstraintsObject, videoElement = true): Promise<CaseVerdict> {
    if (!this.page || !this.model) await this.open();
    this.runs++;
    let v: CaseVerdict & { outcome: { outcome: string; summary: string } };
    try {
      v = await runGumCase(this.page as ProbePage, this.model as EngineModel, constraints, WAIT_MS, videoElement, VIDEO_WAIT_MS);
    } catch (e) {
      // The page or its process went away (a crash is a finding too): say which set did it, and start afresh.
      await this.open();
      throw new HarnessError(`${(e as Error).message.split('\n')[0]} while running ${key(constraints)}`);
    }
    if (v.outcome.outcome !== 'resolved' && v.outcome.outcome !== 'rejected' && v.outcome.outcome !== 'threw') await this.open();
    if (v.outcome.outcome === 'harness-error') throw new HarnessError(`probe: ${v.outcome.summary} while running ${key(constraints)}`);
    return v;
  }

  async close(): Promise<void> {
    await this.session?.close().catch(() => {});
  }
}

const key = (c: unknown): string => JSON.stringify(c);
const withoutElement = (signature: string): string =>
  signature
    .split(',')
    .filter((s) => !s.startsWith('element'))
    .join(',');

/**
 * Delta-debugs one disagreement: the oracle's synchronous reduce() is replayed from the start each time it asks
 * about a candidate the engine has not run yet (that candidate is run, cached, and the replay goes further).
 * Candidates count as failing only when they fail the same way (same signature). The <video> element is only
 * measured when the disagreement is about it: it is the slow part of a run.
 */
async function reduceOne(
  driver: Driver,
  caches: Caches,
  original: ConstraintsObject,
  first: CaseVerdict,
): Promise<{ minimal: ConstraintsObject; verdict: CaseVerdict; reduced: Disagreement['reduced'] }> {
  const element = first.signature.split(',').some((s) => s.startsWith('element'));
  const cache = element ? caches.withElement : caches.withoutElement;
  const target = element ? first.signature : withoutElement(first.signature);
  const same = (v: CaseVerdict): boolean => !v.agree && (element ? v.signature : withoutElement(v.signature)) === target;
  let best = { c: original, v: first };
  let runs = 0;
  for (;;) {
    try {
      const minimal = reduce(original, (c) => {
        const v = cache.get(key(c)) ?? (key(c) === key(original) ? first : undefined);
        if (!v) throw new NeedsRun(c);
        return same(v);
      });
      return { minimal, verdict: cache.get(key(minimal)) ?? first, reduced: 'minimal' };
    } catch (e) {
      if (!(e instanceof NeedsRun)) throw e;
      if (runs++ >= REDUCTION_RUNS) return { minimal: best.c, verdict: best.v, reduced: 'budget' };
      let v: CaseVerdict;
      try {
        v = await driver.run(e.constraints, element);
      } catch (err) {
        if (!(err instanceof HarnessError)) throw err;
        // A candidate the harness could not run does not fail "the same way": the reduction goes on without it.
        driver.lost.push(err.message);
        v = { ...first, agree: true, signature: '' };
      }
      cache.set(key(e.constraints), v);
      if (same(v) && key(e.constraints).length < key(best.c).length) best = { c: e.constraints, v };
    }
  }
}

/**
 * Is `small` reachable from `big` by the reducer's steps (deleting members, advanced sets or list items, and
 * simplifying `{ideal: x}` to `x`, `[x]` to `x`, a constraint dictionary to `true`)?
 */
export function containedIn(small: unknown, big: unknown): boolean {
  if (key(small) === key(big)) return true;
  const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isDict(big) && Object.keys(big).length === 1 && 'ideal' in big && containedIn(small, big['ideal'])) return true;
  if (Array.isArray(big) && big.length === 1 && containedIn(small, big[0])) return true;
  if (small === true && isDict(big)) return true;
  if (isDict(small) && isDict(big)) return Object.entries(small).every(([k, v]) => k in big && containedIn(v, big[k]));
  if (Array.isArray(small) && Array.isArray(big)) {
    let j = 0;
    for (const x of small) {
      while (j < big.length && !containedIn(x, big[j])) j++;
      if (j++ >= big.length) return false;
    }
    return true;
  }
  return false;
}

interface Caches {
  withElement: Map<string, CaseVerdict>;
  withoutElement: Map<string, CaseVerdict>;
}

async function fuzzEngine(
  id: EngineId,
  args: FuzzArgs,
  url: string,
  launch: () => Promise<Engine>,
  log: (s: string) => void,
): Promise<EngineRun> {
  const t0 = Date.now();
  const engine = await launch();
  const driver = new Driver(engine, url);
  const run: EngineRun = {
    engine: id,
    build: `${engine.info.browser} ${engine.info.version}`,
    agreed: 0,
    disagreements: [],
    harnessErrors: [],
    ms: 0,
    runs: 0,
  };
  try {
    await driver.open();
    const model = driver.model as EngineModel;
    const sets = generate(args.seed, args.count, SYMBOLIC_POOLS);
    const caches: Caches = { withElement: new Map(), withoutElement: new Map() };
    const cache = caches.withElement;
    for (const [index, symbolic] of sets.entries()) {
      const c = resolveSymbols(symbolic, model);
      let v: CaseVerdict;
      try {
        v = cache.get(key(c)) ?? (await driver.run(c));
      } catch (e) {
        run.harnessErrors.push({ index, message: (e as Error).message.split('\n')[0] ?? '' });
        await driver.open();
        continue;
      }
      cache.set(key(c), v);
      if (v.agree) {
        run.agreed++;
        continue;
      }
      // A minimal object already found for the same failure inside this set is a minimal reproducer of it too.
      const known = run.disagreements.find(
        (d) => d.reduced === 'minimal' && d.verdict.signature === v.signature && containedIn(d.minimal, c),
      );
      const r = known
        ? { minimal: known.minimal, verdict: known.minimalVerdict, reduced: 'minimal' as const }
        : await reduceOne(driver, caches, c, v);
      run.disagreements.push({ index, original: c, verdict: v, minimal: r.minimal, minimalVerdict: r.verdict, reduced: r.reduced });
    }
  } finally {
    await driver.close();
    await engine.close();
    run.ms = Date.now() - t0;
    run.runs = driver.runs;
    run.harnessErrors.push(...driver.lost.map((message) => ({ index: -1, message: `during a reduction: ${message}` })));
    log(`${id}: done in ${fmt(run.ms / 1000, 1)} s`);
  }
  return run;
}

// ------------------------------------------------------------------ report

export function formatRun(run: EngineRun, args: FuzzArgs): string {
  const lines: string[] = [];
  const n = run.agreed + run.disagreements.length + run.harnessErrors.length;
  lines.push(
    `${run.engine} (${run.build}), seed ${args.seed}: ${n} sets, ${run.agreed} agree with the oracle, ${run.disagreements.length} disagree${run.harnessErrors.length ? `, ${run.harnessErrors.length} harness errors` : ''} (${run.runs} getUserMedia calls, ${fmt(run.ms / 1000, 1)} s)`,
  );
  // Disagreements that reduce to the same object are one finding: listed once with every set index.
  const groups = new Map<string, Disagreement[]>();
  for (const d of run.disagreements) {
    const k = key(d.minimal);
    groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  for (const [k, ds] of groups) {
    const d = ds[0] as Disagreement;
    lines.push(`  set${ds.length > 1 ? 's' : ''} #${ds.map((x) => x.index).join(', #')}: ${d.verdict.problems.join('; ')}`);
    lines.push(
      `    ${d.reduced === 'minimal' ? 'minimal' : `smallest found within ${REDUCTION_RUNS} runs`}: await navigator.mediaDevices.getUserMedia(${k})`,
    );
    lines.push(`    engine: ${d.minimalVerdict.observed.summary}`);
    if (ds.length === 1 && key(d.original) !== k) lines.push(`    from: ${key(d.original)}`);
  }
  for (const h of run.harnessErrors) lines.push(`  ${h.index >= 0 ? `set #${h.index}` : 'reduction'}: harness error: ${h.message}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  const args = parseFuzzArgs(process.argv.slice(2));
  const cfg = readRunConfig();
  await provision(args.engines, cfg.devices);
  for (const e of args.engines) resolveBrowser(e);
  const certs = await ensureCerts(cfg.certsDir);
  const server = await startFixtureServer(PAGES_DIR, { certPath: certs.leafCertPath, keyPath: certs.leafKeyPath });
  const url = fixtureUrl(server, 'a', '/index.html');
  const log = (s: string): void => void process.stderr.write(`${s}\n`);
  try {
    const runs = await Promise.all(
      args.engines.map((id) => fuzzEngine(id, args, url, async () => launchEngine(id, await launchOptions(cfg)), log)),
    );
    process.stdout.write(`${runs.map((r) => formatRun(r, args)).join('\n\n')}\n`);
    if (runs.some((r) => r.harnessErrors.length)) return 3;
    return runs.some((r) => r.disagreements.length) ? 1 : 0;
  } finally {
    await server.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      if (e instanceof ConfigError) {
        process.stderr.write(`fuzz: ${e.message}\n`);
        process.exit(2);
      }
      process.stderr.write(`fuzz: harness error: ${(e as Error).message?.split('\n')[0]}\n`);
      process.exit(3);
    },
  );
}
