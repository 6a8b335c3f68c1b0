import type { KubeObject } from "../model/object.js";
import type { Readiness, ReadinessEvaluator, ReadinessOptions } from "./readiness-types.js";
import { apiServiceReadiness, crdReadiness, genericReadiness, jobReadiness, namespaceReadiness, podReadiness, pvcReadiness, serviceReadiness } from "./basic-kinds.js";
import { daemonSetReadiness, deploymentReadiness, replicaSetReadiness, statefulSetReadiness } from "./workloads.js";

const byKind: Readonly<Record<string, ReadinessEvaluator>> = {
  Deployment: deploymentReadiness,
  StatefulSet: statefulSetReadiness,
  DaemonSet: daemonSetReadiness,
  ReplicaSet: replicaSetReadiness,
  Job: jobReadiness,
  Pod: podReadiness,
  PersistentVolumeClaim: pvcReadiness,
  Service: serviceReadiness,
  CustomResourceDefinition: crdReadiness,
  Namespace: namespaceReadiness,
  APIService: apiServiceReadiness,
};

/**
 * Judges whether an object is ready from its current state, by kind; kinds berth has no rule for
 * are ready by a `Ready` condition when they report one, else as soon as they exist.
 *
 * @param object - the object as read from the cluster (with `status`)
 * @param options - what to wait for beyond existence
 */
export function readiness(object: KubeObject, options: ReadinessOptions = {}): Readiness {
  return (byKind[object.kind] ?? genericReadiness)(object, options);
}
