// Deploys of N objects through the installed CLI (`berth deploy --yes`, type check on, the script
// unchanged between runs) against `helm install/upgrade` (v3 and v4) and `kubectl apply --server-side`,
// measured in the same run, each in its own namespace: install, upgrade of 10% of the objects, and a
// no-op redeploy. Prints wall time, peak RSS and ratios.
// Goals: install ≤ 0.8x helm v3 and ≤ 1.0x kubectl; upgrade 10% ≤ 0.5x helm v3; no-op ≤ 0.5x kubectl;
// peak RSS ≤ 1.5x helm v3. berth's no-op must write nothing: every object's and release record's
// resourceVersion is compared before and after it.
// Each step runs `repeat` times per tool, in rounds (install, upgrade and no-op of every tool in
// namespaces of the round's own, a different tool first in each round), and the medians are compared.
// A round's namespaces are deleted, and gone, before the next round starts, so every round meets the
// control plane in the same state; each run starts once the control plane is idle again (the previous
// tool's objects keep its controllers busy for seconds after that tool exits).
// Run: BERTH_TEST_KUBECONFIG=… node --import tsx bench/deploy.ts [objects=100,500] [repeat=3]
// With BENCH_BERTH_HTTP1=1, berth also runs over HTTP/1.1 (DISABLE_HTTP2=1, in namespaces of its own),
// and a line per step compares the two. BENCH_BERTH_NODE_ARGS are Node's arguments for berth's runs.
// With NODE_EXTRA_CA_CERTS set, berth's no-op also runs without it (a line of its own, see EXTRA_CA).
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { stringify } from "yaml";
import { RACY_MS } from "../src/runner/file-stamp.js";
import { benchObjects } from "./objects.js";
import { benchKubeconfig, comparedTools, cpuMs, helmEnv, installedBerth, processId, ratio, timed, type Timed } from "./tools.js";

const SIZES = (process.argv[2] ?? "100,500").split(",").map(Number);
const REPEAT = Number(process.argv[3] ?? 3);
const kubeconfig = benchKubeconfig();
if (!kubeconfig) {
  console.log("bench/deploy.ts needs a cluster: set BERTH_TEST_KUBECONFIG or KUBECONFIG (e.g. `berth local status`).");
  process.exit(0);
}
const exec = promisify(execFile);
const tools = await comparedTools();
const { app, berth } = await installedBerth();
const helmHome = await helmEnv();
const run = Date.now().toString(36);

const objects = benchObjects;

// The berth script renders the same objects with a chart defined in code; N and the version come from
// the environment, so the script's content (and its cached type check) stays the same between runs.
await writeFile(
  join(app, "deploy.ts"),
  `import { connect, defineChart } from "berth";
import { benchObjects } from ${JSON.stringify(join(import.meta.dirname, "objects.js"))};

const count = Number(process.env["BENCH_OBJECTS"]);
const version = Number(process.env["BENCH_VERSION"]);
const chart = defineChart({ name: "bench", version: "1.0.0", values: {}, templates: { "objects.yaml": () => benchObjects(count, version) } });
const cluster = await connect({ kubeconfigPath: process.env["KUBECONFIG"]! });
try {
  await cluster.deploy(chart, { release: "bench", namespace: process.env["BENCH_NAMESPACE"]! });
} finally {
  cluster.close();
}
`,
);

async function helmChart(count: number, version: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "berth-bench-chart-"));
  await mkdir(join(dir, "templates"));
  await writeFile(join(dir, "Chart.yaml"), "apiVersion: v2\nname: bench\nversion: 1.0.0\n");
  await writeFile(join(dir, "templates", "objects.yaml"), objects(count, version).map((o) => stringify(o)).join("---\n"));
  return dir;
}

async function manifests(count: number, version: number, namespace: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), "berth-bench-kubectl-")), "objects.yaml");
  await writeFile(file, objects(count, version).map((o) => stringify({ ...o, metadata: { ...(o as { metadata: object }).metadata, namespace } })).join("---\n"));
  return file;
}

const namespaces: string[] = [];
async function namespace(tool: string, count: number, repeat = 0): Promise<string> {
  const name = `bench-${tool}-${count}-${run}${repeat > 0 ? `-${repeat}` : ""}`;
  await exec(tools.kubectl, ["create", "namespace", name, "--kubeconfig", kubeconfig!]);
  namespaces.push(name);
  return name;
}

type Step = "install" | "upgrade 10%" | "no-op";
const STEPS: readonly Step[] = ["install", "upgrade 10%", "no-op"];
const VERSION: Record<Step, number> = { install: 1, "upgrade 10%": 2, "no-op": 2 };

const HTTP1 = process.env["BENCH_BERTH_HTTP1"] === "1";
/** BENCH_BERTH_NODE_ARGS: Node arguments for berth's runs (e.g. `--cpu-prof --cpu-prof-dir=…` to profile them). */
const NODE_ARGS = (process.env["BENCH_BERTH_NODE_ARGS"] ?? "").split(" ").filter(Boolean);

/**
 * NODE_EXTRA_CA_CERTS, when set: Node parses that bundle (and its own) as it starts, ~55 ms of every
 * berth run on the machine of bench/RESULTS.md. The Go tools never read it. berth's no-op is then also
 * measured without it (the local cluster's CA comes from the kubeconfig): a line of its own, not the goal's.
 */
const EXTRA_CA = process.env["NODE_EXTRA_CA_CERTS"];

async function berthStep(count: number, ns: string, step: Step, variant: { http1?: boolean; withoutExtraCa?: boolean } = {}): Promise<Timed> {
  const env = { KUBECONFIG: kubeconfig!, BENCH_OBJECTS: String(count), BENCH_VERSION: String(VERSION[step]), BENCH_NAMESPACE: ns, ...(variant.http1 ? { DISABLE_HTTP2: "1" } : {}) };
  const options = { cwd: app, env, ...(variant.withoutExtraCa ? { unset: ["NODE_EXTRA_CA_CERTS"] } : {}) };
  const args = ["deploy", "deploy.ts", "--yes", "--no-color"];
  return await (NODE_ARGS.length > 0 ? timed(process.execPath, [...NODE_ARGS, berth, ...args], options) : timed(berth, args, options));
}

/** resourceVersion of every ConfigMap, Secret and Service in the namespace (release records included). */
async function versions(ns: string): Promise<Map<string, string>> {
  const { stdout } = await exec(tools.kubectl, ["get", "configmaps,secrets,services", "-n", ns, "-o", "jsonpath={range .items[*]}{.kind}/{.metadata.name}={.metadata.resourceVersion}{\"\\n\"}{end}", "--kubeconfig", kubeconfig!], { maxBuffer: 64 << 20 });
  return new Map(stdout.trim().split("\n").filter(Boolean).map((l) => l.split("=") as [string, string]));
}

/** How many objects a step changed (created, updated or deleted) in the namespace. */
function writesBetween(before: Map<string, string>, after: Map<string, string>): number {
  let writes = 0;
  for (const [key, version] of after) if (before.get(key) !== version) writes++;
  for (const key of before.keys()) if (!after.has(key)) writes++;
  return writes;
}

async function helmStep(bin: string, count: number, ns: string, step: Step): Promise<Timed> {
  const chart = await helmChart(count, VERSION[step]);
  const verb = step === "install" ? ["install"] : ["upgrade"];
  return await timed(bin, [...verb, "bench", chart, "-n", ns, "--kubeconfig", kubeconfig!], { env: helmHome });
}

async function kubectlStep(count: number, ns: string, step: Step): Promise<Timed> {
  const file = await manifests(count, VERSION[step], ns);
  return await timed(tools.kubectl, ["apply", "--server-side", "--field-manager", "bench", "-f", file, "--kubeconfig", kubeconfig!]);
}

// The control plane shares this machine's cores with the tool measured: what each run cost it shows
// whether a wall time is bound by CPU (client + control plane CPU seconds per wall second near the
// number of cores) or by waiting.
const CONTROL_PLANE = ["kube-apiserver", "etcd", "kube-controller"].map((name) => processId(name));
const controlPlaneMs = () => CONTROL_PLANE.reduce<number>((sum, pid) => sum + cpuMs(pid), 0);

/** A timed run with the CPU seconds the control plane spent meanwhile (NaN without a local one). */
interface Run extends Timed {
  readonly serverCpuSeconds: number;
}

const SETTLE_IDLE_MS = 60;
const SETTLE_WINDOW_MS = 500;
const SETTLE_MAX_MS = 8000;

/**
 * Waits until the control plane is idle (under SETTLE_IDLE_MS of CPU in a SETTLE_WINDOW_MS window,
 * at most SETTLE_MAX_MS): the controllers keep working for seconds after a tool exits (EndpointSlices
 * of its Services), and that work would otherwise be measured against whichever tool runs next.
 */
async function settle(): Promise<void> {
  if (CONTROL_PLANE.some((pid) => pid === undefined)) return;
  for (let waited = 0; waited < SETTLE_MAX_MS; waited += SETTLE_WINDOW_MS) {
    const before = controlPlaneMs();
    await new Promise((resolve) => setTimeout(resolve, SETTLE_WINDOW_MS));
    if (controlPlaneMs() - before < SETTLE_IDLE_MS) return;
  }
}

async function measured(step: () => Promise<Timed>): Promise<Run> {
  await settle();
  const before = controlPlaneMs();
  const t = await step();
  return { ...t, serverCpuSeconds: (controlPlaneMs() - before) / 1000 };
}

/** The run of median wall time, with the median peak RSS and CPU of the runs. */
function median(runs: readonly Run[]): Run {
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const seconds = mid(runs.map((r) => r.seconds));
  return { ...runs.find((r) => r.seconds === seconds)!, rssMiB: mid(runs.map((r) => r.rssMiB)), cpuSeconds: mid(runs.map((r) => r.cpuSeconds)), serverCpuSeconds: mid(runs.map((r) => r.serverCpuSeconds)) };
}

const cpuOf = (r: Run) => `${r.cpuSeconds.toFixed(2)}+${r.serverCpuSeconds.toFixed(2)} s (${((r.cpuSeconds + r.serverCpuSeconds) / r.seconds).toFixed(1)}/s)`;

/** Waits (up to 5 minutes) while namespaces of an earlier run are still being deleted: their cleanup loads the API server. */
async function quietCluster(): Promise<void> {
  for (let waited = 0; waited < 300; waited += 5) {
    const { stdout } = await exec(tools.kubectl, ["get", "namespaces", "-o", "jsonpath={range .items[?(@.status.phase==\"Terminating\")]}{.metadata.name}{\"\\n\"}{end}", "--kubeconfig", kubeconfig!]);
    const terminating = stdout.split("\n").filter(Boolean).length;
    if (terminating === 0) return;
    if (waited % 30 === 0) console.log(`bench: waiting for ${terminating} namespaces of an earlier run to be deleted`);
    await new Promise((r) => setTimeout(r, 5000));
  }
}

/** Deletes namespaces and waits until they are gone. */
async function deleteNamespaces(names: readonly string[]): Promise<void> {
  await exec(tools.kubectl, ["delete", "namespace", ...names, "--wait=true", "--timeout=300s", "--kubeconfig", kubeconfig!]);
  for (const name of names) namespaces.splice(namespaces.indexOf(name), 1);
}

const rows: string[] = [];
await quietCluster();
try {
  // a first run of the script fills the type-check cache and the script's bundle (the goals are for an
  // unchanged script); neither is kept for a file changed less than RACY_MS before, so wait that long
  await new Promise((resolve) => setTimeout(resolve, RACY_MS + 500));
  const warm = await namespace("warm", 1);
  await berthStep(1, warm, "install");
  await berthStep(1, warm, "no-op");
  for (const count of SIZES) {
    // each step runs REPEAT times per tool, in rounds; medians are compared
    const runs = new Map(STEPS.map((step) => [step, { b: [] as Run[], h3: [] as Run[], h4: [] as Run[], k: [] as Run[], b1: [] as Run[], bNoCa: [] as Run[], writes: undefined as number | undefined }]));
    for (let round = 0; round < REPEAT; round++) {
      // A round's namespaces are deleted (and gone) before the next round: objects of earlier rounds
      // left in place loaded the control plane more with every round (with ~1,000 Services its API
      // server idled at ~0.2 cores) and every tool slowed round by round.
      const ns = { berth: await namespace("berth", count, round), helm3: await namespace("helm3", count, round), helm4: await namespace("helm4", count, round), kubectl: await namespace("kubectl", count, round), http1: HTTP1 ? await namespace("berth-h1", count, round) : "" };
      for (const step of STEPS) {
        const r = runs.get(step)!;
        const turns = [
          async () => {
            const before = step === "no-op" ? await versions(ns.berth) : undefined;
            r.b.push(await measured(() => berthStep(count, ns.berth, step)));
            if (before) r.writes = (r.writes ?? 0) + writesBetween(before, await versions(ns.berth));
          },
          async () => void r.h3.push(await measured(() => helmStep(tools.helm3, count, ns.helm3, step))),
          async () => void r.h4.push(await measured(() => helmStep(tools.helm4, count, ns.helm4, step))),
          async () => void r.k.push(await measured(() => kubectlStep(count, ns.kubectl, step))),
        ];
        // a different tool goes first in each round: the first absorbs whatever the control plane still
        // does after the previous step (controllers' work on the last tool's objects, compactions)
        for (let i = 0; i < turns.length; i++) await turns[(round + i) % turns.length]!();
        if (HTTP1) r.b1.push(await measured(() => berthStep(count, ns.http1, step, { http1: true })));
        if (EXTRA_CA && step === "no-op") r.bNoCa.push(await measured(() => berthStep(count, ns.berth, step, { withoutExtraCa: true })));
      }
      await deleteNamespaces(Object.values(ns).filter(Boolean));
    }
    for (const step of STEPS) {
      const { writes, ...r } = runs.get(step)!;
      const [b, h3, h4, k] = [median(r.b), median(r.h3), median(r.h4), median(r.k)];
      const goal =
        step === "install" ? b.seconds <= 0.8 * h3.seconds && b.seconds <= k.seconds : step === "upgrade 10%" ? b.seconds <= 0.5 * h3.seconds : b.seconds <= 0.5 * k.seconds && writes === 0;
      const row = `${String(count).padStart(5)} ${step.padEnd(12)} ${b.seconds.toFixed(2).padStart(6)} ${h3.seconds.toFixed(2).padStart(7)} ${h4.seconds.toFixed(2).padStart(7)} ${k.seconds.toFixed(2).padStart(7)}   ${ratio(b.seconds, h3.seconds).padStart(6)} ${ratio(b.seconds, h4.seconds).padStart(6)} ${ratio(b.seconds, k.seconds).padStart(6)}  ${goal ? "met   " : "MISSED"}  RSS ${b.rssMiB.toFixed(0)}/${h3.rssMiB.toFixed(0)}/${h4.rssMiB.toFixed(0)}/${k.rssMiB.toFixed(0)} (${ratio(b.rssMiB, h3.rssMiB)} helm3)${writes === undefined ? "" : `  berth writes: ${writes}`}`;
      rows.push(row);
      console.log(row);
      const cpu = `${"".padStart(18)}CPU client+control plane (per wall s): berth ${cpuOf(b)}, helm3 ${cpuOf(h3)}, helm4 ${cpuOf(h4)}, kubectl ${cpuOf(k)}`;
      const walls = (rs: readonly Run[]) => rs.map((x) => x.seconds.toFixed(2)).join("/");
      const each = `${"".padStart(18)}each run (wall s): berth ${walls(r.b)}, helm3 ${walls(r.h3)}, helm4 ${walls(r.h4)}, kubectl ${walls(r.k)}`;
      rows.push(cpu, each);
      console.log(`${cpu}\n${each}`);
      if (r.bNoCa.length > 0) {
        const bNoCa = median(r.bNoCa);
        const line = `${String(count).padStart(5)} ${step.padEnd(12)} berth without NODE_EXTRA_CA_CERTS ${bNoCa.seconds.toFixed(2)} s: ${ratio(bNoCa.seconds, k.seconds)} kubectl (each: ${walls(r.bNoCa)}; not the goal's measure)`;
        rows.push(line);
        console.log(line);
      }
      if (HTTP1) {
        const b1 = median(r.b1);
        const line = `${String(count).padStart(5)} ${step.padEnd(12)} berth over HTTP/1.1 ${b1.seconds.toFixed(2)} s (HTTP/2 ${b.seconds.toFixed(2)} s: ${ratio(b.seconds, b1.seconds)})`;
        rows.push(line);
        console.log(line);
      }
    }
  }
} finally {
  console.log(`\nmedians of ${REPEAT} runs\nobjects step          berth helm v3 helm v4 kubectl   /helm3 /helm4  /kubectl goal    peak RSS MiB berth/helm3/helm4/kubectl`);
  for (const r of rows) console.log(r);
  console.log("goals: install ≤ 0.8x helm v3 and ≤ 1.0x kubectl; upgrade 10% ≤ 0.5x helm v3; no-op ≤ 0.5x kubectl with 0 writes; RSS ≤ 1.5x helm v3");
  if (process.env["NODE_EXTRA_CA_CERTS"]) console.log(`NODE_EXTRA_CA_CERTS is set (${process.env["NODE_EXTRA_CA_CERTS"]}): every berth run (a Node process) reads and parses that CA bundle as it starts; the Go tools do not (bench/RESULTS.md)`);
  await Promise.all(namespaces.map((n) => exec(tools.kubectl, ["delete", "namespace", n, "--wait=false", "--kubeconfig", kubeconfig!]).catch(() => undefined)));
}
