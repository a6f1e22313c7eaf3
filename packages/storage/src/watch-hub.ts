/**
 * In-process watch fan-out shared by the SQLite and memory backends.
 *
 * A backend publishes each committed event synchronously, right after the
 * commit; the hub queues it on every matching watcher and delivers the queue
 * from a microtask. So the writer never runs listener code, events published
 * in the same tick reach a listener as one batch, and order is the publish
 * order (= revision order, since each backend commits serially).
 *
 * Starting a watch takes the replayed history as the watcher's initial
 * queue. The backend reads that history and calls {@link WatchHub.subscribe}
 * in the same synchronous step, so no commit can slip in between: no gap and
 * no duplicate between replay and live stream.
 * @module
 */

import type { Watch, WatchEvent, WatchListener } from "./backend.js";

/** One registered watch. */
class Watcher implements Watch {
  queue: WatchEvent[];
  closed = false;
  private scheduled = false;

  constructor(
    private readonly hub: WatchHub,
    readonly prefix: string,
    /** Only events above this revision are delivered (a watch may start in the future). */
    readonly after: number,
    readonly listener: WatchListener,
    backlog: WatchEvent[],
  ) {
    this.queue = backlog;
    if (backlog.length > 0) this.schedule();
  }

  push(event: WatchEvent): void {
    this.queue.push(event);
    this.schedule();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    this.hub.remove(this);
  }

  /** Ends the watch with `err` (delivered asynchronously, after nothing else). */
  fail(err: Error): void {
    if (this.closed) return;
    this.close();
    queueMicrotask(() => safeOnError(this.listener, err));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.closed || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    try {
      this.listener.onEvents(batch);
    } catch (err) {
      // A listener that throws is broken: end its watch (it learns why through
      // onError) rather than keep feeding it. Other watchers and the writer
      // never see the exception because each watcher flushes in its own microtask.
      this.fail(err instanceof Error ? err : new Error(String(err)));
    }
  }
}

/** Calls `onError`, swallowing what it throws: there is nobody left to tell. */
function safeOnError(listener: WatchListener, err: Error): void {
  try {
    listener.onError(err);
  } catch {
    // ignored on purpose, see above
  }
}

/** Fans committed events out to the watches of one backend. */
export class WatchHub {
  private readonly watchers = new Set<Watcher>();

  /** Number of open watches (for tests and metrics). */
  get size(): number {
    return this.watchers.size;
  }

  /**
   * Registers a watch of `prefix` for events above `afterRevision` whose
   * first events are `backlog` (the replayed history, in revision order).
   * Call it in the same synchronous step as the history read.
   */
  subscribe(prefix: string, afterRevision: number, backlog: WatchEvent[], listener: WatchListener): Watch {
    const watcher = new Watcher(this, prefix, afterRevision, listener, backlog);
    this.watchers.add(watcher);
    return watcher;
  }

  /** Returns an already-ended watch whose listener receives `err` asynchronously. */
  rejected(listener: WatchListener, err: Error): Watch {
    queueMicrotask(() => safeOnError(listener, err));
    return { close() {} };
  }

  /** Queues a committed event on every watch whose prefix covers its key. */
  publish(event: WatchEvent): void {
    const key = event.kv.key;
    const revision = event.kv.modRevision;
    for (const w of this.watchers) if (revision > w.after && key.startsWith(w.prefix)) w.push(event);
  }

  /** Ends every watch with `err` (used when the backend closes). */
  failAll(err: Error): void {
    for (const w of [...this.watchers]) w.fail(err);
  }

  /** @internal */
  remove(watcher: Watcher): void {
    this.watchers.delete(watcher);
  }
}
