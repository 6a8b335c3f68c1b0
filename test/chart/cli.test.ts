// GIVEN the chart commands on the CLI WHEN packaging, templating by reference and managing
// dependencies THEN they print what they did and fail with typed errors, exit code 1.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { packageChart } from "../../src/chart/package/package.js";
import { indexDirectory } from "../../src/chart/repo/manage.js";
import { startChartServer, type ChartServer } from "../helpers/chart-server.js";
import { berthWith, isolatedPaths, tempDir, writeChart } from "./fixtures.js";

let repo: ChartServer;

before(async () => {
  const root = await tempDir();
  for (const v of ["1.0.0", "1.1.0"]) await packageChart(await writeChart("site", v), { destination: root });
  await indexDirectory(root);
  repo = await startChartServer(root);
});
after(() => repo?.close());

describe("chart commands", () => {
  it("GIVEN a chart directory WHEN berth package runs THEN it prints the package path and digest", async () => {
    const dir = await writeChart("pkg", "0.0.1");
    const out = await tempDir();
    const res = await berthWith(await isolatedPaths(), ["package", dir, "-d", out]);
    assert.equal(res.code, 0, res.stderr);
    const [path, digest] = res.stdout.trim().split("\t");
    assert.equal(path, join(out, "pkg-0.0.1.tgz"));
    assert.match(digest!, /^sha256:[a-f0-9]{64}$/);
    assert.ok((await readFile(path!)).length > 0);
  });

  it("GIVEN a repository URL WHEN berth template --repo --version runs THEN the chosen version renders", async () => {
    const res = await berthWith(await isolatedPaths(), ["template", "site", "--repo", repo.url, "--version", "~1.0"]);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /# Source: site\/templates\/configmap\.yaml[\s\S]*version: "?1\.0\.0"?\n/);
    const missing = await berthWith(await isolatedPaths(), ["template", "site", "--repo", repo.url, "--version", "^5"]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Error \[ChartNotFound\]: chart site version \^5 from http:\/\/127\.0\.0\.1/);
  });

  it("GIVEN a chart with a ranged dependency WHEN berth dependency update and list run THEN the lock is written and the dependency is ok", async () => {
    const dir = await writeChart("app", "0.1.0", { "Chart.yaml": `apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: site\n    version: ^1\n    repository: ${repo.url}\n` });
    const paths = await isolatedPaths();
    const before = await berthWith(paths, ["dependency", "list", dir]);
    assert.match(before.stdout, /site\s+\^1\s+\S+\s+missing/);
    const update = await berthWith(paths, ["dependency", "update", dir]);
    assert.equal(update.code, 0, update.stderr);
    assert.match(update.stdout, /Saved charts\/site-1\.1\.0\.tgz\nWrote Chart\.lock/);
    assert.match((await berthWith(paths, ["dependency", "list", dir])).stdout, /site\s+\^1\s+\S+\s+ok/);
    assert.match((await berthWith(paths, ["dependency", "build", dir])).stdout, /Chart\.lock is up to date/);
  });
});
