// Runs an example script as users do (node --conditions=development --import tsx examples/<x>/deploy.ts)
// against the test cluster, in the namespace given, and returns its output.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { connect, type Cluster } from "../../src/index.js";
import { testKubeconfigPath } from "../helpers/cluster.js";

const root = join(import.meta.dirname, "..", "..");

/** Runs `examples/<script>` with KUBECONFIG pointing at the test cluster; rejects with its output when it fails. */
export async function runExample(script: string, env: Record<string, string>, args: string[] = []): Promise<string> {
  const childEnv: Record<string, string | undefined> = { ...process.env, KUBECONFIG: testKubeconfigPath(), ...env };
  delete childEnv["BERTH_CLUSTER"];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--conditions=development", "--import", "tsx", join("examples", script), ...args], {
      cwd: root,
      env: childEnv,
      timeout: 240_000,
    });
    return stdout;
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`examples/${script} failed:\n${stdout ?? ""}${stderr ?? ""}`, { cause: e });
  }
}

/** A Cluster on the test cluster, for assertions. */
export function testCluster(): Promise<Cluster> {
  return connect({ kubeconfigPath: testKubeconfigPath() });
}
