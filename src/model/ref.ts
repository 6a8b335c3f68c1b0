/** Names one object: apiVersion + kind + (namespace) + name. */
export interface ObjectRef {
  /** Group/version, e.g. `apps/v1`. */
  readonly apiVersion: string;
  /** The object's kind, e.g. `Deployment`. */
  readonly kind: string;
  /** Omitted for cluster-scoped kinds. */
  readonly namespace?: string;
  /** The object's name. */
  readonly name: string;
}

/** What `refOf` and `objectKey` read of an object. */
type Identified = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

/** The ref of an object: apiVersion, kind, name, and its namespace only when it has one. */
export function refOf(object: Identified): ObjectRef {
  const { apiVersion, kind, metadata } = object;
  return metadata.namespace ? { apiVersion, kind, namespace: metadata.namespace, name: metadata.name } : { apiVersion, kind, name: metadata.name };
}

/** The API group of an apiVersion (`""` for the core group `v1`). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

/**
 * THE identity of an object, used everywhere objects are matched — render's duplicate check, the
 * plan, the apply graph, hooks, records and prune: group, kind, namespace, name. The version is not
 * part of it (`apps/v1` ≡ `apps/v1beta1`: one object served at two versions).
 */
export function objectKey(ref: ObjectRef): string {
  return `${groupOf(ref.apiVersion)}|${ref.kind}|${ref.namespace ?? ""}|${ref.name}`;
}

/** `objectKey` of an object. */
export function objectKeyOf(object: Identified): string {
  return objectKey(refOf(object));
}
