import type { KubeObject } from "../model/object.js";
import type { ObjectRef } from "../model/ref.js";

/** Options of a server-side apply. */
export interface ApplyOptions {
  /** Take ownership of fields another manager owns. @defaultValue false */
  readonly force?: boolean;
  /** Server-side dry run (`dryRun=All`): validated and defaulted, nothing persisted. @defaultValue false */
  readonly dryRun?: boolean;
  /** Field manager that owns the applied fields. @defaultValue the client's (`"berth"` unless `connect` sets `fieldManager`) */
  readonly fieldManager?: string;
  /**
   * Only the result's `metadata` is needed (name, uid, resourceVersion…): the server may send just that
   * (`PartialObjectMetadata`), which it encodes and the client decodes faster than the whole object.
   * The result keeps the applied object's apiVersion and kind. An implementation may return the whole
   * object. @defaultValue false
   */
  readonly metadataOnly?: boolean;
  /** Aborts the request. */
  readonly signal?: AbortSignal;
}

/** Options of a delete. */
export interface DeleteOptions {
  /** How dependents are deleted. @defaultValue "Background" */
  readonly propagationPolicy?: "Foreground" | "Background" | "Orphan";
  /** Only delete when the object still has this resourceVersion (optimistic concurrency). */
  readonly resourceVersion?: string;
  /** Server-side dry run (`dryRun=All`): validated, nothing deleted. @defaultValue false */
  readonly dryRun?: boolean;
  /** Aborts the request. */
  readonly signal?: AbortSignal;
}

/** Options of a list. */
export interface ListOptions {
  /** Omit for all namespaces (namespaced kinds) or for cluster-scoped kinds. */
  readonly namespace?: string;
  /** A label selector, e.g. `app=web,tier!=cache`. */
  readonly labelSelector?: string;
  /** A field selector, e.g. `metadata.name=web`. */
  readonly fieldSelector?: string;
  /**
   * Only each item's `metadata` is needed (e.g. labels): the server may send just that
   * (`PartialObjectMetadata`), far less than whole objects with large `data`. Items keep the listed
   * kind's apiVersion and kind. An implementation may return whole objects. @defaultValue false
   */
  readonly metadataOnly?: boolean;
  /** Aborts the request. */
  readonly signal?: AbortSignal;
}

/** The result of a list: items plus the collection's resourceVersion (to start a watch from). */
export interface ListResult {
  /** The objects, across all pages. */
  readonly items: KubeObject[];
  /** The collection's resourceVersion. */
  readonly resourceVersion: string;
}

/** One watch event. */
export interface WatchEvent {
  /** What happened to the object; `BOOKMARK` only moves the resourceVersion on. */
  readonly type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK";
  /** The object after the change (for `DELETED`, its last state). */
  readonly object: KubeObject;
}

/** What discovery knows of one kind. */
export interface ResourceInfo {
  /** Preferred or requested group/version, e.g. `apps/v1`. */
  readonly apiVersion: string;
  /** The kind, e.g. `Deployment`. */
  readonly kind: string;
  /** Plural resource name used in paths, e.g. `deployments`. */
  readonly resource: string;
  /** True when objects of the kind live in a namespace. */
  readonly namespaced: boolean;
}

/**
 * The operations berth performs on the API server. Bodies go out exactly as given
 * (no model serialisation); every call takes an AbortSignal.
 * Errors: `KubeApiError` (with `status` and `reason`: NotFound, AlreadyExists, Conflict, Invalid…),
 * `KubeUnreachable`, `Aborted`.
 */
export interface KubeApi {
  /** Server-side apply (PATCH application/apply-patch+yaml, fieldValidation=Strict); returns the resulting object. */
  apply(object: KubeObject, options?: ApplyOptions): Promise<KubeObject>;
  /** Reads one object; `undefined` when it does not exist. */
  get(ref: ObjectRef, options?: { signal?: AbortSignal }): Promise<KubeObject | undefined>;
  /** Lists objects of a kind. */
  list(apiVersion: string, kind: string, options?: ListOptions): Promise<ListResult>;
  /** Creates an object; throws KubeApiError reason `AlreadyExists` (409) when it exists (create-if-absent). */
  create(object: KubeObject, options?: { dryRun?: boolean; signal?: AbortSignal }): Promise<KubeObject>;
  /** Replaces an object (PUT); with `metadata.resourceVersion` set, throws reason `Conflict` (409) when it moved. */
  update(object: KubeObject, options?: { dryRun?: boolean; signal?: AbortSignal }): Promise<KubeObject>;
  /** Deletes an object; false when it was already gone. */
  delete(ref: ObjectRef, options?: DeleteOptions): Promise<boolean>;
  /** Waits until the object no longer exists (watch with re-list fallback). */
  waitGone(ref: ObjectRef, options?: { timeoutMs?: number; signal?: AbortSignal }): Promise<void>;
  /** Streams watch events of a kind from a resourceVersion, re-listing when the watch expires (410). */
  watch(apiVersion: string, kind: string, options: ListOptions & { resourceVersion?: string }): AsyncIterable<WatchEvent>;
  /** Discovery: how a kind is served; throws `KubeApiError`-like `UnknownKind` error when the cluster doesn't serve it. */
  resource(apiVersion: string, kind: string): Promise<ResourceInfo>;
  /** Whether a kind is namespaced (from discovery). */
  isNamespaced(apiVersion: string, kind: string): Promise<boolean>;
  /** The server's version, e.g. `{ gitVersion: "v1.36.3", major: "1", minor: "36" }`. */
  serverVersion(): Promise<{ gitVersion: string; major: string; minor: string }>;
  /** Every served group/version, e.g. `["v1", "apps/v1", …]`. */
  apiVersions(): Promise<string[]>;
  /** The preferred apiVersion of a group (`""` is core), e.g. `"apps"` → `"apps/v1"`; undefined when not served. */
  preferredVersion(group: string): Promise<string | undefined>;
  /** The core/v1 Events about one object, oldest first. */
  events(ref: ObjectRef, options?: { uid?: string; signal?: AbortSignal }): Promise<KubeObject[]>;
  /** A Pod's log text. */
  podLogs(namespace: string, pod: string, options?: PodLogOptions): Promise<string>;
}

/** Options of a Pod log read. */
export interface PodLogOptions {
  /** The container to read. @defaultValue the Pod's only container (the API server rejects the read when there are several) */
  readonly container?: string;
  /** Only the last N lines. @defaultValue all */
  readonly tailLines?: number;
  /** The previous (terminated) instance of the container. @defaultValue false */
  readonly previous?: boolean;
  /** Aborts the read. */
  readonly signal?: AbortSignal;
}
