import type { HookDeletePolicy, HookEvent } from "../model/rendered.js";
import { applyOverrides, isPlainObject } from "../values/coalesce.js";
import { decodePayload, encodePayload } from "./helm-payload.js";
import { SYSTEM_LABELS, type HelmHook, type HelmRelease } from "./helm-format.js";
import { formatManifest, objectYaml, parseObject } from "./manifest-text.js";
import { objectsCopy, objectsOf } from "./manifest-copy.js";
import { RELEASE_STATUSES, type HookLastRunPhase, type HookLastRun, type Release, type ReleaseHook, type ReleaseStatus } from "./release.js";
import { defineLazy } from "../util/lazy.js";

/** Helm writes a zero time as "". */
const time = (iso: string | undefined): string => iso ?? "";

/**
 * A release as Helm's JSON record. The objects go to `manifest` (and hooks to `hooks`)
 * as YAML; the computed values go to `chart.values`, so `helm get values --all` shows them;
 * berth's extras (CRDs, lock, a JSON copy of the objects read instead of the manifest's YAML)
 * ride under `berth`, which Helm ignores.
 */
export function toHelmRelease(release: Release, options: { objectsCopy?: boolean } = {}): HelmRelease {
  const { name, version, apiVersion, ...metadata } = release.chart;
  const manifest = formatManifest(release.objects);
  return {
    name: release.name,
    info: {
      first_deployed: time(release.firstDeployed),
      last_deployed: time(release.lastDeployed),
      deleted: time(release.deleted),
      ...(release.description ? { description: release.description } : {}),
      status: release.status,
      ...(release.notes ? { notes: release.notes } : {}),
    },
    chart: {
      metadata: { name, version, apiVersion: apiVersion ?? "v2", ...metadata },
      lock: null,
      templates: [],
      values: { ...release.values },
      schema: null,
      files: [],
    },
    config: { ...release.config },
    manifest,
    hooks: release.hooks.map(toHelmHook),
    version: release.revision,
    namespace: release.namespace,
    berth: {
      format: 1,
      crds: [...release.crds],
      ...(release.lock ? { lock: release.lock } : {}),
      ...(options.objectsCopy === false ? {} : { objects: objectsCopy(release.objects, manifest) }),
    },
  };
}

function toHelmHook(hook: ReleaseHook): HelmHook {
  return {
    name: hook.object.metadata.name,
    kind: hook.object.kind,
    path: hook.source,
    manifest: objectYaml(hook.object),
    events: [...hook.events],
    last_run: { started_at: time(hook.lastRun?.startedAt), completed_at: time(hook.lastRun?.completedAt), phase: hook.lastRun?.phase ?? "" },
    weight: hook.weight,
    delete_policies: [...hook.deletePolicies],
  };
}

/**
 * Reads Helm's JSON record (written by Helm or berth) as a berth release.
 * A record without berth's key is rebuilt from Helm's fields: objects from `manifest`,
 * computed values from chart defaults ← `config`.
 * @param labels - the storage object's labels; those that are not Helm's own are the release's custom labels
 * @throws Error saying what is missing or malformed (never the content)
 */
export function fromHelmRelease(helm: HelmRelease, labels: Readonly<Record<string, string>> = {}): Release {
  const release = releaseFields(helm, labels);
  release.objects = objectsOf(helm.manifest ?? "", helm.berth?.objects);
  release.hooks = (helm.hooks ?? []).map(fromHelmHook);
  return release;
}

/**
 * {@link fromHelmRelease} that parses the YAML of `objects` and `hooks` on their first read rather
 * than now: listing a history or the releases of a namespace reads neither, and YAML is most of the
 * cost of decoding a record. A malformed manifest throws `wrapError` of the parse error when read.
 * @param wrapError - makes the error a read of `objects` or `hooks` throws (e.g. one naming the storage object)
 * @throws Error when the fields decoded now are missing or malformed
 */
export function fromHelmReleaseLazily(helm: HelmRelease, labels: Readonly<Record<string, string>>, wrapError: (e: Error) => Error): Release {
  const release = releaseFields(helm, labels);
  const guarded = <T>(parse: () => T) => () => {
    try {
      return parse();
    } catch (e) {
      throw wrapError(e as Error);
    }
  };
  defineLazy(release, "objects", guarded(() => objectsOf(helm.manifest ?? "", helm.berth?.objects)));
  defineLazy(release, "hooks", guarded(() => (helm.hooks ?? []).map(fromHelmHook)));
  return release;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Every field of the release; `objects` and `hooks` empty, for the caller to fill (keeping the key order). */
function releaseFields(helm: HelmRelease, labels: Readonly<Record<string, string>>): Mutable<Release> {
  if (!isPlainObject(helm)) throw new Error("the record is not a JSON object");
  if (typeof helm.name !== "string" || !helm.name) throw new Error("the record has no release name");
  if (typeof helm.version !== "number" || !Number.isInteger(helm.version)) throw new Error("the record has no revision number");
  const info = helm.info ?? {};
  const status = info.status as ReleaseStatus;
  if (!RELEASE_STATUSES.includes(status)) throw new Error(`the record has an unknown status "${String(info.status)}"`);
  const metadata = isPlainObject(helm.chart?.metadata) ? helm.chart.metadata : {};
  const config = isPlainObject(helm.config) ? helm.config : {};
  const chartValues = isPlainObject(helm.chart?.values) ? helm.chart.values : {};
  const custom = Object.entries(labels).filter(([k]) => !SYSTEM_LABELS.includes(k));
  const deleted = timeOf(info.deleted);
  return {
    name: helm.name,
    namespace: helm.namespace ?? "",
    revision: helm.version,
    status,
    chart: { ...metadata, name: String(metadata["name"] ?? ""), version: String(metadata["version"] ?? "") },
    config,
    values: helm.berth ? chartValues : applyOverrides(chartValues, config),
    objects: [],
    hooks: [],
    crds: helm.berth?.crds ?? [],
    notes: info.notes ?? "",
    description: info.description ?? info.Description ?? "",
    firstDeployed: timeOf(info.first_deployed) ?? timeOf(info.last_deployed) ?? "",
    lastDeployed: timeOf(info.last_deployed) ?? "",
    ...(deleted ? { deleted } : {}),
    ...(helm.berth?.lock ? { lock: helm.berth.lock } : {}),
    ...(custom.length ? { labels: Object.fromEntries(custom) } : {}),
  };
}

function fromHelmHook(hook: HelmHook, index: number): ReleaseHook {
  const object = parseObject(hook.manifest ?? "", `hook ${hook.name ?? index}`);
  if (!object) throw new Error(`hook ${hook.name ?? index} has no object in its manifest`);
  const policies = (hook.delete_policies ?? []) as HookDeletePolicy[];
  const phase = hook.last_run?.phase;
  const startedAt = timeOf(hook.last_run?.started_at);
  const completedAt = timeOf(hook.last_run?.completed_at);
  const lastRun: HookLastRun | undefined = phase
    ? { phase: phase as HookLastRunPhase, ...(startedAt ? { startedAt } : {}), ...(completedAt ? { completedAt } : {}) }
    : undefined;
  return {
    object,
    source: hook.path ?? "",
    events: (hook.events ?? []) as HookEvent[],
    weight: hook.weight ?? 0,
    deletePolicies: policies.length ? policies : ["before-hook-creation"],
    ...(lastRun ? { lastRun } : {}),
  };
}

/** A Helm time ("" or null is zero; Go's zero time too) as ISO 8601, or undefined. */
function timeOf(value: string | null | undefined): string | undefined {
  if (!value || value.startsWith("0001-01-01")) return undefined;
  return value;
}

/**
 * A release as Helm's `data.release` body: base64(gzip(JSON)).
 * @param maxChars - when the body with the objects' JSON copy is longer but one without it is not,
 *   the body without it: the copy only saves parsing YAML, and a record kept in one object stays
 *   readable by Helm (a longer one is split into parts, which Helm cannot read)
 */
export function encodeRelease(release: Release, maxChars = Infinity): string {
  const payload = encodePayload(toHelmRelease(release));
  if (payload.length <= maxChars) return payload;
  const lean = encodePayload(toHelmRelease(release, { objectsCopy: false }));
  return lean.length <= maxChars ? lean : payload;
}

/**
 * Reads a `data.release` body written by Helm or berth.
 * @throws Error saying what is wrong (the caller names the storage object)
 */
export function decodeRelease(payload: string, labels?: Readonly<Record<string, string>>): Release {
  return fromHelmRelease(decodePayload(payload) as HelmRelease, labels);
}

/**
 * {@link decodeRelease} with `objects` and `hooks` parsed on first read (see {@link fromHelmReleaseLazily}).
 * @throws Error when the body or the fields decoded now are malformed
 */
export function decodeReleaseLazily(payload: string, labels: Readonly<Record<string, string>>, wrapError: (e: Error) => Error): Release {
  return fromHelmReleaseLazily(decodePayload(payload) as HelmRelease, labels, wrapError);
}
