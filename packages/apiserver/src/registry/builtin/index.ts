/**
 * Every built-in resource kube-ts serves.
 * @module
 */
import type { ResourceDefinition } from "../resource.js";
import { crdResource } from "../../crd/definition.js";
import { coreResources } from "./core.js";
import { groupResources } from "./groups.js";

/** All built-in resource definitions, core group first (discovery order). */
export const builtinResources: readonly ResourceDefinition[] = [...coreResources, ...groupResources, crdResource];
