// GIVEN the fault proxy injecting faults into 10% of API requests (429, 500, 503, resets before and
// after forwarding, latency) WHEN a release is deployed, upgraded and rolled back 30 times THEN every
// operation ends deployed (or unchanged) or with a typed BerthError, and after each one: no pending
// revision, never two deployed revisions, live objects equal to the deployed revision's.
import { after, before, it } from "node:test";
import assert from "node:assert/strict";
import { BerthError, connect, type Cluster } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { seededRandom, startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.js";
import { appChart } from "./fixtures/app-chart.js";
import { assertReleaseConsistent } from "./release-invariants.js";

const ns = useTestNamespace("faults");
const OPERATIONS = 30;
let proxy: FaultProxy;
let faulty: Cluster;
let observer: Cluster;

before(async () => {
  proxy = await startFaultProxy(testKubeconfigPath());
});
after(async () => {
  faulty?.close();
  observer?.close();
  await proxy.close();
});

it(`GIVEN 10% faults WHEN ${OPERATIONS} deploys, upgrades and rollbacks run THEN each ends deployed or with a typed error, and the release stays consistent`, async (t) => {
  faulty = await connect({ kubeconfig: proxy.kubeconfig, namespace: ns.name, identity: "faulty" });
  observer = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name, identity: "observer" });
  const rng = seededRandom(20261201);
  proxy.setRandom({
    rate: 0.1,
    seed: 7,
    faults: [
      { kind: "status", status: 429, retryAfter: 0 },
      { kind: "status", status: 500 },
      { kind: "status", status: 503 },
      { kind: "reset-before" },
      { kind: "reset-after" },
      { kind: "refuse" },
      { kind: "latency", ms: 150 },
    ],
  });
  const outcomes: Record<string, number> = {};
  let revisions = 0;
  for (let i = 0; i < OPERATIONS; i++) {
    const rollback = revisions >= 2 && rng() < 0.3;
    const values = { data: `v${i}`, db: rng() < 0.4, image: rng() < 0.5 ? "nginx:1.26" : "nginx:1.27" };
    const what = rollback ? "rollback" : `deploy ${JSON.stringify(values)}`;
    try {
      const result = rollback ? await faulty.rollback("flaky") : await faulty.deploy(appChart, { release: "flaky", values: { ...values } }, { atomic: true });
      assert.ok(result.status === "deployed" || result.status === "unchanged", `#${i} ${what}: ${result.status}`);
      outcomes[result.status] = (outcomes[result.status] ?? 0) + 1;
      revisions = Math.max(revisions, result.revision ?? 0);
    } catch (e) {
      assert.ok(e instanceof BerthError, `#${i} ${what}: a typed error, got ${String(e)}`);
      outcomes[e.code] = (outcomes[e.code] ?? 0) + 1;
      t.diagnostic(`#${i} ${what}: ${e.code}: ${e.message}`);
    }
    await assertReleaseConsistent(observer, ns.name, "flaky", `#${i} ${what}`);
  }
  t.diagnostic(`outcomes ${JSON.stringify(outcomes)}; faults ${JSON.stringify(proxy.counts.faults)}; requests ${proxy.log.length}, mutating ${proxy.counts.mutating}`);
  assert.ok(Object.values(proxy.counts.faults).reduce((a, b) => a + b, 0) > 20, "faults were injected");
  assert.ok((outcomes["deployed"] ?? 0) > OPERATIONS / 2, "most operations completed despite the faults");
});
