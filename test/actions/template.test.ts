import { strict as assert } from "node:assert";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { template } from "../../src/actions/template.js";
import { defineChart } from "../../src/chart/define.js";
import { BerthError } from "../../src/errors.js";

interface WebValues {
  replicas: number;
  image: { repository: string; tag: string };
  labels: Record<string, string>;
}

const lib = defineChart({ name: "lib", version: "1.0.0", type: "library", values: {}, partials: { common: "managed-by: berth\n" } });
const web = defineChart<WebValues>({
  name: "web", version: "1.2.3", appVersion: "2.0",
  values: { replicas: 1, image: { repository: "nginx", tag: "1.27" }, labels: {} },
  templates: {
    "deployment.yaml": (ctx) => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: ctx.Release.Name }, spec: { replicas: ctx.Values.replicas } }),
    "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: '{{Release.Name}}-cm'\n  labels:\n    {{> common}}\ndata:\n  image: \"{{Values.image.repository}}:{{Values.image.tag}}\"\n",
  },
  notes: "Deployed {{Release.Name}} <{{Chart.AppVersion}}>",
  crds: { "w.yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n" },
  dependencies: [lib],
});

describe("template()", () => {
  it("GIVEN values from files, code and --set WHEN rendered THEN --set wins over code, code over files", async () => {
    const dir = await mkdtemp(join(tmpdir(), "berth-values-"));
    await writeFile(join(dir, "v.yaml"), "replicas: 5\nimage:\n  tag: from-file\n");
    const result = await template(web, { release: "app", valueFiles: [join(dir, "v.yaml")], values: { image: { tag: "from-code" } }, set: ["replicas=7"] });
    const deployment = result.objects.find((o) => o.object.kind === "Deployment")!;
    assert.equal((deployment.object.spec as { replicas: number }).replicas, 7);
    assert.equal((result.objects.find((o) => o.object.kind === "ConfigMap")!.object.data as { image: string }).image, "nginx:from-code");
    assert.equal(deployment.object.metadata.namespace, "default");
  });

  it("GIVEN a library dependency, notes and CRDs WHEN rendered THEN partials resolve, notes render unescaped, CRDs are separate", async () => {
    const result = await template(web, { release: "app", namespace: "team" }, { revision: 3, isUpgrade: true });
    assert.deepEqual(result.objects.find((o) => o.object.kind === "ConfigMap")!.object.metadata.labels, { "managed-by": "berth" });
    assert.equal(result.notes, "Deployed app <2.0>");
    assert.deepEqual(result.crds.map((c) => [c.object.metadata.name, c.source]), [["widgets.example.com", "web/crds/w.yaml"]]);
  });

  it("GIVEN a library chart WHEN rendered directly THEN ChartInvalid", async () => {
    await assert.rejects(template(lib, { release: "x" }), (e: unknown) => e instanceof BerthError && e.code === "ChartInvalid");
  });

  it("GIVEN an invalid release name WHEN rendered THEN InvalidReleaseName", async () => {
    await assert.rejects(template(web, { release: "Bad_Name" }), (e: unknown) => e instanceof BerthError && e.code === "InvalidReleaseName");
  });

  it("GIVEN a missing values file WHEN rendered THEN ValuesInvalid", async () => {
    await assert.rejects(template(web, { release: "x", valueFiles: ["/nonexistent/v.yaml"] }), (e: unknown) => e instanceof BerthError && e.code === "ValuesInvalid");
  });
});
