import type { KubeObject } from "./object.js";

/** Annotation naming the release that owns an object (Helm's). */
export const RELEASE_NAME_ANNOTATION = "meta.helm.sh/release-name";
/** Annotation naming the namespace of the release that owns an object (Helm's). */
export const RELEASE_NAMESPACE_ANNOTATION = "meta.helm.sh/release-namespace";
/** Label Helm requires on objects it adopts or upgrades; berth sets Helm's value so both tools can manage the release. */
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
/** The value of {@link MANAGED_BY_LABEL} that Helm checks for. */
export const MANAGED_BY_VALUE = "Helm";
/** Annotation that keeps an object when its release no longer renders it or is uninstalled (`keep`; Helm's). */
export const RESOURCE_POLICY_ANNOTATION = "helm.sh/resource-policy";

/** Returns a copy of `object` carrying the ownership metadata of release `name` in `namespace`. */
export function withOwnership(object: KubeObject, name: string, namespace: string): KubeObject {
  const metadata = object.metadata;
  return {
    ...object,
    metadata: {
      ...metadata,
      labels: { ...(metadata.labels ?? {}), [MANAGED_BY_LABEL]: MANAGED_BY_VALUE },
      annotations: { ...(metadata.annotations ?? {}), [RELEASE_NAME_ANNOTATION]: name, [RELEASE_NAMESPACE_ANNOTATION]: namespace },
    },
  };
}

/** Who owns a live object according to its annotations; `undefined` when no release does. */
export function ownerOf(object: KubeObject): { name: string; namespace: string } | undefined {
  const annotations = object.metadata.annotations ?? {};
  const name = annotations[RELEASE_NAME_ANNOTATION];
  const namespace = annotations[RELEASE_NAMESPACE_ANNOTATION];
  return name && namespace ? { name, namespace } : undefined;
}
