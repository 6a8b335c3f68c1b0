// GIVEN the stack example WHEN `berth plan` runs it twice against the same cluster THEN the output is
// byte-identical (text and markdown) and nothing is written.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, it } from "node:test";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { testCluster } from "./run-example.js";

const root = join(import.meta.dirname, "..", "..");

async function berthPlan(namespace: string, format: string): Promise<{ code: number; stdout: string }> {
  const env: Record<string, string | undefined> = { ...process.env, KUBECONFIG: testKubeconfigPath(), BERTH_NAMESPACE: namespace, APP_VERSION: "1.0.0" };
  // no resident type checker left behind by the test run (test/cli/typecheck.test.ts covers it)
  env["BERTH_TYPECHECK_SERVER"] = "0";
  delete env["BERTH_CLUSTER"];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, "bin", "berth.js"), "plan", "examples/stack/deploy.ts", "--format", format, "--detailed-exitcode"], { cwd: root, env, timeout: 240_000 });
    return { code: 0, stdout };
  } catch (e) {
    const { code, stdout, stderr } = e as { code?: number; stdout?: string; stderr?: string };
    if (code === 2) return { code, stdout: stdout ?? "" };
    throw new Error(`berth plan failed (${code}):\n${stdout ?? ""}${stderr ?? ""}`, { cause: e });
  }
}

describe("berth plan on examples/stack", () => {
  const ns = useTestNamespace("ex-plan");

  it("GIVEN an empty namespace WHEN the stack is planned twice THEN both runs print the same bytes, exit 2, and write nothing", async () => {
    for (const format of ["text", "markdown"]) {
      const first = await berthPlan(ns.name, format);
      const second = await berthPlan(ns.name, format);
      assert.equal(first.code, 2, "changes: exit 2 with --detailed-exitcode");
      assert.equal(first.stdout, second.stdout);
      assert.match(first.stdout, /StatefulSet/);
    }
    const cluster = await testCluster();
    const records = await cluster.config.kube.list("v1", "Secret", { namespace: ns.name, labelSelector: "owner=helm" });
    assert.equal(records.items.length, 0);
    cluster.close();
  });
});
