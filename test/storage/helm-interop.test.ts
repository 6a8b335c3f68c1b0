// The Secret driver and a real `helm` binary work on the same releases.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { connectKube } from "../../src/kube/connect.js";
import { ensureBinary } from "../../src/local/binaries.js";
import { releaseKey } from "../../src/storage/name.js";
import { secretDriver } from "../../src/storage/secret.js";
import { ReleaseStore } from "../../src/storage/store.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { releaseName, sampleRelease } from "./sample.js";

const run = promisify(execFile);
const { client: kube, transport } = connectKube({ kubeconfigPath: testKubeconfigPath() });
after(() => transport.close());
const ns = useTestNamespace("helm");
let helmBin = "";
let home = "";

before(async () => {
  helmBin = await ensureBinary("helm"); // built from Go modules the first time (minutes), cached after
  home = await mkdtemp(join(tmpdir(), "berth-helm-"));
}, { timeout: 900_000 });

async function helm(...args: string[]): Promise<string> {
  const env = { PATH: process.env["PATH"] ?? "", HOME: home, HELM_CACHE_HOME: join(home, "cache"), HELM_CONFIG_HOME: join(home, "config"), HELM_DATA_HOME: join(home, "data") };
  const { stdout } = await run(helmBin, [...args, "-n", ns.name, "--kubeconfig", testKubeconfigPath()], { env, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

describe("helm reads what berth writes", () => {
  it("GIVEN two revisions written by berth WHEN helm list, history, get manifest, get values, status THEN helm shows them", async () => {
    const driver = secretDriver({ kube, namespace: ns.name });
    const name = releaseName("berth");
    const first = sampleRelease(name, 1, "superseded", ns.name);
    const second = { ...sampleRelease(name, 2, "deployed", ns.name), description: "Upgrade complete" };
    await driver.create(releaseKey(name, 1), first);
    await driver.create(releaseKey(name, 2), second);

    const listed = JSON.parse(await helm("list", "-o", "json")) as Array<Record<string, string>>;
    const entry = listed.find((r) => r["name"] === name);
    assert.ok(entry, `helm list shows ${name}`);
    assert.deepEqual([entry["namespace"], entry["revision"], entry["status"], entry["chart"], entry["app_version"]], [ns.name, "2", "deployed", "web-1.2.3", "4.5.6"]);

    const history = JSON.parse(await helm("history", name, "-o", "json")) as Array<Record<string, unknown>>;
    assert.deepEqual(history.map((h) => [h["revision"], h["status"], h["description"]]), [[1, "superseded", "Status superseded"], [2, "deployed", "Upgrade complete"]]);

    const manifest = await helm("get", "manifest", name);
    assert.match(manifest, /# Source: web\/templates\/deployment\.yaml\napiVersion: apps\/v1\nkind: Deployment\n/);
    assert.deepEqual(JSON.parse(await helm("get", "values", name, "-o", "json")), second.config);
    assert.deepEqual(JSON.parse(await helm("get", "values", name, "--all", "-o", "json")), second.values);
    const status = JSON.parse(await helm("status", name, "-o", "json")) as { info: { status: string; notes: string }; version: number };
    assert.deepEqual([status.version, status.info.status, status.info.notes], [2, "deployed", "Thanks for installing web."]);
  });
});

describe("berth reads what helm writes", () => {
  it("GIVEN a release installed and upgraded by helm WHEN berth reads its history THEN objects, values and statuses match", async () => {
    const chart = join(home, `chart-${Date.now()}`);
    await mkdir(join(chart, "templates"), { recursive: true });
    await writeFile(join(chart, "Chart.yaml"), "apiVersion: v2\nname: tiny\nversion: 0.1.0\nappVersion: \"9.9\"\n");
    await writeFile(join(chart, "values.yaml"), "greeting: hello\nlevel: 1\n");
    await writeFile(join(chart, "templates", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting | quote }}\n");
    const name = releaseName("helm");
    await helm("install", name, chart);
    await helm("upgrade", name, chart, "--set", "greeting=hi");

    const store = new ReleaseStore(secretDriver({ kube, namespace: ns.name }));
    const history = (await store.history(name)).map((s) => s.release);
    assert.deepEqual(history.map((r) => [r.revision, r.status]), [[1, "superseded"], [2, "deployed"]]);
    const last = (await store.lastDeployed(name))!.release;
    assert.equal(last.chart.name, "tiny");
    assert.equal(last.chart.appVersion, "9.9");
    assert.deepEqual(last.config, { greeting: "hi" });
    assert.deepEqual(last.values, { greeting: "hi", level: 1 });
    assert.deepEqual(last.objects.map((o) => [o.source, o.object.kind, o.object.metadata.name, o.object["data"]]), [
      ["tiny/templates/cm.yaml", "ConfigMap", `${name}-cm`, { greeting: "hi" }],
    ]);
  });
});
