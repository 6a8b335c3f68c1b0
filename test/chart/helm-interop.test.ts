// GIVEN the helm v3 binary the tests build, a real OCI registry and a loopback chart repository
// WHEN helm and berth take turns packaging, pushing, pulling, indexing and locking THEN each reads
// what the other wrote: helm's pushes deploy with berth, berth's pushes pull with helm, and both
// write the same Chart.lock for the same ranges.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { connect, type Cluster } from "../../src/index.js";
import { updateDependencies } from "../../src/chart/deps/manager.js";
import { loadChart } from "../../src/chart/load.js";
import { pushChart } from "../../src/chart/oci/charts.js";
import { sha256Digest } from "../../src/chart/package/digest.js";
import { packageChart } from "../../src/chart/package/package.js";
import { ensureBinary } from "../../src/local/binaries.js";
import { startChartServer, type ChartServer } from "../helpers/chart-server.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { startRegistry, type TestRegistry } from "../helpers/registry.js";
import { isolatedPaths, tempDir, writeChart } from "./fixtures.js";

const run = promisify(execFile);
const ns = useTestNamespace("pkginterop");
const creds = { username: "robot", password: "hunter2" };
let helmBin = "";
let home = "";
let registry: TestRegistry;
let repoDir = "";
let repo: ChartServer;
let cluster: Cluster;

async function helm(...args: string[]): Promise<string> {
  const env = { PATH: process.env["PATH"] ?? "", HOME: home, HELM_CACHE_HOME: join(home, "cache"), HELM_CONFIG_HOME: join(home, "config"), HELM_DATA_HOME: join(home, "data") };
  const { stdout } = await run(helmBin, args, { env, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

before(async () => {
  helmBin = await ensureBinary("helm");
  home = await tempDir("berth-helm-home-");
  registry = await startRegistry({ auth: creds });
  repoDir = await tempDir("berth-helm-repo-");
  repo = await startChartServer(repoDir);
  await helm("registry", "login", registry.host, "--username", creds.username, "--password", creds.password, "--plain-http");
  cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
}, { timeout: 900_000 });
after(async () => {
  cluster?.close();
  await Promise.all([registry?.close(), repo?.close()]);
});

describe("helm and berth share packages, registries, repositories and lock files", () => {
  it("GIVEN a chart packaged and pushed by helm WHEN berth loads it from the registry and deploys it THEN it is deployed and the release and plan carry its digest", async () => {
    const dir = await tempDir();
    await helm("package", await writeChart("hweb", "1.3.0"), "-d", dir);
    await helm("push", join(dir, "hweb-1.3.0.tgz"), `oci://${registry.host}/helm`, "--plain-http");
    const chart = await loadChart(`oci://${registry.host}/helm/hweb`, { ...(await isolatedPaths()), version: "~1.3", ...creds });
    assert.equal(chart.source?.digest, sha256Digest(await readFile(join(dir, "hweb-1.3.0.tgz"))));
    const result = await cluster.deploy(chart, { release: "hweb" });
    assert.deepEqual([result.plan.release.chart?.name, result.plan.release.chart?.version, result.plan.release.chart?.digest], ["hweb", "1.3.0", chart.source?.digest]);
    const cm = await cluster.config.kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns.name, name: "hweb-static" });
    assert.equal((cm as unknown as { data: Record<string, string> }).data["version"], "1.3.0");
    const release = await cluster.get("hweb");
    assert.equal(release.chart["digest"], chart.source?.digest);
    // helm reads the release berth wrote from helm's package.
    const listed = JSON.parse(await helm("list", "-n", ns.name, "--kubeconfig", testKubeconfigPath(), "-o", "json")) as Array<{ name: string; chart: string }>;
    assert.equal(listed.find((r) => r.name === "hweb")?.chart, "hweb-1.3.0");
  });

  it("GIVEN a chart packaged and pushed by berth WHEN helm pulls and renders it THEN helm gets the same bytes and accepts the package", async () => {
    const pkg = await packageChart(await writeChart("bweb", "2.1.0", { ".helmignore": "*.md\n", "README.md": "x" }), { destination: await tempDir() });
    const pushed = await pushChart(await readFile(pkg.path), { registry: registry.host, repository: "berth" }, { credentials: creds });
    const out = await tempDir();
    const pulled = await helm("pull", `oci://${registry.host}/berth/bweb`, "--version", "2.1.0", "--plain-http", "-d", out);
    assert.deepEqual(await readFile(join(out, "bweb-2.1.0.tgz")), await readFile(pkg.path));
    assert.ok(pulled.includes(pushed.manifestDigest) || (await helm("show", "chart", join(out, "bweb-2.1.0.tgz"))).includes("name: bweb"));
    const rendered = await helm("template", "r", join(out, "bweb-2.1.0.tgz"));
    assert.match(rendered, /name: bweb-static/);
    await helm("lint", pkg.path);
  });

  it("GIVEN packages indexed by helm repo index WHEN berth loads by range and deploys a replaced version THEN the range resolves and the changed digest is refused with nothing applied", async () => {
    const build = await tempDir();
    for (const v of ["0.1.0", "0.2.0", "1.0.0"]) await helm("package", await writeChart("idx", v), "-d", repoDir);
    await helm("repo", "index", repoDir, "--url", repo.url);
    const chart = await loadChart(repo.url, { ...(await isolatedPaths()), chart: "idx", version: "^0.1" });
    assert.equal(chart.metadata.version, "0.1.0");
    await cluster.deploy(chart, { release: "idx" });
    // The same version republished with other content (and a fresh local digest record).
    await helm("package", await writeChart("idx", "0.1.0", { "templates/configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: idx-static\ndata:\n  version: tampered\n" }), "-d", build);
    await cp(join(build, "idx-0.1.0.tgz"), join(repoDir, "idx-0.1.0.tgz"));
    await helm("repo", "index", repoDir, "--url", repo.url);
    const replaced = await loadChart(repo.url, { ...(await isolatedPaths()), chart: "idx", version: "0.1.0" });
    await assert.rejects(cluster.deploy(replaced, { release: "idx" }), (e: { code: string; chart: string; version: string }) => e.code === "ChartDigestChanged" && e.chart === "idx" && e.version === "0.1.0");
    const cm = await cluster.config.kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns.name, name: "idx-static" });
    assert.equal((cm as unknown as { data: Record<string, string> }).data["version"], "0.1.0");
  });

  it("GIVEN the same ranges WHEN helm dependency update and berth dependency update run THEN both write the same Chart.lock", async () => {
    const pk = await tempDir();
    for (const v of ["1.0.0", "1.4.0", "2.0.0"]) await packageChart(await writeChart("front", v), { destination: pk });
    await mkdir(join(repoDir, "front"), { recursive: true });
    await cp(pk, join(repoDir, "front"), { recursive: true });
    await helm("repo", "index", repoDir, "--url", repo.url);
    for (const v of ["0.9.0", "1.2.0", "1.3.1"]) {
      const p = await packageChart(await writeChart("cache", v), { destination: pk });
      await pushChart(await readFile(p.path), { registry: registry.host, repository: "deps" }, { credentials: creds });
    }
    const deps = `  - name: front\n    version: ">=1.0.0 <2.0.0"\n    repository: ${repo.url}\n    condition: front.enabled\n    tags:\n      - web\n    import-values:\n      - child: a\n        parent: b\n  - name: cache\n    alias: kv\n    version: ^1.2\n    repository: oci://${registry.host}/deps\n`;
    const forHelm = await writeChart("app", "0.1.0", { "Chart.yaml": `apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n${deps}` });
    const forBerth = join(await tempDir(), "app");
    await cp(forHelm, forBerth, { recursive: true });
    await helm("dependency", "update", forHelm, "--plain-http");
    const paths = await isolatedPaths();
    await mkdir(join(paths.configDir, "registry"), { recursive: true });
    await writeFile(join(paths.configDir, "registry", "config.json"), JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from(`${creds.username}:${creds.password}`).toString("base64") } } }));
    await updateDependencies(forBerth, paths);
    const strip = (t: string) => t.replace(/^generated: .*$/m, "");
    const helmLock = await readFile(join(forHelm, "Chart.lock"), "utf8");
    assert.equal(strip(await readFile(join(forBerth, "Chart.lock"), "utf8")), strip(helmLock));
    assert.match(helmLock, /version: 1\.4\.0[\s\S]*version: 1\.3\.1/);
    // and helm builds from berth's lock without complaint about its digest
    await helm("dependency", "build", forBerth, "--plain-http").catch((e: Error) => assert.doesNotMatch(e.message, /out of sync/));
  });
});
