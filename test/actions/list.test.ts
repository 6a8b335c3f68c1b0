// GIVEN releases in several namespaces WHEN listed with allNamespaces THEN one cluster-wide LIST
// finds their records (as `helm list -A` does), not a LIST per namespace.
import { it } from "node:test";
import assert from "node:assert/strict";
import { connect } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { webChart } from "./fixtures/charts.js";

const one = useTestNamespace("lsa");
const two = useTestNamespace("lsb");

/** A LIST of a core collection: `/api/v1/secrets?...`, `/api/v1/namespaces/x/secrets?...`, `/api/v1/namespaces`. */
const isList = (method: string, path: string) => method === "GET" && /^\/api\/v1\/(namespaces\/[^/?]+\/)?[a-z]+(\?|$)/.test(path);

it("GIVEN releases in two namespaces WHEN listed with allNamespaces THEN both appear, found with one LIST", async () => {
  const cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: one.name });
  await cluster.deploy(webChart, { release: "alpha" }, { wait: false });
  await cluster.deploy(webChart, { release: "alpha", values: { data: "b" } }, { wait: false });
  await cluster.deploy(webChart, { release: "beta", namespace: two.name }, { wait: false });
  const lists: string[] = [];
  const stop = cluster.config.transport!.observe((r) => {
    if (isList(r.method, r.path)) lists.push(r.path);
  });
  const all = await cluster.list({ allNamespaces: true });
  stop();
  const ours = all.filter((r) => r.namespace === one.name || r.namespace === two.name);
  assert.deepEqual(ours.map((r) => [r.namespace, r.name, r.revision, r.status]), [
    [one.name, "alpha", 2, "deployed"],
    [two.name, "beta", 1, "deployed"],
  ]);
  assert.deepEqual(lists.map((p) => p.split("?")[0]), ["/api/v1/secrets"]);
  assert.match(lists[0]!, /labelSelector=owner%3Dhelm/);
  // One namespace: its own LIST, as before.
  assert.deepEqual((await cluster.list({ namespace: two.name })).map((r) => r.name), ["beta"]);
  assert.deepEqual(await cluster.list({ allNamespaces: true, status: "failed" }).then((rs) => rs.filter((r) => r.namespace === one.name)), []);
});
