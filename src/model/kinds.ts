/** Helm's install order by kind (DESIGN.md §2); unknown kinds go last, alphabetically. */
export const INSTALL_ORDER: readonly string[] = [
  "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
  "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
  "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole",
  "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding",
  "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
  "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
  "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
];

const rank = new Map(INSTALL_ORDER.map((kind, i) => [kind, i]));

/** Compares two kinds by install order: known kinds by the table, unknown kinds after them by name. */
export function compareKinds(a: string, b: string): number {
  const ra = rank.get(a) ?? INSTALL_ORDER.length;
  const rb = rank.get(b) ?? INSTALL_ORDER.length;
  return ra !== rb ? ra - rb : ra === INSTALL_ORDER.length ? compareText(a, b) : 0;
}

/** Code-point order, independent of locale, so output is the same everywhere. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const CLUSTER_SCOPED = new Set([
  "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
  "PriorityClass", "StorageClass", "IngressClass", "APIService", "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
  "CSIDriver", "CSINode", "VolumeAttachment", "RuntimeClass", "CertificateSigningRequest",
  "FlowSchema", "PriorityLevelConfiguration", "ComponentStatus", "PodSecurityPolicy",
]);

/**
 * Decides whether a kind is namespaced; return `undefined` to fall back to berth's table
 * (e.g. from the cluster's discovery).
 */
export type IsNamespaced = (apiVersion: string, kind: string) => boolean | undefined;

/** Whether objects of this kind live in a namespace, by the built-in table of cluster-scoped kinds. */
export function isNamespacedByTable(_apiVersion: string, kind: string): boolean {
  return !CLUSTER_SCOPED.has(kind);
}
