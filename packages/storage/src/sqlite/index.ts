/**
 * The `sqlite://` driver: registers {@link SqliteBackend} with the driver
 * registry on import. `sqlite:///abs/path.db` is an absolute path,
 * `sqlite://rel/path.db` one relative to the working directory. Options go
 * in the query: `?compactEveryMs=60000&retainRevisions=10000&synchronous=FULL`.
 * @module
 */

import { parseLocation, registerDriver } from "../registry.js";
import { SqliteBackend, type SqliteBackendOptions } from "./backend.js";

export {
  DEFAULT_COMPACT_EVERY_MS,
  DEFAULT_RETAIN_REVISIONS,
  SqliteBackend,
  type SqliteBackendOptions,
} from "./backend.js";
export type { Synchronous } from "./schema.js";

/** Parses the location part of a `sqlite://` URI into backend options. */
export function parseSqliteLocation(location: string): SqliteBackendOptions {
  const { path, params } = parseLocation(location);
  if (path === "") throw new Error("sqlite:// needs a file path, e.g. sqlite:///var/lib/kube-ts/state.db");
  const options: { -readonly [K in keyof SqliteBackendOptions]: SqliteBackendOptions[K] } = { path };
  for (const [name, value] of params) {
    if (name === "compactEveryMs" || name === "retainRevisions") {
      const n = Number(value);
      if (!Number.isSafeInteger(n) || n < 0) throw new Error(`sqlite:// option ${name} must be a non-negative integer, got ${JSON.stringify(value)}`);
      options[name] = n;
    } else if (name === "synchronous") {
      const mode = value.toUpperCase();
      if (mode !== "NORMAL" && mode !== "FULL") throw new Error(`sqlite:// option synchronous must be NORMAL or FULL, got ${JSON.stringify(value)}`);
      options.synchronous = mode;
    } else {
      throw new Error(`unknown sqlite:// option ${JSON.stringify(name)} (known: compactEveryMs, retainRevisions, synchronous)`);
    }
  }
  return options;
}

registerDriver("sqlite", async (location) => new SqliteBackend(parseSqliteLocation(location)));
