/**
 * File helpers for credentials: private directories, atomic writes with an
 * explicit mode, and "read if present".
 * @module
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Mode for private keys, tokens and kubeconfigs: owner read/write only. */
export const PRIVATE_FILE_MODE = 0o600;
/** Mode for certificates: public material, readable by all. */
export const PUBLIC_FILE_MODE = 0o644;
/** Mode for the directory holding keys. */
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Creates `dir` (and parents) and forces its mode. The explicit chmod is
 * needed because mkdir's mode is filtered by the umask and ignored when the
 * directory already exists with laxer permissions.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await chmod(dir, PRIVATE_DIR_MODE);
}

/**
 * Writes `data` to `path` atomically: a temp file in the same directory
 * (same filesystem, so rename is atomic), created with `mode` from the start
 * so secrets are never briefly world-readable, fsynced, then renamed over the
 * target. Readers see the old file or the new one, never a torn write.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode: number): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(tmp, "wx", mode);
  try {
    await handle.chmod(mode); // the open() mode is subject to the umask
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** The file's UTF-8 contents, or undefined when it does not exist. */
export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}
