// Readiness of kinds that are not replica controllers.
import type { KubeObject } from "../model/object.js";
import { conditionOf, count, describeCondition, isTrue, specOf, statusOf } from "./status.js";
import { failed, ready, waiting, type Readiness, type ReadinessOptions } from "./readiness-types.js";
import { podFailureMessage, podProblem } from "./pod-problems.js";

/** A Job is ready when `Complete` and failed when `Failed`; without `waitForJobs`, ready once it exists. */
export function jobReadiness(object: KubeObject, options: ReadinessOptions): Readiness {
  if (!options.waitForJobs) return ready("created (not waiting for Jobs to complete)");
  const failure = conditionOf(object, "Failed");
  if (failure?.status === "True") return failed(`Job failed: ${describeCondition(failure)}`);
  if (isTrue(object, "Complete")) return ready("Job complete");
  const status = statusOf(object);
  return waiting(`Job running: ${count(status, "active")} active, ${count(status, "succeeded")} succeeded, ${count(status, "failed")} failed`);
}

/** A Pod is ready when its `Ready` condition is true or it `Succeeded`; `Failed` or a fatal container wait fails it. */
export function podReadiness(object: KubeObject): Readiness {
  const phase = statusOf(object)["phase"];
  if (phase === "Succeeded") return ready("Pod succeeded");
  if (phase === "Failed") return failed(`Pod failed: ${podFailureMessage(object)}`);
  const problem = podProblem(object);
  if (problem) return failed(problem);
  if (isTrue(object, "Ready")) return ready("Pod ready");
  const condition = conditionOf(object, "Ready") ?? conditionOf(object, "PodScheduled");
  const detail = condition && condition.status !== "True" && (condition.reason || condition.message) ? `: ${describeCondition(condition)}` : "";
  return waiting(`Pod ${typeof phase === "string" ? phase : "Pending"}, not ready${detail}`);
}

/**
 * A Pod run to completion (a hook or test Pod) is done when `Succeeded` and failed when `Failed`
 * or a container waits with a fatal reason.
 */
export function podCompletion(object: KubeObject): Readiness {
  const phase = statusOf(object)["phase"];
  if (phase === "Succeeded") return ready("Pod succeeded");
  if (phase === "Failed") return failed(`Pod failed: ${podFailureMessage(object)}`);
  const problem = podProblem(object);
  if (problem) return failed(problem);
  return waiting(`Pod ${typeof phase === "string" ? phase : "Pending"}`);
}

/** A PersistentVolumeClaim is ready when `Bound`. */
export function pvcReadiness(object: KubeObject): Readiness {
  const phase = statusOf(object)["phase"];
  if (phase === "Bound") return ready("claim bound");
  if (phase === "Lost") return failed("claim lost its volume");
  return waiting(`claim ${typeof phase === "string" ? phase : "Pending"}`);
}

/** A Service is ready once it has a cluster IP; a LoadBalancer also needs an ingress address when asked. */
export function serviceReadiness(object: KubeObject, options: ReadinessOptions): Readiness {
  const spec = specOf(object);
  if (spec["type"] === "ExternalName") return ready("ExternalName service");
  if (!spec["clusterIP"]) return waiting("cluster IP not allocated");
  if (spec["type"] === "LoadBalancer" && options.waitForLoadBalancer) {
    const ingress = (statusOf(object)["loadBalancer"] as { ingress?: unknown[] } | undefined)?.ingress;
    if (!Array.isArray(ingress) || ingress.length === 0) return waiting("load balancer ingress not assigned");
  }
  return ready(spec["clusterIP"] === "None" ? "headless service" : `cluster IP ${String(spec["clusterIP"])}`);
}

/** A CustomResourceDefinition is ready when `Established`; rejected names fail it. */
export function crdReadiness(object: KubeObject): Readiness {
  const names = conditionOf(object, "NamesAccepted");
  if (names?.status === "False") return failed(`names not accepted: ${describeCondition(names)}`);
  if (isTrue(object, "Established")) return ready("established");
  return waiting("not established yet");
}

/** A Namespace is ready when `Active`. */
export function namespaceReadiness(object: KubeObject): Readiness {
  const phase = statusOf(object)["phase"];
  return phase === "Active" ? ready("active") : waiting(`namespace ${typeof phase === "string" ? phase : "pending"}`);
}

/** An APIService is ready when `Available`. */
export function apiServiceReadiness(object: KubeObject): Readiness {
  const available = conditionOf(object, "Available");
  if (available?.status === "True") return ready("available");
  return waiting(available ? `not available: ${describeCondition(available)}` : "not available yet");
}

/** Any other kind: ready by its `Ready` condition when it reports one, else as soon as it exists. */
export function genericReadiness(object: KubeObject): Readiness {
  const condition = conditionOf(object, "Ready");
  if (!condition) return ready("exists");
  if (condition.status === "True") return ready("Ready condition true");
  return waiting(`Ready condition ${condition.status}${condition.reason || condition.message ? `: ${describeCondition(condition)}` : ""}`);
}
