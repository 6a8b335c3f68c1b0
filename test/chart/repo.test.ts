// GIVEN chart repositories served on loopback (plain, TLS, basic auth) WHEN charts are loaded by
// URL and range THEN the newest satisfying version arrives verified and cached, and every failure is
// a typed error naming chart, version and URL.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadChart } from "../../src/chart/load.js";
import { packageChart } from "../../src/chart/package/package.js";
import { indexDirectory } from "../../src/chart/repo/manage.js";
import { parseRepoIndex } from "../../src/chart/repo/index-file.js";
import { freePorts } from "../../src/local/ports.js";
import { startChartServer, type ChartServer } from "../helpers/chart-server.js";
import { berthWith, isolatedPaths, tempDir, writeChart } from "./fixtures.js";

let root = "";
let plain: ChartServer;
let tls: ChartServer;
let auth: ChartServer;
const creds = { username: "ci", password: "s3cret" };

before(async () => {
  root = await tempDir("berth-repo-");
  for (const v of ["1.0.0", "1.1.0", "2.0.0-rc.1", "2.0.0"]) await packageChart(await writeChart("web", v), { destination: root });
  await packageChart(await writeChart("db", "0.4.0"), { destination: root });
  await indexDirectory(root);
  plain = await startChartServer(root);
  tls = await startChartServer(root, { tls: true });
  auth = await startChartServer(root, { auth: creds });
});
after(async () => {
  await Promise.all([plain?.close(), tls?.close(), auth?.close()]);
});

const rejectsWith = async (p: Promise<unknown>, code: string, check: (e: { chart?: string; version?: string; url: string; message: string }) => void = () => {}) =>
  assert.rejects(p, (e: { code: string; chart?: string; version?: string; url: string; message: string }) => {
    assert.equal(e.code, code, e.message);
    check(e);
    return true;
  });

describe("charts from a repository URL", () => {
  it("GIVEN a range WHEN the chart is loaded THEN the newest satisfying release is used, verified against the index digest", async () => {
    const paths = await isolatedPaths();
    const chart = await loadChart(plain.url, { ...paths, chart: "web", version: "^1" });
    assert.equal(chart.metadata.version, "1.1.0");
    const index = parseRepoIndex(await readFile(join(root, "index.yaml"), "utf8"));
    const entry = index.entries.get("web")!.find((e) => e.version === "1.1.0")!;
    assert.equal(chart.source?.digest, `sha256:${entry.digest}`);
    assert.equal(chart.source?.kind, "repository");
    const latest = await loadChart(plain.url, { ...paths, chart: "web" });
    assert.equal(latest.metadata.version, "2.0.0", "no range: the newest release, never a pre-release");
  });

  it("GIVEN a package fetched once WHEN loaded again THEN it comes from the cache keyed by digest", async () => {
    const paths = await isolatedPaths();
    const before = plain.requests.filter((p) => p === "/db-0.4.0.tgz").length;
    await loadChart(plain.url, { ...paths, chart: "db", version: "0.4.0" });
    await loadChart(plain.url, { ...paths, chart: "db", version: "0.4.0" });
    assert.equal(plain.requests.filter((p) => p === "/db-0.4.0.tgz").length - before, 1);
  });

  it("GIVEN a version or chart the repository lacks WHEN loaded THEN ChartNotFound names chart, version and URL", async () => {
    const paths = await isolatedPaths();
    await rejectsWith(loadChart(plain.url, { ...paths, chart: "web", version: "^3" }), "ChartNotFound", (e) => {
      assert.deepEqual([e.chart, e.version, e.url], ["web", "^3", plain.url]);
    });
    await rejectsWith(loadChart(plain.url, { ...paths, chart: "nope" }), "ChartNotFound");
    await rejectsWith(loadChart(plain.url, { ...paths, chart: "web", version: "not a range" }), "ChartReferenceInvalid");
    await rejectsWith(loadChart(plain.url, { ...paths }), "ChartReferenceInvalid");
  });

  it("GIVEN an index whose digest does not match the package WHEN loaded THEN ChartDigestMismatch", async () => {
    const dir = await tempDir("berth-tampered-");
    await cp(root, dir, { recursive: true });
    const text = await readFile(join(dir, "index.yaml"), "utf8");
    const entry = parseRepoIndex(text).entries.get("db")![0]!;
    await writeFile(join(dir, "index.yaml"), text.replace(entry.digest!, "0".repeat(64)));
    const server = await startChartServer(dir);
    try {
      await rejectsWith(loadChart(server.url, { ...(await isolatedPaths()), chart: "db", version: "0.4.0" }), "ChartDigestMismatch", (e) => assert.equal(e.chart, "db"));
    } finally {
      await server.close();
    }
  });

  it("GIVEN a published version replaced by different bytes WHEN loaded again THEN ChartDigestChanged", async () => {
    const dir = await tempDir("berth-replaced-");
    await packageChart(await writeChart("svc", "1.0.0"), { destination: dir });
    await indexDirectory(dir);
    const server = await startChartServer(dir);
    const paths = await isolatedPaths();
    try {
      await loadChart(server.url, { ...paths, chart: "svc", version: "1.0.0" });
      await packageChart(await writeChart("svc", "1.0.0", { "values.yaml": "greeting: changed\n" }), { destination: dir });
      await indexDirectory(dir);
      await rejectsWith(loadChart(server.url, { ...paths, chart: "svc", version: "1.0.0" }), "ChartDigestChanged");
    } finally {
      await server.close();
    }
  });

  it("GIVEN nothing listening WHEN loaded THEN ChartSourceUnreachable", async () => {
    const [port] = await freePorts(1);
    await rejectsWith(loadChart(`http://127.0.0.1:${port}/charts`, { ...(await isolatedPaths()), chart: "web", version: "1.0.0" }), "ChartSourceUnreachable", (e) => assert.equal(e.version, "1.0.0"));
  });

  it("GIVEN a TLS repository WHEN loaded without and with its CA THEN unreachable, then loaded", async () => {
    const paths = await isolatedPaths();
    await rejectsWith(loadChart(tls.url, { ...paths, chart: "web", version: "1.0.0" }), "ChartSourceUnreachable");
    const chart = await loadChart(tls.url, { ...paths, chart: "web", version: "1.0.0", ca: tls.ca! });
    assert.equal(chart.metadata.version, "1.0.0");
  });

  it("GIVEN basic auth WHEN loaded without, with wrong and with right credentials THEN auth errors, then loaded", async () => {
    const paths = await isolatedPaths();
    await rejectsWith(loadChart(auth.url, { ...paths, chart: "web" }), "ChartAuthFailed", (e) => assert.doesNotMatch(e.message, /s3cret/));
    await rejectsWith(loadChart(auth.url, { ...paths, chart: "web", username: "ci", password: "wrong" }), "ChartAuthFailed", (e) => assert.doesNotMatch(e.message, /wrong/));
    assert.equal((await loadChart(auth.url, { ...paths, chart: "web", ...creds })).metadata.version, "2.0.0");
    // Credentials in the URL work and never reach the chart's recorded source.
    const inUrl = await loadChart(auth.url.replace("http://", "http://ci:s3cret@"), { ...paths, chart: "web", version: "1.0.0" });
    assert.equal(inUrl.metadata.version, "1.0.0");
    assert.doesNotMatch(JSON.stringify(inUrl.source), /s3cret/);
  });
});

describe("berth repo / search / pull", () => {
  it("GIVEN a TLS repository behind basic auth WHEN added with credentials and CA THEN list, search, update, pull and remove work", async () => {
    const paths = await isolatedPaths();
    const server = await startChartServer(root, { tls: true, auth: creds });
    try {
      const caFile = join(await tempDir(), "ca.pem");
      await writeFile(caFile, server.ca!);
      const bad = await berthWith(paths, ["repo", "add", "corp", server.url, "--ca-file", caFile]);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /ChartAuthFailed/);
      const add = await berthWith(paths, ["repo", "add", "corp", server.url, "--ca-file", caFile, "--username", "ci", "--password", "s3cret"]);
      assert.equal(add.code, 0, add.stderr);
      assert.match((await berthWith(paths, ["repo", "list"])).stdout, new RegExp(`corp\\s+${server.url.replace(/[.]/g, "\\.")}`));
      const search = await berthWith(paths, ["search", "repo", "web"]);
      assert.match(search.stdout, /corp\/web\s+2\.0\.0\s+1\.0\s+The web chart/);
      assert.match((await berthWith(paths, ["search", "repo", "web", "--version", "~1.0"])).stdout, /corp\/web\s+1\.0\.0/);
      assert.equal((await berthWith(paths, ["repo", "update"])).code, 0);
      const out = await tempDir();
      const pull = await berthWith(paths, ["pull", "corp/web", "--version", "^1", "-d", out]);
      assert.equal(pull.code, 0, pull.stderr);
      assert.deepEqual(await readFile(join(out, "web-1.1.0.tgz")), await readFile(join(root, "web-1.1.0.tgz")));
      const chart = await loadChart("corp/web", { ...paths, version: "1.0.0" });
      assert.equal(chart.metadata.version, "1.0.0");
      assert.equal((await berthWith(paths, ["repo", "remove", "corp"])).code, 0);
      const gone = await berthWith(paths, ["pull", "corp/web"]);
      assert.match(gone.stderr, /ChartReferenceInvalid/);
    } finally {
      await server.close();
    }
  });

  it("GIVEN a folder of packages WHEN berth repo index --url runs THEN index.yaml lists each with digest and URL", async () => {
    const dir = await tempDir();
    await mkdir(join(dir, "sub"));
    const a = await packageChart(await writeChart("one", "1.0.0"), { destination: dir });
    const b = await packageChart(await writeChart("two", "0.1.0"), { destination: join(dir, "sub") });
    const res = await berthWith(await isolatedPaths(), ["repo", "index", dir, "--url", "https://charts.example.com/"]);
    assert.equal(res.code, 0, res.stderr);
    const index = parseRepoIndex(await readFile(join(dir, "index.yaml"), "utf8"));
    assert.deepEqual(index.entries.get("one")![0]!.urls, ["https://charts.example.com/one-1.0.0.tgz"]);
    assert.equal(`sha256:${index.entries.get("one")![0]!.digest}`, a.digest);
    assert.deepEqual(index.entries.get("two")![0]!.urls, ["https://charts.example.com/sub/two-0.1.0.tgz"]);
    assert.equal(`sha256:${index.entries.get("two")![0]!.digest}`, b.digest);
  });
});
