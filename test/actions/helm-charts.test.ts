// GIVEN existing Helm charts (the shared corpus, ../shared/helm-charts beside the project, as in CI) and
// a real control plane WHEN deployed through cluster.deploy(await loadChart(dir)) THEN they install,
// upgrade, roll back, run their hooks and uninstall like any berth chart; lookup reads the cluster.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { connect, loadChart, template, type Cluster, type KubeObject } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";

const corpus = (path: string) => fileURLToPath(new URL(`../../../shared/helm-charts/corpus/${path}`, import.meta.url));
const fixture = (path: string) => fileURLToPath(new URL(`./fixtures/${path}`, import.meta.url));
const ns = useTestNamespace("helmcharts");
let cluster: Cluster;
const kube = () => cluster.config.kube;
const get = (apiVersion: string, kind: string, name: string) => kube().get({ apiVersion, kind, namespace: ns.name, name });
const spec = (o: KubeObject | undefined) => (o as any)?.spec;

after(() => cluster?.close());

describe("helm charts", () => {
before(async () => {
  cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
});

describe("podinfo (a Helm chart with test hooks)", () => {
  it("GIVEN podinfo WHEN installed, upgraded with changed values, tested, rolled back and uninstalled THEN each step does what helm's would", async () => {
    const podinfo = await loadChart(corpus("podinfo/podinfo"));
    assert.equal(podinfo.engine, "gotemplate");

    const installed = await cluster.deploy(podinfo, { release: "pi" }, { wait: { timeout: "2m" } });
    assert.deepEqual([installed.status, installed.revision], ["deployed", 1]);
    assert.match(installed.notes, /port-forward deploy\/pi-podinfo 8080:9898/);
    assert.equal(spec(await get("apps/v1", "Deployment", "pi-podinfo")).replicas, 1);
    assert.ok(await get("v1", "Service", "pi-podinfo"));
    const record = await cluster.get("pi");
    assert.equal(record.chart.name, "podinfo");
    assert.deepEqual([...new Set(record.hooks.map((h) => h.events.join(",")))], ["test"]);
    assert.equal(record.objects.find((o) => o.object.kind === "Deployment")?.object.metadata.labels?.["app.kubernetes.io/managed-by"], "Helm");

    const upgraded = await cluster.deploy(podinfo, { release: "pi", values: { replicaCount: 2, ui: { message: "from berth" } } }, { wait: { timeout: "2m" } });
    assert.deepEqual([upgraded.status, upgraded.revision], ["deployed", 2]);
    const deployment = await get("apps/v1", "Deployment", "pi-podinfo");
    assert.equal(spec(deployment).replicas, 2);
    const env = spec(deployment).template.spec.containers[0].env as { name: string; value: string }[];
    assert.equal(env.find((e) => e.name === "PODINFO_UI_MESSAGE")?.value, "from berth");

    const tested = await cluster.test("pi", { timeout: "2m" });
    assert.ok(tested.runs.length >= 3, `test hooks ran: ${tested.runs.map((r) => r.name).join(", ")}`);
    assert.ok(tested.runs.every((r) => r.phase === "Succeeded"), JSON.stringify(tested.runs));

    const rolledBack = await cluster.rollback("pi", { revision: 1, wait: { timeout: "2m" } });
    assert.deepEqual([rolledBack.status, rolledBack.revision], ["deployed", 3]);
    assert.equal(spec(await get("apps/v1", "Deployment", "pi-podinfo")).replicas, 1);

    await cluster.uninstall("pi");
    assert.equal(await get("apps/v1", "Deployment", "pi-podinfo"), undefined);
    assert.equal(await get("v1", "Service", "pi-podinfo"), undefined);
  });
});

describe("bitnami nginx (a Helm chart with the library chart common)", () => {
  it("GIVEN nginx WHEN installed, upgraded, rolled back and uninstalled THEN its objects follow", async () => {
    const nginx = await loadChart(corpus("bitnami/nginx"));
    // The test node has no ephemeral storage to give: no resource preset (bitnami asks for 50Mi).
    const values = { service: { type: "ClusterIP" }, resourcesPreset: "none" };
    const installed = await cluster.deploy(nginx, { release: "web", values }, { wait: { timeout: "2m" } });
    assert.deepEqual([installed.status, installed.revision], ["deployed", 1]);
    const kinds = installed.plan.actions.map((a) => `${a.ref.kind}/${a.ref.name}:${a.op}`).sort();
    for (const expected of ["Deployment/web-nginx:create", "Service/web-nginx:create", "ServiceAccount/web-nginx:create", "NetworkPolicy/web-nginx:create", "PodDisruptionBudget/web-nginx:create"]) {
      assert.ok(kinds.includes(expected), `${expected} in ${kinds.join(" ")}`);
    }
    assert.equal(spec(await get("v1", "Service", "web-nginx")).type, "ClusterIP");

    const upgraded = await cluster.deploy(nginx, { release: "web", values, set: ["replicaCount=2", "containerPorts.http=8081"] }, { wait: { timeout: "2m" } });
    assert.deepEqual([upgraded.status, upgraded.revision], ["deployed", 2]);
    const deployment = spec(await get("apps/v1", "Deployment", "web-nginx"));
    assert.equal(deployment.replicas, 2);
    assert.equal(deployment.template.spec.containers[0].ports[0].containerPort, 8081);
    assert.equal((await cluster.get("web")).config["replicaCount"], 2);

    const rolledBack = await cluster.rollback("web", { wait: { timeout: "2m" } });
    assert.deepEqual([rolledBack.status, rolledBack.revision], ["deployed", 3]);
    assert.equal(spec(await get("apps/v1", "Deployment", "web-nginx")).replicas, 1);

    await cluster.uninstall("web");
    assert.equal(await get("apps/v1", "Deployment", "web-nginx"), undefined);
    assert.deepEqual(await cluster.history("web").catch((e: { code?: string }) => e.code), "ReleaseNotFound");
  });
});

describe("lookup and hooks of a Helm chart", () => {
  it("GIVEN a Secret in the cluster WHEN a chart looks it up THEN deploy sees it, template sees empty maps, and the post-install hook runs", async () => {
    await kube().create({ apiVersion: "v1", kind: "Secret", metadata: { name: "source", namespace: ns.name }, data: { token: Buffer.from("t0k3n").toString("base64") } } as KubeObject);
    const chart = await loadChart(fixture("helm-lookup"));
    const offline = await template(chart, { release: "lk", namespace: ns.name, values: { greeting: "hi" } });
    assert.equal((offline.objects[0]!.object as any).data.token, "none");

    const result = await cluster.deploy(chart, { release: "lk", values: { greeting: "hi" } }, { wait: { timeout: "2m" } });
    assert.equal(result.status, "deployed");
    const cm = (await get("v1", "ConfigMap", "lk-looked-up")) as any;
    assert.deepEqual([cm.data.greeting, cm.data.token], ["hi", "t0k3n"]);
    assert.deepEqual(result.hooks.map((h) => [h.name, h.phase]), [["lk-post-install", "Succeeded"]]);
  });
});
});
