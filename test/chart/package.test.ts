// GIVEN chart directories WHEN packaged and loaded back THEN the archives are Helm's layout,
// deterministic, .helmignore is honoured and broken archives are typed errors.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { loadChart } from "../../src/chart/load.js";
import { readChartArchive, writeChartArchive } from "../../src/chart/package/archive.js";
import { sha256Digest } from "../../src/chart/package/digest.js";
import { parseHelmIgnore } from "../../src/chart/package/helmignore.js";
import { packageChart } from "../../src/chart/package/package.js";
import { readTar, writeTar } from "../../src/chart/package/tar.js";
import { isolatedPaths, tempDir, writeChart } from "./fixtures.js";

const names = (bytes: Uint8Array) => [...readChartArchive(bytes, { url: "x" }).files.keys()];

describe("berth package", () => {
  it("GIVEN a chart with .helmignore and hidden template files WHEN packaged twice THEN the bytes are equal and ignored files are left out", async () => {
    const dir = await writeChart("web", "1.4.2", { ".helmignore": "# comment\n*.bak\nsecrets/\n", "notes.bak": "x", "secrets/key": "k", "templates/.swp": "x", "README.md": "# web\n" });
    const a = await packageChart(dir, { destination: await tempDir() });
    const b = await packageChart(dir, { destination: await tempDir() });
    assert.match(a.path, /web-1\.4\.2\.tgz$/);
    const bytes = await readFile(a.path);
    assert.deepEqual(bytes, await readFile(b.path));
    assert.equal(a.digest, sha256Digest(bytes));
    assert.deepEqual(names(bytes), ["Chart.yaml", "values.yaml", "templates/configmap.yaml", ".helmignore", "README.md"]);
    assert.ok(readTar(gunzipSync(bytes)).every((f) => f.name.startsWith("web/")));
  });

  it("GIVEN a package WHEN loadChart reads the .tgz THEN the chart loads with its digest as source", async () => {
    const out = await packageChart(await writeChart("api", "0.3.0"), { destination: await tempDir() });
    const chart = await loadChart(out.path, await isolatedPaths());
    assert.deepEqual([chart.metadata.name, chart.metadata.version, chart.engine], ["api", "0.3.0", "gotemplate"]);
    assert.equal(chart.source?.digest, out.digest);
    assert.equal(chart.source?.kind, "archive");
  });

  it("GIVEN a chart whose subchart is a .tgz in charts/ WHEN loaded THEN the subchart is a dependency", async () => {
    const sub = await packageChart(await writeChart("redis", "18.1.0"), { destination: await tempDir() });
    const dir = await writeChart("app", "1.0.0", { "Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: ^18\n    repository: https://example.invalid/charts\n" });
    await mkdir(join(dir, "charts"));
    await writeFile(join(dir, "charts", "redis-18.1.0.tgz"), await readFile(sub.path));
    const chart = await loadChart(dir, await isolatedPaths());
    assert.deepEqual(chart.dependencies.map((d) => `${d.chart.metadata.name}@${d.chart.metadata.version}`), ["redis@18.1.0"]);
  });

  it("GIVEN a dependency missing from charts/ WHEN packaged THEN ChartInvalid names it", async () => {
    const dir = await writeChart("app", "1.0.0", { "Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: ^18\n    repository: https://example.invalid/charts\n" });
    await assert.rejects(packageChart(dir, { destination: await tempDir() }), (e: { code: string; issues: Array<{ path: string }> }) => e.code === "ChartInvalid" && e.issues[0]!.path === "dependencies.redis");
  });

  it("GIVEN names over 100 bytes WHEN written and read THEN PAX records keep them whole", () => {
    const long = `chart/${"d".repeat(120)}/file.yaml`;
    const back = readTar(writeTar([{ name: long, data: new TextEncoder().encode("x: 1\n") }]));
    assert.deepEqual(back.map((f) => f.name), [long]);
  });

  it("GIVEN bytes that are not a chart archive WHEN read THEN ChartArchiveInvalid", () => {
    const code = (f: () => unknown) => assert.throws(f, (e: { code: string }) => e.code === "ChartArchiveInvalid");
    code(() => readChartArchive(new TextEncoder().encode("plain text"), { url: "x.tgz" }));
    code(() => readChartArchive(gzipSync(writeTar([{ name: "c/../../etc/passwd", data: new Uint8Array(1) }])), { url: "x.tgz" }));
    code(() => readChartArchive(writeChartArchive("c", new Map([["values.yaml", new Uint8Array(1)]])), { url: "x.tgz" }));
  });

  it("GIVEN .helmignore rules WHEN paths are checked THEN Helm's matching applies (base names, slashes, dir-only, negation quirk)", () => {
    const rules = parseHelmIgnore("*.tmp\n/docs/*.md\nbuild/\n");
    assert.equal(rules.ignores("a/b/c.tmp", false), true);
    assert.equal(rules.ignores("docs/x.md", false), true);
    assert.equal(rules.ignores("other/docs/x.md", false), false);
    assert.equal(rules.ignores("build", true), true);
    assert.equal(rules.ignores("build", false), false);
    assert.equal(rules.ignores("templates/.hidden", false), true);
    // Helm ignores everything a negated rule does not match.
    const neg = parseHelmIgnore("!keep.txt\n");
    assert.equal(neg.ignores("other.txt", false), true);
    assert.equal(neg.ignores("keep.txt", false), false);
  });
});
