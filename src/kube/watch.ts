import type { IncomingMessage } from "node:http";
import { KubeApiError, KubeUnreachable } from "./errors.js";
import { parseJsonLines } from "./ndjson.js";
import { resourcePath } from "./paths.js";
import { isRetryableStatus, retryDelayMs, sleep } from "./retry.js";
import type { KubeTransport } from "./transport.js";
import type { KubeObject } from "../model/object.js";
import type { ListOptions, ListResult, ResourceInfo, WatchEvent } from "./types.js";

/** What a watch needs: the transport, the kind, and a way to re-list with the same namespace and selectors. */
export interface WatchTarget {
  readonly transport: KubeTransport;
  readonly info: ResourceInfo;
  readonly list: (signal: AbortSignal | undefined) => Promise<ListResult>;
}

/** Options of {@link watchEvents}. */
export interface WatchOptions extends ListOptions {
  /** Start after this resourceVersion (else list first and report existing objects as ADDED). */
  readonly resourceVersion?: string;
  /** Objects already known at `resourceVersion`: a re-list reports them as DELETED when they are gone. */
  readonly seen?: readonly KubeObject[];
}

interface RawEvent {
  type: WatchEvent["type"] | "ERROR";
  object: KubeObject;
}

/**
 * Streams watch events. Without a starting resourceVersion it lists first and reports every existing
 * object as ADDED. When the watch expires (410 Gone, an ERROR event) it re-lists and reports the
 * difference to what it had seen (ADDED/MODIFIED/DELETED); when the connection drops it resumes from
 * the last resourceVersion. Ends, without error, when the signal aborts.
 */
export async function* watchEvents(target: WatchTarget, options: WatchOptions): AsyncGenerator<WatchEvent> {
  const { signal } = options;
  const known = new Map<string, KubeObject>((options.seen ?? []).map((object) => [keyOf(object), object]));
  let resourceVersion = options.resourceVersion;
  let failures = 0;
  try {
    if (resourceVersion === undefined) resourceVersion = yield* relist(target, known, signal);
    while (!signal?.aborted) {
      const stream = await openWatch(target, options, resourceVersion);
      if (stream === "expired") {
        resourceVersion = yield* relist(target, known, signal);
        continue;
      }
      if (stream === "retry") {
        await sleep(retryDelayMs(failures++, 500, undefined), signal);
        continue;
      }
      failures = 0;
      let expired = false;
      const stop = () => stream.destroy();
      signal?.addEventListener("abort", stop, { once: true });
      try {
        for await (const raw of parseJsonLines(stream)) {
          const event = raw as RawEvent;
          if (event.type === "ERROR") {
            expired = true;
            break;
          }
          const object = withTypeMeta(event.object, target.info);
          resourceVersion = object.metadata.resourceVersion as string | undefined ?? resourceVersion;
          if (event.type !== "BOOKMARK") remember(known, event.type, object);
          yield { type: event.type, object };
        }
      } catch {
        if (signal?.aborted) return;
        // A dropped connection: resume from the last resourceVersion after a pause.
        await sleep(retryDelayMs(failures++, 500, undefined), signal);
      } finally {
        signal?.removeEventListener("abort", stop);
        stream.destroy();
      }
      if (expired) resourceVersion = yield* relist(target, known, signal);
    }
  } catch (e) {
    if (signal?.aborted) return;
    throw e;
  }
}

async function openWatch(
  target: WatchTarget,
  options: ListOptions,
  resourceVersion: string | undefined,
): Promise<IncomingMessage | "expired" | "retry"> {
  const query = {
    watch: 1,
    allowWatchBookmarks: true,
    resourceVersion,
    labelSelector: options.labelSelector,
    fieldSelector: options.fieldSelector,
    // The server ends a watch after this; we then resume from the last resourceVersion.
    timeoutSeconds: 240 + Math.floor(Math.random() * 120),
  };
  const path = resourcePath(target.info, { namespace: options.namespace }, query);
  try {
    return await target.transport.openStream({ method: "GET", path, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 410) return "expired";
    if (e instanceof KubeUnreachable || (e instanceof KubeApiError && isRetryableStatus(e.status))) return "retry";
    throw e;
  }
}

/** Lists, reports the difference to what was known, and returns the list's resourceVersion. */
async function* relist(target: WatchTarget, known: Map<string, KubeObject>, signal: AbortSignal | undefined): AsyncGenerator<WatchEvent, string> {
  const listed = await target.list(signal);
  const present = new Set<string>();
  for (const object of listed.items) {
    const key = keyOf(object);
    present.add(key);
    const before = known.get(key);
    if (before && before.metadata.resourceVersion === object.metadata.resourceVersion) continue;
    known.set(key, object);
    yield { type: before ? "MODIFIED" : "ADDED", object };
  }
  for (const [key, object] of known) {
    if (present.has(key)) continue;
    known.delete(key);
    yield { type: "DELETED", object };
  }
  return listed.resourceVersion;
}

function remember(known: Map<string, KubeObject>, type: WatchEvent["type"], object: KubeObject): void {
  if (type === "DELETED") known.delete(keyOf(object));
  else known.set(keyOf(object), object);
}

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ""}/${object.metadata.name}`;
}

/** Watch and list items may omit apiVersion/kind; fill them from discovery. */
export function withTypeMeta(object: KubeObject, info: ResourceInfo): KubeObject {
  if (object.apiVersion && object.kind) return object;
  return { ...object, apiVersion: object.apiVersion || info.apiVersion, kind: object.kind || info.kind };
}
