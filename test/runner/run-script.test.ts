// The script runner: a deploy script run in-process in plan or deploy mode, its errors located in the script.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Cluster } from "../../src/index.js";
import type { DeployEvent } from "../../src/apply/events.js";
import { runScript } from "../../src/runner/run-script.js";
import { ScriptFailed, ScriptNotFound } from "../../src/runner/errors.js";
import { useClusterFixture } from "../helpers/cluster-fixture.js";

const script = fileURLToPath(new URL("./fixtures/two-releases.ts", import.meta.url));
let ns: string;
let cluster: Cluster;
let dir: string;

useClusterFixture("runner", (f) => ({ ns, cluster, dir } = f), { tempDir: true, scriptNamespaceEnv: true });

async function failure(path: string): Promise<ScriptFailed> {
  const error = await runScript(path, { mode: "plan" }).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof ScriptFailed, `expected ScriptFailed, got ${String(error)}`);
  assert.equal(error.code, "ScriptFailed");
  return error;
}

describe("runScript", () => {
  it("GIVEN a script with two deploys WHEN run in plan mode THEN it returns two plans and writes nothing", async () => {
    const { results } = await runScript(script, { mode: "plan" });
    assert.deepEqual(results.map((r) => [r.release, r.status, r.revision]), [["one", "planned", null], ["two", "planned", null]]);
    for (const r of results) {
      assert.equal(r.plan.changes, true);
      assert.equal(r.plan.summary.create, 2);
      assert.equal(r.plan.payload.release?.chart.name, "app");
    }
    assert.deepEqual(await cluster.list(), []);
    const records = await cluster.config.kube.list("v1", "Secret", { namespace: ns, labelSelector: "owner=helm" });
    assert.equal(records.items.length, 0);
    assert.equal(await cluster.config.kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns, name: "one-cfg" }), undefined);
  });

  it("GIVEN the same script WHEN run twice in plan mode THEN each run evaluates it afresh", async () => {
    const first = await runScript(script, { mode: "plan" });
    const second = await runScript(script, { mode: "plan" });
    assert.equal(first.results.length, 2);
    assert.equal(second.results.length, 2);
  });

  it("GIVEN a script WHEN run in deploy mode with onEvent THEN it deploys and the runner receives the events", async () => {
    const events: DeployEvent[] = [];
    const { results } = await runScript(script, { mode: "deploy", onEvent: (e) => events.push(e) });
    assert.deepEqual(results.map((r) => [r.release, r.status, r.revision]), [["one", "deployed", 1], ["two", "deployed", 1]]);
    assert.deepEqual(events.filter((e) => e.type === "done").map((e) => (e as { release: string }).release), ["one", "two"]);
    assert.equal((await cluster.list()).length, 2);
  });

  it("GIVEN a script with a syntax error WHEN run THEN ScriptFailed names the script and the line", async () => {
    const path = join(dir, "syntax.mts");
    await writeFile(path, "const ok: number = 1;\nconst broken = {;\n");
    const error = await failure(path);
    assert.equal(error.script, path);
    assert.equal(error.location?.file, path);
    assert.equal(error.location?.line, 2);
  });

  it("GIVEN a script that throws WHEN run THEN ScriptFailed names the script and the line of the throw", async () => {
    const path = join(dir, "throws.mts");
    await writeFile(path, "const n: number = 1;\nfunction fail(): never {\n  throw new Error(`boom ${n}`);\n}\nfail();\n");
    const error = await failure(path);
    assert.equal(error.location?.file, path);
    assert.equal(error.location?.line, 3);
    assert.match(error.message, /throws\.mts:3/);
    assert.equal((error.cause as Error).message, "boom 1");
  });

  it("GIVEN a script whose deploy fails with a berth error WHEN run THEN ScriptFailed carries the cause's code", async () => {
    const path = join(dir, "bad-release.mts");
    const berth = new URL("../../src/index.ts", import.meta.url).href;
    await writeFile(path, `import { connect, defineChart } from ${JSON.stringify(berth)};\nconst c = await connect({ kubeconfigPath: process.env.BERTH_TEST_KUBECONFIG, namespace: process.env.BERTH_SCRIPT_NS });\nconst chart = defineChart({ name: "x", version: "1.0.0", values: {}, templates: {} });\ntry {\n  await c.deploy(chart, { release: "Not_A_Name" });\n} finally { c.close(); }\n`);
    const error = await failure(path);
    assert.equal(error.location?.line, 5);
    assert.ok(error.causeCode, "the cause is a berth error with a code");
  });

  it("GIVEN a missing script WHEN run THEN ScriptNotFound", async () => {
    await assert.rejects(runScript(join(dir, "nope.ts"), { mode: "plan" }), (e: unknown) => e instanceof ScriptNotFound && e.code === "ScriptNotFound");
  });
});
