// GIVEN a release with test hooks WHEN `berth test` runs THEN it reports each test and exits 1 when one fails.
import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import { connect, defineChart, type Cluster } from "../../src/index.js";
import { FAILURE_ANNOTATIONS } from "../../src/local/stages.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { runBerth } from "../helpers/cli.js";

const ns = useTestNamespace("clitest");
let cluster: Cluster;

const testJob = (name: string, weight: number, fail: boolean) => ({
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name, annotations: { "helm.sh/hook": "test", "helm.sh/hook-weight": String(weight) } },
  spec: {
    backoffLimit: 0,
    template: {
      metadata: { annotations: fail ? { [FAILURE_ANNOTATIONS.fail]: "true" } : {} },
      spec: { restartPolicy: "Never", containers: [{ name: "main", image: "busybox:1.36", command: ["true"] }] },
    },
  },
});

const testedChart = defineChart<{ fail: boolean }>({
  name: "tested",
  version: "0.1.0",
  values: { fail: false },
  templates: {
    "configmap.yaml": ({ Release }) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `${Release.Name}-cfg` }, data: { a: "b" } }),
    "tests/smoke.yaml": ({ Release }) => testJob(`${Release.Name}-smoke`, 0, false),
    "tests/deep.yaml": ({ Release, Values }) => testJob(`${Release.Name}-deep`, 1, Values.fail),
  },
});

const berth = (...argv: string[]) => runBerth([...argv, "--kubeconfig", testKubeconfigPath(), "-n", ns.name]);

describe("berth test", () => {
  before(async () => {
    cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
    await cluster.deploy(testedChart, { release: "good" });
    await cluster.deploy(testedChart, { release: "bad", values: { fail: true } });
  });
  after(() => cluster?.close());

  it("GIVEN passing tests WHEN test runs THEN every test is listed Succeeded and it exits 0", async () => {
    const { code, stdout, stderr } = await berth("test", "good", "--timeout", "60s");
    assert.equal(code, 0, stderr);
    assert.match(stdout, /RESULT: passed/);
    assert.match(stdout, /\ngood-smoke +Job +Succeeded /);
    assert.match(stdout, /\ngood-deep +Job +Succeeded /);
  });

  it("GIVEN a failing test WHEN test runs THEN it is reported Failed and it exits 1", async () => {
    const { code, stdout } = await berth("test", "bad", "--timeout", "60s", "-o", "json");
    assert.equal(code, 1);
    const result = JSON.parse(stdout) as { passed: boolean; tests: Array<{ name: string; phase: string }>; failure?: string };
    assert.equal(result.passed, false);
    assert.deepEqual(result.tests.map((t) => [t.name, t.phase]), [["bad-smoke", "Succeeded"], ["bad-deep", "Failed"]]);
    assert.ok(result.failure);
  });

  it("GIVEN tests that ran WHEN the release is read THEN the deployed revision records each test's last run, like helm test", async () => {
    const phases = async (name: string) => (await cluster.get(name)).hooks.map((h) => [h.object.metadata.name, h.lastRun?.phase]);
    assert.deepEqual(Object.fromEntries(await phases("good")), { "good-smoke": "Succeeded", "good-deep": "Succeeded" });
    assert.deepEqual(Object.fromEntries(await phases("bad")), { "bad-smoke": "Succeeded", "bad-deep": "Failed" });
    const good = await cluster.get("good");
    assert.equal(good.status, "deployed");
    assert.equal(good.revision, 1);
    for (const hook of good.hooks) assert.ok(hook.lastRun?.startedAt && hook.lastRun.completedAt && hook.lastRun.startedAt <= hook.lastRun.completedAt);
    const { code, stdout } = await berth("get", "good", "hooks");
    assert.equal(code, 0);
    assert.match(stdout, /# Source: tested\/templates\/tests\/smoke.yaml\n# Last run: Succeeded \(started \S+, completed \S+\)\n/);
  });
});
