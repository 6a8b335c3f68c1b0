// Objects of a small web release for plan tests, and helpers to deploy them into the fake.
import { withOwnership } from "../../src/model/ownership.js";
import type { KubeObject } from "../../src/model/object.js";
import type { RenderedHook, RenderedObject } from "../../src/model/rendered.js";
import type { FakeKube } from "./fake-kube.js";

export const SECRET_PASSWORD = "hunter2-very-secret";
export const SECRET_TOKEN = "tok-9f8e7d6c5b4a";

/** What varies between versions of the web release. */
export interface WebOptions {
  readonly image?: string;
  readonly replicas?: number;
  readonly selector?: string;
  readonly password?: string;
  readonly withCache?: boolean;
  readonly keepCache?: boolean;
  readonly namespace?: string;
}

/** The web release's objects: ConfigMap, Secret, Service, Deployment, optionally a cache ConfigMap. */
export function webObjects(o: WebOptions = {}): RenderedObject[] {
  const ns = o.namespace ?? "prod";
  const labels = { app: o.selector ?? "api" };
  const objects: KubeObject[] = [
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: ns }, data: { LOG_LEVEL: "info", GREETING: "hello" } },
    {
      apiVersion: "v1", kind: "Secret", metadata: { name: "db", namespace: ns }, type: "Opaque",
      data: { password: Buffer.from(o.password ?? SECRET_PASSWORD).toString("base64") }, stringData: { token: SECRET_TOKEN },
    },
    { apiVersion: "v1", kind: "Service", metadata: { name: "api", namespace: ns }, spec: { selector: labels, ports: [{ port: 80, targetPort: 8080 }] } },
    {
      apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "api", namespace: ns },
      spec: {
        replicas: o.replicas ?? 2,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: "api", image: o.image ?? "registry.example/api:1.0.0", ports: [{ containerPort: 8080 }] }] } },
      },
    },
  ];
  if (o.withCache) {
    const annotations: Record<string, string> = o.keepCache ? { "helm.sh/resource-policy": "keep" } : {};
    objects.push({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cache", namespace: ns, annotations }, data: { size: "1Gi" } });
  }
  return objects.map((object) => ({ object, source: `web/templates/${object.kind.toLowerCase()}.yaml` }));
}

/** A migration Job hook on pre-install/pre-upgrade and a smoke Pod on post-install/post-upgrade. */
export function webHooks(ns = "prod"): RenderedHook[] {
  const job: KubeObject = { apiVersion: "batch/v1", kind: "Job", metadata: { name: "migrate", namespace: ns }, spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "m", image: "api:1" }] } } } };
  const seed: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "seed", namespace: ns } };
  const smoke: KubeObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "smoke", namespace: ns }, spec: { containers: [{ name: "s", image: "curl" }] } };
  return [
    { object: smoke, source: "web/templates/smoke.yaml", events: ["post-install", "post-upgrade"], weight: 0, deletePolicies: ["hook-succeeded"] },
    { object: job, source: "web/templates/migrate.yaml", events: ["pre-install", "pre-upgrade"], weight: 5, deletePolicies: ["before-hook-creation"] },
    { object: seed, source: "web/templates/seed.yaml", events: ["pre-install"], weight: -1, deletePolicies: ["before-hook-creation"] },
    { object: smoke, source: "web/templates/test.yaml", events: ["test"], weight: 0, deletePolicies: [] },
  ];
}

/** Applies objects for real (as a deploy would, with ownership metadata) and returns them as a revision record. */
export function deployInto(kube: FakeKube, objects: readonly RenderedObject[], revision: number, release = "web", namespace = "prod") {
  const stamped = objects.map((o) => withOwnership(o.object, release, namespace));
  for (const o of stamped) kube.seed(o);
  return { revision, objects: stamped, status: "deployed" };
}
