import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { loadHelmChart } from "../../../src/chart/helm/load.js";
import { HelmError } from "../../../src/chart/helm/errors.js";
import { coalesceValues } from "../../../src/chart/helm/coalesce.js";
import { processDependencies, checkDependencies } from "../../../src/chart/helm/dependencies.js";
import { parseSetInto } from "../../../src/chart/helm/strvals.js";
import { HelmIgnore, goPathMatch } from "../../../src/chart/helm/ignore.js";
import { helmTemplateSync } from "../../../src/render/helm/helm-template.js";

function chartDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "berth-helm-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test("GIVEN a Chart.yaml without a version WHEN loaded THEN helm's validation error", () => {
  const dir = chartDir({ "Chart.yaml": "apiVersion: v2\nname: a\n" });
  assert.throws(() => loadHelmChart(dir), (e) => e instanceof HelmError && e.code === "HelmChartInvalid" && e.message === "validation: chart.metadata.version is required");
});

test("GIVEN a subchart as .tgz and a .helmignore WHEN loaded THEN the archive is a dependency and ignored files are gone", () => {
  const sub = chartDir({ "sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 1.0.0\n", "sub/values.yaml": "x: 1\n" });
  const dir = chartDir({
    "Chart.yaml": "apiVersion: v2\nname: top\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 1.x\n  alias: other\n",
    ".helmignore": "*.md\n",
    "README.md": "ignored",
    "files/a.txt": "kept",
  });
  mkdirSync(join(dir, "charts"));
  execFileSync("tar", ["-czf", join(dir, "charts", "sub-1.0.0.tgz"), "-C", sub, "sub"]);
  const c = loadHelmChart(dir);
  assert.deepEqual(c.files.map((f) => f.name).sort(), [".helmignore", "files/a.txt"]);
  assert.deepEqual(c.dependencies().map((d) => d.name()), ["sub"]);
  checkDependencies(c);
  processDependencies(c, {});
  assert.deepEqual(c.dependencies().map((d) => d.name()), ["other"]);
  assert.deepEqual(coalesceValues(c, {})["other"], { x: 1, global: {} });
});

test("GIVEN a dependency not vendored WHEN checked THEN HelmDependencyMissing", () => {
  const dir = chartDir({ "Chart.yaml": "apiVersion: v2\nname: a\nversion: 1.0.0\ndependencies:\n- name: gone\n  version: 1.0.0\n" });
  assert.throws(() => checkDependencies(loadHelmChart(dir)), (e) => e instanceof HelmError && e.code === "HelmDependencyMissing");
});

test("GIVEN a null user value WHEN coalesced THEN the default key is deleted", () => {
  const dir = chartDir({ "Chart.yaml": "apiVersion: v2\nname: a\nversion: 1.0.0\n", "values.yaml": "a: 1\nb: {c: 2, d: 3}\n" });
  assert.deepEqual(coalesceValues(loadHelmChart(dir), { a: null, b: { c: null } }), { b: { d: 3 } });
});

test("GIVEN --set expressions WHEN parsed THEN typed values, lists and nesting", () => {
  const v: Record<string, unknown> = {};
  parseSetInto("a.b=1,c=true,d={x,y},e[1]=z,f=01", v);
  assert.deepEqual(v, { a: { b: 1n }, c: true, d: ["x", "y"], e: [null, "z"], f: "01" });
});

test("GIVEN helmignore rules WHEN matched THEN helm's semantics (base names, dirs, negation)", () => {
  const r = HelmIgnore.parse("*.tmp\nsecret/\n");
  assert.ok(r.ignores("a/b.tmp", false));
  assert.ok(r.ignores("secret", true));
  assert.ok(!r.ignores("secret", false));
  assert.ok(r.ignores("templates/.hidden", false));
  assert.ok(goPathMatch("a/*.yaml", "a/b.yaml") && !goPathMatch("a/*.yaml", "a/b/c.yaml"));
});

test("GIVEN a values schema WHEN values violate it THEN HelmValuesSchema", () => {
  const dir = chartDir({
    "Chart.yaml": "apiVersion: v2\nname: a\nversion: 1.0.0\n",
    "values.schema.json": '{"type":"object","required":["name"]}',
    "templates/cm.yaml": "kind: ConfigMap\n",
  });
  assert.throws(() => helmTemplateSync(dir), (e) => e instanceof HelmError && e.code === "HelmValuesSchema");
  assert.match(helmTemplateSync(dir, { set: ["name=x"] }), /# Source: a\/templates\/cm.yaml\nkind: ConfigMap\n/);
});
