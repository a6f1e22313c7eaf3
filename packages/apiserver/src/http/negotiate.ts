/**
 * Content negotiation: which representation a client asked for in `Accept`
 * (plain JSON or YAML, a server-side Table, partial object metadata, or
 * aggregated discovery), and which body format it sent in `Content-Type`.
 * @module
 */
import { notAcceptable } from "../errors.js";

/** One media range of an Accept header, with its parameters. */
export interface MediaType {
  type: string;
  params: Record<string, string>;
}

/** The representation a response is rendered in. */
export type Representation =
  | { kind: "object"; format: "json" | "yaml" }
  | { kind: "table"; version: "v1" | "v1beta1"; format: "json" | "yaml" }
  | { kind: "metadata"; version: "v1" | "v1beta1"; format: "json" | "yaml" }
  | { kind: "discovery"; version: "v2" | "v2beta1" };

/** Parses an Accept or Content-Type value into media types, in the client's order. */
export function parseMediaTypes(header: string | undefined): MediaType[] {
  if (!header) return [];
  const result: MediaType[] = [];
  for (const range of header.split(",")) {
    const [rawType, ...rawParams] = range.split(";");
    const type = rawType.trim().toLowerCase();
    if (!type) continue;
    const params: Record<string, string> = {};
    for (const p of rawParams) {
      const eq = p.indexOf("=");
      if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"|"$/g, "");
    }
    if (params.q === "0") continue;
    result.push({ type, params });
  }
  return result;
}

function formatOf(type: string): "json" | "yaml" | undefined {
  if (type === "application/json" || type === "*/*" || type === "application/*") return "json";
  if (type === "application/yaml") return "yaml";
  return undefined;
}

/**
 * Picks the representation for a resource or discovery response.
 * `allowDiscovery` is true on /api and /apis (aggregated discovery);
 * `allowTable` on resource reads. Throws 406 when nothing offered fits.
 */
export function negotiate(
  accept: string | undefined,
  options: { allowTable?: boolean; allowDiscovery?: boolean },
): Representation {
  const types = parseMediaTypes(accept);
  if (types.length === 0) return { kind: "object", format: "json" };
  for (const { type, params } of types) {
    const format = formatOf(type);
    if (!format) continue;
    const as = params.as;
    if (!as) return { kind: "object", format };
    const group = params.g;
    const version = params.v;
    if (options.allowDiscovery && as === "APIGroupDiscoveryList" && group === "apidiscovery.k8s.io" && (version === "v2" || version === "v2beta1")) {
      return { kind: "discovery", version };
    }
    if (group !== "meta.k8s.io" || (version !== "v1" && version !== "v1beta1")) continue;
    if (as === "Table" && options.allowTable) return { kind: "table", version, format };
    if ((as === "PartialObjectMetadata" || as === "PartialObjectMetadataList") && options.allowTable) {
      return { kind: "metadata", version, format };
    }
  }
  throw notAcceptable(accept ?? "");
}

/** The Content-Type of the discovery answer: kubectl only trusts it when g, v and as echo the request. */
export function discoveryContentType(version: "v2" | "v2beta1"): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}
