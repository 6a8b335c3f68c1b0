// Pull + render of a chart from a local OCI registry (the CNCF distribution registry the tests
// build), berth side by side with `helm pull` + `helm template`, cold caches each round.
// Run: node --import tsx bench/chart-pull.ts [rounds] [templates]
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { template } from "../src/actions/template.js";
import { loadChart } from "../src/chart/load.js";
import { pushChart } from "../src/chart/oci/charts.js";
import { packageChart } from "../src/chart/package/package.js";
import { ensureBinary } from "../src/local/binaries.js";
import { startRegistry } from "../test/helpers/registry.js";

const run = promisify(execFile);
const ROUNDS = Number(process.argv[2] ?? 10);
const TEMPLATES = Number(process.argv[3] ?? 50);

const work = await mkdtemp(join(tmpdir(), "berth-bench-pull-"));
const helmBin = await ensureBinary("helm");
const registry = await startRegistry();
try {
  // A chart of plain-YAML templates: both engines render it identically.
  const dir = join(work, "bench");
  await mkdir(join(dir, "templates"), { recursive: true });
  await writeFile(join(dir, "Chart.yaml"), "apiVersion: v2\nname: bench\nversion: 1.0.0\n");
  await writeFile(join(dir, "values.yaml"), "x: 1\n");
  for (let i = 0; i < TEMPLATES; i++) {
    await writeFile(join(dir, "templates", `cm-${i}.yaml`), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  payload: "${"x".repeat(500)}"\n`);
  }
  const pkg = await packageChart(dir, { destination: work });
  await pushChart(await readFile(pkg.path), { registry: registry.host, repository: "bench" }, {});
  const ref = `oci://${registry.host}/bench/bench`;

  const time = async (what: string, round: (i: number) => Promise<void>): Promise<number> => {
    const t0 = performance.now();
    for (let i = 0; i < ROUNDS; i++) await round(i);
    const ms = (performance.now() - t0) / ROUNDS;
    console.log(`${what.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms/round`);
    return ms;
  };

  const helm = await time("helm pull + helm template (2 processes)", async (i) => {
    const home = join(work, `helm-${i}`);
    const env = { PATH: process.env["PATH"] ?? "", HOME: home, HELM_CACHE_HOME: join(home, "cache"), HELM_CONFIG_HOME: join(home, "config"), HELM_DATA_HOME: join(home, "data") };
    await mkdir(join(home, "out"), { recursive: true });
    await run(helmBin, ["pull", ref, "--version", "1.0.0", "--plain-http", "-d", join(home, "out")], { env });
    await run(helmBin, ["template", "r", join(home, "out", "bench-1.0.0.tgz")], { env, maxBuffer: 64 << 20 });
  });
  const lib = await time("berth loadChart(oci://…) + template (in-process)", async (i) => {
    const chart = await loadChart(ref, { version: "1.0.0", cacheDir: join(work, `berth-${i}`), configDir: join(work, `berth-${i}`, "config") });
    await template(chart, { release: "r", namespace: "default" });
  });
  console.log(`ratio berth in-process / helm: ${(lib / helm).toFixed(2)}x`);
  const cli = join(import.meta.dirname, "..", "dist", "cli", "bin.js");
  if (existsSync(cli)) {
    const viaCli = await time("berth template oci://… (1 process, dist/)", async (i) => {
      const env = { ...process.env, BERTH_CACHE_DIR: join(work, `cli-${i}`), BERTH_CONFIG_HOME: join(work, `cli-${i}`, "config") };
      await run(process.execPath, [cli, "template", ref, "--version", "1.0.0"], { env, maxBuffer: 64 << 20 });
    });
    console.log(`ratio berth CLI / helm: ${(viaCli / helm).toFixed(2)}x`);
  } else {
    console.log("(build dist/ with `npm run build` to also time the berth CLI as a process)");
  }
} finally {
  await registry.close();
  await rm(work, { recursive: true, force: true });
}
