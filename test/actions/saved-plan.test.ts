// Saved plans on the real control plane: applied exactly when fresh, refused when stale, secrets kept out of sight.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPlans, savePlans, type Cluster } from "../../src/index.js";
import { appChart } from "../runner/fixtures/app.js";
import { testKubeconfigPath } from "../helpers/cluster.js";
import { useClusterFixture } from "../helpers/cluster-fixture.js";
import { runBerth } from "../helpers/cli.js";

const script = fileURLToPath(new URL("../runner/fixtures/two-releases.ts", import.meta.url));
let ns: string;
let cluster: Cluster;
let dir: string;
const KEY = "correct horse battery staple";
const SECRET = "pw-SAVED-NEVER-READABLE";

useClusterFixture("saved", (f) => ({ ns, cluster, dir } = f), { tempDir: true });

const getCm = (name: string) => cluster.config.kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns, name });

const cli = (argv: string[]) => runBerth(argv, { cwd: dir });

describe("saved plans", () => {
  it("GIVEN a fresh saved plan WHEN applied THEN the planned objects exist and the revision records the plan's values", async () => {
    const plan = await cluster.plan(appChart, { release: "web", values: { data: "saved", password: SECRET } });
    const file = join(dir, "web.plan.json");
    await savePlans([plan], file, { key: KEY });
    const [loaded] = await loadPlans(file, { key: KEY });
    const result = await cluster.applyPlan(loaded!);
    assert.equal(result.status, "deployed");
    assert.equal(result.revision, 1);
    assert.equal(((await getCm("web-cfg")) as unknown as { data: { value: string } }).data.value, "saved");
    const release = await cluster.get("web");
    assert.deepEqual(release.config, { data: "saved", password: SECRET });
    assert.equal(release.values["data"], "saved");
    assert.equal(release.chart.name, "app");
    assert.equal(release.notes, "app web deployed");
    assert.deepEqual(release.objects.map((o) => o.source).sort(), ["app/templates/configmap.yaml", "app/templates/secret.yaml"]);
  });

  it("GIVEN a saved plan WHEN an object it touches is edited before apply THEN PlanStale and nothing is written", async () => {
    const plan = await cluster.plan(appChart, { release: "web", values: { data: "next", password: SECRET } });
    const live = (await getCm("web-cfg"))!;
    await cluster.config.kube.update({ ...live, data: { value: "edited by hand" } });
    await assert.rejects(cluster.applyPlan(plan), (e: { code?: string }) => e.code === "PlanStale");
    assert.deepEqual((await cluster.history("web")).map((h) => h.revision), [1]);
    assert.equal(((await getCm("web-cfg")) as unknown as { data: { value: string } }).data.value, "edited by hand");
  });

  it("GIVEN a plan without its release draft WHEN applied THEN SavedPlanIncomplete", async () => {
    const plan = await cluster.plan(appChart, { release: "web", values: { data: "x", password: SECRET } });
    const { release: _draft, ...payload } = plan.payload;
    await assert.rejects(cluster.applyPlan({ ...plan, payload }), (e: { code?: string }) => e.code === "SavedPlanIncomplete");
  });

  it("GIVEN berth plan --save-plan with a key WHEN saved THEN the file is 0600, its readable part holds no secret, and berth deploy --plan applies it", async () => {
    process.env["BERTH_SCRIPT_NS"] = ns;
    process.env["BERTH_SCRIPT_PASSWORD"] = SECRET;
    await writeFile(join(dir, "key"), `${KEY}\n`);
    const planned = await cli(["plan", script, "--save-plan", "plans.json", "--plan-key-file", "key"]);
    assert.equal(planned.code, 0, planned.stderr);
    const file = join(dir, "plans.json");
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const text = await readFile(file, "utf8");
    assert.doesNotMatch(text, new RegExp(SECRET));
    assert.doesNotMatch(text, new RegExp(Buffer.from(SECRET).toString("base64")));
    assert.equal(JSON.parse(text).plans.length, 2);

    const refused = await cli(["deploy", "--plan", "plans.json", "--plan-key-file", "key", "--kubeconfig", testKubeconfigPath()]);
    assert.equal(refused.code, 1);
    const applied = await cli(["deploy", "--plan", "plans.json", "--plan-key-file", "key", "--yes", "--kubeconfig", testKubeconfigPath()]);
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(applied.stdout, new RegExp(`${ns}/one: deployed revision 1`));
    assert.match(applied.stdout, new RegExp(`${ns}/two: deployed revision 1`));
    assert.doesNotMatch(applied.stdout + applied.stderr, new RegExp(SECRET));
    assert.ok(await getCm("two-cfg"));

    const again = await cli(["deploy", "--plan", "plans.json", "--plan-key-file", "key", "--yes", "--kubeconfig", testKubeconfigPath()]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /PlanStale/);
  });

  it("GIVEN an encrypted saved plan WHEN loaded without the key or with a wrong one THEN PlanKeyRequired / PlanDecryptFailed", async () => {
    const file = join(dir, "plans.json");
    await assert.rejects(loadPlans(file), (e: { code?: string }) => e.code === "PlanKeyRequired");
    await assert.rejects(loadPlans(file, { key: "wrong" }), (e: { code?: string }) => e.code === "PlanDecryptFailed");
  });
});
