// Two releases from one script: a database (chart directory ./database) and the web app (./app.ts)
// wired to it. Upgrades run the app's pre-upgrade migration Job; a TypeScript hook checks the app after
// every install and upgrade. Run twice with a new APP_VERSION to see the upgrade path:
//   APP_VERSION=1.1.0 node --conditions=development --import tsx examples/stack/deploy.ts
// Environment: BERTH_NAMESPACE (default stack), APP_VERSION (default 1.0.0), DB_PASSWORD.
import { fileURLToPath } from "node:url";
import { connect, describeLocalClusterEvent, loadChart, type CodeHook, type KubeObject } from "berth";
import type { DatabaseValues } from "../../typings/database.js";
import { ensureNamespace } from "../shared/namespace.js";
import { app } from "./app.js";

const namespace = process.env["BERTH_NAMESPACE"] ?? "stack";
const version = process.env["APP_VERSION"] ?? "1.0.0";
const database = await loadChart<DatabaseValues>(fileURLToPath(new URL("database", import.meta.url)));

/** After install and upgrade: the app's Deployment must run the version just deployed. */
const checkApp: CodeHook = async ({ event, release, kube }) => {
  const deployment = await kube.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: release.namespace, name: release.name });
  const env = (deployment?.spec as { template: { spec: { containers: { env?: { name: string; value?: string }[] }[] } } } | undefined)
    ?.template.spec.containers[0]?.env ?? [];
  const running = env.find((e) => e.name === "APP_VERSION")?.value;
  if (running !== version) throw new Error(`expected APP_VERSION ${version}, found ${running ?? "none"}`);
  console.log(`${event} check: ${release.name} revision ${release.revision} runs ${running}`);
};

// The first run builds the local control plane from Go modules (minutes, once): print its progress.
const cluster = await connect({ local: "auto", onLocalEvent: (e) => { const line = describeLocalClusterEvent(e); if (line !== undefined) console.error(line); } });
try {
  await ensureNamespace(cluster, namespace);
  const db = await cluster.deploy(database, {
    release: "stack-db",
    namespace,
    values: { password: process.env["DB_PASSWORD"] ?? "change-me", labels: { "app.kubernetes.io/part-of": "stack" } },
  }, { wait: { timeout: "3m" } });
  console.log(`stack-db: ${db.status}, revision ${db.revision ?? "(unchanged)"}`);

  // The app gets the database's Service and Secret from the database deploy's own plan (its exact
  // objects), so this also works under `berth plan`, where nothing is deployed.
  const objects: KubeObject[] = Object.values(db.plan.payload.objects);
  const named = (kind: string): KubeObject => {
    const found = objects.find((o) => o.kind === kind);
    if (!found) throw new Error(`the database release has no ${kind}`);
    return found;
  };
  const service = named("Service");
  const result = await cluster.deploy(app, {
    release: "stack-app",
    namespace,
    values: {
      version,
      database: {
        host: service.metadata.name,
        port: (service.spec as { ports: { port: number }[] }).ports[0]!.port,
        secretName: named("Secret").metadata.name,
      },
    },
  }, { wait: { timeout: "3m" }, atomic: true, hooks: { postInstall: checkApp, postUpgrade: checkApp } });
  const hooks = result.hooks.map((h) => `${h.name} (${h.kind}) ${h.phase}`).join(", ") || "none";
  console.log(`stack-app: ${result.status}, revision ${result.revision ?? "(unchanged)"}; hooks: ${hooks}`);
} finally {
  cluster.close();
}
