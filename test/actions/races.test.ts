// GIVEN several clients (each its own connection and lock identity) deploying and uninstalling one
// release at once WHEN each round of concurrent operations settles THEN revisions are consecutive,
// exactly one is deployed (none after an uninstall), none is pending, and no live object lacks a record.
import { after, it } from "node:test";
import assert from "node:assert/strict";
import { BerthError, connect, type Cluster } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { seededRandom } from "../helpers/fault-proxy.js";
import { appChart } from "./fixtures/app-chart.js";
import { assertReleaseConsistent } from "./release-invariants.js";

const ns = useTestNamespace("races");
const CLIENTS = 4;
const ROUNDS = 8;
/** Errors a losing contender may get: someone else holds the lock, changed the release since the plan, or removed it. */
const LOSING = new Set(["ReleaseLocked", "PlanStale", "ReleaseNotFound"]);
const clients: Cluster[] = [];
after(() => clients.forEach((c) => c.close()));

it(`GIVEN ${CLIENTS} clients WHEN they deploy and uninstall one release concurrently for ${ROUNDS} rounds THEN the release stays consistent after every round`, async (t) => {
  for (let i = 0; i < CLIENTS; i++) clients.push(await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name, identity: `racer-${i}` }));
  const observer = clients[0]!;
  const rng = seededRandom(99);
  const tally: Record<string, number> = {};
  for (let round = 0; round < ROUNDS; round++) {
    const ops = clients.map((c, i) => {
      const uninstall = rng() < 0.35;
      const db = rng() < 0.5;
      return { what: uninstall ? `racer-${i} uninstall` : `racer-${i} deploy db=${db}`, run: () => (uninstall ? c.uninstall("contested", { timeout: "20s" }) : c.deploy(appChart, { release: "contested", values: { data: `r${round}c${i}`, db } })) };
    });
    const settled = await Promise.allSettled(ops.map((op) => op.run()));
    settled.forEach((s, i) => {
      const key = s.status === "fulfilled" ? `${ops[i]!.what.split(" ")[1]}:ok` : (s.reason as BerthError).code;
      tally[key] = (tally[key] ?? 0) + 1;
      if (s.status === "rejected") {
        assert.ok(s.reason instanceof BerthError, `round ${round} ${ops[i]!.what}: a typed error, got ${String(s.reason)}`);
        assert.ok(LOSING.has(s.reason.code), `round ${round} ${ops[i]!.what}: lost the race cleanly, got ${s.reason.code}: ${s.reason.message}`);
      }
    });
    await assertReleaseConsistent(observer, ns.name, "contested", `round ${round} (${ops.map((o) => o.what).join(", ")})`);
    const history = await observer.history("contested").catch(() => []);
    if (history.length > 0) assert.equal(history.filter((h) => h.status === "deployed").length, 1, `round ${round}: exactly one deployed revision while records exist`);
  }
  t.diagnostic(`outcomes ${JSON.stringify(tally)}`);
  assert.ok((tally["deploy:ok"] ?? 0) > 0 && (tally["ReleaseLocked"] ?? 0) + (tally["PlanStale"] ?? 0) > 0, "the operations did contend");
});
