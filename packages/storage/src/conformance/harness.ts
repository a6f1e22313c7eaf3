/**
 * Helpers of the backend conformance suite: opening a fresh backend per
 * test, recording a watch, and asserting named storage errors. Kept free of
 * backend specifics so that a remote backend (etcd) can reuse them.
 * @module
 */

import assert from "node:assert/strict";
import type { Backend, KeyValue, StorageError, WatchEvent } from "../backend.js";

/** Opens a fresh, empty backend; see `runBackendConformance`. */
export type OpenBackend = () => Promise<Backend>;

/** Runs `fn` against a freshly opened backend and closes it afterwards. */
export async function withBackend(open: OpenBackend, fn: (backend: Backend) => Promise<void>): Promise<void> {
  const backend = await open();
  try {
    await fn(backend);
  } finally {
    await backend.close();
  }
}

/** How long a test waits for watch events before failing. */
const WAIT_MS = 5_000;

/** Lets queued deliveries run: a few macrotask turns (enough for in-process and nearby backends). */
export function settle(ms = 50): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Records what one watch delivers. */
export class Recorder {
  readonly events: WatchEvent[] = [];
  readonly batches: number[] = [];
  readonly errors: Error[] = [];
  private wake: () => void = () => {};

  /** The listener to pass to `Backend.watch`. */
  readonly listener = {
    onEvents: (events: readonly WatchEvent[]) => {
      this.events.push(...events);
      this.batches.push(events.length);
      this.wake();
    },
    onError: (err: Error) => {
      this.errors.push(err);
      this.wake();
    },
  };

  /** Resolves once `done()` holds (checked after each delivery); fails after a timeout. */
  async until(done: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) {
        assert.fail(`timed out waiting for ${what}; got ${this.events.length} events (${this.summary().slice(-5).join(", ")}), errors: ${this.errors.map((e) => e.message).join("; ") || "none"}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Waits until at least `n` events arrived. */
  untilEvents(n: number): Promise<void> {
    return this.until(() => this.events.length >= n, `${n} events`);
  }

  /** Waits until an error arrived and returns it. */
  async untilError(): Promise<Error> {
    await this.until(() => this.errors.length > 0, "an error");
    return this.errors[0];
  }

  /** Events as `type key@rev` strings, for readable assertions. */
  summary(): string[] {
    return this.events.map((e) => `${e.type} ${e.kv.key}@${e.kv.modRevision}`);
  }

  /** Revisions of the events received. */
  revisions(): number[] {
    return this.events.map((e) => e.kv.modRevision);
  }
}

/** Starts a recorded watch. */
export function record(backend: Backend, prefix: string, afterRevision: number): Recorder & { close(): void } {
  const recorder = new Recorder();
  const watch = backend.watch(prefix, afterRevision, recorder.listener);
  return Object.assign(recorder, { close: () => watch.close() });
}

/** Asserts that `promise` rejects with an instance of `type` whose `code` is `code`; returns the error. */
export async function rejectsWith<E extends StorageError>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
  code: StorageError["code"],
): Promise<E> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof type, `expected ${type.name}, got ${String(err)}`);
    assert.equal(err.code, code);
    return err;
  }
  assert.fail(`expected ${type.name}, but the call succeeded`);
}

/** A kv without its revisions, for comparing content. */
export function content(kv: KeyValue | undefined): { key: string; value: string } | undefined {
  return kv && { key: kv.key, value: kv.value };
}

/** A realistic JSON value of about `size` bytes. */
export function jsonValue(name: string, size = 200): string {
  return JSON.stringify({ kind: "ConfigMap", metadata: { name }, data: { pad: "x".repeat(Math.max(0, size - 60)) } });
}

/** Asserts that `values` strictly increase. */
export function assertIncreasing(values: readonly number[], what: string): void {
  for (let i = 1; i < values.length; i++) {
    assert.ok(values[i] > values[i - 1], `${what} not strictly increasing at ${i}: ${values[i - 1]} then ${values[i]}`);
  }
}
