/**
 * The `memory://` driver: registers {@link MemoryBackend} with the driver
 * registry on import. The location part of the URI is ignored.
 * @module
 */

import { registerDriver } from "../registry.js";
import { MemoryBackend } from "./backend.js";

export { MemoryBackend } from "./backend.js";

registerDriver("memory", async () => new MemoryBackend());
