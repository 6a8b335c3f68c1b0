// What one request of each shape berth could send on install costs: wall time, kube-apiserver and etcd
// CPU (from /proc/<pid>/stat of the local control plane) and this process's CPU, per object, for the
// objects of bench/objects.ts sent at a fixed concurrency into a fresh namespace. Variants alternate and
// repeat (best of --runs), so load from other jobs hits them alike. Needs a control plane on this machine.
// Run: BERTH_TEST_KUBECONFIG=… node --import tsx bench/request-cost.ts [objects=300] [runs=3] [concurrency=8]
import { connectKube } from "../src/kube/connect.js";
import type { KubeRequest } from "../src/kube/transport.js";
import { mapLimit } from "../src/util/map-limit.js";
import { benchObjects, type BenchObject } from "./objects.js";
import { benchKubeconfig, cpuMs, processId } from "./tools.js";

const COUNT = Number(process.argv[2] ?? 300);
const RUNS = Number(process.argv[3] ?? 3);
const CONCURRENCY = Number(process.argv[4] ?? 8);
const kubeconfigPath = benchKubeconfig();
if (!kubeconfigPath) {
  console.log("bench/request-cost.ts needs a cluster: set BERTH_TEST_KUBECONFIG or KUBECONFIG.");
  process.exit(0);
}

const { transport, client } = connectKube({ kubeconfigPath });
const META = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";
const RESOURCES: Record<string, string> = { ConfigMap: "configmaps", Secret: "secrets", Service: "services" };

const pids = { apiserver: processId("kube-apiserver"), etcd: processId("etcd") };

type Shape = (o: BenchObject & { metadata: { namespace: string } }) => KubeRequest;
const base = (o: BenchObject & { metadata: { namespace: string } }) => `/api/v1/namespaces/${o.metadata.namespace}/${RESOURCES[o.kind]}`;
const apply = (query: string, accept?: string): Shape => (o) => ({
  method: "PATCH",
  path: `${base(o)}/${o.metadata.name}?fieldManager=berth&force=true${query}`,
  body: JSON.stringify(o),
  contentType: "application/apply-patch+yaml",
  ...(accept ? { accept } : {}),
});
const create = (query: string, accept?: string): Shape => (o) => ({
  method: "POST",
  path: `${base(o)}?fieldManager=berth${query}`,
  body: JSON.stringify(o),
  ...(accept ? { accept } : {}),
});

const get: Shape = (o) => ({ method: "GET", path: `${base(o)}/${o.metadata.name}` });

const VARIANTS: Record<string, Shape> = {
  "GET, absent (404: a request's floor)": get,
  "dry-run apply, Strict": apply("&fieldValidation=Strict&dryRun=All"),
  "dry-run apply, Strict, metadata back (berth)": apply("&fieldValidation=Strict&dryRun=All", META),
  "dry-run apply, Ignore": apply("&fieldValidation=Ignore&dryRun=All"),
  "dry-run create, Strict": create("&fieldValidation=Strict&dryRun=All"),
  "dry-run create, Strict, metadata back": create("&fieldValidation=Strict&dryRun=All", META),
  "apply, Strict": apply("&fieldValidation=Strict"),
  "apply, Strict, metadata back (berth)": apply("&fieldValidation=Strict", META),
  "apply, Ignore": apply("&fieldValidation=Ignore"),
  "create, Strict": create("&fieldValidation=Strict"),
};
const only = process.env["VARIANTS"]?.split("|");
const names = Object.keys(VARIANTS).filter((n) => !only || only.some((o) => n.includes(o)));

interface Sample {
  wallMs: number;
  apiserverMs: number;
  etcdMs: number;
  clientMs: number;
}
const samples = new Map<string, Sample[]>(names.map((n) => [n, []]));
const namespaces: string[] = [];
const run = Date.now().toString(36);

try {
  for (let r = 0; r < RUNS; r++) {
    // each run starts with another variant: objects of the run's earlier variants load the control
    // plane (the first variant measured in a clean cluster was always the cheapest), and so does a
    // namespace being deleted, so each is deleted once measured and gone before the next
    for (let i = 0; i < names.length; i++) {
      const v = (i + r) % names.length;
      const name = names[v]!;
      const namespace = `req-cost-${run}-${r}-${v}`;
      await client.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } });
      namespaces.push(namespace);
      const objects = benchObjects(COUNT, 1).map((o) => ({ ...o, metadata: { ...o.metadata, namespace } }));
      const shape = VARIANTS[name]!;
      await new Promise((resolve) => setTimeout(resolve, 300));
      const a0 = cpuMs(pids.apiserver);
      const e0 = cpuMs(pids.etcd);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await mapLimit(objects, CONCURRENCY, async (o) => {
        const response = await transport.request(shape(o)).catch((e: unknown) => (e as { status?: number }).status === 404 ? { body: "{}" } : Promise.reject(e));
        return JSON.parse(response.body) as unknown;
      });
      const wallMs = performance.now() - t0;
      const c = process.cpuUsage(c0);
      // the server may still account CPU of the last answers: read after a short pause
      await new Promise((resolve) => setTimeout(resolve, 200));
      samples.get(name)!.push({ wallMs, apiserverMs: cpuMs(pids.apiserver) - a0, etcdMs: cpuMs(pids.etcd) - e0, clientMs: (c.user + c.system) / 1000 });
      const ns = { apiVersion: "v1", kind: "Namespace", name: namespace };
      await client.delete(ns).catch(() => undefined);
      await client.waitGone(ns, { timeoutMs: 120_000 });
      namespaces.splice(namespaces.indexOf(namespace), 1);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
} finally {
  for (const ns of namespaces) await client.delete({ apiVersion: "v1", kind: "Namespace", name: ns }).catch(() => undefined);
  transport.close();
}

const per = (ms: number) => (ms / COUNT).toFixed(2).padStart(6);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`${COUNT} objects (ConfigMap/Secret/Service), concurrency ${CONCURRENCY}, ${RUNS} runs; ms per object, median of runs (best wall in brackets)`);
console.log(`${"variant".padEnd(44)} ${"wall".padStart(6)} ${"(best)".padStart(8)} ${"apisrv".padStart(6)} ${"etcd".padStart(6)} ${"client".padStart(6)}`);
for (const name of names) {
  const s = samples.get(name)!;
  console.log(`${name.padEnd(44)} ${per(median(s.map((x) => x.wallMs)))} (${per(Math.min(...s.map((x) => x.wallMs)))}) ${per(median(s.map((x) => x.apiserverMs)))} ${per(median(s.map((x) => x.etcdMs)))} ${per(median(s.map((x) => x.clientMs)))}`);
}
