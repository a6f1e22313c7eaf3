/**
 * Small helpers shared by bench suites: bounded phases, statistics, and
 * CPU accounting of the load generator.
 * @module
 */
import { setMaxListeners } from "node:events";
import { readFileSync } from "node:fs";

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

/** Busy CPU time of the whole machine so far in ms (Linux /proc/stat; 0 elsewhere). */
function machineBusyMs() {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0];
    // cpu user nice system idle iowait irq softirq steal ...
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return ((user + nice + system + irq + softirq + (steal || 0)) * 1000) / 100;
  } catch {
    return 0;
  }
}

/**
 * Measures wall time and CPU between creation and the call of the returned
 * function: this process (the load generator), the server process, and every
 * other process on the machine (noise: other work competing for the cores).
 * CPU figures are percent of one core.
 */
export function cpuMeter(serverCpuMs) {
  const wall0 = performance.now();
  const self0 = process.cpuUsage();
  const server0 = serverCpuMs();
  const machine0 = machineBusyMs();
  return () => {
    const wall = performance.now() - wall0;
    const self = process.cpuUsage(self0);
    const selfMs = (self.user + self.system) / 1000;
    const serverMs = serverCpuMs() - server0;
    const otherMs = Math.max(0, machineBusyMs() - machine0 - selfMs - serverMs);
    return {
      wallMs: wall,
      loadgenCpu: (selfMs / wall) * 100,
      serverCpu: (serverMs / wall) * 100,
      otherCpu: (otherMs / wall) * 100,
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
