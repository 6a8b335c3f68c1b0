import type { KubeObject } from "../model/object.js";

const REVISION = "deployment.kubernetes.io/revision";

/**
 * The Pods that count for a Deployment's fail-fast check: those of its current ReplicaSet (the one
 * whose revision annotation matches the Deployment's). Pods of older ReplicaSets — e.g. the broken
 * Pods of a revision being rolled back — are on their way out and must not fail the wait.
 * `undefined` when the current ReplicaSet is not known yet (then no Pod counts).
 */
export function currentDeploymentPods(deployment: KubeObject, replicaSets: readonly KubeObject[], pods: readonly KubeObject[]): KubeObject[] | undefined {
  // Until the controller has seen the latest spec, its revision annotation names the previous ReplicaSet.
  const observed = (deployment["status"] as { observedGeneration?: number } | undefined)?.observedGeneration ?? 0;
  if (observed < ((deployment.metadata["generation"] as number | undefined) ?? 0)) return undefined;
  const revision = deployment.metadata.annotations?.[REVISION];
  if (!revision) return undefined;
  const current = replicaSets.find(
    (rs) => rs.metadata.annotations?.[REVISION] === revision && ownedBy(rs, deployment.metadata["uid"] as string | undefined),
  );
  if (!current) return undefined;
  const uid = current.metadata["uid"] as string | undefined;
  return pods.filter((pod) => ownedBy(pod, uid));
}

function ownedBy(object: KubeObject, uid: string | undefined): boolean {
  const owners = object.metadata["ownerReferences"] as Array<{ uid?: string }> | undefined;
  return uid !== undefined && (owners ?? []).some((o) => o.uid === uid);
}
