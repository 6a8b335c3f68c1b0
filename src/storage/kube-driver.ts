import { KubeApiError, WriteUncertain } from "../kube/errors.js";
import type { KubeApi } from "../kube/types.js";
import type { KubeObject } from "../model/object.js";
import type { Driver, DriverCallOptions, ReleaseQuery, StoredRelease, UpdateOptions } from "./driver.js";
import { ReleaseExists, ReleaseNotFound, StorageConflict, StorageCorrupt } from "./errors.js";
import { decodeReleaseLazily, encodeRelease } from "./helm-codec.js";
import { checkKey, releaseKey } from "./name.js";
import { ANNOTATIONS, describeObject, labelSelectorOf, lockAnnotations, recordLabels, summaryOf, unixSeconds, type RecordFormat } from "./record-format.js";
import { CHUNK_CHARS, PartMissing, deleteParts, newPartsId, partObjects, payloadDigest, readPayload, splitPayload } from "./record-parts.js";
import type { Release } from "./release.js";

/** Options of the Kubernetes drivers. */
export interface KubeDriverOptions {
  /** The API to talk to (a `KubeClient` from `connectKube`). */
  readonly kube: KubeApi;
  /** Where records live: Helm keeps them in the release's namespace. */
  readonly namespace: string;
  /** The clock for the `createdAt`/`modifiedAt` labels. @defaultValue Date.now */
  readonly now?: () => number;
  /** Payload characters per object before a record is split into parts. @defaultValue 716800 (700 KiB) */
  readonly chunkChars?: number;
}

const READ_ATTEMPTS = 3;
/** Creates tried again after a create whose outcome was unknown and which, read back, had not happened. */
const CREATE_ATTEMPTS = 3;
const sig = (o?: DriverCallOptions) => (o?.signal ? { signal: o.signal } : {});
const reasonOf = (e: unknown): string | undefined => (e instanceof KubeApiError ? e.reason : undefined);

/** True when a stored object carries exactly the record data (and lock annotations) of `written`: our own write. */
function isOurWrite(stored: KubeObject, written: KubeObject): boolean {
  const dataOf = (o: KubeObject) => JSON.stringify(sortedEntries((o as { data?: Record<string, string> }).data));
  const annotationsOf = (o: KubeObject) => JSON.stringify(sortedEntries(o.metadata.annotations));
  return dataOf(stored) === dataOf(written) && annotationsOf(stored) === annotationsOf(written);
}

function sortedEntries(record: Readonly<Record<string, string>> | undefined): Array<[string, string]> {
  return Object.entries(record ?? {}).sort(([a], [b]) => a.localeCompare(b));
}

/** What an update of a record keeps from the object it replaces: its creation time, and its parts (deleted after). */
interface Kept {
  readonly createdAt?: string;
  readonly partsId?: string;
}

function keptOf(object: KubeObject): Kept {
  const createdAt = object.metadata.labels?.["createdAt"];
  const partsId = object.metadata.annotations?.[ANNOTATIONS.partsId];
  return { ...(createdAt ? { createdAt } : {}), ...(partsId ? { partsId } : {}) };
}

/** A driver keeping one object per revision in Helm's layout; `format` says which kind. */
export function kubeRecordDriver(format: RecordFormat, options: KubeDriverOptions): Driver {
  const { kube, namespace } = options;
  const now = options.now ?? Date.now;
  const ref = (name: string) => ({ apiVersion: "v1", kind: format.kind, namespace, name });
  /**
   * What an update keeps from the record it replaces, by key, as last written or read here: a
   * resourceVersion names one state of an object, so an update expecting the version seen needs no
   * read first (if it is stale, the server refuses the write: Conflict).
   */
  const seen = new Map<string, Kept & { version: string }>();
  const remember = (object: KubeObject, version: unknown) => seen.set(object.metadata.name, { ...keptOf(object), version: String(version ?? "") });

  /** Builds the main object and its parts for a release. */
  function build(key: string, release: Release, times: { createdAt?: string; modifiedAt?: string }) {
    const chunkChars = options.chunkChars ?? CHUNK_CHARS;
    const payload = encodeRelease(release, chunkChars);
    const chunks = splitPayload(payload, chunkChars);
    const partsId = chunks.length > 1 ? newPartsId() : undefined;
    const split: Record<string, string> = partsId
      ? { [ANNOTATIONS.parts]: String(chunks.length - 1), [ANNOTATIONS.partsId]: partsId, [ANNOTATIONS.payloadSha256]: payloadDigest(payload) }
      : {};
    const annotations: Record<string, string> = { ...lockAnnotations(release.lock), ...split };
    const main: KubeObject = {
      apiVersion: "v1",
      kind: format.kind,
      metadata: { name: key, namespace, labels: recordLabels(release, times), ...(Object.keys(annotations).length ? { annotations } : {}) },
      ...format.extraFields(false),
      data: format.toData(chunks[0]!),
    };
    const parts = partsId ? partObjects(format, { namespace, key, name: release.name, revision: release.revision, partsId }, chunks) : [];
    return { main, parts, partsId };
  }

  /** Decodes a main object (fetching its parts); undefined when a part vanished under a concurrent write. */
  async function decode(object: KubeObject, o?: DriverCallOptions): Promise<StoredRelease | undefined> {
    let payload: string;
    try {
      payload = await readPayload(kube, format, object, o?.signal);
    } catch (e) {
      if (e instanceof PartMissing) return undefined;
      throw e;
    }
    // objects and hooks (their YAML) are parsed when first read: history and list read neither
    const corrupt = (e: Error) => new StorageCorrupt(describeObject(format, namespace, object.metadata.name), e.message, { cause: e });
    try {
      const release = decodeReleaseLazily(payload, object.metadata.labels ?? {}, corrupt);
      remember(object, object.metadata["resourceVersion"]);
      return { release, version: String(object.metadata["resourceVersion"] ?? "") };
    } catch (e) {
      throw corrupt(e as Error);
    }
  }

  async function getStored(name: string, revision: number, o?: DriverCallOptions): Promise<StoredRelease> {
    for (let attempt = 1; ; attempt++) {
      const object = await kube.get(ref(releaseKey(name, revision)), sig(o));
      if (!object) throw new ReleaseNotFound(name, revision);
      const stored = await decode(object, o);
      if (stored) return stored;
      if (attempt >= READ_ATTEMPTS) throw new StorageCorrupt(describeObject(format, namespace, object.metadata.name), "a part of it is missing");
    }
  }

  /**
   * Creates an object; when the create's outcome is unknown (connection reset after sending, 5xx),
   * reads it back: present with our data means our create landed; absent means it did not (try
   * again); present with other data is someone else's (`AlreadyExists`, as a plain create reports it).
   */
  async function createOnce(object: KubeObject, o?: DriverCallOptions): Promise<KubeObject> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await kube.create(object, sig(o));
      } catch (e) {
        if (!(e instanceof WriteUncertain)) throw e;
        const found = await kube.get(ref(object.metadata.name), sig(o));
        if (found && isOurWrite(found, object)) return found;
        if (found) throw new KubeApiError("POST", e.path, 409, JSON.stringify({ kind: "Status", reason: "AlreadyExists", code: 409, message: `${object.metadata.name} already exists` }));
        if (attempt >= CREATE_ATTEMPTS) throw e;
      }
    }
  }

  /**
   * Replaces the main object. A Conflict can be our own write landing first: a PUT whose answer was
   * lost is replayed by the transport and then meets the version it wrote. Read back to tell.
   */
  async function replace(main: KubeObject, o?: DriverCallOptions): Promise<KubeObject> {
    try {
      return await kube.update(main, sig(o));
    } catch (e) {
      if (reasonOf(e) !== "Conflict") throw e;
      const found = await kube.get(ref(main.metadata.name), sig(o));
      if (found && isOurWrite(found, main)) return found;
      throw e;
    }
  }

  /** The record objects matching `query`; with `metadataOnly`, their labels and annotations without the bodies. */
  async function listObjects(query: ReleaseQuery, o?: DriverCallOptions, metadataOnly = false): Promise<KubeObject[]> {
    return (await kube.list("v1", format.kind, { namespace, labelSelector: labelSelectorOf(query), ...(metadataOnly ? { metadataOnly } : {}), ...sig(o) })).items;
  }

  return {
    name: format.driverName,
    async create(key, release, o) {
      checkKey(key, release);
      const { main, parts } = build(key, release, { createdAt: unixSeconds(now()) });
      // Parts first: the main object's create is what makes the record exist (and decides races).
      for (const part of parts) await createOnce(part, o);
      try {
        const created = await createOnce(main, o);
        remember(main, created.metadata["resourceVersion"]);
        return { release, version: String(created.metadata["resourceVersion"] ?? "") };
      } catch (e) {
        if (parts.length) await deleteParts(kube, format, { namespace, name: release.name, revision: release.revision, partsId: main.metadata.annotations?.[ANNOTATIONS.partsId] ?? "" }, o?.signal);
        if (reasonOf(e) === "AlreadyExists") throw new ReleaseExists(release.name, release.revision);
        throw e;
      }
    },
    async update(release: Release, o: UpdateOptions = {}) {
      const key = releaseKey(release.name, release.revision);
      const known = seen.get(key);
      let kept: Kept;
      if (o.expectedVersion !== undefined && known?.version === o.expectedVersion) kept = known;
      else {
        const current = await kube.get(ref(key), sig(o));
        if (!current) throw new ReleaseNotFound(release.name, release.revision);
        const currentVersion = String(current.metadata["resourceVersion"] ?? "");
        if (o.expectedVersion !== undefined && o.expectedVersion !== currentVersion) throw new StorageConflict(release.name, release.revision);
        kept = keptOf(current);
      }
      const { main, parts, partsId } = build(key, release, { ...(kept.createdAt ? { createdAt: kept.createdAt } : {}), modifiedAt: unixSeconds(now()) });
      if (o.expectedVersion !== undefined) main.metadata["resourceVersion"] = o.expectedVersion;
      const where = { namespace, name: release.name, revision: release.revision };
      for (const part of parts) await createOnce(part, o);
      let updated: KubeObject;
      try {
        updated = await replace(main, o);
      } catch (e) {
        if (partsId) await deleteParts(kube, format, { ...where, partsId }, o.signal);
        if (reasonOf(e) === "Conflict") throw new StorageConflict(release.name, release.revision, { cause: e });
        if (reasonOf(e) === "NotFound") throw new ReleaseNotFound(release.name, release.revision);
        throw e;
      }
      remember(main, updated.metadata["resourceVersion"]);
      if (kept.partsId) await deleteParts(kube, format, { ...where, partsId: kept.partsId }, o.signal);
      return { release, version: String(updated.metadata["resourceVersion"] ?? "") };
    },
    async delete(name, revision, o) {
      seen.delete(releaseKey(name, revision));
      const existed = await kube.delete(ref(releaseKey(name, revision)), sig(o));
      await deleteParts(kube, format, { namespace, name, revision }, o?.signal);
      return existed;
    },
    get: getStored,
    async query(query, o) {
      // summaries come from labels and annotations: the (large) bodies are not fetched
      return (await listObjects(query, o, true)).flatMap((object) => summaryOf(object) ?? []);
    },
    async list(filter = {}, o) {
      const out: StoredRelease[] = [];
      for (const object of await listObjects(filter, o)) {
        const summary = summaryOf(object);
        if (!summary) continue;
        const stored = (await decode(object, o)) ?? (await getStored(summary.name, summary.revision, o).catch((e: unknown) => (e instanceof ReleaseNotFound ? undefined : Promise.reject(e))));
        if (stored && (filter.where?.(stored.release) ?? true)) out.push(stored);
      }
      return out;
    },
  };
}
