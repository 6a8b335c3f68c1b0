// GIVEN Chart.yaml dependencies with ranges from a loopback repository, a real OCI registry and
// file:// WHEN berth dependency update/build/list run THEN versions resolve as helm resolves them,
// Chart.lock is written in Helm's format with Helm's digest, and the lock is honoured.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildDependencies, listDependencies, updateDependencies } from "../../src/chart/deps/manager.js";
import { formatChartLock, lockDigest } from "../../src/chart/deps/lock.js";
import { loadChart } from "../../src/chart/load.js";
import { pushChart } from "../../src/chart/oci/charts.js";
import { packageChart } from "../../src/chart/package/package.js";
import { indexDirectory } from "../../src/chart/repo/manage.js";
import { startChartServer, type ChartServer } from "../helpers/chart-server.js";
import { startRegistry, type TestRegistry } from "../helpers/registry.js";
import { berthWith, isolatedPaths, tempDir, writeChart } from "./fixtures.js";

let repo: ChartServer;
let registry: TestRegistry;

before(async () => {
  const root = await tempDir("berth-deprepo-");
  for (const v of ["1.0.0", "1.4.0", "2.0.0"]) await packageChart(await writeChart("web", v), { destination: root });
  await indexDirectory(root);
  repo = await startChartServer(root);
  registry = await startRegistry();
  const pk = await tempDir();
  for (const v of ["0.9.0", "1.2.0", "1.3.1"]) {
    const p = await packageChart(await writeChart("cache", v), { destination: pk });
    await pushChart(await readFile(p.path), { registry: registry.host, repository: "deps" }, {});
  }
}, { timeout: 900_000 });
after(async () => {
  await Promise.all([repo?.close(), registry?.close()]);
});

async function appChart(deps: string): Promise<string> {
  const dir = await writeChart("app", "0.1.0", { "Chart.yaml": `apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n${deps}` });
  await writeChart("local", "3.2.1", {}, join(dir, ".."));
  return dir;
}

const DEPS = () => `  - name: web\n    version: ">=1.0.0 <2.0.0"\n    repository: ${repo.url}\n    condition: web.enabled\n    tags: [front]\n  - name: cache\n    version: ^1.2\n    repository: oci://${registry.host}/deps\n  - name: local\n    version: ~3.2\n    repository: file://../local\n`;

describe("berth dependency", () => {
  it("GIVEN ranges from a repository, a registry and file:// WHEN updated THEN the newest matches are downloaded and Chart.lock is Helm's", async () => {
    const dir = await appChart(DEPS());
    const paths = await isolatedPaths();
    const result = await updateDependencies(dir, { ...paths, now: new Date("2026-01-02T03:04:05.678Z") });
    assert.deepEqual(result.lock.dependencies, [
      { name: "web", repository: repo.url, version: "1.4.0" },
      { name: "cache", repository: `oci://${registry.host}/deps`, version: "1.3.1" },
      { name: "local", repository: "file://../local", version: "3.2.1" },
    ]);
    assert.deepEqual((await readdir(join(dir, "charts"))).sort(), ["cache-1.3.1.tgz", "local-3.2.1.tgz", "web-1.4.0.tgz"]);
    const text = await readFile(join(dir, "Chart.lock"), "utf8");
    assert.equal(text, `dependencies:\n- name: web\n  repository: ${repo.url}\n  version: 1.4.0\n- name: cache\n  repository: oci://${registry.host}/deps\n  version: 1.3.1\n- name: local\n  repository: file://../local\n  version: 3.2.1\ndigest: ${result.lock.digest}\ngenerated: "2026-01-02T03:04:05.678Z"\n`);
    const chart = await loadChart(dir, paths);
    assert.deepEqual(chart.dependencies.map((d) => `${d.chart.metadata.name}@${d.chart.metadata.version}`), ["web@1.4.0", "cache@1.3.1", "local@3.2.1"]);
    assert.deepEqual((await listDependencies(dir)).map((d) => d.status), ["ok", "ok", "ok"]);
    const again = await updateDependencies(dir, paths);
    assert.equal(again.lockWritten, false, "same resolution: Chart.lock is left alone");
  });

  it("GIVEN a lock WHEN build runs after newer versions appear THEN the locked versions are used; a changed Chart.yaml is ChartLockOutdated", async () => {
    const dir = await appChart(DEPS());
    const paths = await isolatedPaths();
    await updateDependencies(dir, paths);
    const lock = await readFile(join(dir, "Chart.lock"), "utf8");
    const p = await packageChart(await writeChart("cache", "1.9.0"), { destination: await tempDir() });
    await pushChart(await readFile(p.path), { registry: registry.host, repository: "deps" }, {});
    const built = await buildDependencies(dir, paths);
    assert.ok(built.downloaded.includes("charts/cache-1.3.1.tgz"));
    assert.equal(await readFile(join(dir, "Chart.lock"), "utf8"), lock);
    await writeFile(join(dir, "Chart.yaml"), (await readFile(join(dir, "Chart.yaml"), "utf8")).replace("^1.2", "^1.3"));
    await assert.rejects(buildDependencies(dir, paths), (e: { code: string }) => e.code === "ChartLockOutdated");
    assert.equal((await listDependencies(dir)).find((d) => d.name === "cache")?.status, "ok");
  });

  it("GIVEN ranges nothing satisfies, bad ranges and unknown @repos WHEN updated THEN typed errors and charts/ is untouched", async () => {
    const paths = await isolatedPaths();
    const missing = await appChart(`  - name: web\n    version: ^7\n    repository: ${repo.url}\n`);
    await assert.rejects(updateDependencies(missing, paths), (e: { code: string; chart: string; version: string; url: string }) => e.code === "ChartNotFound" && e.chart === "web" && e.version === "^7" && e.url === repo.url);
    await assert.rejects(readdir(join(missing, "charts")), { code: "ENOENT" });
    const bad = await appChart(`  - name: web\n    version: "not-a-range"\n    repository: ${repo.url}\n`);
    await assert.rejects(updateDependencies(bad, paths), (e: { code: string }) => e.code === "ChartReferenceInvalid");
    const alias = await appChart(`  - name: web\n    version: ^1\n    repository: "@nowhere"\n`);
    await assert.rejects(updateDependencies(alias, paths), (e: { code: string }) => e.code === "ChartReferenceInvalid");
  });

  it("GIVEN an @name repository added with berth repo add WHEN updated THEN Chart.lock names the URL, as helm does", async () => {
    const paths = await isolatedPaths();
    assert.equal((await berthWith(paths, ["repo", "add", "mine", repo.url])).code, 0);
    const dir = await appChart(`  - name: web\n    version: ~1.0\n    repository: "@mine"\n`);
    const res = await berthWith(paths, ["dependency", "update", dir]);
    assert.equal(res.code, 0, res.stderr);
    assert.match(await readFile(join(dir, "Chart.lock"), "utf8"), new RegExp(`repository: ${repo.url.replace(/\./g, "\\.")}\\n  version: 1\\.0\\.0`));
  });

  it("GIVEN Helm's hashing rules WHEN the lock digest is computed THEN Go's JSON (field order, omitempty, HTML escaping) is hashed", () => {
    const req = [{ name: "a", version: ">=1 <2", repository: "https://x", tags: ["t"], "import-values": [{ parent: "p", child: "c" }] }];
    const locked = [{ name: "a", repository: "https://x", version: "1.5.0" }];
    // sha256 of [[{"name":"a","version":"\u003e=1 \u003c2","repository":"https://x","tags":["t"],"import-values":[{"child":"c","parent":"p"}]}],[{"name":"a","version":"1.5.0","repository":"https://x"}]]
    assert.equal(lockDigest(req, locked), "sha256:" + require_sha('[[{"name":"a","version":"\\u003e=1 \\u003c2","repository":"https://x","tags":["t"],"import-values":[{"child":"c","parent":"p"}]}],[{"name":"a","version":"1.5.0","repository":"https://x"}]]'));
    assert.match(formatChartLock({ dependencies: [{ name: "a", repository: "", version: ">=1" }], digest: "sha256:x", generated: "2026-01-01T00:00:00Z" }), /repository: ""\n  version: '>=1'\n/);
  });
});

import { createHash } from "node:crypto";
function require_sha(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
