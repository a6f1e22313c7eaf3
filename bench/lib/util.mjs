/**
 * Small helpers shared by bench suites: bounded phases, statistics, and
 * CPU accounting of the load generator.
 * @module
 */
import { setMaxListeners } from "node:events";

/** Milliseconds since the epoch with sub-millisecond resolution (Date.now() that is monotonic and finer). */
export const epochMs = () => performance.timeOrigin + performance.now();

/**
 * Runs `fn(signal)` as a named phase bounded by `timeoutMs`: on timeout the
 * signal aborts (so in-flight requests stop) and the phase rejects with a
 * message naming it, even if `fn` ignores the signal. `also` are promises
 * that fail the phase when they reject (e.g. "the server exited").
 */
export async function phase(name, timeoutMs, fn, also = []) {
  const ac = new AbortController();
  // Every in-flight request of the phase listens on this one signal.
  setMaxListeners(0, ac.signal);
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      const err = new Error(`${name}: did not finish within ${timeoutMs / 1000}s`);
      ac.abort(err);
      reject(err);
    }, timeoutMs);
  });
  try {
    return await Promise.race([fn(ac.signal), timeout, ...also]);
  } catch (err) {
    if (!ac.signal.aborted) ac.abort(err);
    const message = err?.message ?? String(err);
    throw new Error(message.startsWith(`${name}:`) ? message : `${name}: ${message}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

/** Median of a list of numbers. */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..1) of an already sorted array. */
export function percentileSorted(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1];
}

/** Rounds to `digits` decimals. */
export const round = (value, digits = 0) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** "10k" for 10000, "1.5k" for 1500, "800" for 800. */
export const countLabel = (n) => (n >= 1000 && n % 100 === 0 ? `${n / 1000}k` : String(n));

/** Measures wall time and this process's CPU time between start() and stop(). */
export function cpuMeter(serverCpuMs) {
  const wall0 = performance.now();
  const self0 = process.cpuUsage();
  const server0 = serverCpuMs();
  return () => {
    const wall = performance.now() - wall0;
    const self = process.cpuUsage(self0);
    return {
      wallMs: wall,
      /** Percent of one core. */
      loadgenCpu: ((self.user + self.system) / 1000 / wall) * 100,
      serverCpu: ((serverCpuMs() - server0) / wall) * 100,
    };
  };
}

/** Reads a positive integer from the environment (for quick smaller runs), or the default. */
export function envInt(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}
