// GIVEN an invalid namespace WHEN an action runs THEN InvalidNamespace, before anything is read or written.
import { it } from "node:test";
import assert from "node:assert/strict";
import { connect } from "../../src/index.js";
import { testKubeconfigPath } from "../helpers/cluster.js";
import { webChart } from "./fixtures/charts.js";

it("GIVEN an empty or invalid namespace WHEN deploying THEN InvalidNamespace and nothing is written", async () => {
  const cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: "" });
  await assert.rejects(cluster.deploy(webChart, { release: "x" }), { code: "InvalidNamespace" });
  await assert.rejects(cluster.deploy(webChart, { release: "x", namespace: "Bad_NS" }), { code: "InvalidNamespace" });
  await assert.rejects(cluster.history("x", { namespace: "" }), { code: "InvalidNamespace" });
});
