// Which connections follow the script runner's mode: those a script makes (during its run, or in work it
// left running), read at each call; not those made outside any run.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { connect, WriteRefused, type Cluster, type DeployResult } from "../../src/index.js";
import { runScript } from "../../src/runner/run-script.js";
import { leaveRunMode } from "../../src/actions/run-mode.js";
import { testKubeconfigPath } from "../helpers/cluster.js";
import { useClusterFixture } from "../helpers/cluster-fixture.js";
import { appChart } from "./fixtures/app.js";

let ns: string;
let cluster: Cluster;
let dir: string;

useClusterFixture("runmode", (f) => ({ ns, cluster, dir } = f), { tempDir: true, scriptNamespaceEnv: true });

const app = new URL("./fixtures/app.ts", import.meta.url).href;

/** A script whose deploy runs after its top level has finished (an async main() not awaited). */
async function strayScript(release: string, marker: string): Promise<string> {
  const path = join(dir, `${release}.mts`);
  await writeFile(
    path,
    `import { appChart, connectForTest } from ${JSON.stringify(app)};
async function main(): Promise<void> {
  await new Promise((r) => setTimeout(r, 100));
  const cluster = await connectForTest();
  try {
    (globalThis as Record<string, unknown>)[${JSON.stringify(marker)}] = await cluster.deploy(appChart, { release: ${JSON.stringify(release)} });
  } catch (e) {
    (globalThis as Record<string, unknown>)[${JSON.stringify(marker)}] = e;
  } finally {
    cluster.close();
  }
}
void main();
`,
  );
  return path;
}

async function settled(marker: string): Promise<unknown> {
  const global = globalThis as Record<string, unknown>;
  for (let i = 0; i < 200 && global[marker] === undefined; i++) await new Promise((r) => setTimeout(r, 50));
  return global[marker];
}

describe("run mode", () => {
  it("GIVEN a plan-mode script that connects and deploys after its top level finished THEN that deploy only plans: nothing is written", async () => {
    const { results } = await runScript(await strayScript("stray", "__berthStray"), { mode: "plan" });
    assert.deepEqual(results, []);
    const outcome = (await settled("__berthStray")) as DeployResult;
    assert.equal(outcome.status, "planned", String(outcome));
    assert.deepEqual(await cluster.history("stray").catch(() => []), []);
    assert.equal(await cluster.config.kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns, name: "stray-cfg" }), undefined);
    await leaveRunMode();
  });

  it("GIVEN a cluster connected outside any run WHEN a plan-mode script has run THEN it still writes", async () => {
    await runScript(await strayScript("other", "__berthOther"), { mode: "plan" });
    await settled("__berthOther");
    const result = await cluster.deploy(appChart, { release: "outside" });
    assert.equal(result.status, "deployed");
    await leaveRunMode();
  });

  it("GIVEN a cluster a plan run connected WHEN a deploy run uses it THEN it deploys, and after leaveRunMode a new connection is outside", async () => {
    const path = join(dir, "shared.mts");
    // a package's cluster, made once per process and reused by every run
    await writeFile(
      path,
      `import { appChart, connectForTest } from ${JSON.stringify(app)};
const global = globalThis as { __berthShared?: Awaited<ReturnType<typeof connectForTest>> };
global.__berthShared ??= await connectForTest();
await global.__berthShared.deploy(appChart, { release: "shared" });
`,
    );
    const planned = await runScript(path, { mode: "plan" });
    assert.deepEqual(planned.results.map((r) => r.status), ["planned"]);
    const deployed = await runScript(path, { mode: "deploy" });
    assert.deepEqual(deployed.results.map((r) => [r.status, r.revision]), [["deployed", 1]]);
    (globalThis as { __berthShared?: Cluster }).__berthShared?.close();

    // still in the deploy run's mode, then outside any run
    const planRun = await runScript(await strayScript("late", "__berthLate"), { mode: "plan" });
    assert.deepEqual(planRun.results, []);
    await settled("__berthLate");
    const inPlan = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns });
    try {
      await assert.rejects(inPlan.uninstall("shared"), (e: unknown) => e instanceof WriteRefused);
      await leaveRunMode();
      const outside = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns });
      try {
        assert.equal((await outside.uninstall("shared")).release, "shared");
      } finally {
        outside.close();
      }
    } finally {
      inPlan.close();
    }
  });
});
