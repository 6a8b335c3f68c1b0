// A small in-memory KubeApi for plan unit tests: server-side apply as a deep merge plus a few
// server defaults, immutable fields per kind, resourceVersions, and a log of calls.
import { KubeApiError } from "../../src/kube/errors.js";
import type { ApplyOptions, KubeApi, ListOptions, ListResult } from "../../src/kube/types.js";
import type { KubeObject } from "../../src/model/object.js";
import type { ObjectRef } from "../../src/model/ref.js";

const IMMUTABLE: Record<string, string[][]> = { Deployment: [["spec", "selector"]], Service: [["spec", "clusterIP"]], Job: [["spec", "template"]] };

function keyOf(ref: ObjectRef): string {
  return `${ref.kind}|${ref.namespace ?? ""}|${ref.name}`;
}

function merge(base: unknown, patch: unknown): unknown {
  if (base && patch && typeof base === "object" && typeof patch === "object" && !Array.isArray(base) && !Array.isArray(patch)) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(patch)) out[k] = merge(out[k], v);
    return out;
  }
  return structuredClone(patch);
}

function at(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), value);
}

/** Adds what an API server would: ids, timestamps, defaults, status. */
function withServerFields(object: KubeObject, rv: string, uid: string): KubeObject {
  const o = structuredClone(object);
  Object.assign(o.metadata, { uid, resourceVersion: rv, creationTimestamp: "2024-01-01T00:00:00Z", generation: 1, managedFields: [{ manager: "berth", operation: "Apply" }] });
  if (o.kind === "Deployment") {
    const spec = o["spec"] as Record<string, unknown>;
    spec["progressDeadlineSeconds"] ??= 600;
    spec["revisionHistoryLimit"] ??= 10;
    const containers = at(spec, ["template", "spec", "containers"]) as Record<string, unknown>[] | undefined;
    for (const c of containers ?? []) {
      c["imagePullPolicy"] ??= "IfNotPresent";
      c["terminationMessagePath"] ??= "/dev/termination-log";
    }
    o.metadata.annotations = { ...(o.metadata.annotations ?? {}), "deployment.kubernetes.io/revision": "1" };
    o["status"] = { replicas: 1 };
  }
  if (o.kind === "Service") (o["spec"] as Record<string, unknown>)["clusterIP"] ??= "10.0.0.12";
  return o;
}

/** The fake. `calls` lists `method key` per call. */
export class FakeKube implements KubeApi {
  readonly objects = new Map<string, KubeObject>();
  readonly calls: string[] = [];
  private rv = 100;

  /** Stores an object as a real (non-dry) apply would. */
  seed(object: KubeObject): KubeObject {
    return this.write(object, false);
  }

  /** Edits a live object in place (a hand edit: new resourceVersion, no ownership change). */
  edit(ref: ObjectRef, change: (o: KubeObject) => void): void {
    const o = structuredClone(this.objects.get(keyOf(ref)));
    if (!o) throw new Error(`no ${keyOf(ref)}`);
    change(o);
    o.metadata["resourceVersion"] = String(++this.rv);
    this.objects.set(keyOf(ref), o);
  }

  async apply(object: KubeObject, options: ApplyOptions = {}): Promise<KubeObject> {
    this.calls.push(`apply${options.dryRun ? "(dry)" : ""}${options.metadataOnly ? "(metadata)" : ""} ${keyOf(refOf(object))}`);
    const result = this.write(object, options.dryRun === true);
    // as the API server does for Accept: ...;as=PartialObjectMetadata
    return options.metadataOnly ? { apiVersion: result.apiVersion, kind: result.kind, metadata: result.metadata } : result;
  }

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    this.calls.push(`get ${keyOf(ref)}`);
    const o = this.objects.get(keyOf(ref));
    return o && structuredClone(o);
  }

  private write(object: KubeObject, dryRun: boolean): KubeObject {
    const key = keyOf(refOf(object));
    const live = this.objects.get(key);
    if (live) {
      const causes = (IMMUTABLE[object.kind] ?? [])
        .filter((p) => at(object, p) !== undefined && JSON.stringify(at(object, p)) !== JSON.stringify(at(live, p)))
        .map((p) => ({ reason: "FieldValueInvalid", field: p.join("."), message: "Invalid value: field is immutable" }));
      if (causes.length) {
        const status = { kind: "Status", status: "Failure", reason: "Invalid", code: 422, message: `${object.kind} is invalid`, details: { causes } };
        throw new KubeApiError("PATCH", `/x/${key}`, 422, JSON.stringify(status));
      }
    }
    const merged = merge(live ? { ...live, metadata: { ...live.metadata } } : {}, object) as KubeObject;
    const rv = dryRun ? String(live?.metadata["resourceVersion"] ?? this.rv) : String(++this.rv);
    const result = withServerFields(merged, rv, String(live?.metadata["uid"] ?? `uid-${key}`));
    if (!dryRun) this.objects.set(key, result);
    return structuredClone(result);
  }

  async list(apiVersion: string, kind: string, options: ListOptions = {}): Promise<ListResult> {
    this.calls.push(`list ${kind}|${options.namespace ?? ""}`);
    const items = [...this.objects.values()].filter((o) => o.apiVersion === apiVersion && o.kind === kind && (options.namespace === undefined || o.metadata.namespace === options.namespace));
    return { items: structuredClone(items), resourceVersion: String(this.rv) };
  }
  create(): never { throw new Error("not in the fake"); }
  update(): never { throw new Error("not in the fake"); }
  delete(): never { throw new Error("not in the fake"); }
  waitGone(): never { throw new Error("not in the fake"); }
  watch(): never { throw new Error("not in the fake"); }
  resource(): never { throw new Error("not in the fake"); }
  isNamespaced(): never { throw new Error("not in the fake"); }
  serverVersion(): never { throw new Error("not in the fake"); }
  apiVersions(): never { throw new Error("not in the fake"); }
  preferredVersion(): never { throw new Error("not in the fake"); }
  events(): never { throw new Error("not in the fake"); }
  podLogs(): never { throw new Error("not in the fake"); }
}

function refOf(o: KubeObject): ObjectRef {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) };
}
