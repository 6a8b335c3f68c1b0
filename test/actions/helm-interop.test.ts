// GIVEN a real control plane and a real `helm` WHEN berth and helm take turns on one release THEN each
// reads, upgrades and rolls back what the other wrote (Helm's storage format, ownership metadata).
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { connect, defineChart, type Cluster } from "../../src/index.js";
import { ensureBinary } from "../../src/local/binaries.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { appChart } from "./fixtures/app-chart.js";

const run = promisify(execFile);
const ns = useTestNamespace("hinterop");
let helmBin = "";
let home = "";
let cluster: Cluster;
const kube = () => cluster.config.kube;
const get = (apiVersion: string, kind: string, name: string) => kube().get({ apiVersion, kind, namespace: ns.name, name });

before(async () => {
  helmBin = await ensureBinary("helm"); // built from Go modules the first time (minutes), cached after
  home = await mkdtemp(join(tmpdir(), "berth-helm-actions-"));
}, { timeout: 900_000 });
after(() => cluster?.close());

async function helm(...args: string[]): Promise<string> {
  const env = { PATH: process.env["PATH"] ?? "", HOME: home, HELM_CACHE_HOME: join(home, "cache"), HELM_CONFIG_HOME: join(home, "config"), HELM_DATA_HOME: join(home, "data") };
  const { stdout } = await run(helmBin, [...args, "-n", ns.name, "--kubeconfig", testKubeconfigPath()], { env, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

const json = async <T>(...args: string[]): Promise<T> => JSON.parse(await helm(...args, "-o", "json")) as T;

describe("helm works on releases berth deployed", () => {
  before(async () => {
    cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
  });
  it("GIVEN a release installed and upgraded by berth WHEN helm lists, shows and gets it THEN helm sees both revisions", async () => {
    await cluster.deploy(appChart, { release: "bh" });
    await cluster.deploy(appChart, { release: "bh", values: { image: "nginx:1.27", data: "b" } });
    const listed = await json<Array<Record<string, string>>>("list");
    const entry = listed.find((r) => r["name"] === "bh");
    assert.deepEqual([entry?.["revision"], entry?.["status"], entry?.["chart"], entry?.["app_version"]], ["2", "deployed", "app-1.0.0", "1.0"]);
    const history = await json<Array<Record<string, unknown>>>("history", "bh");
    assert.deepEqual(history.map((h) => [h["revision"], h["status"]]), [[1, "superseded"], [2, "deployed"]]);
    const status = await json<{ version: number; info: { status: string } }>("status", "bh");
    assert.deepEqual([status.version, status.info.status], [2, "deployed"]);
    const manifest = await helm("get", "manifest", "bh");
    assert.match(manifest, /kind: Deployment/);
    assert.match(manifest, /image: nginx:1\.27/);
    assert.deepEqual(await json("get", "values", "bh"), { image: "nginx:1.27", data: "b" });
  });

  it("GIVEN that release WHEN helm rolls it back to 1 THEN the objects are restored and berth's history shows helm's revision", async () => {
    await helm("rollback", "bh", "1");
    const deployment = await get("apps/v1", "Deployment", "bh");
    assert.equal((deployment as any).spec.template.spec.containers[0].image, "nginx:1.26");
    assert.equal(((await get("v1", "ConfigMap", "bh-cfg")) as any).data.value, "a");
    const history = await cluster.history("bh");
    assert.deepEqual(history.map((h) => [h.revision, h.status]), [[1, "superseded"], [2, "superseded"], [3, "deployed"]]);
    // berth goes on from helm's revision.
    const next = await cluster.deploy(appChart, { release: "bh", values: { data: "c" } });
    assert.equal(next.revision, 4);
    assert.deepEqual(next.plan.actions.filter((a) => a.op !== "noop").map((a) => `${a.ref.kind}/${a.ref.name}:${a.op}`), ["ConfigMap/bh-cfg:update"]);
  });
});

describe("berth works on releases helm installed", () => {
  const tiny = defineChart<{ greeting: string }>({
    name: "tiny",
    version: "0.2.0",
    appVersion: "9.9",
    values: { greeting: "hello" },
    templates: { "configmap.yaml": ({ Release, Values }) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `${Release.Name}-cm` }, data: { greeting: Values.greeting } }) },
  });

  it("GIVEN a chart installed by helm WHEN berth upgrades, rolls back and uninstalls it THEN it keeps and uses helm's history", async () => {
    const dir = join(home, "tiny");
    await mkdir(join(dir, "templates"), { recursive: true });
    await writeFile(join(dir, "Chart.yaml"), "apiVersion: v2\nname: tiny\nversion: 0.1.0\nappVersion: \"9.9\"\n");
    await writeFile(join(dir, "values.yaml"), "greeting: hello\n");
    await writeFile(join(dir, "templates", "configmap.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting | quote }}\n");
    await helm("install", "hh", dir);

    const upgraded = await cluster.deploy(tiny, { release: "hh", values: { greeting: "from berth" } });
    assert.equal(upgraded.revision, 2);
    assert.deepEqual(upgraded.plan.actions.map((a) => `${a.ref.kind}/${a.ref.name}:${a.op}`), ["ConfigMap/hh-cm:update"]);
    assert.equal(((await get("v1", "ConfigMap", "hh-cm")) as any).data.greeting, "from berth");
    const helmHistory = await json<Array<Record<string, unknown>>>("history", "hh");
    assert.deepEqual(helmHistory.map((h) => [h["revision"], h["status"], h["chart"]]), [[1, "superseded", "tiny-0.1.0"], [2, "deployed", "tiny-0.2.0"]]);

    const rolledBack = await cluster.rollback("hh", { revision: 1 });
    assert.equal(rolledBack.revision, 3);
    assert.equal(((await get("v1", "ConfigMap", "hh-cm")) as any).data.greeting, "hello");
    assert.deepEqual((await cluster.history("hh")).map((h) => [h.revision, h.status]), [[1, "superseded"], [2, "superseded"], [3, "deployed"]]);
    const status = await json<{ version: number; info: { status: string } }>("status", "hh");
    assert.deepEqual([status.version, status.info.status], [3, "deployed"]);

    const removed = await cluster.uninstall("hh");
    assert.deepEqual(removed.deleted.map((r) => `${r.kind}/${r.name}`), ["ConfigMap/hh-cm"]);
    assert.equal(await get("v1", "ConfigMap", "hh-cm"), undefined);
    assert.equal((await json<Array<Record<string, string>>>("list")).some((r) => r["name"] === "hh"), false);
  });
});
