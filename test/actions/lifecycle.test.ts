// GIVEN a real control plane WHEN a release is installed, upgraded, rolled back and uninstalled THEN
// the cluster and the release history follow, in Helm's storage format.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, type Cluster } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { webChart } from "./fixtures/charts.js";

const ns = useTestNamespace("life");
let cluster: Cluster;
const kube = () => cluster.config.kube;
const get = (apiVersion: string, kind: string, name: string) => kube().get({ apiVersion, kind, namespace: ns.name, name });

describe("release lifecycle", () => {
  it("GIVEN a new release WHEN deployed THEN revision 1 is deployed and its objects carry Helm's ownership metadata", async () => {
    cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
    const result = await cluster.deploy(webChart, { release: "app" }, { wait: { timeout: "60s" } });
    assert.equal(result.revision, 1);
    assert.equal(result.status, "deployed");
    assert.equal(result.plan.summary.create, 2);
    const deployment = await get("apps/v1", "Deployment", "app");
    assert.equal(deployment?.metadata.annotations?.["meta.helm.sh/release-name"], "app");
    assert.equal(deployment?.metadata.annotations?.["meta.helm.sh/release-namespace"], ns.name);
    assert.equal(deployment?.metadata.labels?.["app.kubernetes.io/managed-by"], "Helm");
    assert.ok((deployment?.metadata["managedFields"] as Array<{ manager: string }>).some((f) => f.manager === "berth"));
    const secrets = await kube().list("v1", "Secret", { namespace: ns.name, labelSelector: "owner=helm,name=app" });
    assert.deepEqual(secrets.items.map((s) => s.metadata.name), ["sh.helm.release.v1.app.v1"]);
  });

  it("GIVEN the same chart and values WHEN deployed again THEN nothing is written and no revision is created", async () => {
    const result = await cluster.deploy(webChart, { release: "app" });
    assert.equal(result.status, "unchanged");
    assert.equal(result.revision, null);
    assert.equal((await cluster.history("app")).length, 1);
  });

  it("GIVEN a changed image, a removed ConfigMap and an added Service WHEN upgraded THEN the plan is applied and the ConfigMap pruned", async () => {
    const result = await cluster.deploy(webChart, { release: "app", values: { image: "nginx:1.27", config: false, service: true } }, { wait: true });
    assert.equal(result.revision, 2);
    const ops = Object.fromEntries(result.plan.actions.map((a) => [`${a.ref.kind}/${a.ref.name}`, a.op]));
    assert.deepEqual(ops, { "Deployment/app": "update", "ConfigMap/app-cfg": "delete", "Service/app-svc": "create" });
    const deployment = await get("apps/v1", "Deployment", "app");
    assert.equal((deployment as any).spec.template.spec.containers[0].image, "nginx:1.27");
    assert.equal(await get("v1", "ConfigMap", "app-cfg"), undefined);
    assert.ok(await get("v1", "Service", "app-svc"));
    const history = await cluster.history("app");
    assert.deepEqual(history.map((h) => [h.revision, h.status]), [[1, "superseded"], [2, "deployed"]]);
  });

  it("GIVEN two revisions WHEN rolled back to 1 THEN revision 3 restores revision 1's objects", async () => {
    const result = await cluster.rollback("app", { revision: 1, wait: true });
    assert.equal(result.revision, 3);
    const deployment = await get("apps/v1", "Deployment", "app");
    assert.equal((deployment as any).spec.template.spec.containers[0].image, "nginx:1.26");
    assert.ok(await get("v1", "ConfigMap", "app-cfg"));
    assert.equal(await get("v1", "Service", "app-svc"), undefined);
    const history = await cluster.history("app");
    assert.deepEqual(history.map((h) => [h.revision, h.status]), [[1, "superseded"], [2, "superseded"], [3, "deployed"]]);
    assert.equal(history[2]!.description, "Rollback to 1");
    const status = await cluster.status("app");
    assert.equal(status.revision, 3);
    const record = await cluster.get("app", { revision: 2 });
    assert.equal(record.config["image"], "nginx:1.27");
  });

  it("GIVEN a deployed release WHEN uninstalled THEN its objects and records are gone", async () => {
    const result = await cluster.uninstall("app");
    assert.deepEqual(result.deleted.map((r) => r.kind).sort(), ["ConfigMap", "Deployment"]);
    assert.equal(await get("apps/v1", "Deployment", "app"), undefined);
    assert.equal(await get("v1", "ConfigMap", "app-cfg"), undefined);
    const secrets = await kube().list("v1", "Secret", { namespace: ns.name, labelSelector: "owner=helm,name=app" });
    assert.equal(secrets.items.length, 0);
    await assert.rejects(cluster.status("app"), { code: "ReleaseNotFound" });
  });

  it("GIVEN a ConfigMap that belongs to no release WHEN a release would own it THEN OwnershipConflict and nothing is changed", async () => {
    await kube().apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "taken-cfg", namespace: ns.name }, data: { value: "mine" } }, { fieldManager: "someone" });
    await assert.rejects(cluster.deploy(webChart, { release: "taken" }), { code: "OwnershipConflict" });
    const cm = await get("v1", "ConfigMap", "taken-cfg");
    assert.deepEqual((cm as any).data, { value: "mine" });
    assert.equal(await get("apps/v1", "Deployment", "taken"), undefined);
    const secrets = await kube().list("v1", "Secret", { namespace: ns.name, labelSelector: "owner=helm,name=taken" });
    assert.equal(secrets.items.length, 0);
    const adopted = await cluster.deploy(webChart, { release: "taken" }, { adopt: true });
    assert.equal(adopted.status, "deployed");
    assert.equal((await get("v1", "ConfigMap", "taken-cfg") as any).data.value, "a");
  });

  it("GIVEN maxHistory 3 WHEN a release is deployed 5 times THEN only the last 3 revisions are kept", async () => {
    const small = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name, maxHistory: 3 });
    for (let i = 0; i < 5; i++) await small.deploy(webChart, { release: "trim", values: { data: `v${i}` } });
    const history = await small.history("trim");
    assert.deepEqual(history.map((h) => h.revision), [3, 4, 5]);
    assert.equal(history.at(-1)!.status, "deployed");
  });
});
