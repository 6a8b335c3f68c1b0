// Plans 2,000 objects against a deployed release of 2,000 on a real cluster and compares the time
// and API calls with a baseline measured in the same run: plain GETs of the same objects.
// Run: KUBECONFIG=… node --import tsx bench/plan.ts [objects]   (or BERTH_TEST_KUBECONFIG)
import { withOwnership } from "../src/model/ownership.js";
import { connectKube } from "../src/kube/connect.js";
import { computePlan } from "../src/plan/compute.js";
import type { KubeObject } from "../src/model/object.js";
import type { RenderedObject } from "../src/model/rendered.js";
import { mapLimit } from "../src/util/map-limit.js";

const COUNT = Number(process.argv[2] ?? 2000);
const CONCURRENCY = 16;
const kubeconfigPath = process.env["BERTH_TEST_KUBECONFIG"] ?? process.env["KUBECONFIG"];
if (!kubeconfigPath) {
  console.log("bench/plan.ts needs a cluster: set KUBECONFIG or BERTH_TEST_KUBECONFIG (e.g. `berth local up`).");
  process.exit(0);
}

const { client: kube, transport } = connectKube({ kubeconfigPath });
let calls = 0;
transport.observe(() => calls++);
const namespace = `bench-plan-${Date.now().toString(36)}`;

function configMap(i: number, version: number): KubeObject {
  const data: Record<string, string> = { index: String(i), payload: "x".repeat(200) };
  if (i % 10 === 0) data["version"] = String(version); // a tenth of the objects change
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `cm-${i}`, namespace, labels: { app: "bench" } }, data };
}

async function measure<T>(what: string, work: () => Promise<T>): Promise<{ ms: number; calls: number; result: T }> {
  const before = calls;
  const t0 = performance.now();
  const result = await work();
  const ms = performance.now() - t0;
  console.log(`${what.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${String(calls - before).padStart(6)} API calls`);
  return { ms, calls: calls - before, result };
}

try {
  await kube.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } });
  // a revision records its objects as rendered; the cluster holds them with the ownership metadata
  const previous = Array.from({ length: COUNT }, (_, i) => configMap(i, 1));
  await measure(`setup: apply ${COUNT} objects (revision 1)`, () => mapLimit(previous, CONCURRENCY, (o) => kube.apply(withOwnership(o, "bench", namespace), { force: true })));
  const desired: RenderedObject[] = Array.from({ length: COUNT }, (_, i) => ({ object: configMap(i, 2), source: "bench/templates/cm.yaml" }));
  const refs = desired.map((d) => ({ apiVersion: "v1", kind: "ConfigMap", namespace, name: d.object.metadata.name }));
  const baseline = await measure(`baseline: GET ${COUNT} objects (concurrency ${CONCURRENCY})`, () => mapLimit(refs, CONCURRENCY, (r) => kube.get(r)));
  const plan = await measure(`computePlan: ${COUNT} vs a release of ${COUNT}`, () =>
    computePlan({ release: "bench", namespace, objects: desired, previous: { revision: 1, objects: previous, status: "deployed" } }, kube, { concurrency: CONCURRENCY }),
  );
  const s = plan.result.summary;
  console.log(`plan: ${s.update} update, ${s.noop} noop, ${s.create} create, ${plan.result.problems.length} problems`);
  console.log(`ratio to baseline: ${(plan.ms / baseline.ms).toFixed(2)}x time, ${(plan.calls / baseline.calls).toFixed(2)}x calls; target < 5 s: ${plan.ms < 5000 ? "met" : "MISSED"}`);
} finally {
  await kube.delete({ apiVersion: "v1", kind: "Namespace", name: namespace }).catch(() => undefined);
  transport.close();
}
