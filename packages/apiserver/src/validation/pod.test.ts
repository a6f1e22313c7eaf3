import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { invalidMessage } from "@kube-ts/core";
import type { KubeObject } from "../registry/resource.js";
import { formatFieldError } from "./core.js";
import { validatePod, validatePodUpdate } from "./pod.js";

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

function pod(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: "v1", kind: "Pod", metadata: { name: "x", namespace: "default" }, spec };
}

function web(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: "web", image: "nginx:1.27", ...extra };
}

const check = (spec: Record<string, unknown>) => validatePod(pod(spec)).map(formatFieldError);

describe("validatePod", () => {
  it("accepts a minimal pod and a defaulted one", () => {
    assert.deepEqual(check({ containers: [web()] }), []);
    assert.deepEqual(
      check({
        containers: [web({ ports: [{ containerPort: 80, protocol: "TCP" }], imagePullPolicy: "IfNotPresent", terminationMessagePolicy: "File" })],
        restartPolicy: "Always",
        dnsPolicy: "ClusterFirst",
        terminationGracePeriodSeconds: 30,
        securityContext: {},
        serviceAccountName: "default",
      }),
      [],
    );
  });

  it("requires containers and images, with upstream's message", () => {
    assert.deepEqual(check({}), ["spec.containers: Required value"]);
    assert.deepEqual(check({ containers: [] }), ["spec.containers: Required value"]);
    const errs = validatePod(pod({ containers: [{ name: "web" }] }));
    assert.equal(invalidMessage("Pod", "x", errs), 'Pod "x" is invalid: spec.containers[0].image: Required value');
  });

  it("checks container names: DNS label, unique", () => {
    assert.deepEqual(check({ containers: [web({ name: "Web" })] }), [`spec.containers[0].name: Invalid value: "Web": ${LABEL_MSG}`]);
    assert.deepEqual(check({ containers: [web(), web()] }), ['spec.containers[1].name: Duplicate value: "web"']);
    assert.deepEqual(check({ containers: [{ image: "x" }] }), ["spec.containers[0].name: Required value"]);
    assert.deepEqual(check({ containers: [web()], initContainers: [web({ restartPolicy: undefined })] }), [
      'spec.initContainers[0].name: Duplicate value: "web"',
    ]);
  });

  it("checks ports", () => {
    assert.deepEqual(
      check({
        containers: [
          web({
            ports: [
              { containerPort: 0 },
              { containerPort: 70000, hostPort: -1 },
              { containerPort: 80, protocol: "HTTP", name: "HTTP" },
              { containerPort: 81, name: "http" },
              { containerPort: 82, name: "http" },
            ],
          }),
        ],
      }),
      [
        "spec.containers[0].ports[0].containerPort: Required value",
        "spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
        "spec.containers[0].ports[1].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive",
        'spec.containers[0].ports[2].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.containers[0].ports[2].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
        'spec.containers[0].ports[2].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
        'spec.containers[0].ports[4].name: Duplicate value: "http"',
      ],
    );
  });

  it("checks host port conflicts across containers", () => {
    assert.deepEqual(
      check({ containers: [web({ ports: [{ containerPort: 80, hostPort: 8080 }] }), web({ name: "b", ports: [{ containerPort: 81, hostPort: 8080 }] })] }),
      ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'],
    );
  });

  it("checks pod-level enums in upstream's order", () => {
    assert.deepEqual(check({ containers: [web()], restartPolicy: "Sometimes" }), [
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ]);
    assert.deepEqual(check({ containers: [web()], dnsPolicy: "Google" }), [
      'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ]);
    assert.deepEqual(check({ containers: [web()], dnsPolicy: "None" }), ["spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None"]);
    assert.deepEqual(check({ containers: [web({ imagePullPolicy: "Sometimes" })] }), [
      'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    ]);
  });

  it("checks env names and sources", () => {
    assert.deepEqual(
      check({
        containers: [
          web({
            env: [
              { name: "", value: "x" },
              { name: "A=B" },
              { name: "OK", valueFrom: {} },
              { name: "FROM", value: "x", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
              { name: "BAD_PATH", valueFrom: { fieldRef: { fieldPath: "spec.foo" } } },
              { name: "has space.and-dash", valueFrom: { secretKeyRef: { name: "s", key: "k" } } },
            ],
          }),
        ],
      }),
      [
        "spec.containers[0].env[0].name: Required value",
        `spec.containers[0].env[1].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
        'spec.containers[0].env[2].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
        'spec.containers[0].env[3].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
        'spec.containers[0].env[4].valueFrom.fieldRef.fieldPath: Invalid value: "spec.foo": error converting fieldPath: field label not supported: spec.foo',
      ],
    );
    assert.deepEqual(check({ containers: [web({ env: [{ name: "P", valueFrom: { fieldRef: { fieldPath: "status.phase" } } }] })] }), [
      'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
    ]);
  });

  it("checks volumes and mounts", () => {
    assert.deepEqual(
      check({
        containers: [web({ volumeMounts: [{ name: "data", mountPath: "/data" }, { name: "cfg", mountPath: "/data" }, { name: "cfg" }] })],
        volumes: [{ name: "cfg", configMap: { name: "c" } }, { name: "cfg", emptyDir: {} }, { name: "nosrc" }, { name: "two", emptyDir: {}, secret: { secretName: "s" } }],
      }),
      [
        'spec.volumes[1].name: Duplicate value: "cfg"',
        "spec.volumes[2]: Required value: must specify a volume type",
        "spec.volumes[3].secret: Forbidden: may not specify more than 1 volume type",
        'spec.containers[0].volumeMounts[0].name: Not found: "data"',
        'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique',
        "spec.containers[0].volumeMounts[2].mountPath: Required value",
      ],
    );
    assert.deepEqual(check({ containers: [web()], volumes: [{ name: "s", secret: {} }, { name: "p", persistentVolumeClaim: {} }] }), [
      "spec.volumes[0].secret.secretName: Required value",
      "spec.volumes[1].persistentVolumeClaim.claimName: Required value",
    ]);
  });

  it("checks resources", () => {
    const res = (resources: Record<string, unknown>) => check({ containers: [web({ resources })] });
    assert.deepEqual(res({ requests: { cpu: "2" }, limits: { cpu: "1" } }), [
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ]);
    assert.deepEqual(res({ requests: { cpu: "0.5", memory: "1Gi" }, limits: { cpu: "250m", memory: "512Mi" } }), [
      'spec.containers[0].resources.requests: Invalid value: "500m": must be less than or equal to cpu limit of 250m',
      'spec.containers[0].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of 512Mi',
    ]);
    assert.deepEqual(res({ requests: { cpu: "100m", memory: 134217728 }, limits: { cpu: 1, memory: "128Mi" } }), []);
    assert.deepEqual(res({ limits: { memory: "-1" } }), [
      'spec.containers[0].resources.limits[memory]: Invalid value: "-1": must be greater than or equal to 0',
    ]);
    assert.deepEqual(res({ limits: { gpu: "1" } }), [
      'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
    ]);
    assert.deepEqual(res({ requests: { "nvidia.com/gpu": "1" } }), [
      "spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources",
    ]);
    assert.deepEqual(res({ requests: { "nvidia.com/gpu": "1" }, limits: { "nvidia.com/gpu": "2" } }), [
      'spec.containers[0].resources.requests: Invalid value: "1": must be equal to nvidia.com/gpu limit of 2',
    ]);
    assert.deepEqual(res({ limits: { "nvidia.com/gpu": "500m" } }), [
      'spec.containers[0].resources.limits[nvidia.com/gpu]: Invalid value: "500m": must be an integer',
    ]);
    assert.match(res({ limits: { cpu: "lots" } })[0], /^spec\.containers\[0\]\.resources\.limits\[cpu\]: Invalid value: "lots": quantities must match/);
  });

  it("checks probes and lifecycle handlers", () => {
    assert.deepEqual(
      check({
        containers: [
          web({
            livenessProbe: { periodSeconds: -1 },
            readinessProbe: { httpGet: { port: 0 } },
            startupProbe: { tcpSocket: { port: "http" }, successThreshold: 2 },
            lifecycle: { preStop: { exec: {} } },
          }),
        ],
      }),
      [
        "spec.containers[0].lifecycle.preStop.exec.command: Required value",
        "spec.containers[0].livenessProbe: Required value: must specify a handler type",
        "spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0",
        "spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive",
        "spec.containers[0].startupProbe.successThreshold: Invalid value: 2: must be 1",
      ],
    );
  });

  it("checks init containers and sidecars", () => {
    assert.deepEqual(
      check({
        containers: [web()],
        initContainers: [
          { name: "init", image: "busybox", restartPolicy: "OnFailure" },
          { name: "init2", image: "busybox", readinessProbe: { exec: { command: ["true"] } } },
          { name: "sidecar", image: "envoy", restartPolicy: "Always", readinessProbe: { exec: { command: ["true"] } } },
        ],
      }),
      [
        'spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
        "spec.initContainers[1].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always",
      ],
    );
    assert.deepEqual(check({ containers: [web({ restartPolicy: "Always" })] }), [
      "spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers",
    ]);
  });

  it("checks pod-only and create-only rules", () => {
    assert.deepEqual(check({ containers: [web({ image: " nginx" })] }), [
      'spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace',
    ]);
    assert.deepEqual(check({ containers: [web()], ephemeralContainers: [{ name: "debug", image: "busybox" }] }), [
      "spec.ephemeralContainers: Forbidden: cannot be set on create",
    ]);
    assert.deepEqual(check({ containers: [web({ ports: [{ containerPort: 80, hostPort: 81 }] })], hostNetwork: true }), [
      "spec.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when `hostNetwork` is true",
    ]);
    assert.deepEqual(check({ containers: [web()], activeDeadlineSeconds: 0, nodeName: "Node_1" }).length, 2);
  });

  it("checks tolerations", () => {
    assert.deepEqual(
      check({
        containers: [web()],
        tolerations: [
          { operator: "Equal", value: "x" },
          { key: "k", operator: "Exists", value: "v" },
          { key: "k", tolerationSeconds: 5, effect: "NoSchedule" },
          { key: "k", operator: "Maybe" },
        ],
      }),
      [
        'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
        "spec.tolerations[1].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
        "spec.tolerations[2].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
        'spec.tolerations[3].operator: Unsupported value: "Maybe": supported values: "Equal", "Exists"',
      ],
    );
  });
});

describe("validatePodUpdate", () => {
  const old = pod({ containers: [web({ ports: [{ containerPort: 80 }] })], tolerations: [{ key: "a", operator: "Exists" }], activeDeadlineSeconds: 100 });

  it("allows image, deadline and toleration changes", () => {
    const next = pod({
      containers: [web({ image: "nginx:1.28", ports: [{ containerPort: 80 }] })],
      tolerations: [{ key: "a", operator: "Exists" }, { key: "b", operator: "Exists" }],
      activeDeadlineSeconds: 50,
    });
    assert.deepEqual(validatePodUpdate(next, old), []);
    assert.deepEqual(validatePodUpdate(old, old), []);
  });

  it("forbids other spec changes with upstream's message", () => {
    const next = pod({ containers: [web({ ports: [{ containerPort: 8080 }] })], tolerations: [{ key: "a", operator: "Exists" }], activeDeadlineSeconds: 100 });
    const errs = validatePodUpdate(next, old);
    assert.equal(errs.length, 1);
    const msg = formatFieldError(errs[0]);
    assert.ok(
      msg.startsWith(
        "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n",
      ),
      msg,
    );
    assert.match(msg, /containers\[0\]\.ports\[0\]\.containerPort: 80\n\+ \tcontainers\[0\]\.ports\[0\]\.containerPort: 8080/);
  });

  it("forbids adding containers, raising the deadline, editing tolerations", () => {
    const added = pod({ containers: [web(), web({ name: "b" })], tolerations: [{ key: "a", operator: "Exists" }], activeDeadlineSeconds: 100 });
    assert.deepEqual(validatePodUpdate(added, old).map(formatFieldError), ["spec.containers: Forbidden: pod updates may not add or remove containers"]);
    const later = pod({ containers: [web({ ports: [{ containerPort: 80 }] })], tolerations: [{ key: "a", operator: "Exists" }], activeDeadlineSeconds: 200 });
    assert.deepEqual(validatePodUpdate(later, old).map(formatFieldError), [
      "spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value",
    ]);
    const edited = pod({ containers: [web({ ports: [{ containerPort: 80 }] })], tolerations: [{ key: "z", operator: "Exists" }], activeDeadlineSeconds: 100 });
    assert.deepEqual(validatePodUpdate(edited, old).map(formatFieldError), [
      "spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds",
    ]);
  });

  it("ignores differences that are only defaults", () => {
    const defaulted = pod({
      containers: [web({ ports: [{ containerPort: 80 }], resources: {} })],
      tolerations: [{ key: "a", operator: "Exists" }],
      activeDeadlineSeconds: 100,
      securityContext: {},
      volumes: [],
    });
    assert.deepEqual(validatePodUpdate(defaulted, old), []);
  });
});
