// GIVEN packages signed by `helm package --sign` with a key made by gpg WHEN berth loads them with
// verify from a file, a repository and a registry THEN the signer is reported, and tampered
// packages, unknown keys and missing .prov files are ChartProvenanceInvalid.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { loadChart } from "../../src/chart/load.js";
import { indexDirectory } from "../../src/chart/repo/manage.js";
import { ensureBinary } from "../../src/local/binaries.js";
import { startChartServer, type ChartServer } from "../helpers/chart-server.js";
import { startRegistry, type TestRegistry } from "../helpers/registry.js";
import { berthWith, isolatedPaths, tempDir, writeChart } from "./fixtures.js";

const run = promisify(execFile);
let work = "";
let pubring = "";
let otherPubring = "";
let signed = "";
let helmBin = "";
let repo: ChartServer;
let registry: TestRegistry;

async function gpgKey(name: string): Promise<{ pub: string; sec: string }> {
  const home = await tempDir("berth-gnupg-");
  const env = { ...process.env, GNUPGHOME: home };
  await run("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", `${name} <${name.toLowerCase().replace(/ /g, ".")}@berth.invalid>`, "rsa2048", "sign", "never"], { env });
  const pub = join(home, "export-pub.gpg");
  const sec = join(home, "export-sec.gpg");
  await writeFile(pub, (await run("gpg", ["--export"], { env, encoding: "buffer" })).stdout);
  await writeFile(sec, (await run("gpg", ["--export-secret-keys"], { env, encoding: "buffer" })).stdout);
  return { pub, sec };
}

async function helm(...args: string[]): Promise<string> {
  const home = join(work, "helm-home");
  const env = { PATH: process.env["PATH"] ?? "", HOME: home, HELM_CACHE_HOME: join(home, "cache"), HELM_CONFIG_HOME: join(home, "config"), HELM_DATA_HOME: join(home, "data") };
  return (await run(helmBin, args, { env })).stdout;
}

before(async () => {
  helmBin = await ensureBinary("helm");
  work = await tempDir("berth-prov-");
  const signer = await gpgKey("Chart Signer");
  pubring = signer.pub;
  otherPubring = (await gpgKey("Someone Else")).pub;
  signed = join(work, "signed");
  await mkdir(signed);
  await helm("package", "--sign", "--key", "Chart Signer", "--keyring", signer.sec, await writeChart("sig", "1.0.0"), "-d", signed);
  await indexDirectory(signed);
  repo = await startChartServer(signed);
  registry = await startRegistry();
}, { timeout: 900_000 });
after(async () => {
  await Promise.all([repo?.close(), registry?.close()]);
});

const invalid = (e: { code: string }) => e.code === "ChartProvenanceInvalid";

describe("provenance", () => {
  it("GIVEN a signed .tgz WHEN loaded with verify THEN the signer is reported; with another keyring or tampered bytes it is refused", async () => {
    const paths = await isolatedPaths();
    const tgz = join(signed, "sig-1.0.0.tgz");
    const chart = await loadChart(tgz, { ...paths, verify: { keyring: pubring } });
    assert.deepEqual(chart.source?.signer?.userIds, ["Chart Signer <chart.signer@berth.invalid>"]);
    await assert.rejects(loadChart(tgz, { ...paths, verify: { keyring: otherPubring } }), invalid);
    const tampered = join(await tempDir(), "sig-1.0.0.tgz");
    await helm("package", await writeChart("sig", "1.0.0", { "values.yaml": "greeting: evil\n" }), "-d", join(tampered, ".."));
    await cp(`${tgz}.prov`, `${tampered}.prov`);
    await assert.rejects(loadChart(tampered, { ...paths, verify: { keyring: pubring } }), invalid);
    const prov = await readFile(`${tgz}.prov`, "utf8");
    const altered = join(await tempDir(), "sig-1.0.0.tgz");
    await cp(tgz, altered);
    await writeFile(`${altered}.prov`, prov.replace("The sig chart", "The big chart"));
    await assert.rejects(loadChart(altered, { ...paths, verify: { keyring: pubring } }), invalid);
    const unsigned = join(await tempDir(), "sig-1.0.0.tgz");
    await cp(tgz, unsigned);
    await assert.rejects(loadChart(unsigned, { ...paths, verify: { keyring: pubring } }), invalid);
  });

  it("GIVEN a signed chart in a repository and pushed with its .prov by helm WHEN loaded with verify THEN both verify", async () => {
    const paths = await isolatedPaths();
    const fromRepo = await loadChart(repo.url, { ...paths, chart: "sig", version: "^1", verify: { keyring: pubring } });
    assert.equal(fromRepo.source?.signer?.userIds[0], "Chart Signer <chart.signer@berth.invalid>");
    await helm("push", join(signed, "sig-1.0.0.tgz"), `oci://${registry.host}/signed`, "--plain-http");
    const fromOci = await loadChart(`oci://${registry.host}/signed/sig`, { ...paths, version: "1.0.0", verify: { keyring: pubring } });
    assert.equal(fromOci.source?.signer?.keyId.length, 16);
    await assert.rejects(loadChart(`oci://${registry.host}/signed/sig`, { ...(await isolatedPaths()), version: "1.0.0", verify: { keyring: otherPubring } }), invalid);
  });

  it("GIVEN a signed package pushed by berth push WHEN helm pulls it with --verify THEN helm verifies berth's provenance layer", async () => {
    const push = await berthWith(await isolatedPaths(), ["push", join(signed, "sig-1.0.0.tgz"), `oci://${registry.host}/bsigned`]);
    assert.equal(push.code, 0, push.stderr);
    const out = await tempDir();
    await helm("pull", `oci://${registry.host}/bsigned/sig`, "--version", "1.0.0", "--plain-http", "--verify", "--keyring", pubring, "-d", out);
    assert.deepEqual(await readFile(join(out, "sig-1.0.0.tgz")), await readFile(join(signed, "sig-1.0.0.tgz")));
    const viaCli = await berthWith(await isolatedPaths(), ["pull", `oci://${registry.host}/bsigned/sig`, "--version", "1.0.0", "--verify", "--keyring", pubring, "-d", out]);
    assert.match(viaCli.stdout, /Signed by: Chart Signer <chart\.signer@berth\.invalid>/);
  });
});
