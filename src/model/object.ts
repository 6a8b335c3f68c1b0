/** The metadata every Kubernetes object carries (the fields berth reads). */
export interface KubeMetadata {
  /** The object's name. */
  name: string;
  /** The object's namespace; absent for cluster-scoped objects. */
  namespace?: string;
  /** The object's labels. */
  labels?: Record<string, string>;
  /** The object's annotations. */
  annotations?: Record<string, string>;
  /** Any other metadata field. */
  [field: string]: unknown;
}

/** A Kubernetes object as plain JSON: apiVersion, kind, metadata, and any other fields. */
export interface KubeObject {
  /** Group/version, e.g. `apps/v1`. */
  apiVersion: string;
  /** The object's kind, e.g. `Deployment`. */
  kind: string;
  /** The object's metadata. */
  metadata: KubeMetadata;
  /** Any other field, e.g. `spec`, `data`. */
  [field: string]: unknown;
}
