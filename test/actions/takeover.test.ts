// GIVEN an install killed mid-wait WHEN its lock expires and the release is deployed again THEN the
// takeover prunes what the killed install created and the new revision does not have (as `berth
// unlock` + deploy does), and uninstall leaves nothing behind.
import { it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { connect } from "../../src/index.js";
import { testKubeconfigPath, until, useTestNamespace } from "../helpers/cluster.js";
import { webChart } from "./fixtures/charts.js";

const ns = useTestNamespace("takeover");
const root = join(import.meta.dirname, "..", "..");

it("GIVEN an install killed mid-wait WHEN deployed again after its lock expired THEN its orphans are pruned and uninstall leaves nothing", async () => {
  const ttlMs = 3000;
  const release = "orphan";
  const cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name, lockTtlMs: ttlMs, identity: "survivor" });
  const get = (kind: string, name: string) => cluster.config.kube.get({ apiVersion: kind === "Deployment" ? "apps/v1" : "v1", kind, namespace: ns.name, name });
  const child = spawn(process.execPath, ["--conditions=development", "--import", "tsx", "test/actions/fixtures/killed-install.ts"], {
    cwd: root,
    env: { ...process.env, BERTH_TEST_KUBECONFIG: testKubeconfigPath(), BERTH_TEST_NAMESPACE: ns.name, BERTH_TEST_RELEASE: release, BERTH_TEST_LOCK_TTL_MS: String(ttlMs) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += String(chunk)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    // Mid-wait: the revision is pending and every object, the Service last, is applied.
    await until(async () => {
      if (child.exitCode !== null) throw new Error(`child exited early: ${stderr}`);
      const pending = (await cluster.history(release).catch(() => [])).some((h) => h.status === "pending-install");
      return pending && (await get("Service", `${release}-svc`)) !== undefined && (await get("Deployment", release)) !== undefined;
    }, { what: "the child's install waiting for readiness", timeoutMs: 120_000 });
  } finally {
    child.kill("SIGKILL");
    await exited;
  }
  // ReleaseLocked until the killed holder's lock expires; then the deploy takes over.
  const result = await until(
    () => cluster.deploy(webChart, { release }, { wait: { timeout: "90s" } }).catch((e: { code?: string }) => (e.code === "ReleaseLocked" ? undefined : Promise.reject(e))),
    { what: "the lock to expire and the takeover deploy", timeoutMs: 60_000, intervalMs: 1000 },
  );
  assert.equal(result.status, "deployed");
  assert.deepEqual(result.deleted.map((r) => `${r.kind}/${r.name}`), [`Service/${release}-svc`]);
  assert.equal(await get("Service", `${release}-svc`), undefined);
  const history = await cluster.history(release);
  assert.equal(history.at(-1)?.status, "deployed");
  assert.ok(history.every((h) => !h.status.startsWith("pending")), JSON.stringify(history));
  await cluster.uninstall(release);
  for (const [kind, name] of [["Deployment", release], ["ConfigMap", `${release}-cfg`], ["Service", `${release}-svc`]] as const) {
    assert.equal(await get(kind, name), undefined, `${kind}/${name} survived uninstall`);
  }
  cluster.close();
});
