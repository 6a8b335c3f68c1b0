// GIVEN a deploy script that deploys podinfo and bitnami nginx (Helm charts, Go templates) beside a
// TypeScript chart WHEN `berth plan` runs THEN the plan shows each chart with its name and version and
// every object it would create, and nothing is written.
import { it } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import type { Cluster } from "../../src/index.js";
import { useClusterFixture } from "../helpers/cluster-fixture.js";
import { runBerth } from "../helpers/cli.js";

const script = fileURLToPath(new URL("../runner/fixtures/helm-charts.ts", import.meta.url));
let ns: string;
let cluster: Cluster;

useClusterFixture("cliplanhelm", (f) => ({ ns, cluster } = f), { scriptNamespaceEnv: true });

it("GIVEN a script deploying podinfo, nginx and a TypeScript chart WHEN planned THEN each chart and its objects are shown and nothing is written", async () => {
  const { code, stdout, stderr } = await runBerth(["plan", script, "--format", "json", "--no-typecheck"]);
  assert.equal(code, 0, stderr);
  const plans = JSON.parse(stdout) as { releases?: unknown[] } | unknown[];
  const text = JSON.stringify(plans);
  for (const expected of ['"podinfo"', '"nginx"', '"app"', "pi-podinfo", "web-nginx", "app-cfg"]) assert.ok(text.includes(expected), `${expected} in the plan`);
  const human = await runBerth(["plan", script, "--no-typecheck"]);
  assert.equal(human.code, 0, human.stderr);
  for (const line of [/^Chart podinfo \d+\.\d+\.\d+$/m, /^Chart nginx \d+\.\d+\.\d+$/m, /^\+ apps\/v1 Deployment \S+\/pi-podinfo$/m, /^\+ apps\/v1 Deployment \S+\/web-nginx$/m, /^\+ v1 Secret \S+\/web-nginx-tls$/m, /Total: 3 releases, 3 with changes/]) {
    assert.ok(line.test(human.stdout), `${line} in the plan`);
  }
  // the TLS material nginx generates is sensitive: never printed
  assert.ok(!/BEGIN (RSA )?PRIVATE KEY|tls\.key: [A-Za-z0-9+/]{20}/.test(human.stdout), "no key material in the plan");
  const records = await cluster.config.kube.list("v1", "Secret", { namespace: ns, labelSelector: "owner=helm" });
  assert.equal(records.items.length, 0);
  assert.equal(await cluster.config.kube.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: ns, name: "pi-podinfo" }), undefined);
});
