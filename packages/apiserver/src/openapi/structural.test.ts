import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StructuralSchema } from "@kube-ts/core";
import { builtinDefinitions, REF_PREFIX } from "./definitions.js";
import { builtinGoTypeNames, createStructuralResolver, structuralSchemaFor } from "./structural.js";

/** The parts of core's structural module these tests use (typed locally: see loadDecoder). */
interface Decoder {
  decodeAgainstSchema(
    obj: unknown,
    schema: StructuralSchema,
    options: { unknownFields: "prune" | "report"; goTypeNames?: (s: StructuralSchema) => string | undefined; objectMeta?: StructuralSchema },
  ): { unknownFields: string[]; typeErrors: Array<{ path: string; expected: string; actual: string }> };
  decodeErrorMessage(kind: string, version: string, result: unknown, strict: boolean): string | undefined;
}

/** core's structural module: from the package index once it re-exports it, else from its build output. */
async function loadDecoder(): Promise<Decoder> {
  const core = (await import("@kube-ts/core")) as unknown as Partial<Decoder>;
  if (typeof core.decodeAgainstSchema === "function") return core as Decoder;
  return (await import(new URL("../../../core/dist/structural/index.js", import.meta.url).href)) as Decoder;
}

const POD = "io.k8s.api.core.v1.Pod";

describe("structuralSchemaFor", () => {
  it("resolves $refs into shared nodes and caches them", () => {
    const pod = structuralSchemaFor(POD)!;
    assert.equal(structuralSchemaFor(POD), pod);
    const spec = pod.properties!.spec;
    assert.equal(spec, structuralSchemaFor("io.k8s.api.core.v1.PodSpec"));
    assert.equal(spec.properties!.containers.items, structuralSchemaFor("io.k8s.api.core.v1.Container"));
    assert.equal(pod.properties!.metadata, structuralSchemaFor("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"));
    assert.equal(builtinGoTypeNames(spec), "v1.PodSpec");
    assert.equal(structuralSchemaFor("io.k8s.api.core.v1.Nope"), undefined);
  });

  it("keeps list and patch extensions, including those on $ref wrappers", () => {
    const containers = structuralSchemaFor("io.k8s.api.core.v1.PodSpec")!.properties!.containers;
    assert.equal(containers["x-kubernetes-patch-merge-key"], "name");
    assert.equal(containers["x-kubernetes-list-type"], "map");
    const strategy = structuralSchemaFor("io.k8s.api.apps.v1.DeploymentSpec")!.properties!.strategy;
    assert.equal(strategy["x-kubernetes-patch-strategy"], "retainKeys");
    assert.ok(strategy.properties?.rollingUpdate, "the wrapper copy keeps the referenced properties");
    assert.equal(builtinGoTypeNames(strategy), "v1.DeploymentStrategy");
  });

  it("rewrites IntOrString, Quantity and raw JSON holders, and drops built-in defaults", () => {
    const port = structuralSchemaFor("io.k8s.api.core.v1.ServicePort")!.properties!;
    assert.equal(port.targetPort["x-kubernetes-int-or-string"], true);
    assert.equal(port.port.default, undefined);
    const limits = structuralSchemaFor("io.k8s.api.core.v1.ResourceRequirements")!.properties!.limits;
    assert.deepEqual((limits.additionalProperties as StructuralSchema).anyOf, [{ type: "string" }, { type: "number" }]);
    const fieldsV1 = structuralSchemaFor("io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry")!.properties!.fieldsV1;
    assert.equal(fieldsV1["x-kubernetes-preserve-unknown-fields"], true);
    assert.equal(fieldsV1.type, undefined);
    assert.equal(structuralSchemaFor(POD)!.properties!.metadata.default, undefined);
  });

  it("handles the cyclic JSONSchemaProps graph", () => {
    const props = structuralSchemaFor("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps")!;
    assert.equal((props.properties!.properties.additionalProperties as StructuralSchema), props);
    assert.equal(props.properties!.not, props);
  });

  it("converts inline custom-resource schemas that $ref built-ins, keeping their defaults", () => {
    const resolve = createStructuralResolver((n) => builtinDefinitions().get(n), { keepDefaults: true });
    const s = resolve.convert({
      type: "object",
      properties: {
        metadata: { $ref: `${REF_PREFIX}io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta` },
        spec: { type: "object", properties: { replicas: { type: "integer", default: 1 } } },
      },
    });
    assert.equal(s.properties!.spec.properties!.replicas.default, 1);
    assert.ok(s.properties!.metadata.properties!.labels);
  });
});

describe("decoding built-in objects against their structural schema", () => {
  it("prunes unknown fields of a Pod and words type errors like upstream", async () => {
    const { decodeAgainstSchema, decodeErrorMessage } = await loadDecoder();
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web", labels: { app: "web" }, annotations: { a: "b" }, managedFields: [{ manager: "m", fieldsV1: { "f:spec": {} } }] },
      spec: {
        containerz: [],
        containers: [
          {
            name: "web",
            image: "nginx",
            imagee: "typo",
            ports: [{ containerPort: 80, protocol: "TCP" }],
            resources: { limits: { cpu: "500m", memory: 1073741824 } },
            livenessProbe: { httpGet: { path: "/", port: "http" } },
          },
        ],
      },
    };
    const r = decodeAgainstSchema(pod, structuralSchemaFor(POD)!, { unknownFields: "prune", goTypeNames: builtinGoTypeNames });
    assert.deepEqual(r.unknownFields, ["spec.containerz", "spec.containers[0].imagee"]);
    assert.deepEqual(r.typeErrors, []);
    assert.equal("containerz" in pod.spec, false);
    assert.equal("imagee" in pod.spec.containers[0], false);
    assert.deepEqual(pod.metadata.managedFields[0].fieldsV1, { "f:spec": {} });

    const bad = { apiVersion: "v1", kind: "Pod", spec: { containers: [{ name: "c", ports: [{ containerPort: "80" }] }] } };
    const e = decodeAgainstSchema(bad, structuralSchemaFor(POD)!, { unknownFields: "prune", goTypeNames: builtinGoTypeNames });
    assert.equal(
      decodeErrorMessage("Pod", "v1", e, true),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    );
  });

  it("accepts every kind of Secret data only as base64, and Deployment strategy with int-or-string", async () => {
    const { decodeAgainstSchema } = await loadDecoder();
    const secret = structuralSchemaFor("io.k8s.api.core.v1.Secret")!;
    assert.deepEqual(decodeAgainstSchema({ data: { a: "aGk=" }, stringData: { b: "plain" } }, secret, { unknownFields: "report" }).typeErrors, []);
    assert.equal(decodeAgainstSchema({ data: { a: "plain text" } }, secret, { unknownFields: "report" }).typeErrors[0].path, "data.a");
    const deployment = structuralSchemaFor("io.k8s.api.apps.v1.Deployment")!;
    const d = { spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 1 } }, template: { spec: { containers: [] } } } };
    assert.deepEqual(decodeAgainstSchema(d, deployment, { unknownFields: "report" }), { unknownFields: [], typeErrors: [] });
  });
});
