// GIVEN a real OCI registry (CNCF distribution, built from Go modules) WHEN berth pushes and loads
// charts THEN Helm's media types are used, ranges resolve over tags, digests are checked, and
// auth works with login, Docker's config.json and explicit credentials.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { loadChart } from "../../src/chart/load.js";
import { pushChart, HELM_MEDIA_TYPES } from "../../src/chart/oci/charts.js";
import { packageChart } from "../../src/chart/package/package.js";
import { startRegistry, type TestRegistry } from "../helpers/registry.js";
import { berthWith, isolatedPaths, tempDir, writeChart } from "./fixtures.js";

let open: TestRegistry;
let locked: TestRegistry;
const creds = { username: "robot", password: "hunter2" };
const packages: Record<string, string> = {};

before(async () => {
  [open, locked] = await Promise.all([startRegistry(), startRegistry({ auth: creds })]);
  const dir = await tempDir();
  for (const v of ["1.0.0", "1.2.0", "2.0.0", "2.1.0-beta.1"]) packages[v] = (await packageChart(await writeChart("web", v), { destination: dir })).path;
}, { timeout: 900_000 });
after(async () => {
  await Promise.all([open?.close(), locked?.close()]);
});

describe("charts in an OCI registry", () => {
  it("GIVEN versions pushed by berth WHEN loaded by range, exact version, tag and digest THEN the right chart arrives with its digests", async () => {
    const pushed: Record<string, Awaited<ReturnType<typeof pushChart>>> = {};
    for (const [v, path] of Object.entries(packages)) pushed[v] = await pushChart(await readFile(path), { registry: open.host, repository: "charts" }, {});
    assert.equal(pushed["1.2.0"]!.ref, `oci://${open.host}/charts/web:1.2.0`);
    const paths = await isolatedPaths();
    const ref = `oci://${open.host}/charts/web`;
    const ranged = await loadChart(ref, { ...paths, version: "^1" });
    assert.equal(ranged.metadata.version, "1.2.0");
    assert.equal(ranged.source?.digest, pushed["1.2.0"]!.digest);
    assert.equal(ranged.source?.manifestDigest, pushed["1.2.0"]!.manifestDigest);
    assert.equal((await loadChart(ref, { ...paths })).metadata.version, "2.0.0");
    assert.equal((await loadChart(ref, { ...paths, version: "2.1.0-beta.1" })).metadata.version, "2.1.0-beta.1");
    assert.equal((await loadChart(`${ref}:1.0.0`, { ...paths })).metadata.version, "1.0.0");
    assert.equal((await loadChart(`${ref}@${pushed["2.0.0"]!.manifestDigest}`, { ...paths })).metadata.version, "2.0.0");
  });

  it("GIVEN a pushed chart WHEN its manifest is read THEN it has Helm's config and chart layer media types and annotations", async () => {
    await pushChart(await readFile(packages["1.0.0"]!), { registry: open.host, repository: "mt" }, {});
    const res = await fetch(`http://${open.host}/v2/mt/web/manifests/1.0.0`, { headers: { accept: HELM_MEDIA_TYPES.manifest } });
    const manifest = (await res.json()) as { config: { mediaType: string }; layers: Array<{ mediaType: string }>; annotations: Record<string, string> };
    assert.equal(manifest.config.mediaType, "application/vnd.cncf.helm.config.v1+json");
    assert.deepEqual(manifest.layers.map((l) => l.mediaType), ["application/vnd.cncf.helm.chart.content.v1.tar+gzip"]);
    assert.equal(manifest.annotations["org.opencontainers.image.title"], "web");
    assert.equal(manifest.annotations["org.opencontainers.image.version"], "1.0.0");
  });

  it("GIVEN bad references and missing versions WHEN loaded THEN typed errors name chart, version and URL", async () => {
    const paths = await isolatedPaths();
    const code = (c: string) => (e: { code: string }) => e.code === c;
    await assert.rejects(loadChart(`oci://${open.host}/charts/web`, { ...paths, version: "^9" }), (e: { code: string; chart: string; version: string; url: string }) => e.code === "ChartNotFound" && e.chart === "web" && e.version === "^9" && e.url.includes(open.host));
    await assert.rejects(loadChart(`oci://${open.host}/charts/web`, { ...paths, version: "9.9.9" }), code("ChartNotFound"));
    await assert.rejects(loadChart(`oci://${open.host}/charts/missing`, { ...paths }), code("ChartNotFound"));
    await assert.rejects(loadChart(`oci://${open.host}/Charts/UPPER`, { ...paths }), code("ChartReferenceInvalid"));
    await assert.rejects(loadChart(`oci://${open.host}/charts/web@sha256:${"0".repeat(64)}`, { ...paths }), code("ChartNotFound"));
  });

  it("GIVEN a registry with htpasswd auth WHEN pulling without, with wrong, with explicit, logged-in and Docker credentials THEN auth errors, then charts", async () => {
    const paths = await isolatedPaths();
    await assert.rejects(pushChart(await readFile(packages["1.0.0"]!), { registry: locked.host, repository: "charts" }, {}), (e: { code: string }) => e.code === "ChartAuthFailed");
    await pushChart(await readFile(packages["1.0.0"]!), { registry: locked.host, repository: "charts" }, { credentials: creds });
    const ref = `oci://${locked.host}/charts/web`;
    await assert.rejects(loadChart(ref, { ...paths, version: "1.0.0" }), (e: { code: string; message: string }) => e.code === "ChartAuthFailed");
    await assert.rejects(loadChart(ref, { ...paths, version: "1.0.0", username: "robot", password: "nope" }), (e: { code: string; message: string }) => e.code === "ChartAuthFailed" && !e.message.includes("nope"));
    assert.equal((await loadChart(ref, { ...paths, version: "1.0.0", ...creds })).metadata.version, "1.0.0");
    // berth registry login stores credentials for later pulls (and ranges over tags need them too).
    const wrong = await berthWith(paths, ["registry", "login", locked.host, "--username", "robot", "--password", "nope"]);
    assert.match(wrong.stderr, /ChartAuthFailed/);
    const login = await berthWith(paths, ["registry", "login", locked.host, "--username", "robot", "--password", "hunter2"]);
    assert.equal(login.code, 0, login.stderr);
    assert.equal((await loadChart(ref, { ...paths, version: "^1" })).metadata.version, "1.0.0");
    assert.equal((await berthWith(paths, ["registry", "logout", locked.host])).code, 0);
    await assert.rejects(loadChart(ref, { ...(await isolatedPaths()), version: "1.0.0" }), (e: { code: string }) => e.code === "ChartAuthFailed");
    // Docker's config.json
    const docker = await isolatedPaths();
    await mkdir(dirname(docker.dockerConfig), { recursive: true });
    await writeFile(docker.dockerConfig, JSON.stringify({ auths: { [locked.host]: { auth: Buffer.from("robot:hunter2").toString("base64") } } }));
    assert.equal((await loadChart(ref, { ...docker, version: "1.0.0" })).metadata.version, "1.0.0");
  });

  it("GIVEN berth push and pull on the CLI WHEN a package round-trips THEN the pulled bytes equal the pushed ones", async () => {
    const paths = await isolatedPaths();
    const push = await berthWith(paths, ["push", packages["2.0.0"]!, `oci://${open.host}/cli`]);
    assert.equal(push.code, 0, push.stderr);
    assert.match(push.stdout, new RegExp(`Pushed: ${open.host}/cli/web:2\\.0\\.0\\nDigest: sha256:[a-f0-9]{64}`));
    const out = await tempDir();
    const pull = await berthWith(paths, ["pull", `oci://${open.host}/cli/web`, "--version", "2.0.0", "-d", out]);
    assert.equal(pull.code, 0, pull.stderr);
    assert.deepEqual(await readFile(`${out}/web-2.0.0.tgz`), await readFile(packages["2.0.0"]!));
  });
});
