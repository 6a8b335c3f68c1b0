import { strict as assert } from "node:assert";
import { readFile, writeFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { computePlan } from "../../src/plan/compute.js";
import { formatPlanJson } from "../../src/plan/format/json.js";
import { diffLines, unifiedHunks } from "../../src/plan/format/line-diff.js";
import { formatPlanMarkdown } from "../../src/plan/format/markdown.js";
import { formatPlanText } from "../../src/plan/format/text.js";
import type { KubeObject } from "../../src/model/object.js";
import { FakeKube } from "./fake-kube.js";
import { deployInto, webHooks, webObjects } from "./scenario.js";

/** A plan with every op: create, update (image + secret), replace (selector), delete, keep, drift, hooks. */
async function mixedPlan(options: { replaceImmutable: boolean }) {
  const kube = new FakeKube();
  const old = webObjects({ withCache: true });
  const pvc: KubeObject = { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "data", namespace: "prod", annotations: { "helm.sh/resource-policy": "keep" } }, spec: { resources: { requests: { storage: "1Gi" } } } };
  const previous = deployInto(kube, [...old, { object: pvc, source: "web/templates/pvc.yaml" }], 4);
  kube.edit({ apiVersion: "v1", kind: "ConfigMap", namespace: "prod", name: "settings" }, (o) => ((o["data"] as Record<string, string>)["LOG_LEVEL"] = "debug"));
  const next = webObjects({ image: "registry.example/api:1.1.0", password: "rotated-password-1", selector: "api-v2" });
  const worker: KubeObject = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "worker", namespace: "prod" }, spec: { replicas: 1, selector: { matchLabels: { app: "worker" } }, template: { metadata: { labels: { app: "worker" } }, spec: { containers: [{ name: "w", image: "worker:1" }] } } } };
  // The Service keeps its old selector so only the Deployment's changes as immutable.
  const service = next.find((o) => o.object.kind === "Service")!;
  (service.object["spec"] as Record<string, unknown>)["selector"] = { app: "api" };
  // Revision 4 recorded the same hooks: they run again, but they are no recorded-hooks change.
  return computePlan({ release: "web", namespace: "prod", objects: [...next, { object: worker, source: "web/templates/worker.yaml" }], hooks: webHooks(), previous: { ...previous, hooks: webHooks() } }, kube, options);
}

async function golden(name: string, text: string): Promise<void> {
  const path = fileURLToPath(new URL(`./golden/${name}`, import.meta.url));
  if (process.env["UPDATE_GOLDEN"] === "1") await writeFile(path, text);
  assert.equal(text, await readFile(path, "utf8"));
}

describe("plan formats", () => {
  it("GIVEN a plan with every op WHEN formatted as text THEN it matches golden/mixed.txt", async () => {
    await golden("mixed.txt", formatPlanText(await mixedPlan({ replaceImmutable: true })));
  });

  it("GIVEN a blocked plan WHEN formatted as text with colour THEN problems come first and it matches golden/blocked-color.txt", async () => {
    const text = formatPlanText(await mixedPlan({ replaceImmutable: false }), { color: true });
    assert.ok(text.includes("\x1b["));
    await golden("blocked-color.txt", text);
  });

  it("GIVEN a plan with every op WHEN formatted as JSON THEN it matches golden/mixed.json with planVersion 1", async () => {
    const json = formatPlanJson(await mixedPlan({ replaceImmutable: true }));
    assert.equal(JSON.parse(json).planVersion, 1);
    assert.ok(!json.includes("payload"));
    await golden("mixed.json", json);
  });

  it("GIVEN a plan with every op WHEN formatted as Markdown THEN it matches golden/mixed.md", async () => {
    await golden("mixed.md", formatPlanMarkdown(await mixedPlan({ replaceImmutable: true })));
  });

  it("GIVEN the same inputs WHEN planned and formatted twice THEN the bytes are identical", async () => {
    const [a, b] = [await mixedPlan({ replaceImmutable: true }), await mixedPlan({ replaceImmutable: true })];
    assert.equal(formatPlanText(a) + formatPlanMarkdown(a) + formatPlanJson(a), formatPlanText(b) + formatPlanMarkdown(b) + formatPlanJson(b));
  });

  it("GIVEN an empty plan WHEN formatted THEN text and Markdown say No changes.", async () => {
    const kube = new FakeKube();
    const previous = deployInto(kube, webObjects(), 1);
    const plan = await computePlan({ release: "web", namespace: "prod", objects: webObjects(), previous }, kube);
    assert.match(formatPlanText(plan), /No changes\.\n$/);
    assert.ok(formatPlanMarkdown(plan).includes("No changes."));
  });

  it("GIVEN two texts with one changed line among many WHEN diffed THEN one hunk with 3 lines of context", () => {
    const a = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const b = a.map((l, i) => (i === 10 ? "changed" : l));
    assert.deepEqual(unifiedHunks(diffLines(a, b)), ["@@ -8,7 +8,7 @@", " line 7", " line 8", " line 9", "-line 10", "+changed", " line 11", " line 12", " line 13"]);
  });
});
