// GIVEN a release deployed with the library WHEN the operations commands run in-process against the
// real control plane THEN they print its revisions, status, values and manifest, roll it back, test and uninstall it.
import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import { parse, parseAllDocuments } from "yaml";
import { connect, type Cluster } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { webChart } from "../actions/fixtures/charts.js";
import { runBerth } from "../helpers/cli.js";

const ns = useTestNamespace("cliops");
const SECRET = "s3cr3t-token-value";
let cluster: Cluster;

const berth = (...argv: string[]) => runBerth([...argv, "--kubeconfig", testKubeconfigPath(), "-n", ns.name]);

describe("berth operations commands", () => {
  before(async () => {
    cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
    await cluster.deploy(webChart, { release: "app", values: { data: SECRET } }, { wait: { timeout: "60s" } });
    await cluster.deploy(webChart, { release: "app", values: { data: SECRET, service: true, image: "nginx:1.27" } }, { wait: { timeout: "60s" } });
  });
  after(() => cluster?.close());

  it("GIVEN two revisions WHEN history runs THEN a table with both revisions is printed and no values", async () => {
    const { code, stdout } = await berth("history", "app");
    assert.equal(code, 0);
    const [header, ...rows] = stdout.trimEnd().split("\n");
    assert.match(header!, /^REVISION +UPDATED +STATUS +CHART +APP VERSION +DESCRIPTION$/);
    assert.equal(rows.length, 2);
    assert.match(rows[0]!, /^1 +\S+ +superseded +web-1\.0\.0 +1\.0 +Install complete$/);
    assert.match(rows[1]!, /^2 +\S+ +deployed +web-1\.0\.0/);
    assert.equal(header!.indexOf("STATUS"), rows[0]!.indexOf("superseded"), "columns are aligned");
    assert.ok(!stdout.includes(SECRET));
  });

  it("GIVEN two revisions WHEN history -o json runs THEN it prints an array in a fixed key order", async () => {
    const { code, stdout } = await berth("history", "app", "-o", "json");
    assert.equal(code, 0);
    const data = JSON.parse(stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(data.map((r) => [r["revision"], r["status"]]), [[1, "superseded"], [2, "deployed"]]);
    assert.deepEqual(Object.keys(data[0]!), ["revision", "updated", "status", "chart", "appVersion", "description"]);
    assert.deepEqual((await berth("history", "app", "--max", "1", "-o", "yaml")).stdout.match(/revision: \d/g), ["revision: 2"]);
  });

  it("GIVEN a deployed release WHEN status -o json runs THEN it has the status and object references, never values", async () => {
    const { code, stdout } = await berth("status", "app", "-o", "json");
    assert.equal(code, 0);
    const data = JSON.parse(stdout) as { name: string; revision: number; status: string; objects: Array<{ kind: string; name: string }> };
    assert.equal(data.name, "app");
    assert.equal(data.revision, 2);
    assert.equal(data.status, "deployed");
    assert.deepEqual(data.objects.map((o) => `${o.kind}/${o.name}`).sort(), ["ConfigMap/app-cfg", "Deployment/app", "Service/app-svc"]);
    assert.ok(!stdout.includes(SECRET));
    const table = await berth("status", "app");
    assert.match(table.stdout, /^NAME: app\n/);
    assert.match(table.stdout, /STATUS: deployed\n/);
    assert.match(table.stdout, /OBJECTS:\nKIND +NAMESPACE +NAME +API VERSION\n/);
    assert.ok(!table.stdout.includes(SECRET));
  });

  it("GIVEN a release WHEN list runs THEN it is listed with its latest revision; --status filters", async () => {
    const { code, stdout } = await berth("list");
    assert.equal(code, 0);
    assert.match(stdout, /^NAME +NAMESPACE +REVISION +UPDATED +STATUS +CHART +APP VERSION\n/);
    assert.match(stdout, new RegExp(`\\napp +${ns.name} +2 +\\S+ +deployed +web-1\\.0\\.0 +1\\.0\\n`));
    assert.deepEqual(JSON.parse((await berth("list", "--status", "failed", "-o", "json")).stdout), []);
    const all = JSON.parse((await berth("list", "-A", "-o", "json")).stdout) as Array<{ name: string; namespace: string }>;
    assert.ok(all.some((r) => r.name === "app" && r.namespace === ns.name));
    const bad = await berth("list", "--status", "happy");
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /Error \[UsageError\]/);
  });

  it("GIVEN a release WHEN get values runs THEN the user values are printed as given; --all adds the defaults", async () => {
    const yaml = await berth("get", "app", "values", "-o", "yaml");
    assert.equal(yaml.code, 0);
    assert.deepEqual(parse(yaml.stdout), { data: SECRET, service: true, image: "nginx:1.27" });
    const helmOrder = await berth("get", "values", "app", "--revision", "1", "-o", "json");
    assert.deepEqual(JSON.parse(helmOrder.stdout), { data: SECRET });
    const text = await berth("get", "app", "values", "--all");
    assert.match(text.stdout, /^COMPUTED VALUES:\n/);
    assert.match(text.stdout, /replicas: 1\n/);
  });

  it("GIVEN a release WHEN get manifest runs THEN the objects are printed as YAML documents with # Source comments", async () => {
    const { code, stdout } = await berth("get", "app", "manifest");
    assert.equal(code, 0);
    assert.deepEqual(stdout.match(/# Source: .*/g)?.sort(), ["# Source: web/templates/configmap.yaml", "# Source: web/templates/deployment.yaml", "# Source: web/templates/service.yaml"]);
    const kinds = parseAllDocuments(stdout).map((d) => (d.toJS() as { kind: string }).kind);
    assert.deepEqual(kinds, ["ConfigMap", "Service", "Deployment"]);
    assert.equal((await berth("get", "app", "notes")).code, 0);
    const all = JSON.parse((await berth("get", "app", "-o", "json")).stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(all).slice(0, 4), ["name", "namespace", "revision", "status"]);
  });

  it("GIVEN two revisions WHEN rollback to 1 runs with --wait THEN revision 3 is deployed with revision 1's objects", async () => {
    const { code, stdout, stderr } = await berth("rollback", "app", "1", "--wait", "--timeout", "60s");
    assert.equal(code, 0, stderr);
    assert.match(stdout, /revision 3/);
    assert.match(stderr, /delete Service\/app-svc/);
    const history = JSON.parse((await berth("history", "app", "-o", "json")).stdout) as Array<{ status: string; description: string }>;
    assert.deepEqual(history.map((h) => h.status), ["superseded", "superseded", "deployed"]);
    assert.equal(history[2]!.description, "Rollback to 1");
    assert.equal(await cluster.config.kube.get({ apiVersion: "v1", kind: "Service", namespace: ns.name, name: "app-svc" }), undefined);
  });

  it("GIVEN a release without test hooks WHEN test runs THEN it passes with no tests", async () => {
    const { code, stdout } = await berth("test", "app");
    assert.equal(code, 0);
    assert.match(stdout, /RESULT: no tests/);
    const json = JSON.parse((await berth("test", "app", "-o", "json")).stdout) as { passed: boolean; tests: unknown[] };
    assert.deepEqual([json.passed, json.tests], [true, []]);
  });

  it("GIVEN a deployed release WHEN unlock runs THEN nothing is pending and it exits 0", async () => {
    const { code, stdout } = await berth("unlock", "app");
    assert.equal(code, 0);
    assert.match(stdout, /not pending/);
  });

  it("GIVEN a release WHEN uninstall runs THEN its objects and records are gone", async () => {
    const { code, stdout, stderr } = await berth("uninstall", "app", "--timeout", "60s");
    assert.equal(code, 0, stderr);
    assert.match(stdout, /uninstalled/);
    assert.equal(await cluster.config.kube.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: ns.name, name: "app" }), undefined);
    assert.equal((await berth("list")).stdout, "NAME  NAMESPACE  REVISION  UPDATED  STATUS  CHART  APP VERSION\n");
  });

  for (const argv of [["history", "nope"], ["status", "nope"], ["get", "nope", "values"], ["rollback", "nope"], ["uninstall", "nope"], ["test", "nope"], ["unlock", "nope"]]) {
    it(`GIVEN an unknown release WHEN ${argv[0]} runs THEN it exits 1 with ReleaseNotFound`, async () => {
      const { code, stdout, stderr } = await berth(...argv);
      assert.equal(code, 1);
      assert.equal(stdout, "");
      assert.match(stderr, /^Error \[ReleaseNotFound\]: /);
    });
  }
});
