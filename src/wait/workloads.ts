// Readiness of the controllers that keep replicas running: Deployment, StatefulSet, DaemonSet, ReplicaSet.
import type { KubeObject } from "../model/object.js";
import { conditionOf, count, describeCondition, generationObserved, specOf, statusOf } from "./status.js";
import { failed, ready, waiting, type Readiness } from "./readiness-types.js";

/**
 * A Deployment is ready when its controller has seen the latest spec, every replica runs the
 * new template, and at least `replicas - maxUnavailable` Pods of the new template are available
 * (as Helm counts them). Old Pods still running are not counted: while one lingers, the new
 * template's available count is at least `availableReplicas - old`.
 */
export function deploymentReadiness(object: KubeObject): Readiness {
  const progressing = conditionOf(object, "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded") return failed(`rollout stalled: ${describeCondition(progressing)}`);
  if (!generationObserved(object)) return waiting("waiting for the rollout to be observed by the controller");
  const spec = specOf(object);
  const status = statusOf(object);
  const replicas = typeof spec["replicas"] === "number" ? spec["replicas"] : 1;
  const updated = count(status, "updatedReplicas");
  if (updated < replicas) return waiting(`${updated} of ${replicas} replicas updated`);
  const needed = replicas - maxUnavailable(spec, replicas);
  const old = Math.max(0, count(status, "replicas") - updated);
  const available = Math.max(0, count(status, "availableReplicas") - old);
  if (available < needed) return waiting(`${available} of ${replicas} updated replicas available${old ? `, ${old} old replica(s) still running` : ""}`);
  return ready(`${available} of ${replicas} replicas available`);
}

/** The rolling update's `maxUnavailable` as a count (percentages round down, as the controller does). */
export function maxUnavailable(spec: Record<string, unknown>, replicas: number): number {
  const strategy = (spec["strategy"] ?? {}) as { type?: string; rollingUpdate?: { maxUnavailable?: number | string } };
  if (strategy.type === "Recreate") return 0;
  const value = strategy.rollingUpdate?.maxUnavailable ?? "25%";
  const resolved = typeof value === "number" ? value : /^\d+%$/.test(value) ? Math.floor((replicas * Number(value.slice(0, -1))) / 100) : Number(value) || 0;
  return Math.max(0, Math.min(resolved, replicas));
}

/**
 * A StatefulSet is ready when its controller has seen the latest spec, all replicas are ready,
 * and (RollingUpdate) every replica above the partition runs the update revision.
 */
export function statefulSetReadiness(object: KubeObject): Readiness {
  if (!generationObserved(object)) return waiting("waiting for the rollout to be observed by the controller");
  const spec = specOf(object);
  const status = statusOf(object);
  const replicas = typeof spec["replicas"] === "number" ? spec["replicas"] : 1;
  const readyCount = count(status, "readyReplicas");
  if (readyCount < replicas) return waiting(`${readyCount} of ${replicas} replicas ready`);
  const strategy = (spec["updateStrategy"] ?? {}) as { type?: string; rollingUpdate?: { partition?: number } };
  if (strategy.type === "OnDelete") return ready(`${readyCount} of ${replicas} replicas ready`);
  const partition = strategy.rollingUpdate?.partition ?? 0;
  if (partition > 0) {
    const updated = count(status, "updatedReplicas");
    const expected = replicas - partition;
    if (updated < expected) return waiting(`${updated} of ${expected} replicas above the partition updated`);
    return ready(`${readyCount} of ${replicas} replicas ready`);
  }
  if (status["updateRevision"] !== status["currentRevision"]) {
    return waiting(`${count(status, "updatedReplicas")} of ${replicas} replicas updated to revision ${String(status["updateRevision"])}`);
  }
  return ready(`${readyCount} of ${replicas} replicas ready`);
}

/** A DaemonSet is ready when every scheduled node runs the new template and its Pod is available. */
export function daemonSetReadiness(object: KubeObject): Readiness {
  if (!generationObserved(object)) return waiting("waiting for the rollout to be observed by the controller");
  const status = statusOf(object);
  const desired = count(status, "desiredNumberScheduled");
  const updated = count(status, "updatedNumberScheduled");
  const available = count(status, "numberAvailable");
  const strategy = (specOf(object)["updateStrategy"] ?? {}) as { type?: string };
  if (strategy.type !== "OnDelete" && updated < desired) return waiting(`${updated} of ${desired} scheduled Pods updated`);
  if (available < desired) return waiting(`${available} of ${desired} scheduled Pods available`);
  return ready(`${available} of ${desired} scheduled Pods available`);
}

/** A ReplicaSet is ready when its controller has seen the latest spec and all replicas are available. */
export function replicaSetReadiness(object: KubeObject): Readiness {
  if (!generationObserved(object)) return waiting("waiting for the spec to be observed by the controller");
  const spec = specOf(object);
  const replicas = typeof spec["replicas"] === "number" ? spec["replicas"] : 1;
  const available = count(statusOf(object), "availableReplicas");
  if (available < replicas) return waiting(`${available} of ${replicas} replicas available`);
  return ready(`${available} of ${replicas} replicas available`);
}
