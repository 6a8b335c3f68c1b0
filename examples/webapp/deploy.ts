// Deploy the webapp chart directory with values typed by the generated typings/webapp.ts.
// Run: node --conditions=development --import tsx examples/webapp/deploy.ts [staging|production]
// Environment: BERTH_ENV (staging|production, default staging; the argument wins), BERTH_NAMESPACE
// (default webapp-<env>), WEBAPP_API_KEY, IMAGE_TAG. Regenerate the types after changing the chart:
//   npx berth typegen examples/webapp/chart --out typings/webapp.ts
import { fileURLToPath } from "node:url";
import { connect, describeLocalClusterEvent, loadChart } from "berth";
import type { WebappValues } from "../../typings/webapp.js";
import { ensureNamespace } from "../shared/namespace.js";

const env = process.argv[2] ?? process.env["BERTH_ENV"] ?? "staging";
if (env !== "staging" && env !== "production") throw new Error(`unknown environment ${env}: use staging or production`);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

const chart = await loadChart<WebappValues>(here("chart"));
const namespace = process.env["BERTH_NAMESPACE"] ?? `webapp-${env}`;
// The first run builds the local control plane from Go modules (minutes, once): print its progress.
const cluster = await connect({ local: "auto", onLocalEvent: (e) => { const line = describeLocalClusterEvent(e); if (line !== undefined) console.error(line); } });
try {
  await ensureNamespace(cluster, namespace);
  const result = await cluster.deploy(chart, {
    release: "webapp",
    namespace,
    valueFiles: [here(`values-${env}.yaml`)],
    // Checked against WebappValues at compile time: `replicaCount: "two"` would not compile.
    values: {
      ...(process.env["IMAGE_TAG"] ? { image: { tag: process.env["IMAGE_TAG"] } } : {}),
      ...(process.env["WEBAPP_API_KEY"] ? { secrets: { apiKey: process.env["WEBAPP_API_KEY"] } } : {}),
    },
  }, { wait: { timeout: "3m" }, atomic: true });
  console.log(`webapp (${env}) ${result.status}, revision ${result.revision ?? "(unchanged)"}: ${result.plan.summary.create} created, ${result.plan.summary.update} updated`);
  if (result.notes) console.log(result.notes);
} finally {
  cluster.close();
}
