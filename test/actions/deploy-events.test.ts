// GIVEN a real control plane WHEN deploying with `berth.dev/depends-on` and `onEvent` THEN objects wait
// for their dependencies to be ready, a missing dependency writes nothing, and every step is reported.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, type Cluster, type DeployEvent } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { appChart, knobs } from "./fixtures/app-chart.js";

const ns = useTestNamespace("devents");
let cluster: Cluster;
const kube = () => cluster.config.kube;
const get = (apiVersion: string, kind: string, name: string) => kube().get({ apiVersion, kind, namespace: ns.name, name });
const indexOf = (events: DeployEvent[], match: (e: DeployEvent) => boolean) => events.findIndex(match);

describe("depends-on", () => {
  it("GIVEN a Deployment that depends on StatefulSet/db WHEN installed THEN it is applied only after the StatefulSet is ready", async () => {
    cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
    const events: DeployEvent[] = [];
    const result = await cluster.deploy(appChart, { release: "dep", values: { db: true, dependsOn: "StatefulSet/db" } }, { onEvent: (e) => events.push(e) });
    assert.equal(result.status, "deployed");
    const dbReady = indexOf(events, (e) => e.type === "object-ready" && e.object.kind === "StatefulSet" && e.object.name === "db");
    const appApplied = indexOf(events, (e) => e.type === "object-applied" && e.object.kind === "Deployment");
    const dbApplied = indexOf(events, (e) => e.type === "object-applied" && e.object.kind === "StatefulSet");
    assert.ok(dbApplied >= 0 && dbReady > dbApplied, "the StatefulSet was applied and waited for");
    assert.ok(appApplied > dbReady, "the Deployment (an earlier kind) was applied after the StatefulSet was ready");
    const [db, app] = await Promise.all([get("apps/v1", "StatefulSet", "db"), get("apps/v1", "Deployment", "dep")]);
    assert.ok(Date.parse(app!.metadata.creationTimestamp as string) >= Date.parse(db!.metadata.creationTimestamp as string));
    assert.ok((db as any).status.readyReplicas >= 1);
  });

  it("GIVEN a depends-on naming an object the release lacks WHEN planned or deployed THEN DependencyInvalid and nothing is written", async () => {
    await assert.rejects(cluster.plan(appChart, { release: "nodep", values: { dependsOn: "StatefulSet/missing" } }), { code: "DependencyInvalid" });
    await assert.rejects(cluster.deploy(appChart, { release: "nodep", values: { dependsOn: "StatefulSet/missing" } }), { code: "DependencyInvalid" });
    assert.equal(await get("apps/v1", "Deployment", "nodep"), undefined);
    assert.equal(await get("v1", "ConfigMap", "nodep-cfg"), undefined);
    const records = await kube().list("v1", "Secret", { namespace: ns.name, labelSelector: "owner=helm,name=nodep" });
    assert.equal(records.items.length, 0);
  });
});

describe("deploy events", () => {
  it("GIVEN hooks and wait WHEN deployed THEN onEvent sees the plan, the pending revision, applies, readiness, hooks and done, in order", async () => {
    const events: DeployEvent[] = [];
    const hooks = [{ name: "init", events: "pre-install" }];
    const result = await cluster.deploy(appChart, { release: "ev", values: { hooks } }, { wait: { timeout: "120s" }, onEvent: (e) => events.push(e), hooks: { postInstall: async () => undefined } });
    const types = events.map((e) => e.type);
    const first = (type: DeployEvent["type"]) => types.indexOf(type);
    for (const type of ["plan-computed", "revision-pending", "hook-started", "hook-finished", "object-applied", "object-waiting", "object-ready", "done"] as const) {
      assert.ok(first(type) >= 0, `event ${type} seen: ${types.join(",")}`);
    }
    assert.equal(first("plan-computed"), 0);
    assert.ok(first("revision-pending") < first("hook-started"));
    assert.ok(first("hook-finished") < first("object-applied"), "pre-install hook before the objects");
    const deploymentReady = indexOf(events, (e) => e.type === "object-ready" && e.object.kind === "Deployment");
    assert.ok(first("object-applied") < deploymentReady, "the Deployment is waited for after the applies");
    const postHook = indexOf(events, (e) => e.type === "hook-started" && e.event === "post-install");
    assert.ok(postHook > deploymentReady, "post-install hooks after readiness");
    assert.equal(types.at(-1), "done");
    const done = events.at(-1)!;
    assert.ok(done.type === "done" && done.revision === result.revision && done.status === "deployed");
    const applied = events.flatMap((e) => (e.type === "object-applied" ? [`${e.object.kind}/${e.object.name}:${e.op}`] : []));
    assert.deepEqual(applied.sort(), ["ConfigMap/ev-cfg:create", "Deployment/ev:create"]);
  });

  it("GIVEN an atomic deploy that fails WHEN recovered THEN rollback-started is emitted before the final done", async () => {
    await cluster.deploy(appChart, { release: "evatom" }, { wait: { timeout: "120s" } });
    const events: DeployEvent[] = [];
    await assert.rejects(
      cluster.deploy(appChart, { release: "evatom", values: { podAnnotations: knobs.imagePullBackOff } }, { atomic: true, wait: { timeout: "120s" }, onEvent: (e) => events.push(e) }),
      { code: "OperationFailed" },
    );
    const started = events.find((e) => e.type === "rollback-started");
    assert.ok(started?.type === "rollback-started" && started.toRevision === 1 && started.reason.length > 0);
    const rolledBack = events.filter((e) => e.type === "done");
    assert.ok(rolledBack.some((e) => e.type === "done" && e.status === "deployed" && e.revision === 3), "the rollback's done");
  });
});
