// GIVEN records read back WHEN a new revision's manifest is formatted THEN the YAML of objects equal
// to the previous revision's is reused from its manifest (only berth-formatted manifests), and the
// result reads back as the new objects.
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { decodeRelease, encodeRelease, toHelmRelease } from "../../src/storage/helm-codec.js";
import { decodePayload, encodePayload } from "../../src/storage/helm-payload.js";
import type { HelmRelease } from "../../src/storage/helm-format.js";
import { reuseManifestTexts } from "../../src/storage/manifest-copy.js";
import { formatManifest, parseManifest } from "../../src/storage/manifest-text.js";
import type { RenderedObject } from "../../src/model/rendered.js";
import { sampleRelease } from "./sample.js";

const payload = (value: unknown) => gzipSync(Buffer.from(JSON.stringify(value))).toString("base64");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const copyOf = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A berth record whose manifest writes each object in flow style: reused text is recognisable. */
function recordInFlowStyle(objects: readonly RenderedObject[]): string {
  const manifest = objects.map((o) => `---\n# Source: ${o.source}\n${JSON.stringify(o.object)}\n`).join("");
  const helm = decodePayload(encodeRelease({ ...sampleRelease("web", 1, "deployed"), objects })) as HelmRelease;
  return payload({ ...helm, manifest, berth: { ...helm.berth, objects: { manifestSha256: sha256(manifest), items: objects } } });
}

describe("reuseManifestTexts", () => {
  const objects = sampleRelease("web").objects;

  it("GIVEN a berth record WHEN the next revision changes one object THEN the others' YAML is the record's text and the manifest reads back as the new objects", () => {
    const previous = decodeRelease(recordInFlowStyle(objects)).objects;
    const next = copyOf(objects);
    (next[1]!.object["spec"] as { replicas: number }).replicas = 9;
    reuseManifestTexts(next, previous);
    const manifest = formatManifest(next);
    assert.ok(manifest.includes(`# Source: ${next[0]!.source}\n${JSON.stringify(next[0]!.object)}\n`), "unchanged object: the record's text");
    assert.ok(!manifest.includes(JSON.stringify(next[1]!.object)), "changed object: formatted");
    assert.deepEqual(parseManifest(manifest), next);
  });

  it("GIVEN a record written by Helm (no JSON copy) WHEN the next revision is formatted THEN nothing is reused", () => {
    const helm = decodePayload(encodeRelease({ ...sampleRelease("web", 1, "deployed"), objects })) as HelmRelease;
    const manifest = objects.map((o) => `---\n# Source: ${o.source}\n${JSON.stringify(o.object)}\n`).join("");
    const previous = decodeRelease(payload({ ...helm, manifest, berth: undefined })).objects;
    const next = copyOf(objects);
    reuseManifestTexts(next, previous);
    assert.ok(!formatManifest(next).includes(JSON.stringify(next[0]!.object)));
    assert.equal(formatManifest(next), formatManifest(copyOf(objects)));
  });

  it("GIVEN a berth record WHEN the same objects are encoded again THEN the manifest round-trips unchanged", () => {
    const previous = decodeRelease(encodeRelease({ ...sampleRelease("web", 1, "deployed"), objects })).objects;
    const next = copyOf(objects);
    reuseManifestTexts(next, previous);
    assert.equal(formatManifest(next), formatManifest(objects));
  });
});

describe("encodeRelease's size limit", () => {
  const release = sampleRelease("web", 1, "deployed");
  const full = encodeRelease(release);
  const lean = encodePayload(toHelmRelease(release, { objectsCopy: false }));

  it("GIVEN a record that fits one object only without the objects' JSON copy WHEN encoded for that limit THEN the copy is left out and the objects still read back", () => {
    assert.ok(lean.length < full.length);
    const payload = encodeRelease(release, lean.length);
    assert.equal(payload, lean);
    const helm = decodePayload(payload) as HelmRelease;
    assert.equal(helm.berth?.objects, undefined);
    assert.deepEqual(decodeRelease(payload).objects, release.objects);
  });

  it("GIVEN a record that fits with the copy, or fits neither way THEN the copy is kept", () => {
    assert.equal(encodeRelease(release, full.length), full);
    assert.equal(encodeRelease(release, lean.length - 1), full);
  });
});
