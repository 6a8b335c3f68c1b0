import { strict as assert } from "node:assert";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { defineChart } from "../../src/chart/define.js";
import { loadChart } from "../../src/chart/load.js";
import { BerthError } from "../../src/errors.js";

const webapp = fileURLToPath(new URL("../../examples/webapp/chart", import.meta.url));
const isCode = (code: string) => (e: unknown) => e instanceof BerthError && e.code === code;

async function writeTree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "berth-chart-"));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe("loadChart", () => {
  it("GIVEN the webapp example WHEN loaded THEN metadata, templates, partials, notes, schema and the subchart are read", async () => {
    const chart = await loadChart(webapp);
    assert.deepEqual([chart.metadata.name, chart.metadata.version, chart.metadata.appVersion, chart.metadata.type], ["webapp", "0.1.0", "1.27", "application"]);
    assert.ok("deployment.yaml" in chart.templates && "tests/test-connection.yaml" in chart.templates);
    assert.deepEqual(Object.keys(chart.partials).sort(), ["labels", "selector"]);
    assert.ok(chart.notes?.includes("port-forward"));
    assert.equal(typeof chart.schema, "object");
    assert.deepEqual(chart.dependencies.map((d) => [d.chart.metadata.name, d.condition]), [["redis", "redis.enabled"]]);
  });

  it("GIVEN .berthignore, crds/ and a file:// dependency WHEN loaded THEN ignored files are out and the rest is in", async () => {
    const dir = await writeTree({
      "app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\nannotations:\n  berth.dev/engine: mustache\ndependencies:\n  - name: lib\n    repository: file://../lib\n    alias: shared\n",
      "app/.berthignore": "templates/skip.yaml\ndrafts/\n",
      "app/templates/cm.yaml": "x: 1\n",
      "app/templates/skip.yaml": "x: 1\n",
      "app/templates/drafts/a.yaml": "x: 1\n",
      "app/crds/widget.yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n",
      "lib/Chart.yaml": "apiVersion: v2\nname: lib\nversion: 0.1.0\ntype: library\n",
      "lib/templates/_helpers.mustache": "a: b\n",
    });
    const chart = await loadChart(join(dir, "app"));
    assert.deepEqual(Object.keys(chart.templates), ["cm.yaml"]);
    assert.deepEqual(Object.keys(chart.crds), ["widget.yaml"]);
    assert.deepEqual(chart.dependencies.map((d) => [d.alias, d.chart.metadata.type, Object.keys(d.chart.partials)]), [["shared", "library", ["helpers"]]]);
  });

  it("GIVEN a bad Chart.yaml and a missing dependency WHEN loaded THEN ChartInvalid lists every problem", async () => {
    const dir = await writeTree({ "Chart.yaml": "apiVersion: v2\nname: Bad_Name\nversion: 1.0\nannotations:\n  berth.dev/engine: mustache\ndependencies:\n  - name: gone\n    repository: https://charts.example.com\n" });
    await assert.rejects(loadChart(dir), (e: unknown) => {
      assert.ok(isCode("ChartInvalid")(e));
      assert.equal((e as unknown as { issues: unknown[] }).issues.length, 3);
      return true;
    });
  });

  it("GIVEN a directory without Chart.yaml WHEN loaded THEN ChartInvalid", async () => {
    await assert.rejects(loadChart(await writeTree({ "x.txt": "" })), isCode("ChartInvalid"));
  });

  it("GIVEN Chart.yaml with the berth.dev/engine: mustache annotation WHEN loaded THEN it is a mustache chart, its subcharts too", async () => {
    const chart = await loadChart(webapp);
    assert.equal(chart.engine, "mustache");
    assert.equal(chart.dependencies[0]?.chart.engine, "mustache");
  });

  it("GIVEN an unknown berth.dev/engine WHEN loaded THEN ChartInvalid names the annotation", async () => {
    const dir = await writeTree({ "Chart.yaml": "apiVersion: v2\nname: x\nversion: 1.0.0\nannotations:\n  berth.dev/engine: jinja\n" });
    await assert.rejects(loadChart(dir), (e: unknown) => {
      assert.ok(isCode("ChartInvalid")(e));
      assert.deepEqual((e as unknown as { issues: { path?: string }[] }).issues.map((i) => i.path), ["annotations.berth.dev/engine"]);
      return true;
    });
  });
});

describe("defineChart", () => {
  it("GIVEN an invalid version WHEN defined THEN ChartInvalid", () => {
    assert.throws(() => defineChart({ name: "web", version: "latest", values: {} }), isCode("ChartInvalid"));
  });

  it("GIVEN subcharts as charts or dependency entries WHEN defined THEN both become dependencies", () => {
    const sub = defineChart({ name: "sub", version: "1.0.0", values: {} });
    const chart = defineChart({ name: "web", version: "1.0.0", values: {}, dependencies: [sub, { chart: sub, alias: "two" }] });
    assert.deepEqual(chart.dependencies.map((d) => d.alias), [undefined, "two"]);
  });
});
