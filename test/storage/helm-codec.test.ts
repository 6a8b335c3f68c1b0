import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { decodeRelease, decodeReleaseLazily, encodeRelease, toHelmRelease } from "../../src/storage/helm-codec.js";
import type { HelmRelease } from "../../src/storage/helm-format.js";
import { decodePayload } from "../../src/storage/helm-payload.js";
import { formatManifest, parseManifest, preformatManifest } from "../../src/storage/manifest-text.js";
import { sampleRelease } from "./sample.js";

/** A record exactly as Helm 3 writes one (Go's JSON: nanosecond times with offsets, chart files base64). */
const HELM_WRITTEN = {
  name: "web",
  info: {
    first_deployed: "2024-05-01T12:00:00.123456789+02:00",
    last_deployed: "2024-05-02T12:00:00.5+02:00",
    deleted: "",
    description: "Upgrade complete",
    status: "deployed",
    notes: "Visit http://web.local",
  },
  chart: {
    metadata: { name: "web", version: "1.2.3", description: "A web app", apiVersion: "v2", appVersion: "4.5.6", type: "application", annotations: { category: "web" } },
    lock: null,
    templates: [{ name: "templates/deployment.yaml", data: Buffer.from("kind: Deployment").toString("base64") }],
    values: { replicas: 1, image: { repository: "nginx", tag: "latest" }, extra: { keep: true } },
    schema: null,
    files: [],
  },
  config: { replicas: 3, image: { tag: "1.4.2" }, extra: null },
  manifest:
    "---\n# Source: web/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n" +
    "---\n# Source: web/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    version: \"1.0\"\nspec:\n  replicas: 3\n",
  hooks: [
    {
      name: "web-migrate",
      kind: "Job",
      path: "web/templates/migrate.yaml",
      manifest: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: web-migrate\n  annotations:\n    \"helm.sh/hook\": pre-upgrade\n",
      events: ["pre-upgrade"],
      last_run: { started_at: "2024-05-02T12:00:01.1+02:00", completed_at: "2024-05-02T12:00:09.9+02:00", phase: "Succeeded" },
      weight: 5,
    },
    { name: "web-test", kind: "Pod", path: "web/templates/test.yaml", manifest: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-test\n", events: ["test"], last_run: { started_at: "", completed_at: "", phase: "" } },
  ],
  version: 2,
  namespace: "apps",
};

const helmPayload = (value: unknown) => gzipSync(Buffer.from(JSON.stringify(value))).toString("base64");

describe("Helm record codec", () => {
  it("GIVEN a release WHEN encoded and decoded THEN it comes back equal", () => {
    const release = sampleRelease("web", 4, "deployed");
    assert.deepEqual(decodeRelease(encodeRelease(release), { team: "payments" }), release);
  });

  it("GIVEN a locked, uninstalled revision with no hooks run WHEN round-tripped THEN lock and deleted survive", () => {
    const base = sampleRelease("web", 2, "uninstalled");
    const release = { ...base, deleted: "2024-06-01T00:00:00.000Z", lock: { holder: "me", acquiredAt: "2024-06-01T00:00:00.000Z", expiresAt: "2024-06-01T00:10:00.000Z" }, hooks: base.hooks.map(({ lastRun: _, ...h }) => h) };
    assert.deepEqual(decodeRelease(encodeRelease(release), { team: "payments" }), release);
  });

  it("GIVEN an encoded release WHEN inspected THEN it is base64 of gzip (magic 1f 8b 08) of Helm's JSON", () => {
    const bytes = Buffer.from(encodeRelease(sampleRelease("web")), "base64");
    assert.deepEqual([...bytes.subarray(0, 3)], [0x1f, 0x8b, 0x08]);
    const json = JSON.parse(gunzipSync(bytes).toString()) as Record<string, any>;
    assert.deepEqual(Object.keys(json).sort(), ["berth", "chart", "config", "hooks", "info", "manifest", "name", "namespace", "version"]);
    assert.deepEqual(Object.keys(json["info"]).sort(), ["deleted", "description", "first_deployed", "last_deployed", "notes", "status"]);
    assert.equal(json["info"]["deleted"], "");
    assert.equal(json["chart"]["metadata"]["appVersion"], "4.5.6");
    assert.deepEqual(json["chart"]["templates"], []);
    assert.deepEqual(json["config"], { replicas: 3, image: { tag: "1.4.2" } });
    assert.match(json["manifest"], /^---\n# Source: web\/templates\/configmap\.yaml\napiVersion: v1\nkind: ConfigMap\n/);
    assert.deepEqual(Object.keys(json["hooks"][0]).sort(), ["delete_policies", "events", "kind", "last_run", "manifest", "name", "path", "weight"]);
    assert.deepEqual(json["hooks"][0]["last_run"], { started_at: "2024-05-01T10:00:00.000Z", completed_at: "2024-05-01T10:00:05.000Z", phase: "Succeeded" });
  });

  it("GIVEN a record written by Helm WHEN decoded THEN objects come from the manifest and values from chart defaults ← config", () => {
    const release = decodeRelease(helmPayload(HELM_WRITTEN), { name: "web", owner: "helm", status: "deployed", version: "2", modifiedAt: "1714644000", env: "prod" });
    assert.equal(release.name, "web");
    assert.equal(release.namespace, "apps");
    assert.equal(release.revision, 2);
    assert.equal(release.status, "deployed");
    assert.equal(release.description, "Upgrade complete");
    assert.equal(release.notes, "Visit http://web.local");
    assert.equal(release.firstDeployed, "2024-05-01T12:00:00.123456789+02:00");
    assert.equal(release.deleted, undefined);
    assert.equal(release.chart.appVersion, "4.5.6");
    assert.deepEqual(release.chart["annotations"], { category: "web" });
    assert.deepEqual(release.config, { replicas: 3, image: { tag: "1.4.2" }, extra: null });
    assert.deepEqual(release.values, { replicas: 3, image: { repository: "nginx", tag: "1.4.2" } });
    assert.deepEqual(release.objects.map((o) => [o.source, o.object.kind, o.object.metadata.name]), [
      ["web/templates/service.yaml", "Service", "web"],
      ["web/templates/deployment.yaml", "Deployment", "web"],
    ]);
    assert.deepEqual(release.objects[1]!.object.metadata.labels, { version: "1.0" });
    assert.deepEqual(release.hooks[0], {
      object: { apiVersion: "batch/v1", kind: "Job", metadata: { name: "web-migrate", annotations: { "helm.sh/hook": "pre-upgrade" } } },
      source: "web/templates/migrate.yaml",
      events: ["pre-upgrade"],
      weight: 5,
      deletePolicies: ["before-hook-creation"],
      lastRun: { phase: "Succeeded", startedAt: "2024-05-02T12:00:01.1+02:00", completedAt: "2024-05-02T12:00:09.9+02:00" },
    });
    assert.equal(release.hooks[1]!.lastRun, undefined);
    assert.deepEqual(release.crds, []);
    assert.equal(release.lock, undefined);
    assert.deepEqual(release.labels, { env: "prod" });
  });

  it("GIVEN an uncompressed record (older Helm) WHEN decoded THEN it is read", () => {
    const plain = Buffer.from(JSON.stringify(HELM_WRITTEN)).toString("base64");
    assert.equal(decodeRelease(plain).revision, 2);
  });

  it("GIVEN the early Helm 3 key 'Description' WHEN decoded THEN the description is read", () => {
    const { description: _, ...info } = HELM_WRITTEN.info;
    assert.equal(decodeRelease(helmPayload({ ...HELM_WRITTEN, info: { ...info, Description: "Old style" } })).description, "Old style");
  });

  it("GIVEN bodies that are not records WHEN decoded THEN it throws", () => {
    assert.throws(() => decodePayload("%%%"));
    assert.throws(() => decodeRelease(helmPayload({ name: "web", version: 1, info: { status: "exploded" } })));
    assert.throws(() => decodeRelease(helmPayload([1, 2])));
  });

  it("GIVEN objects with YAML 1.1-ambiguous strings WHEN formatted and parsed as a manifest THEN they are unchanged", () => {
    const { objects } = sampleRelease("web");
    assert.deepEqual(parseManifest(formatManifest(objects)), objects);
  });

  it("GIVEN a revision written again with the same objects, and one with other objects WHEN encoded THEN each record's manifest is its own objects'", () => {
    const pending = sampleRelease("web");
    const deployed = { ...pending, status: "deployed" as const };
    const other = { ...pending, objects: pending.objects.slice(1) };
    assert.equal(toHelmRelease(deployed).manifest, toHelmRelease(pending).manifest);
    assert.deepEqual(parseManifest(toHelmRelease(pending).manifest ?? ""), pending.objects);
    assert.deepEqual(parseManifest(toHelmRelease(other).manifest ?? ""), pending.objects.slice(1));
  });

  it("GIVEN a manifest formatted ahead (wholly, or stopped part way) WHEN formatted THEN the text is the same as formatted at once", async () => {
    const expected = formatManifest(sampleRelease("web").objects);
    const whole = sampleRelease("web").objects;
    await preformatManifest(whole, new AbortController().signal);
    assert.equal(formatManifest(whole), expected);
    const many = Array.from({ length: 200 }, () => sampleRelease("web").objects).flat();
    const stop = new AbortController();
    const partly = preformatManifest(many, stop.signal);
    stop.abort();
    await partly;
    assert.equal(formatManifest(many), Array.from({ length: 200 }, () => expected).join(""));
  });

  it("GIVEN the computed values WHEN encoded THEN they are Helm's chart.values (helm get values --all shows them)", () => {
    const helm = toHelmRelease(sampleRelease("web"));
    assert.deepEqual(helm.chart?.values, sampleRelease("web").values);
  });

  it("GIVEN a record WHEN decoded lazily THEN it equals the eager decode, objects and hooks included", () => {
    const release = sampleRelease("web", 4, "deployed");
    const wrap = (e: Error) => e;
    assert.deepEqual(decodeReleaseLazily(encodeRelease(release), { team: "payments" }, wrap), release);
    const helm = decodeReleaseLazily(helmPayload(HELM_WRITTEN), {}, wrap);
    assert.deepEqual(helm, decodeRelease(helmPayload(HELM_WRITTEN)));
    assert.deepEqual(Object.keys(helm), Object.keys(decodeRelease(helmPayload(HELM_WRITTEN))));
  });

  it("GIVEN a record whose manifest is not YAML WHEN decoded lazily THEN its other fields read and objects throws the wrapped error", () => {
    const broken = helmPayload({ ...HELM_WRITTEN, manifest: "---\nkind: [unclosed\n", hooks: [{ name: "h", manifest: "a: {b" }] });
    assert.throws(() => decodeRelease(broken), /not valid YAML/);
    const release = decodeReleaseLazily(broken, {}, (e) => new Error(`record sh.helm.release.v1.web.v2: ${e.message}`));
    assert.equal(release.revision, 2);
    assert.equal(release.chart.appVersion, "4.5.6");
    assert.throws(() => release.objects, /^Error: record sh\.helm\.release\.v1\.web\.v2: document 1 is not valid YAML/);
    assert.throws(() => release.hooks, /^Error: record sh\.helm\.release\.v1\.web\.v2: hook h is not valid YAML/);
    assert.throws(() => ({ ...release }), /not valid YAML/);
  });

  it("GIVEN a lazily decoded record WHEN objects is replaced before it is read THEN the replacement stays", () => {
    const release = decodeReleaseLazily(helmPayload(HELM_WRITTEN), {}, (e) => e) as { objects: unknown };
    release.objects = [];
    assert.deepEqual(release.objects, []);
  });
  it("GIVEN a release WHEN encoded THEN berth's key holds its objects as JSON with the SHA-256 of the manifest, and Helm's manifest is YAML", () => {
    const release = sampleRelease("web", 3, "deployed");
    const helm = decodePayload(encodeRelease(release)) as HelmRelease;
    assert.equal(helm.berth?.objects?.manifestSha256, createHash("sha256").update(helm.manifest ?? "").digest("hex"));
    assert.deepEqual(helm.berth?.objects?.items, release.objects);
    assert.deepEqual(parseManifest(helm.manifest ?? ""), release.objects);
  });

  it("GIVEN a record whose JSON copy matches its manifest WHEN decoded THEN the objects are the copy's: the manifest's YAML is not parsed", () => {
    const manifest = "---\nkind: [not parsed\n";
    const items = [{ source: "web/templates/a.yaml", object: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } } }];
    const payload = helmPayload({ ...HELM_WRITTEN, berth: { format: 1, crds: [], objects: { manifestSha256: createHash("sha256").update(manifest).digest("hex"), items } } , manifest });
    assert.deepEqual(decodeRelease(payload).objects, items);
    assert.deepEqual(decodeReleaseLazily(payload, {}, (e) => e).objects, items);
  });

  it("GIVEN a record whose manifest was edited after berth wrote it (the copy's SHA-256 differs) WHEN decoded THEN the objects come from the manifest", () => {
    const written = decodePayload(encodeRelease(sampleRelease("web", 2, "deployed"))) as HelmRelease;
    const edited = { ...written, manifest: HELM_WRITTEN.manifest };
    assert.deepEqual(decodeRelease(helmPayload(edited)).objects, parseManifest(HELM_WRITTEN.manifest));
    const rewrittenByHelm = { ...written, berth: { format: 1, crds: [] } };
    assert.deepEqual(decodeRelease(helmPayload(rewrittenByHelm)).objects, parseManifest(written.manifest ?? ""));
  });

  it("GIVEN a record written by Helm WHEN decoded and encoded again (e.g. marked superseded) THEN its manifest text is kept as Helm wrote it", () => {
    const release = decodeReleaseLazily(helmPayload(HELM_WRITTEN), {}, (e) => e);
    const again = decodePayload(encodeRelease({ ...release, status: "superseded" })) as HelmRelease;
    assert.equal(again.manifest, HELM_WRITTEN.manifest);
    assert.deepEqual(decodeRelease(helmPayload(again)).objects, parseManifest(HELM_WRITTEN.manifest));
  });
});
