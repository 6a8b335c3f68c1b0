import type { KubeApi } from "../kube/types.js";
import type { KubeObject } from "../model/object.js";
import type { ObjectRef } from "../model/ref.js";
import type { KubernetesEventSummary } from "./events.js";

/** Reads one core/v1 Event into a summary. */
export function summarizeEvent(event: KubeObject): KubernetesEventSummary {
  const e = event as KubeObject & {
    type?: string; reason?: string; message?: string; count?: number; lastTimestamp?: string; eventTime?: string;
    series?: { count?: number; lastObservedTime?: string };
    involvedObject?: { kind?: string; name?: string; namespace?: string };
  };
  const lastSeen = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? undefined;
  const involved = e.involvedObject ?? {};
  return {
    type: e.type ?? "Normal",
    reason: e.reason ?? "",
    message: (e.message ?? "").trim(),
    involvedObject: { kind: involved.kind ?? "", name: involved.name ?? "", ...(involved.namespace ? { namespace: involved.namespace } : {}) },
    count: e.series?.count ?? e.count ?? 1,
    ...(lastSeen ? { lastSeen } : {}),
  };
}

/** The core/v1 Events about one object, oldest first (by last occurrence). */
export async function eventsAbout(kube: KubeApi, ref: Pick<ObjectRef, "kind" | "name" | "namespace">, signal?: AbortSignal): Promise<KubeObject[]> {
  const fieldSelector = [`involvedObject.name=${ref.name}`, `involvedObject.kind=${ref.kind}`, ...(ref.namespace ? [`involvedObject.namespace=${ref.namespace}`] : [])].join(",");
  const listed = await kube.list("v1", "Event", { ...(ref.namespace ? { namespace: ref.namespace } : {}), fieldSelector, ...(signal ? { signal } : {}) });
  return [...listed.items].sort((a, b) => lastSeenOf(a).localeCompare(lastSeenOf(b)));
}

function lastSeenOf(event: KubeObject): string {
  return summarizeEvent(event).lastSeen ?? "";
}

/** Remembers which Events were already reported, so each occurrence is reported once. */
export class EventTracker {
  readonly #seen = new Set<string>();
  readonly #warnings: KubernetesEventSummary[] = [];

  /** The events not seen before (a repeat with a higher count counts as new). */
  fresh(events: readonly KubeObject[]): KubernetesEventSummary[] {
    const out: KubernetesEventSummary[] = [];
    for (const event of events) {
      const summary = summarizeEvent(event);
      const key = `${String(event.metadata["uid"] ?? event.metadata.name)}#${summary.count}`;
      if (this.#seen.has(key)) continue;
      this.#seen.add(key);
      out.push(summary);
      if (summary.type === "Warning") this.#warnings.push(summary);
    }
    return out;
  }

  /** The most recent Warning events, newest last. */
  recentWarnings(limit = 5): KubernetesEventSummary[] {
    return this.#warnings.slice(-limit);
  }
}
