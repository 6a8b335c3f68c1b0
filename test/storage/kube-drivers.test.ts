// Secret and ConfigMap drivers on the real control plane.
import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import { after, describe, it } from "node:test";
import { gunzipSync, gzipSync } from "node:zlib";
import { connectKube } from "../../src/kube/connect.js";
import { configMapDriver } from "../../src/storage/configmap.js";
import { releaseKey } from "../../src/storage/name.js";
import type { Release } from "../../src/storage/release.js";
import { secretDriver } from "../../src/storage/secret.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { driverSuite } from "./driver-suite.js";
import { lockSuite } from "./lock-suite.js";
import { releaseName, sampleRelease } from "./sample.js";

const { client: kube, transport } = connectKube({ kubeconfigPath: testKubeconfigPath() });
after(() => transport.close());
const ns = useTestNamespace("storage");

driverSuite("secret", () => secretDriver({ kube, namespace: ns.name }), () => secretDriver({ kube, namespace: ns.name }));
driverSuite("configmap", () => configMapDriver({ kube, namespace: ns.name }), () => configMapDriver({ kube, namespace: ns.name }));
lockSuite("secret", () => secretDriver({ kube, namespace: ns.name }));

type Stored = { type?: string; data?: Record<string, string>; metadata: { labels?: Record<string, string>; annotations?: Record<string, string> } };

describe("Helm's storage layout", () => {
  it("GIVEN a release WHEN stored as a Secret THEN name, type, labels and the doubly-encoded body are Helm's", async () => {
    const release = sampleRelease(releaseName());
    await secretDriver({ kube, namespace: ns.name }).create(releaseKey(release.name, 1), release);
    const secret = (await kube.get({ apiVersion: "v1", kind: "Secret", namespace: ns.name, name: `sh.helm.release.v1.${release.name}.v1` })) as unknown as Stored;
    assert.equal(secret.type, "helm.sh/release.v1");
    const { createdAt, ...labels } = secret.metadata.labels ?? {};
    assert.deepEqual(labels, { name: release.name, owner: "helm", status: "deployed", version: "1", team: "payments" });
    assert.match(createdAt ?? "", /^\d{10}$/);
    const helmValue = Buffer.from(secret.data!["release"]!, "base64").toString(); // what Helm's Go code sees as data["release"]
    const json = JSON.parse(gunzipSync(Buffer.from(helmValue, "base64")).toString()) as { name: string; version: number; info: { status: string } };
    assert.deepEqual([json.name, json.version, json.info.status], [release.name, 1, "deployed"]);
  });

  it("GIVEN a release WHEN stored as a ConfigMap THEN the body is encoded once and updates set modifiedAt", async () => {
    const driver = configMapDriver({ kube, namespace: ns.name });
    const release = sampleRelease(releaseName(), 1, "pending-install");
    const created = await driver.create(releaseKey(release.name, 1), release);
    await driver.update({ ...release, status: "deployed" }, { expectedVersion: created.version });
    const cm = (await kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns.name, name: `sh.helm.release.v1.${release.name}.v1` })) as unknown as Stored;
    const json = JSON.parse(gunzipSync(Buffer.from(cm.data!["release"]!, "base64")).toString()) as { info: { status: string } };
    assert.equal(json.info.status, "deployed");
    assert.equal(cm.metadata.labels?.["status"], "deployed");
    assert.match(cm.metadata.labels?.["modifiedAt"] ?? "", /^\d{10}$/);
    assert.match(cm.metadata.labels?.["createdAt"] ?? "", /^\d{10}$/);
  });
});

/** A release whose objects carry `bytes` of incompressible data, so its record is about that large compressed. */
function hugeRelease(name: string, bytes: number): Release {
  const base = sampleRelease(name);
  const chunks = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`blob-${i}`, randomBytes(bytes / 4).toString("base64")]));
  const big = { source: "web/templates/big.yaml", object: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `${name}-big`, namespace: ns.name }, data: chunks } };
  return { ...base, objects: [...base.objects, big] };
}

async function partsOf(name: string): Promise<string[]> {
  const { items } = await kube.list("v1", "Secret", { namespace: ns.name, labelSelector: `berth.dev/part-of-release=${name}` });
  return items.map((i) => i.metadata.name).sort();
}

describe("records over 1 MiB", () => {
  it("GIVEN a 2 MiB incompressible release WHEN stored in Secrets THEN it is split, read back whole, listed, and its parts deleted with it", async () => {
    const driver = secretDriver({ kube, namespace: ns.name });
    const release = hugeRelease(releaseName("big"), 2 * 1024 * 1024);
    const created = await driver.create(releaseKey(release.name, 1), release);
    const parts = await partsOf(release.name);
    assert.ok(parts.length >= 3, `expected ≥3 parts, got ${parts.length}`);
    const main = (await kube.get({ apiVersion: "v1", kind: "Secret", namespace: ns.name, name: releaseKey(release.name, 1) })) as unknown as Stored;
    assert.equal(main.metadata.annotations?.["berth.dev/parts"], String(parts.length));
    assert.deepEqual((await driver.get(release.name, 1)).release, release);
    assert.deepEqual((await driver.list({ name: release.name })).map((s) => s.release), [release]);
    assert.deepEqual((await driver.query({ name: release.name })).map((s) => s.revision), [1]);

    const updated = { ...release, status: "superseded" as const };
    await driver.update(updated, { expectedVersion: created.version });
    const newParts = await partsOf(release.name);
    assert.equal(newParts.length, parts.length);
    assert.notDeepEqual(newParts, parts);
    assert.deepEqual((await driver.get(release.name, 1)).release, updated);

    assert.equal(await driver.delete(release.name, 1), true);
    assert.deepEqual(await partsOf(release.name), []);
  });

  it("GIVEN a split record whose part is lost WHEN read THEN StorageCorrupt naming the Secret", async () => {
    const driver = secretDriver({ kube, namespace: ns.name });
    const release = hugeRelease(releaseName("big"), 1024 * 1024);
    await driver.create(releaseKey(release.name, 1), release);
    const [first] = await partsOf(release.name);
    await kube.delete({ apiVersion: "v1", kind: "Secret", namespace: ns.name, name: first! });
    await assert.rejects(driver.get(release.name, 1), (e: unknown) => (e as { code?: string }).code === "StorageCorrupt" && String((e as Error).message).includes(releaseKey(release.name, 1)));
  });
});

describe("records whose manifest is not YAML", () => {
  it("GIVEN a record with a broken manifest WHEN listed THEN it lists, and reading its objects throws StorageCorrupt naming the Secret", async () => {
    const driver = secretDriver({ kube, namespace: ns.name });
    const release = sampleRelease(releaseName("broken"));
    await driver.create(releaseKey(release.name, 1), release);
    const key = releaseKey(release.name, 1);
    const secret = (await kube.get({ apiVersion: "v1", kind: "Secret", namespace: ns.name, name: key })) as unknown as Stored & { apiVersion: string; kind: string; metadata: { name: string } };
    const json = JSON.parse(gunzipSync(Buffer.from(Buffer.from(secret.data!["release"]!, "base64").toString(), "base64")).toString()) as Record<string, unknown>;
    const broken = gzipSync(Buffer.from(JSON.stringify({ ...json, manifest: "---\nkind: [unclosed\n" }))).toString("base64");
    await kube.update({ ...secret, data: { release: Buffer.from(broken).toString("base64") } } as never);

    const [listed] = await driver.list({ name: release.name });
    assert.equal(listed?.release.revision, 1);
    assert.equal(listed?.release.description, release.description);
    const stored = await driver.get(release.name, 1);
    assert.throws(() => stored.release.objects, (e: unknown) => (e as { code?: string }).code === "StorageCorrupt" && String((e as Error).message).includes(key));
  });
});

describe("summaries without bodies", () => {
  it("GIVEN stored records WHEN queried THEN the LIST asks for metadata only and no record body comes back", async () => {
    const driver = secretDriver({ kube, namespace: ns.name });
    const release = sampleRelease(releaseName("meta"));
    await driver.create(releaseKey(release.name, 1), release);
    const listed = await kube.list("v1", "Secret", { namespace: ns.name, labelSelector: `name=${release.name}`, metadataOnly: true });
    assert.deepEqual(listed.items.map((i) => [i.apiVersion, i.kind, i.metadata.name, "data" in i]), [["v1", "Secret", releaseKey(release.name, 1), false]]);
    assert.equal(listed.items[0]?.metadata.labels?.["status"], "deployed");
    assert.deepEqual((await driver.query({ name: release.name })).map((s) => [s.revision, s.status, s.version !== ""]), [[1, "deployed", true]]);
  });
});
