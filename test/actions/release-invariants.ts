// Checks shared by the fault and race tests: what must hold for a release whenever no operation runs.
import assert from "node:assert/strict";
import type { Cluster } from "../../src/index.js";

const KINDS = [["v1", "ConfigMap"], ["apps/v1", "Deployment"], ["apps/v1", "StatefulSet"]] as const;

/** Live objects owned by the release (not being deleted), as `Kind/name` → the ConfigMap's value or "". */
export async function liveObjects(observer: Cluster, namespace: string, release: string): Promise<Map<string, string>> {
  const live = new Map<string, string>();
  for (const [apiVersion, kind] of KINDS) {
    const { items } = await observer.config.kube.list(apiVersion, kind, { namespace });
    for (const o of items) {
      if (o.metadata.annotations?.["meta.helm.sh/release-name"] !== release || o.metadata["deletionTimestamp"]) continue;
      live.set(`${kind}/${o.metadata.name}`, kind === "ConfigMap" ? String((o as { data?: { value?: string } }).data?.value) : "");
    }
  }
  return live;
}

/**
 * Asserts: no revision holds the lock, revisions are consecutive, at most one is `deployed` (exactly
 * one when records exist and `expectDeployed`), and the live objects are exactly the deployed
 * revision's (none when there is no record). Returns the deployed revision, if any.
 */
export async function assertReleaseConsistent(observer: Cluster, namespace: string, release: string, context: string): Promise<number | undefined> {
  const history = await observer.history(release, { namespace }).catch((e: { code?: string }) => (e.code === "ReleaseNotFound" ? [] : Promise.reject(e)));
  const statuses = history.map((h) => `${h.revision}:${h.status}`).join(" ");
  assert.ok(!history.some((h) => h.status.startsWith("pending-") || h.status === "uninstalling"), `${context}: no pending revision once operations returned (${statuses})`);
  history.forEach((h, i) => i > 0 && assert.equal(h.revision, history[i - 1]!.revision + 1, `${context}: consecutive revisions (${statuses})`));
  const deployed = history.filter((h) => h.status === "deployed");
  assert.ok(deployed.length <= 1, `${context}: never two deployed revisions (${statuses})`);
  const live = await liveObjects(observer, namespace, release);
  if (deployed.length === 0) {
    const recorded = new Set<string>();
    for (const h of history) for (const o of (await observer.get(release, { namespace, revision: h.revision })).objects) recorded.add(`${o.object.kind}/${o.object.metadata.name}`);
    for (const name of live.keys()) assert.ok(recorded.has(name), `${context}: live ${name} has a record (${statuses})`);
    return undefined;
  }
  const revision = deployed[0]!.revision;
  const record = await observer.get(release, { namespace, revision });
  const expected = new Map(record.objects.map((o) => [`${o.object.kind}/${o.object.metadata.name}`, o.object.kind === "ConfigMap" ? String((o.object as { data?: { value?: string } }).data?.value) : ""]));
  assert.deepEqual([...live.entries()].sort(), [...expected.entries()].sort(), `${context}: live objects equal deployed revision ${revision} (${statuses})`);
  return revision;
}
