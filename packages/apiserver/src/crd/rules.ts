// TEMPORARY until core/crd-schema lands
import { createStructuralResolver } from "../openapi/index.js";
import type { RulesFactory, VersionRules } from "./custom-resource.js";
const resolver = createStructuralResolver(() => undefined, { keepDefaults: true, builtinSpecials: false });
export const compileVersionRules: RulesFactory = (schema): VersionRules => ({
  structural: resolver.convert(schema as never),
  applyDefaults: () => {},
  validate: () => [],
});
