// Keeps one ready-made session per key (Chromium: a permission profile; Firefox: a browser), prepared in the background
// while the current check runs: creating a context and its first page costs more than the check itself on Chromium and Firefox.
export class SparePool<T> {
  private readonly spares = new Map<string, Promise<T>>();
  private closed = false;
  constructor(
    private readonly make: (key: string) => Promise<T>,
    private readonly dispose: (item: T) => Promise<void>,
  ) {}

  /** The spare for key (or a new one). With refill, the next spare starts being made at once. */
  take(key: string, refill = true): Promise<T> {
    if (this.closed) return Promise.reject(new Error('harness: engine already closed'));
    const ready = this.spares.get(key) ?? this.make(key);
    this.spares.delete(key);
    if (refill) this.refill(key);
    return ready;
  }

  /** Starts making the spare for key, unless one exists. */
  refill(key: string): void {
    if (this.closed || this.spares.has(key)) return;
    const next = this.make(key);
    next.catch(() => {}); // a failed spare surfaces when taken
    this.spares.set(key, next);
  }

  /** Disposes of the spare for key, if one is made or being made (its browser is going). */
  drop(key: string): void {
    const spare = this.spares.get(key);
    this.spares.delete(key);
    void spare?.then(this.dispose, () => {}).catch(() => {});
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      [...this.spares.values()].map(async (p) => {
        try {
          await this.dispose(await p);
        } catch {
          // already gone with the browser
        }
      }),
    );
    this.spares.clear();
  }
}
