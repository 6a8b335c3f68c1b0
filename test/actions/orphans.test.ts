// GIVEN an upgrade that failed after creating an object WHEN the next deploy no longer has that object
// THEN it is pruned, not orphaned (the failed revision's objects count as the release's).
import { it } from "node:test";
import assert from "node:assert/strict";
import { connect } from "../../src/index.js";
import { FAILURE_ANNOTATIONS } from "../../src/local/stages.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { webChart } from "./fixtures/charts.js";

const ns = useTestNamespace("orphan");

it("GIVEN a failed upgrade that created a Service WHEN the previous values are deployed again THEN the Service is deleted", async () => {
  const cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
  const svc = () => cluster.config.kube.get({ apiVersion: "v1", kind: "Service", namespace: ns.name, name: "web-svc" });
  await cluster.deploy(webChart, { release: "web" }, { wait: { timeout: "90s" } });
  const broken = { service: true, podAnnotations: { [FAILURE_ANNOTATIONS.imagePullBackOff]: "true" } };
  await assert.rejects(cluster.deploy(webChart, { release: "web", values: broken }, { wait: { timeout: "90s" } }), { code: "OperationFailed" });
  assert.ok(await svc(), "the failed upgrade created the Service");
  const result = await cluster.deploy(webChart, { release: "web" }, { wait: { timeout: "90s" } });
  assert.equal(result.plan.actions.find((a) => a.ref.kind === "Service")?.op, "delete");
  assert.equal(await svc(), undefined);
  assert.deepEqual((await cluster.history("web")).map((h) => h.status), ["superseded", "failed", "deployed"]);
});

it("GIVEN a failed first install that created a Service WHEN installed again without it THEN the Service is deleted and it stays an install", async () => {
  const cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
  const svc = () => cluster.config.kube.get({ apiVersion: "v1", kind: "Service", namespace: ns.name, name: "fresh-svc" });
  const ran: string[] = [];
  const hooks = {
    preInstall: async () => void ran.push("pre-install"),
    postInstall: async () => void ran.push("post-install"),
    preUpgrade: async () => void ran.push("pre-upgrade"),
    postUpgrade: async () => void ran.push("post-upgrade"),
  };
  const broken = { service: true, podAnnotations: { [FAILURE_ANNOTATIONS.imagePullBackOff]: "true" } };
  await assert.rejects(cluster.deploy(webChart, { release: "fresh", values: broken }, { wait: { timeout: "30s" }, hooks }), { code: "OperationFailed" });
  assert.ok(await svc(), "the failed install created the Service");
  ran.length = 0;
  const result = await cluster.deploy(webChart, { release: "fresh" }, { wait: { timeout: "90s" }, hooks });
  assert.equal(result.plan.release.isInstall, true);
  assert.equal(result.plan.release.revision, null);
  assert.equal(result.plan.actions.find((a) => a.ref.kind === "Service")?.op, "delete");
  assert.deepEqual(ran, ["pre-install", "post-install"]);
  assert.equal(await svc(), undefined);
  assert.deepEqual((await cluster.history("fresh")).map((h) => h.status), ["failed", "deployed"]);
});
