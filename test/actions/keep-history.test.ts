// GIVEN an uninstall with keepHistory WHEN it completes THEN the objects are gone, the records stay with
// the latest marked uninstalled, and the release can be installed again (next revision) or rolled back.
import { it } from "node:test";
import assert from "node:assert/strict";
import { connect } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { webChart } from "./fixtures/charts.js";

const ns = useTestNamespace("keep");

it("GIVEN a deployed release WHEN uninstalled with keepHistory THEN history stays, and a later deploy installs revision 2", async () => {
  const cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
  const deployment = () => cluster.config.kube.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: ns.name, name: "kept" });
  await cluster.deploy(webChart, { release: "kept" });
  const result = await cluster.uninstall("kept", { keepHistory: true });
  assert.equal(result.keptHistory, true);
  assert.equal(await deployment(), undefined);
  assert.deepEqual((await cluster.history("kept")).map((h) => [h.revision, h.status]), [[1, "uninstalled"]]);
  await assert.rejects(cluster.uninstall("kept"), { code: "ReleaseNotFound" });
  const again = await cluster.deploy(webChart, { release: "kept" });
  assert.equal(again.revision, 2);
  assert.equal(again.plan.release.isInstall, true);
  assert.ok(await deployment());
  assert.deepEqual((await cluster.history("kept")).map((h) => [h.revision, h.status]), [[1, "uninstalled"], [2, "deployed"]]);
});
