/**
 * Runs the backend conformance suite against {@link MemoryBackend}.
 * @module
 */

import { runBackendConformance } from "../conformance.js";
import { MemoryBackend } from "./backend.js";

runBackendConformance("memory", async () => new MemoryBackend());
