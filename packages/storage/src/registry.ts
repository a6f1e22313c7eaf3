/**
 * The driver registry: maps a URI scheme (`sqlite`, `memory`, later `etcd`)
 * to a function that opens a {@link Backend}. Each driver module registers
 * itself on import, so adding a backend never touches {@link openBackend}'s
 * dispatch code.
 * @module
 */

import type { Backend } from "./backend.js";

/**
 * Opens a backend from the part of a storage URI after `scheme://`
 * (e.g. `/var/lib/kube-ts/db.sqlite?retainRevisions=5000`).
 */
export type BackendDriver = (location: string) => Promise<Backend>;

const drivers = new Map<string, BackendDriver>();

/** Registers `driver` for `scheme` (lower case, without `://`); replaces an earlier one. */
export function registerDriver(scheme: string, driver: BackendDriver): void {
  if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) throw new Error(`invalid storage scheme: ${JSON.stringify(scheme)}`);
  drivers.set(scheme, driver);
}

/** The registered driver for `scheme`, if any. */
export function getDriver(scheme: string): BackendDriver | undefined {
  return drivers.get(scheme);
}

/** The registered schemes, sorted. */
export function registeredSchemes(): string[] {
  return [...drivers.keys()].sort();
}

/**
 * Splits `location` into a path and its `?name=value` options.
 * The path is percent-decoded, so `%3F` stands for a literal `?`.
 */
export function parseLocation(location: string): { path: string; params: URLSearchParams } {
  const q = location.indexOf("?");
  const rawPath = q < 0 ? location : location.slice(0, q);
  return { path: decodeURIComponent(rawPath), params: new URLSearchParams(q < 0 ? "" : location.slice(q + 1)) };
}
