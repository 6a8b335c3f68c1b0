// Renders a generated chart of 1,000 objects N times and compares berth's structural
// interpolation with naive text templating (mustache.render + yaml.parseAllDocuments) of
// the same templates. Berth caches each parsed document text, so it is timed twice: the same
// chart again (as in repeated renders) and a chart whose texts it has not seen.
// Run: node --import tsx bench/render.ts [iterations]
import Mustache from "mustache";
import { parseAllDocuments } from "yaml";
import { template } from "../src/actions/template.js";
import { defineChart } from "../src/chart/define.js";

const TEMPLATES = 100;
const OBJECTS_PER_TEMPLATE = 10;
const iterations = Number(process.argv[2] ?? 20);

const deployment = (i: number, salt = "") => `{{#Values.apps}}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: "app-${i}-{{name}}"
  labels:
    {{> labels}}
spec:
  replicas: {{replicas}}
  selector:
    matchLabels: {app: "{{name}}", group: "g${i}${salt}"}
  template:
    metadata:
      labels: {app: "{{name}}", group: "g${i}"}
    spec:
      containers:
        - name: main
          image: "{{Values.image.repository}}:{{Values.image.tag}}"
          ports:
            - containerPort: {{port}}
          env:
            - name: MODE
              value: "{{Values.mode}}"
          resources: {{Values.resources}}
{{/Values.apps}}
`;

const values = {
  image: { repository: "nginx", tag: "1.27" },
  mode: "production",
  resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } },
  apps: Array.from({ length: OBJECTS_PER_TEMPLATE }, (_, j) => ({ name: `svc${j}`, replicas: 2, port: 8000 + j })),
};
const templates: Record<string, string> = {};
for (let i = 0; i < TEMPLATES; i++) templates[`deploy-${String(i).padStart(3, "0")}.yaml`] = deployment(i);
const partials = { labels: "app.kubernetes.io/managed-by: berth\nteam: platform\n" };
const chart = defineChart({ name: "bench", version: "1.0.0", values, templates, partials });

/** The same chart with every template's text changed, so no document text was seen before. */
let fresh = 0;
function freshChart() {
  fresh++;
  const texts: Record<string, string> = {};
  for (let i = 0; i < TEMPLATES; i++) texts[`deploy-${String(i).padStart(3, "0")}.yaml`] = deployment(i, `-r${fresh}`);
  return defineChart({ name: "bench", version: "1.0.0", values, templates: texts, partials });
}

async function timeBerth(target = chart): Promise<{ ms: number; objects: number }> {
  const start = performance.now();
  const result = await template(target, { release: "bench", namespace: "bench" });
  return { ms: performance.now() - start, objects: result.objects.length };
}

function timeNaive(): { ms: number; objects: number } {
  const start = performance.now();
  let objects = 0;
  const view = { Values: values, Release: { Name: "bench" } };
  for (const text of Object.values(templates)) {
    const rendered = Mustache.render(text, view, partials, { escape: (v: unknown) => String(v) });
    for (const doc of parseAllDocuments(rendered, { version: "1.1" })) if (doc.toJS()) objects++;
  }
  return { ms: performance.now() - start, objects };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const berth: number[] = [];
const firstRender: number[] = [];
const naive: number[] = [];
let count = 0;
await timeBerth();
await timeBerth(freshChart());
timeNaive();
for (let i = 0; i < iterations; i++) {
  const b = await timeBerth();
  berth.push(b.ms);
  count = b.objects;
  firstRender.push((await timeBerth(freshChart())).ms);
  naive.push(timeNaive().ms);
}
const b = median(berth);
const f = median(firstRender);
const n = median(naive);
process.stdout.write(
  `objects per render: ${count}, iterations: ${iterations}\n` +
    `berth (structural): median ${b.toFixed(1)} ms  (${Math.round((count / b) * 1000)} objects/s)\n` +
    `berth, chart never rendered before (each document text parsed once per render): median ${f.toFixed(1)} ms  (${Math.round((count / f) * 1000)} objects/s), ${(f / n).toFixed(2)}x naive\n` +
    `naive (text mustache + yaml parse): median ${n.toFixed(1)} ms  (${Math.round((count / n) * 1000)} objects/s)\n` +
    `ratio berth/naive: ${(b / n).toFixed(2)}x; target 1,000 objects < 200 ms: ${b < 200 ? "met" : "NOT met"}\n`,
);
