// berth plan / berth deploy on a deploy script, in-process through runCli with buffer IO.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { Cluster } from "../../src/index.js";
import { useClusterFixture } from "../helpers/cluster-fixture.js";
import { runBerth } from "../helpers/cli.js";

const script = fileURLToPath(new URL("../runner/fixtures/two-releases.ts", import.meta.url));
let ns: string;
let cluster: Cluster;

useClusterFixture("cliplan", (f) => ({ ns, cluster } = f), { scriptNamespaceEnv: true });
before(() => {
  process.env["BERTH_SCRIPT_PASSWORD"] = "pw-NEVER-PRINTED";
});

const run = (argv: string[], stdin?: { tty: boolean; input: string }) =>
  runBerth(argv, stdin ? { stdin: Object.assign(Readable.from([stdin.input]), { isTTY: stdin.tty }) } : {});

const records = async () => (await cluster.config.kube.list("v1", "Secret", { namespace: ns, labelSelector: "owner=helm" })).items.length;

describe("berth plan", () => {
  for (const format of ["text", "json", "markdown"]) {
    it(`GIVEN a script WHEN planned twice as ${format} THEN the output is byte-identical and holds no secret value`, async () => {
      const first = await run(["plan", script, "--format", format]);
      const second = await run(["plan", script, "--format", format]);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(first.stdout, second.stdout);
      assert.match(first.stdout, /one-cfg/);
      assert.match(first.stdout, /two-secret/);
      assert.doesNotMatch(first.stdout, /pw-NEVER-PRINTED/);
      assert.doesNotMatch(first.stdout, /\x1b\[/);
    });
  }

  it("GIVEN changes WHEN planned with --detailed-exitcode THEN it exits 2 and writes nothing", async () => {
    const { code, stdout } = await run(["plan", script, "--detailed-exitcode"]);
    assert.equal(code, 2);
    assert.match(stdout, /Total: 2 releases, 2 with changes/);
    assert.equal(await records(), 0);
  });

  it("GIVEN an unknown format WHEN planned THEN it exits 1 with UsageError", async () => {
    const { code, stderr } = await run(["plan", script, "--format", "yaml"]);
    assert.equal(code, 1);
    assert.match(stderr, /UsageError/);
  });
});

describe("berth deploy", () => {
  it("GIVEN no terminal and no --yes WHEN deploying THEN it refuses and writes nothing", async () => {
    const { code, stderr } = await run(["deploy", script], { tty: false, input: "yes\n" });
    assert.equal(code, 1);
    assert.match(stderr, /refusing/);
    assert.equal(await records(), 0);
  });

  it("GIVEN a terminal WHEN the user does not answer yes THEN nothing is written", async () => {
    const { code, stdout } = await run(["deploy", script], { tty: true, input: "no\n" });
    assert.equal(code, 1);
    assert.match(stdout, /Total: 2 releases/);
    assert.equal(await records(), 0);
  });

  it("GIVEN --yes WHEN deploying THEN both releases are deployed", async () => {
    const { code, stdout, stderr } = await run(["deploy", script, "--yes"]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, new RegExp(`${ns}/one: deployed revision 1`));
    assert.match(stdout, new RegExp(`${ns}/two: deployed revision 1`));
    assert.equal(await records(), 2);
  });

  it("GIVEN a deployed script WHEN planned with --detailed-exitcode THEN it exits 0 (no changes)", async () => {
    const { code, stdout } = await run(["plan", script, "--detailed-exitcode"]);
    assert.equal(code, 0);
    assert.match(stdout, /0 with changes/);
  });

  it("GIVEN a terminal and a change WHEN the user answers yes THEN the confirmed plan is deployed", async () => {
    process.env["BERTH_SCRIPT_DATA"] = "b";
    try {
      const { code, stdout, stderr } = await run(["deploy", script], { tty: true, input: "yes\n" });
      assert.equal(code, 0, stderr);
      assert.match(stdout, new RegExp(`${ns}/one: deployed revision 2`));
      assert.match(stdout, new RegExp(`${ns}/two: unchanged`));
    } finally {
      delete process.env["BERTH_SCRIPT_DATA"];
    }
  });
});
