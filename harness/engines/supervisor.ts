// Keeps one engine running for a worker, as wptrunner keeps its browser: launched on first use, relaunched when it has
// died (a crash or a kill costs only the checks in flight), and given up on after a launch fails twice in a row, so a
// build that cannot start costs seconds and one line instead of a launch attempt per check.
import { EngineUnavailable, errorLine } from '../errors';
import type { Engine, EngineId } from '../types';

export class EngineSupervisor {
  private current: Promise<Engine> | null = null;
  private unavailable: EngineUnavailable | null = null;
  /** Launch time of the first successful launch, ms (the matrix header shows it). */
  launchMs: number | undefined;
  relaunches = 0;

  constructor(
    readonly id: EngineId,
    private readonly launch: () => Promise<Engine>,
  ) {}

  /** The running engine; launches (or relaunches a dead one) first. Throws EngineUnavailable once launching gave up. */
  async get(): Promise<Engine> {
    if (this.unavailable) throw this.unavailable;
    if (this.current) {
      const engine = await this.current.catch(() => null);
      if (engine?.alive()) return engine;
      if (engine) {
        this.relaunches++;
        await engine.close().catch(() => {});
      }
    }
    this.current = this.launchWithRetry();
    return this.current;
  }

  private async launchWithRetry(): Promise<Engine> {
    let last: unknown;
    for (let attempt = 0; attempt < 2; attempt++) {
      const t0 = Date.now();
      try {
        const engine = await this.launch();
        this.launchMs ??= Date.now() - t0;
        engine.info.launchMs = this.launchMs;
        return engine;
      } catch (e) {
        last = e;
      }
    }
    const line = errorLine(last);
    this.unavailable = new EngineUnavailable(line.startsWith(`${this.id}:`) ? line : `${this.id}: cannot launch: ${line}`);
    throw this.unavailable;
  }

  async close(): Promise<void> {
    const engine = await this.current?.catch(() => null);
    this.current = null;
    await engine?.close().catch(() => {});
  }
}
