// The test command: starts one local control plane (unless BERTH_TEST_KUBECONFIG names a cluster),
// runs every test file under test/ against it with node:test, and stops it — also on failure or interrupt.
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { startLocalCluster, type LocalCluster } from "../src/local/control-plane.js";
import { killNow } from "../src/local/processes.js";
import { needsCluster } from "./helpers/needs-cluster.js";

function findTests(path: string): string[] {
  if (statSync(path).isFile()) return path.endsWith(".test.ts") ? [path] : [];
  return readdirSync(path)
    .sort()
    .flatMap((name) => (name === "node_modules" || name === "fixtures" ? [] : findTests(join(path, name))));
}

const root = join(import.meta.dirname, "..");
const selected = process.argv.slice(2);
const files = (selected.length ? selected : ["test"]).flatMap((p) => findTests(join(root, p))).map((f) => relative(root, f));
if (files.length === 0) {
  console.error(`no test files under ${selected.join(" ") || "test/"}`);
  process.exit(1);
}

let cluster: LocalCluster | undefined;
let kubeconfig = process.env["BERTH_TEST_KUBECONFIG"];
process.on("exit", () => cluster && killNow(cluster.pids));
if (!kubeconfig && files.some((f) => needsCluster(join(root, f), join(root, "test")))) {
  const t0 = Date.now();
  console.error("berth test: starting the local control plane (first run builds it from Go modules; later runs use the cache)…");
  cluster = await startLocalCluster({
    onEvent: (e) => {
      if (e.type === "building") console.error(`berth test: building ${e.what} (log: ${e.log})`);
    },
  });
  kubeconfig = cluster.kubeconfigPath;
  console.error(`berth test: control plane ready in ${((Date.now() - t0) / 1000).toFixed(1)} s at ${cluster.server}`);
}

const concurrency = process.env["BERTH_TEST_CONCURRENCY"] ?? "4";
const child = spawn(
  process.execPath,
  ["--conditions=development", "--import", "tsx", "--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...files],
  { cwd: root, stdio: "inherit", env: kubeconfig ? { ...process.env, BERTH_TEST_KUBECONFIG: kubeconfig } : process.env },
);
const stopAll = async (signal: NodeJS.Signals) => {
  child.kill(signal);
  await cluster?.stop();
  process.exit(130);
};
process.once("SIGINT", () => void stopAll("SIGINT"));
process.once("SIGTERM", () => void stopAll("SIGTERM"));
const code = await new Promise<number>((resolve) => child.once("exit", (c) => resolve(c ?? 1)));
await cluster?.stop();
cluster = undefined;
process.exit(code);
