// Where the time of an install of N objects goes: `berth deploy --yes` through the installed CLI (this
// tree's build, and optionally a baseline build) against `kubectl apply --server-side`, alternated, best
// of --runs. For each: wall time, peak RSS, the CPU kube-apiserver and etcd spent (from /proc/<pid>/stat
// of the local control plane) and the API requests the server counted (apiserver_request_total, by
// verb and dry run), per object. Needs the local control plane (`berth local status`) on this machine.
// Both the CPU and the request counts are the server's: other clients of the same cluster add to them.
// Run: BERTH_TEST_KUBECONFIG=… node --import tsx bench/install-cost.ts [objects=500] [runs=3] [baseline-dist-dir]
// A baseline is a copy of an earlier dist/ (e.g. `cp -r dist /tmp/dist-before` before a change).
import { execFile, execFileSync } from "node:child_process";
import { mkdtemp, writeFile, cp, mkdir, readFile, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { stringify } from "yaml";
import { benchObjects } from "./objects.js";
import { benchKubeconfig, comparedTools, cpuMs, installedBerth, processId, timed, type Timed } from "./tools.js";

const COUNT = Number(process.argv[2] ?? 500);
const RUNS = Number(process.argv[3] ?? 3);
const BASELINE = process.argv[4];
const kubeconfig = benchKubeconfig();
if (!kubeconfig) {
  console.log("bench/install-cost.ts needs a cluster: set BERTH_TEST_KUBECONFIG or KUBECONFIG.");
  process.exit(0);
}
const exec = promisify(execFile);
const root = join(import.meta.dirname, "..");
const tools = await comparedTools();
const current = await installedBerth();

/** An installed-package layout around another dist/ (the baseline build). */
async function installedFrom(dist: string): Promise<{ app: string; berth: string }> {
  const app = await mkdtemp(join(tmpdir(), "berth-bench-base-"));
  const pkg = join(app, "node_modules", "berth");
  await mkdir(pkg, { recursive: true });
  await writeFile(join(app, "package.json"), JSON.stringify({ name: "bench-app", private: true, type: "module" }));
  await writeFile(join(pkg, "package.json"), await readFile(join(root, "package.json")));
  await cp(join(root, "bin"), join(pkg, "bin"), { recursive: true });
  await symlink(dist, join(pkg, "dist"));
  await symlink(join(root, "node_modules"), join(pkg, "node_modules"));
  await symlink(join(root, "node_modules", "@types"), join(app, "node_modules", "@types"));
  return { app, berth: join(pkg, "bin", "berth.js") };
}

const SCRIPT = `import { connect, defineChart } from "berth";
import { benchObjects } from ${JSON.stringify(join(import.meta.dirname, "objects.js"))};

const count = Number(process.env["BENCH_OBJECTS"]);
const chart = defineChart({ name: "bench", version: "1.0.0", values: {}, templates: { "objects.yaml": () => benchObjects(count, 1) } });
const cluster = await connect({ kubeconfigPath: process.env["KUBECONFIG"]! });
try {
  await cluster.deploy(chart, { release: "bench", namespace: process.env["BENCH_NAMESPACE"]! });
} finally {
  cluster.close();
}
`;
const berths: Record<string, { app: string; berth: string }> = { "berth (this tree)": current };
if (BASELINE) berths["berth (baseline)"] = await installedFrom(BASELINE);
for (const b of Object.values(berths)) await writeFile(join(b.app, "deploy.ts"), SCRIPT);

const pids = { apiserver: processId("kube-apiserver"), etcd: processId("etcd") };

/** apiserver_request_total summed by verb (with ` dry-run` when dry), for configmaps/secrets/services and all. */
async function requestCounts(): Promise<Map<string, number>> {
  const { stdout } = await exec(tools.kubectl, ["get", "--raw", "/metrics", "--kubeconfig", kubeconfig!], { maxBuffer: 256 << 20 });
  const counts = new Map<string, number>();
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("apiserver_request_total{")) continue;
    const labels = Object.fromEntries([...line.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const value = Number(line.slice(line.lastIndexOf(" ") + 1));
    if (!["configmaps", "secrets", "services"].includes(labels["resource"] ?? "")) continue;
    const key = `${labels["verb"]}${labels["dry_run"] ? " dry-run" : ""}`;
    counts.set(key, (counts.get(key) ?? 0) + value);
  }
  return counts;
}

const run = Date.now().toString(36);
const namespaces: string[] = [];
async function namespace(tool: string, r: number): Promise<string> {
  const name = `cost-${tool}-${COUNT}-${run}-${r}`;
  await exec(tools.kubectl, ["create", "namespace", name, "--kubeconfig", kubeconfig!]);
  namespaces.push(name);
  return name;
}

interface Sample extends Timed {
  apiserverMs: number;
  etcdMs: number;
  requests: Map<string, number>;
}
async function measured(step: () => Promise<Timed>): Promise<Sample> {
  const r0 = await requestCounts();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const a0 = cpuMs(pids.apiserver);
  const e0 = cpuMs(pids.etcd);
  const t = await step();
  const a1 = cpuMs(pids.apiserver);
  const e1 = cpuMs(pids.etcd);
  const r1 = await requestCounts();
  const requests = new Map<string, number>();
  for (const [k, v] of r1) if (v - (r0.get(k) ?? 0) > 0) requests.set(k, v - (r0.get(k) ?? 0));
  return { ...t, apiserverMs: a1 - a0, etcdMs: e1 - e0, requests };
}

const objectsFile = async (ns: string) => {
  const file = join(await mkdtemp(join(tmpdir(), "berth-bench-kubectl-")), "objects.yaml");
  await writeFile(file, benchObjects(COUNT, 1).map((o) => stringify({ ...o, metadata: { ...o.metadata, namespace: ns } })).join("---\n"));
  return file;
};

const samples = new Map<string, Sample[]>();
const add = (name: string, s: Sample) => samples.set(name, [...(samples.get(name) ?? []), s]);
try {
  // fill each build's type-check cache (the goal is for an unchanged script)
  for (const [i, b] of Object.values(berths).entries()) {
    const warm = await namespace(`warm${i}`, 0);
    await timed(b.berth, ["deploy", "deploy.ts", "--yes", "--no-color"], { cwd: b.app, env: { KUBECONFIG: kubeconfig, BENCH_OBJECTS: "1", BENCH_NAMESPACE: warm } });
  }
  for (let r = 0; r < RUNS; r++) {
    for (const [i, [name, b]] of Object.entries(berths).entries()) {
      const ns = await namespace(`b${i}`, r);
      add(name, await measured(() => timed(b.berth, ["deploy", "deploy.ts", "--yes", "--no-color"], { cwd: b.app, env: { KUBECONFIG: kubeconfig, BENCH_OBJECTS: String(COUNT), BENCH_NAMESPACE: ns } })));
    }
    const ns = await namespace("kubectl", r);
    const file = await objectsFile(ns);
    add("kubectl --server-side", await measured(() => timed(tools.kubectl, ["apply", "--server-side", "--field-manager", "bench", "-f", file, "--kubeconfig", kubeconfig!])));
  }
} finally {
  const per = (x: number) => (x / COUNT).toFixed(2);
  console.log(`\ninstall of ${COUNT} objects, best of ${RUNS} by wall time (load: ${execFileSync("uptime", { encoding: "utf8" }).trim()})`);
  console.log("tool                       wall s   RSS MiB  apiserver ms/obj  etcd ms/obj  requests/obj (by verb)");
  for (const [name, list] of samples) {
    const best = [...list].sort((a, b) => a.seconds - b.seconds)[0]!;
    const reqs = [...best.requests].map(([k, v]) => `${k} ${per(v)}`).join(", ");
    console.log(`${name.padEnd(26)} ${best.seconds.toFixed(2).padStart(6)}  ${best.rssMiB.toFixed(0).padStart(7)}  ${per(best.apiserverMs).padStart(16)}  ${per(best.etcdMs).padStart(11)}  ${reqs}`);
    console.log(`${"".padEnd(26)} all runs: ${list.map((s) => `${s.seconds.toFixed(2)} s/${s.rssMiB.toFixed(0)} MiB/apiserver ${per(s.apiserverMs)}`).join("; ")}`);
  }
  await Promise.all(namespaces.map((n) => exec(tools.kubectl, ["delete", "namespace", n, "--wait=false", "--kubeconfig", kubeconfig!]).catch(() => undefined)));
}
