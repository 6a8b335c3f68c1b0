// Helm's `lookup` runs while a template executes, which is synchronous here; the cluster is not.
// So a render that looks things up runs in rounds: each round answers from what was read so far
// and notes what it missed; the misses are then read (GET or LIST, never a write) and the chart
// is rendered again, until a round misses nothing.
import type { KubeObject } from "../model/object.js";

/**
 * Helm's `lookup apiVersion kind namespace name`: the object as a map, a list (`name` empty:
 * `{apiVersion, kind: <Kind>List, metadata, items}`), or an empty map when nothing was found.
 */
export type LookupFunction = (apiVersion: string, kind: string, namespace: string, name: string) => Record<string, unknown>;

/** The only cluster calls a template's `lookup` may cause: reads. */
export interface ClusterReader {
  /** Reads one object; `undefined` when it does not exist. */
  get(ref: { apiVersion: string; kind: string; namespace?: string; name: string }, options?: { signal?: AbortSignal }): Promise<KubeObject | undefined>;
  /** Lists the objects of a kind, in one namespace or (without one) all. */
  list(apiVersion: string, kind: string, options?: { namespace?: string; signal?: AbortSignal }): Promise<{ items: KubeObject[]; resourceVersion: string }>;
  /** Whether a kind is namespaced; rejects for a kind the cluster does not serve. */
  isNamespaced(apiVersion: string, kind: string): Promise<boolean>;
}

/** `lookup` without a cluster (`template`): always an empty map, as `helm template` does. */
export const emptyLookup: LookupFunction = () => ({});

/** A lookup answered from reads made between render rounds. */
export class LookupRounds {
  private readonly answers = new Map<string, Record<string, unknown>>();
  private readonly misses = new Map<string, readonly [string, string, string, string]>();

  /** @param reader - the cluster, read-only */
  constructor(private readonly reader: ClusterReader) {}

  /** The function templates call; answers what was read, records the rest (answering `{}` for now). */
  readonly lookup: LookupFunction = (apiVersion, kind, namespace, name) => {
    const key = JSON.stringify([apiVersion, kind, namespace, name]);
    const answer = this.answers.get(key);
    if (answer !== undefined) return structuredClone(answer);
    this.misses.set(key, [apiVersion, kind, namespace, name]);
    return {};
  };

  /** True when the last round looked up something not read yet. */
  get missed(): boolean {
    return this.misses.size > 0;
  }

  /** Reads everything the last round missed. */
  async read(signal?: AbortSignal): Promise<void> {
    const misses = [...this.misses];
    this.misses.clear();
    await Promise.all(misses.map(async ([key, call]) => this.answers.set(key, await this.fetch(...call, signal))));
  }

  private async fetch(apiVersion: string, kind: string, namespace: string, name: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const opts = signal ? { signal } : {};
    let namespaced: boolean;
    try {
      namespaced = await this.reader.isNamespaced(apiVersion, kind);
    } catch {
      return {}; // a kind the cluster does not serve: Helm's request 404s, which lookup answers with {}
    }
    const ns = namespaced && namespace !== "" ? { namespace } : {};
    if (name !== "") {
      const object = await this.reader.get({ apiVersion, kind, ...ns, name }, opts);
      return object ? toGoJson(object) as Record<string, unknown> : {};
    }
    const list = await this.reader.list(apiVersion, kind, { ...ns, ...opts });
    return toGoJson({ apiVersion, kind: `${kind}List`, metadata: { resourceVersion: list.resourceVersion }, items: list.items }) as Record<string, unknown>;
  }
}

/** JSON as Go's unstructured decoding types it: integers are int64 (bigint), other numbers float64. */
function toGoJson(value: unknown): unknown {
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toGoJson);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = toGoJson(item);
    return out;
  }
  return value;
}
