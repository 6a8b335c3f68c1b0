// GIVEN examples/ci/berth.yml WHEN its berth commands are run as the workflow runs them (plan on the pull
// request, deploy the saved plan on merge) against the real cluster THEN the Markdown plan is written, the
// saved plan deploys, and every flag the workflow uses is one the CLI accepts.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { parse } from "yaml";
import { parseCommandArgs } from "../../src/cli/command.js";
import { commands } from "../../src/cli/commands/index.js";
import type { Cluster } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { testCluster } from "./run-example.js";

const root = join(import.meta.dirname, "..", "..");
type Workflow = { jobs: Record<string, { steps: { run?: string }[] }> };

async function berthCommands(): Promise<string[][]> {
  const workflow = parse(await readFile(join(root, "examples/ci/berth.yml"), "utf8")) as Workflow;
  return Object.values(workflow.jobs)
    .flatMap((job) => job.steps.map((s) => s.run ?? ""))
    .flatMap((run) => run.split("\n").filter((line) => line.startsWith("npx berth ")))
    .map((line) => line.slice("npx berth ".length).split(" ").map((arg) => arg.replace(/^"(.*)"$/, "$1")));
}

describe("examples/ci", () => {
  const ns = useTestNamespace("ex-ci");
  let cluster: Cluster;
  before(async () => (cluster = await testCluster()));
  after(() => cluster.close());

  it("GIVEN the workflow WHEN its berth command lines are parsed by the CLI THEN plan and deploy --plan accept every flag", async () => {
    const lines = await berthCommands();
    assert.deepEqual(lines.map((l) => l[0]), ["plan", "deploy"]);
    for (const [name, ...args] of lines) parseCommandArgs(commands.find((c) => c.name === name)!, args);
  });

  it("GIVEN the quickstart script WHEN the workflow's plan then deploy --plan commands run THEN the plan is Markdown and the saved plan deploys revision 1", async () => {
    const dir = await mkdtemp(join(tmpdir(), "berth-ci-"));
    await writeFile(join(dir, "plan-key"), "a passphrase for the test");
    const env: Record<string, string | undefined> = { ...process.env, KUBECONFIG: testKubeconfigPath(), BERTH_NAMESPACE: ns.name, RUNNER_TEMP: dir };
    // a CI job checks once: no resident type checker left behind (test/cli/typecheck.test.ts covers it)
    env["BERTH_TYPECHECK_SERVER"] = "0";
    delete env["BERTH_CLUSTER"];
    const [plan, deploy] = (await berthCommands()).map((args) => args.map((a) => (a === "deploy.ts" ? join(root, "examples/quickstart/deploy.ts") : /^plan\.(md|json)$/.test(a) ? join(dir, a) : a.replace("$RUNNER_TEMP", dir))));
    const run = (args: string[]) => promisify(execFile)(process.execPath, [join(root, "bin/berth.js"), ...args], { cwd: root, env, timeout: 240_000 });
    await run(plan!);
    assert.match(await readFile(join(dir, "plan.md"), "utf8"), /ConfigMap/);
    await run(deploy!);
    assert.deepEqual((await cluster.history("hello", { namespace: ns.name })).map((r) => [r.revision, r.status]), [[1, "deployed"]]);
  });
});
