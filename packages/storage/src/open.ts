/**
 * Opens a storage backend from a URI such as `sqlite:///var/lib/kube-ts/state.db`,
 * `sqlite://data/state.db` (relative to the working directory) or `memory://`.
 * The scheme selects a driver from the {@link registerDriver} registry; the
 * built-in drivers are imported here for their registration side effect.
 * @module
 */

import type { Backend } from "./backend.js";
import "./memory/index.js";
import { getDriver, registeredSchemes } from "./registry.js";
import "./sqlite/index.js";

/**
 * Opens the backend named by `uri` (`<scheme>://<location>`).
 * @throws Error when the URI has no scheme or no driver is registered for it.
 */
export async function openBackend(uri: string): Promise<Backend> {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s.exec(uri);
  if (!match) {
    throw new Error(`invalid storage URI ${JSON.stringify(uri)}: expected <scheme>://..., e.g. sqlite:///path/state.db or memory://`);
  }
  const scheme = match[1].toLowerCase();
  const driver = getDriver(scheme);
  if (!driver) {
    throw new Error(`unknown storage scheme ${JSON.stringify(scheme)} in ${JSON.stringify(uri)} (supported: ${registeredSchemes().join(", ")})`);
  }
  return driver(match[2]);
}
