// The gjs child (driver.js) and its JSON-lines protocol: requests with ids and time limits, events, and the child's
// death failing every pending request with the tail of its stderr.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import type { LaunchOptions } from '../../types';

export const DRIVER_PATH = path.join(__dirname, 'driver.js');
export const COMMAND_TIMEOUT_MS = 30_000;

export interface WebKitLaunchOptions extends LaunchOptions {
  /** Per-command timeout, ms (default 30 s). */
  commandTimeoutMs?: number;
}

export interface Hello {
  webkitVersion: string;
  features: { asyncJs: boolean; captureState: boolean };
  userAgent: string;
  library: string | null;
  typelib: string | null;
  gjs: number;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

/** The gjs child and its JSON-lines protocol. */
export class Driver {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private stderrTail: string[] = [];
  private dead: Error | null = null;
  private readonly listeners = new Set<(event: Record<string, unknown>) => void>();
  readonly exited: Promise<void>;

  constructor(
    readonly child: ChildProcessWithoutNullStreams,
    private readonly timeoutMs: number,
  ) {
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        this.onLine(line);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => this.noteStderr(chunk));
    child.stdin.on('error', () => {}); // EPIPE when gjs is gone; reported through 'exit'.
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.fail(`webkit: gjs driver exited (${signal ?? `code ${code}`})${this.tail()}`);
        resolve();
      });
      child.once('error', (e) => {
        this.fail(`webkit: cannot run gjs: ${e.message}`);
        resolve();
      });
    });
  }

  private noteStderr(chunk: string): void {
    for (const line of chunk.split('\n')) if (line.trim()) this.stderrTail.push(line.trim());
    if (this.stderrTail.length > 20) this.stderrTail.splice(0, this.stderrTail.length - 20);
  }

  /** Last stderr lines, as one line. */
  tail(): string {
    const lines = this.stderrTail.slice(-3);
    return lines.length ? `: ${lines.join(' | ').slice(0, 600)}` : '';
  }

  private onLine(line: string): void {
    let msg: { id?: number; ok?: boolean; result?: unknown; error?: string; event?: string };
    try {
      msg = JSON.parse(line);
    } catch {
      this.noteStderr(line); // a library printed to stdout; keep it as a diagnostic
      return;
    }
    if (msg.event !== undefined) {
      for (const l of this.listeners) l(msg as Record<string, unknown>);
      return;
    }
    const p = msg.id !== undefined ? this.pending.get(msg.id) : undefined;
    if (!p) return;
    this.pending.delete(msg.id!);
    clearTimeout(p.timer);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new Error(`webkit: ${msg.error ?? 'unknown error'}`));
  }

  onEvent(listener: (event: Record<string, unknown>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fail(message: string): void {
    if (!this.dead) this.dead = new Error(message);
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(this.dead);
      this.pending.delete(id);
    }
  }

  get alive(): boolean {
    return !this.dead;
  }

  call<T>(cmd: string, params: Record<string, unknown> = {}, timeoutMs = this.timeoutMs): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`webkit: ${cmd} timed out after ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.child.stdin.write(`${JSON.stringify({ id, cmd, ...params })}\n`);
    });
  }

  /** Resolves on the driver's first line ({event:'ready'}) or rejects if it dies first. */
  ready(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const off = this.onEvent((e) => {
        if (e.event === 'ready') {
          off();
          clearTimeout(timer);
          resolve();
        }
      });
      const timer = setTimeout(
        () => reject(new Error(`webkit: gjs driver not ready after ${timeoutMs / 1000} s${this.tail()}`)),
        timeoutMs,
      );
      this.exited.then(() => {
        clearTimeout(timer);
        reject(this.dead ?? new Error('webkit: gjs driver exited'));
      });
    });
  }
}
