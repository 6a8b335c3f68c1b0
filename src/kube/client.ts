import { Discovery } from "./discovery.js";
import { KubeApiError } from "./errors.js";
import { queryString as queryOf, resourcePath, type Query } from "./paths.js";
import type { KubeRequest, KubeTransport } from "./transport.js";
import { waitGone } from "./wait-gone.js";
import { watchEvents, withTypeMeta, type WatchTarget } from "./watch.js";
import type { ApplyOptions, DeleteOptions, KubeApi, ListOptions, ListResult, PodLogOptions, ResourceInfo, WatchEvent } from "./types.js";
import type { KubeObject } from "../model/object.js";
import type { ObjectRef } from "../model/ref.js";

/** Options of a {@link KubeClient}. */
export interface KubeClientOptions {
  /** The field manager of server-side applies. @defaultValue "berth" */
  readonly fieldManager?: string;
  /** Namespace for namespaced objects that name none. @defaultValue "default" */
  readonly defaultNamespace?: string;
}

type Signal = { signal?: AbortSignal | undefined };
const PAGE_SIZE = 500;
/** Asks for a list of `PartialObjectMetadata` (metadata only), else a normal list. */
const METADATA_ONLY_ACCEPT = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";
/** Asks for one object's `PartialObjectMetadata` (metadata only), else the object. */
const OBJECT_METADATA_ACCEPT = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";

/**
 * {@link KubeApi} over raw HTTP: bodies go to the API server exactly as given (never through
 * client-node's models, which drop unknown fields) and callers' objects are never mutated.
 */
export class KubeClient implements KubeApi {
  /** The connection to the API server. */
  readonly transport: KubeTransport;
  /** What the server serves, cached and refreshed once on a miss. */
  readonly discovery: Discovery;
  private readonly fieldManager: string;
  private readonly defaultNamespace: string;

  /** @param transport - the connection @param options - field manager and default namespace */
  constructor(transport: KubeTransport, options: KubeClientOptions = {}) {
    this.transport = transport;
    this.discovery = new Discovery(transport);
    this.fieldManager = options.fieldManager ?? "berth";
    this.defaultNamespace = options.defaultNamespace ?? "default";
  }

  /** {@inheritDoc KubeApi.apply} */
  async apply(object: KubeObject, options: ApplyOptions = {}): Promise<KubeObject> {
    const query = {
      fieldManager: options.fieldManager ?? this.fieldManager,
      fieldValidation: "Strict",
      force: options.force === true,
      dryRun: options.dryRun ? "All" : undefined,
    };
    const path = await this.objectPath(object.apiVersion, object.kind, object.metadata.namespace, object.metadata.name, query);
    const body = JSON.stringify(object);
    const accept = options.metadataOnly ? { accept: OBJECT_METADATA_ACCEPT } : {};
    const result = await this.json({ method: "PATCH", path, body, contentType: "application/apply-patch+yaml", ...accept, signal: options.signal });
    return result.kind === "PartialObjectMetadata" ? { apiVersion: object.apiVersion, kind: object.kind, metadata: result.metadata } : result;
  }

  /** {@inheritDoc KubeApi.get} */
  async get(ref: ObjectRef, options: Signal = {}): Promise<KubeObject | undefined> {
    const path = await this.objectPath(ref.apiVersion, ref.kind, ref.namespace, ref.name);
    try {
      return await this.json({ method: "GET", path, signal: options.signal });
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 404) return undefined;
      throw e;
    }
  }

  /** {@inheritDoc KubeApi.list} — pages through large collections; items carry apiVersion and kind. */
  async list(apiVersion: string, kind: string, options: ListOptions = {}): Promise<ListResult> {
    const info = await this.resource(apiVersion, kind);
    const items: KubeObject[] = [];
    let resourceVersion = "";
    let continueToken: string | undefined;
    do {
      const query = { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector, limit: PAGE_SIZE, continue: continueToken };
      const path = resourcePath(info, { namespace: options.namespace }, query);
      const page = await this.json<{ items?: KubeObject[]; metadata?: { resourceVersion?: string; continue?: string } }>({ method: "GET", path, signal: options.signal, ...(options.metadataOnly ? { accept: METADATA_ONLY_ACCEPT } : {}) });
      for (const item of page.items ?? []) items.push(options.metadataOnly ? { apiVersion: info.apiVersion, kind: info.kind, metadata: item.metadata } : withTypeMeta(item, info));
      resourceVersion ||= page.metadata?.resourceVersion ?? "";
      continueToken = page.metadata?.continue || undefined;
    } while (continueToken);
    return { items, resourceVersion };
  }

  /** {@inheritDoc KubeApi.create} */
  async create(object: KubeObject, options: { dryRun?: boolean } & Signal = {}): Promise<KubeObject> {
    const info = await this.resource(object.apiVersion, object.kind);
    const path = resourcePath(info, { namespace: this.namespaceFor(info, object.metadata.namespace) }, { fieldValidation: "Strict", fieldManager: this.fieldManager, dryRun: options.dryRun ? "All" : undefined });
    return await this.json({ method: "POST", path, body: JSON.stringify(object), signal: options.signal });
  }

  /** {@inheritDoc KubeApi.update} */
  async update(object: KubeObject, options: { dryRun?: boolean } & Signal = {}): Promise<KubeObject> {
    const query = { fieldValidation: "Strict", fieldManager: this.fieldManager, dryRun: options.dryRun ? "All" : undefined };
    const path = await this.objectPath(object.apiVersion, object.kind, object.metadata.namespace, object.metadata.name, query);
    return await this.json({ method: "PUT", path, body: JSON.stringify(object), signal: options.signal });
  }

  /** {@inheritDoc KubeApi.delete} */
  async delete(ref: ObjectRef, options: DeleteOptions = {}): Promise<boolean> {
    const path = await this.objectPath(ref.apiVersion, ref.kind, ref.namespace, ref.name);
    // With a body the server reads every option from it, ignoring the query string.
    const body = JSON.stringify({
      apiVersion: "v1",
      kind: "DeleteOptions",
      propagationPolicy: options.propagationPolicy ?? "Background",
      ...(options.dryRun ? { dryRun: ["All"] } : {}),
      ...(options.resourceVersion ? { preconditions: { resourceVersion: options.resourceVersion } } : {}),
    });
    try {
      await this.transport.request({ method: "DELETE", path, body, ...signalOf(options) });
      return true;
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 404) return false;
      throw e;
    }
  }

  /** {@inheritDoc KubeApi.waitGone} — throws `WaitTimeout` or `Aborted`. */
  async waitGone(ref: ObjectRef, options: { timeoutMs?: number } & Signal = {}): Promise<void> {
    const info = await this.resource(ref.apiVersion, ref.kind);
    const target = this.watchTarget(info, { namespace: this.namespaceFor(info, ref.namespace), fieldSelector: `metadata.name=${ref.name}` });
    await waitGone(target, ref, options);
  }

  /** {@inheritDoc KubeApi.watch} */
  async *watch(apiVersion: string, kind: string, options: ListOptions & { resourceVersion?: string }): AsyncGenerator<WatchEvent> {
    const info = await this.resource(apiVersion, kind);
    yield* watchEvents(this.watchTarget(info, options), options);
  }

  /** {@inheritDoc KubeApi.resource} */
  resource(apiVersion: string, kind: string): Promise<ResourceInfo> {
    return this.discovery.resource(apiVersion, kind);
  }

  /** {@inheritDoc KubeApi.isNamespaced} */
  async isNamespaced(apiVersion: string, kind: string): Promise<boolean> {
    return (await this.resource(apiVersion, kind)).namespaced;
  }

  /** {@inheritDoc KubeApi.serverVersion} */
  async serverVersion(): Promise<{ gitVersion: string; major: string; minor: string }> {
    const v = await this.json<{ gitVersion: string; major: string; minor: string }>({ method: "GET", path: "/version" });
    return { gitVersion: v.gitVersion, major: v.major, minor: v.minor };
  }

  /** {@inheritDoc KubeApi.apiVersions} */
  apiVersions(): Promise<string[]> {
    return this.discovery.apiVersions();
  }

  /** {@inheritDoc KubeApi.preferredVersion} */
  preferredVersion(group: string): Promise<string | undefined> {
    return this.discovery.preferredVersion(group);
  }

  /** {@inheritDoc KubeApi.events} */
  async events(ref: ObjectRef, options: { uid?: string } & Signal = {}): Promise<KubeObject[]> {
    const selector = options.uid ? [`involvedObject.uid=${options.uid}`] : [`involvedObject.kind=${ref.kind}`, `involvedObject.name=${ref.name}`];
    const { items } = await this.list("v1", "Event", { namespace: ref.namespace, fieldSelector: selector.join(","), ...signalOf(options) });
    return items.sort((a, b) => eventTime(a).localeCompare(eventTime(b)));
  }

  /** {@inheritDoc KubeApi.podLogs} */
  async podLogs(namespace: string, pod: string, options: PodLogOptions = {}): Promise<string> {
    const query = { container: options.container, tailLines: options.tailLines, previous: options.previous === true };
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log${queryOf(query)}`;
    return (await this.transport.request({ method: "GET", path, accept: "text/plain, */*", ...signalOf(options) })).body;
  }

  private watchTarget(info: ResourceInfo, options: ListOptions): WatchTarget {
    return { transport: this.transport, info, list: (signal) => this.list(info.apiVersion, info.kind, { ...options, signal }) };
  }

  private async objectPath(apiVersion: string, kind: string, namespace: string | undefined, name: string, query?: Query): Promise<string> {
    const info = await this.resource(apiVersion, kind);
    return resourcePath(info, { namespace: this.namespaceFor(info, namespace), name }, query);
  }

  private namespaceFor(info: ResourceInfo, namespace: string | undefined): string | undefined {
    return info.namespaced ? namespace || this.defaultNamespace : undefined;
  }

  private async json<T = KubeObject>(req: Omit<KubeRequest, "signal"> & Signal): Promise<T> {
    const { signal, ...rest } = req;
    const res = await this.transport.request({ ...rest, ...(signal ? { signal } : {}) });
    return JSON.parse(res.body) as T;
  }
}

function signalOf(options: Signal): { signal?: AbortSignal } {
  return options.signal ? { signal: options.signal } : {};
}

function eventTime(event: KubeObject): string {
  const e = event as { lastTimestamp?: string; eventTime?: string; metadata: { creationTimestamp?: string } };
  return e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? "";
}
