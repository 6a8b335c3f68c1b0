// GIVEN a script that calls every writing action (and writes through the client and the store) WHEN
// run as `berth plan` THEN each call returns what it would do or refuses with a typed error, and the
// connection sends zero mutating requests.
import { it } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import type { Cluster } from "../../src/index.js";
import { runScript } from "../../src/runner/run-script.js";
import { appChart } from "./fixtures/app.js";
import { useClusterFixture } from "../helpers/cluster-fixture.js";
import { isMutating } from "../helpers/mutations.js";

const script = fileURLToPath(new URL("./fixtures/every-write.ts", import.meta.url));
let ns: string;
let cluster: Cluster;

useClusterFixture("planmode", (f) => ({ ns, cluster } = f));

interface Probe {
  outcomes: { call: string; status?: string; code?: string; typed: boolean }[];
  sent: { method: string; path: string }[];
}

it("GIVEN a deployed release WHEN a plan-mode script calls every writing action THEN each plans or refuses and nothing is written", async () => {
  const release = "probe";
  await cluster.deploy(appChart, { release, values: { data: "one", password: "p" } });
  await cluster.deploy(appChart, { release, values: { data: "two", password: "p" } });
  const before = await cluster.history(release);
  const liveBefore = await cluster.config.kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns, name: `${release}-cfg` });
  process.env["BERTH_SCRIPT_NS"] = ns;
  process.env["BERTH_SCRIPT_RELEASE"] = release;
  const { results } = await runScript(script, { mode: "plan" });
  const probe = (globalThis as { __berthEveryWrite?: Probe }).__berthEveryWrite!;
  const byCall = Object.fromEntries(probe.outcomes.map((o) => [o.call, o]));
  for (const call of ["deploy", "applyPlan", "rollback"]) assert.equal(byCall[call]?.status, "planned", call);
  for (const call of ["test", "unlock", "uninstall", "kube.apply", "kube.create", "kube.update", "kube.delete", "store.delete"]) {
    assert.equal(byCall[call]?.code, "WriteRefused", call);
    assert.equal(byCall[call]?.typed, true, call);
  }
  assert.deepEqual(results.map((r) => r.status), ["planned", "planned", "planned"]);
  assert.ok(probe.sent.length > 0, "the spy saw the plans' reads");
  assert.deepEqual(probe.sent.filter(isMutating), []);
  assert.deepEqual(await cluster.history(release), before);
  const liveAfter = await cluster.config.kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns, name: `${release}-cfg` });
  assert.equal(liveAfter?.metadata["resourceVersion"], liveBefore?.metadata["resourceVersion"]);
});
