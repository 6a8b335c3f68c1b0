// berth plan / berth deploy type-check the script first; --no-typecheck skips it.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Cluster } from "../../src/index.js";
import { useClusterFixture } from "../helpers/cluster-fixture.js";
import { runBerth } from "../helpers/cli.js";
import { cacheDir } from "../../src/util/cache-dir.js";
import { stopTypecheckServer } from "../../src/runner/typecheck-client.js";

const wrong = fileURLToPath(new URL("../runner/fixtures/typed-wrong-value.ts", import.meta.url));
const right = fileURLToPath(new URL("../runner/fixtures/typed-right-value.ts", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));
let ns: string;
let cluster: Cluster;

useClusterFixture("clitypes", (f) => ({ ns, cluster } = f), { scriptNamespaceEnv: true });
// the CLI checks in a resident checker (runBerth's env is empty: the default cache folder); not left running
after(() => stopTypecheckServer(join(cacheDir({}), "typecheck")));

const run = (argv: string[]) => runBerth(argv, { cwd: root });

/** Nothing of the release exists: no revision record, no ConfigMap. */
async function assertNothingWritten(): Promise<void> {
  const records = await cluster.config.kube.list("v1", "Secret", { namespace: ns, labelSelector: "owner=helm" });
  assert.equal(records.items.length, 0);
  assert.equal(await cluster.config.kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns, name: "typed-replicas" }), undefined);
}

const TYPE_ERROR = /Error \[ScriptTypeError\]: deploy script test\/runner\/fixtures\/typed-wrong-value\.ts has 1 type error:\ntest\/runner\/fixtures\/typed-wrong-value\.ts:7:\d+: TS2322 /;

describe("berth plan type-checks the script", () => {
  it("GIVEN a wrong value type for a typed chart WHEN planned THEN it exits 1 with ScriptTypeError, runs nothing and writes nothing", async () => {
    const { code, stdout, stderr } = await run(["plan", wrong, "--out", "typecheck-plan.tmp.txt"]);
    assert.equal(code, 1);
    assert.match(stderr, TYPE_ERROR);
    assert.equal(stdout, "");
    assert.equal(existsSync(join(root, "typecheck-plan.tmp.txt")), false);
    await assertNothingWritten();
  });

  it("GIVEN the same script WHEN planned with --no-typecheck THEN it runs (plan mode writes nothing)", async () => {
    const { code, stdout, stderr } = await run(["plan", wrong, "--no-typecheck"]);
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /ScriptTypeError/);
    assert.match(stdout, /typed-replicas/);
    assert.match(stdout, /Total: 1 release, 1 with changes/);
    await assertNothingWritten();
  });

  it("GIVEN a right value WHEN planned THEN it type-checks and plans", async () => {
    const { code, stdout, stderr } = await run(["plan", right]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /typed-replicas/);
    await assertNothingWritten();
  });
});

describe("berth deploy type-checks the script", () => {
  it("GIVEN a wrong value type WHEN deployed with --yes THEN it exits 1 with ScriptTypeError and writes nothing", async () => {
    const { code, stdout, stderr } = await run(["deploy", wrong, "--yes"]);
    assert.equal(code, 1);
    assert.match(stderr, TYPE_ERROR);
    assert.equal(stdout, "");
    await assertNothingWritten();
  });

  for (const command of ["plan", "deploy"]) {
    it(`GIVEN ${command} --help THEN it documents the type check and --no-typecheck`, async () => {
      const { code, stdout } = await run([command, "--help"]);
      assert.equal(code, 0);
      assert.match(stdout, /--no-typecheck/);
      assert.match(stdout, /type-checked first/);
    });
  }
});
