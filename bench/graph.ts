// Builds and runs the apply graph (no-op work) for 1,000 to 4,000 objects of several kinds, with a few
// depends-on annotations, and prints the time and how it grows: linear means ~2x per doubling.
// Goal: 4,000 objects < 50 ms. Run: node --import tsx bench/graph.ts
import { buildApplyGraph, DEPENDS_ON_ANNOTATION, runApplyGraph } from "../src/apply/graph.js";
import type { KubeObject } from "../src/model/object.js";

const KINDS = ["ConfigMap", "Secret", "Service", "Deployment", "ServiceAccount", "Role", "RoleBinding", "Job"];

function objects(count: number): KubeObject[] {
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: "v1",
    kind: KINDS[i % KINDS.length]!,
    metadata: { name: `o-${i}`, ...(i % 500 === 3 ? { annotations: { [DEPENDS_ON_ANNOTATION]: `${KINDS[(i - 3) % KINDS.length]}/o-${i - 3}` } } : {}) },
  }));
}

async function measure(count: number): Promise<{ build: number; run: number }> {
  const input = objects(count);
  const t0 = performance.now();
  const graph = buildApplyGraph(input);
  const t1 = performance.now();
  await runApplyGraph(graph, { apply: async () => undefined, ready: async () => undefined }, 16);
  return { build: t1 - t0, run: performance.now() - t1 };
}

async function best(count: number): Promise<{ build: number; run: number }> {
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await measure(count));
  return { build: Math.min(...runs.map((r) => r.build)), run: Math.min(...runs.map((r) => r.run)) };
}

await measure(500); // warm up
let previous: { build: number; run: number } | undefined;
let at4000 = 0;
for (const count of [1000, 2000, 4000]) {
  const ms = await best(count);
  const growth = previous ? `  (x${(ms.build / previous.build).toFixed(2)} / x${(ms.run / previous.run).toFixed(2)} for x2 objects)` : "";
  console.log(`${String(count).padStart(5)} objects: build ${ms.build.toFixed(1).padStart(6)} ms, run (no-op work) ${ms.run.toFixed(1).padStart(6)} ms${growth}`);
  previous = ms;
  if (count === 4000) at4000 = ms.build;
}
console.log(`goal: the graph of 4,000 objects < 50 ms: ${at4000 < 50 ? "met" : "MISSED"} (${at4000.toFixed(1)} ms; before this change 16 s)`);
