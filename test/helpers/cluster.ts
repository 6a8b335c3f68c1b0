// Shared helpers for tests that run against the real control plane (started by test/run.ts).
import { randomBytes } from "node:crypto";
import { after, before } from "node:test";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";

/** The kubeconfig path of the test cluster; throws (never skips) when the suite was not started by test/run.ts. */
export function testKubeconfigPath(): string {
  const path = process.env["BERTH_TEST_KUBECONFIG"];
  if (!path) throw new Error("BERTH_TEST_KUBECONFIG is not set: run the suite with `npm test`, which starts a local control plane");
  return path;
}

/** A client-node KubeConfig for the test cluster. */
export function testKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(testKubeconfigPath());
  return kc;
}

/** A unique, DNS-safe name with the given prefix. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString("hex")}`;
}

/**
 * Declares a fresh namespace for the enclosing `describe` (or file): created in a `before` hook,
 * deleted (without waiting) in an `after` hook. Read `.name` inside tests.
 */
export function useTestNamespace(prefix = "t"): { readonly name: string } {
  const ref = { name: "" };
  before(async () => {
    ref.name = await createTestNamespace(prefix);
  });
  after(async () => {
    await testKubeConfig().makeApiClient(CoreV1Api).deleteNamespace({ name: ref.name }).catch(() => undefined);
  });
  return ref;
}

/** Creates a fresh namespace and waits for its default ServiceAccount; the caller deletes it. */
export async function createTestNamespace(prefix = "t"): Promise<string> {
  const core = testKubeConfig().makeApiClient(CoreV1Api);
  const name = uniqueName(prefix);
  await core.createNamespace({ body: { metadata: { name, labels: { "berth.test/namespace": "true" } } } });
  // The default ServiceAccount must exist before Pods can be created in the namespace.
  await until(async () => {
    try {
      await core.readNamespacedServiceAccount({ name: "default", namespace: name });
      return true;
    } catch {
      return false;
    }
  }, { what: `default ServiceAccount in ${name}`, timeoutMs: 30_000 });
  return name;
}

/** Polls `check` until it returns a truthy value; throws naming `what` after the timeout. */
export async function until<T>(check: () => Promise<T | undefined | false | null>, options: { what: string; timeoutMs?: number; intervalMs?: number }): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what}${last ? `: ${(last as Error).message}` : ""}`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 250));
  }
}
