/**
 * The work queue of the in-process controllers: keyed (a key queued twice
 * runs once), one item at a time, and items that report "not done yet" or
 * fail are retried after a delay, so a controller never stalls on one
 * object and never gives up on it.
 * @module
 */

/** One unit of work: resolves true when done, false to be retried later. */
export type Work = () => Promise<boolean>;

/** A deduplicating, retrying queue. */
export class WorkQueue {
  readonly #queue = new Map<string, Work>();
  #running = false;
  #stopped = false;
  #retry: NodeJS.Timeout | undefined;

  constructor(
    readonly options: { retryMs: number; log: (msg: string, err?: unknown) => void },
  ) {}

  /** Queues `work` under `key`, replacing work already queued under it. */
  add(key: string, work: Work): void {
    if (this.#stopped) return;
    this.#queue.set(key, work);
    if (!this.#running) void this.#drain();
  }

  /** Drops queued work and stops retrying. */
  stop(): void {
    this.#stopped = true;
    this.#queue.clear();
    clearTimeout(this.#retry);
  }

  async #drain(): Promise<void> {
    this.#running = true;
    const unfinished = new Map<string, Work>();
    while (this.#queue.size > 0 && !this.#stopped) {
      const [key, work] = this.#queue.entries().next().value as [string, Work];
      this.#queue.delete(key);
      try {
        if (!(await work())) unfinished.set(key, work);
      } catch (err) {
        this.options.log(`${key} failed; retrying`, err);
        unfinished.set(key, work);
      }
    }
    this.#running = false;
    if (unfinished.size > 0 && !this.#stopped) {
      clearTimeout(this.#retry);
      this.#retry = setTimeout(() => {
        for (const [key, work] of unfinished) if (!this.#queue.has(key)) this.add(key, work);
      }, this.options.retryMs);
      this.#retry.unref();
    }
  }
}
