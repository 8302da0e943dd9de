// Progress while a run goes on: per engine, checks done of planned, and how many failed, were unsupported or errored.
// On a terminal one line is rewritten in place; in a log (CI) a plain line is printed every few seconds, and only when
// a count changed (and every 30 s regardless), so a stalled engine shows as a line that stops moving.
import type { Cell, EngineId } from '../types';

export interface EngineProgress {
  planned: number;
  done: number;
  fail: number;
  unsupported: number;
  error: number;
}

export function formatProgress(engines: Map<EngineId, EngineProgress>, elapsedMs: number): string {
  const parts = [...engines].map(([id, p]) => {
    const extra = [p.fail && `${p.fail} fail`, p.unsupported && `${p.unsupported} unsup`, p.error && `${p.error} error`].filter(Boolean);
    return `${id} ${p.done}/${p.planned}${extra.length ? ` (${extra.join(', ')})` : ''}`;
  });
  return `progress ${Math.round(elapsedMs / 1000)}s: ${parts.join(' | ')}`;
}

export class Progress {
  private engines = new Map<EngineId, EngineProgress>();
  private started = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private lastLine = '';
  private lastAt = 0;
  private readonly live: boolean;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly everyMs = Number(process.env.GUM_PROGRESS_MS ?? 5_000),
  ) {
    this.live = Boolean(out.isTTY) && !process.env.CI;
  }

  start(planned: Map<EngineId, number>): void {
    this.started = Date.now();
    for (const [id, n] of planned) this.engines.set(id, { planned: n, done: 0, fail: 0, unsupported: 0, error: 0 });
    if (!this.engines.size || !(this.everyMs > 0)) return;
    this.timer = setInterval(() => this.print(), this.live ? Math.min(this.everyMs, 1_000) : this.everyMs);
    this.timer.unref();
  }

  record(cell: Cell): void {
    const p = this.engines.get(cell.engine);
    if (!p) return;
    p.done++;
    if (cell.verdict === 'fail') p.fail++;
    else if (cell.verdict === 'unsupported') p.unsupported++;
    else if (cell.verdict === 'error') p.error++;
  }

  remaining(id: EngineId): number {
    const p = this.engines.get(id);
    return p ? p.planned - p.done : 0;
  }

  private print(): void {
    const line = formatProgress(this.engines, Date.now() - this.started);
    if (this.live) {
      this.out.write(`\r${line.slice(0, (this.out.columns || 120) - 1)}\u001b[K`);
      return;
    }
    // The elapsed time always changes: print when a count did, and every 30 s regardless, so a stall shows too.
    const counts = line.replace(/^progress \d+s: /, '');
    if (counts === this.lastLine && Date.now() - this.lastAt < 30_000) return;
    this.lastLine = counts;
    this.lastAt = Date.now();
    this.out.write(`${line}\n`);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.live && this.engines.size) this.out.write('\r\u001b[K');
  }
}
