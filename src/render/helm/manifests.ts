/**
 * Helm's releaseutil: splitting rendered files into documents, reading each document's head
 * (apiVersion, kind, metadata.name/annotations), separating hooks, and sorting by kind in
 * install order (stable, after sorting files by path).
 */
import { HelmManifestInvalid } from "../../chart/helm/errors.js";
import { readYamlRaw, HelmYamlInvalid, type RawYaml } from "../../chart/helm/yaml-read.js";
import { compareKeys } from "../../gotemplate/value.js";
import { quickManifestHead } from "./manifest-head.js";

/** Helm's InstallOrder of kinds. */
export const INSTALL_ORDER: readonly string[] = [
  "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
  "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
  "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList",
  "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList",
  "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler",
  "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
];

const ORDER = new Map(INSTALL_ORDER.map((k, i) => [k, i]));

const HOOK_EVENTS = new Set([
  "pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade", "post-upgrade",
  "pre-rollback", "post-rollback", "test", "test-success",
]);

/** One document of a rendered file. */
export interface HelmManifest {
  /** The template file, e.g. `chart/templates/a.yaml`. */
  readonly name: string;
  /** The document text, trimmed. */
  readonly content: string;
  readonly kind: string;
  readonly apiVersion: string;
  readonly metadataName: string;
  readonly annotations: Readonly<Record<string, string>>;
}

/** A hook document (has a known `helm.sh/hook` annotation). */
export interface HelmHookManifest extends HelmManifest {
  readonly events: readonly string[];
  readonly weight: number;
}

/** RE2's `\s`: tab, newline, form feed, carriage return, space. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c;
}

/**
 * releaseutil.SplitManifests: the non-empty, trimmed documents of a file, in order. Splits where
 * the regexp `(?:^|\s*\n)---\s*` matches (leftmost-first, as Go's Split), without the regexp:
 * V8 backtracks through `\s*\n` quadratically on long runs of blanks.
 */
export function splitManifests(text: string): string[] {
  const t = text.trim();
  const docs: string[] = [];
  let from = 0;
  let pos = 0;
  if (t.startsWith("---")) {
    docs.push("");
    pos = 3;
    while (pos < t.length && isSpace(t.charCodeAt(pos))) pos++;
    from = pos;
  }
  for (;;) {
    const nl = t.indexOf("\n---", pos);
    if (nl < 0) break;
    let start = nl;
    while (start > from && isSpace(t.charCodeAt(start - 1))) start--;
    docs.push(t.slice(from, start));
    pos = nl + 4;
    while (pos < t.length && isSpace(t.charCodeAt(pos))) pos++;
    from = pos;
  }
  docs.push(t.slice(from));
  return docs.filter((d) => d !== "").map((d) => d.trim());
}

function jsonKind(v: RawYaml): string {
  if (Array.isArray(v)) return "array";
  if (v !== null && typeof v === "object") return "object";
  return typeof v === "string" ? "string" : typeof v === "boolean" ? "bool" : "number";
}

function asString(v: RawYaml | undefined, field: string): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return String(Math.fround(v));
  throw new Error(`json: cannot unmarshal ${jsonKind(v)} into Go struct field ${field} of type string`);
}

/**
 * A document's head as Helm reads it (the whole document parsed: a YAML error anywhere fails).
 * Plain block YAML is read by a quick reader; the rest, or with `quick: false`, by the full parser.
 */
export function readManifestHead(doc: string, file: string, quick = true): Omit<HelmManifest, "name" | "content"> {
  const fast = quick ? quickManifestHead(doc) : undefined;
  if (fast !== undefined) return fast;
  try {
    const raw = readYamlRaw(doc);
    if (raw === null) return { kind: "", apiVersion: "", metadataName: "", annotations: {} };
    if (typeof raw !== "object" || Array.isArray(raw)) {
      throw new Error(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(raw)} into Go value of type releaseutil.SimpleHead`);
    }
    const md = raw["metadata"];
    let metadataName = "";
    const annotations: Record<string, string> = {};
    if (md !== undefined && md !== null) {
      if (typeof md !== "object" || Array.isArray(md)) throw new Error(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(md)} into Go struct field SimpleHead.metadata of type struct`);
      metadataName = asString(md["name"], "SimpleHead.metadata.name");
      const ann = md["annotations"];
      if (ann !== undefined && ann !== null) {
        if (typeof ann !== "object" || Array.isArray(ann)) throw new Error(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(ann)} into Go struct field .metadata.annotations of type map[string]string`);
        for (const [k, v] of Object.entries(ann)) annotations[k] = asString(v, ".metadata.annotations");
      }
    }
    return { kind: asString(raw["kind"], "SimpleHead.kind"), apiVersion: asString(raw["apiVersion"], "SimpleHead.apiVersion"), metadataName, annotations };
  } catch (e) {
    const msg = e instanceof HelmYamlInvalid || e instanceof Error ? e.message : String(e);
    throw new HelmManifestInvalid(`YAML parse error on ${file}: ${msg}`, { cause: e });
  }
}

function kindLess(a: string, b: string): boolean {
  const fa = ORDER.get(a);
  const fb = ORDER.get(b);
  if (fa === undefined && fb === undefined) return a < b;
  if (fa === undefined) return false;
  if (fb === undefined) return true;
  return fa < fb;
}

function stableSortByKind<T extends { kind: string }>(list: T[]): T[] {
  return list
    .map((m, i) => ({ m, i }))
    .sort((x, y) => (kindLess(x.m.kind, y.m.kind) ? -1 : kindLess(y.m.kind, x.m.kind) ? 1 : x.i - y.i))
    .map((e) => e.m);
}

/** releaseutil.SortManifests: hooks and manifests, each sorted by kind in install order. */
export function sortManifests(files: ReadonlyMap<string, string>): { hooks: HelmHookManifest[]; manifests: HelmManifest[] } {
  const hooks: HelmHookManifest[] = [];
  const manifests: HelmManifest[] = [];
  for (const path of [...files.keys()].sort(compareKeys)) {
    const content = files.get(path)!;
    if ((path.split("/").pop() ?? "").startsWith("_")) continue;
    if (content.trim() === "") continue;
    for (const doc of splitManifests(content)) {
      const head = readManifestHead(doc, path);
      const m: HelmManifest = { name: path, content: doc, ...head };
      const hookTypes = head.annotations["helm.sh/hook"];
      if (hookTypes === undefined) {
        manifests.push(m);
        continue;
      }
      const events: string[] = [];
      let unknown = false;
      for (const h of hookTypes.split(",")) {
        const e = h.trim().toLowerCase();
        if (!HOOK_EVENTS.has(e)) {
          unknown = true;
          break;
        }
        events.push(e === "test-success" ? "test" : e);
      }
      if (unknown) continue;
      const w = Number.parseInt(head.annotations["helm.sh/hook-weight"] ?? "", 10);
      hooks.push({ ...m, events, weight: /^[+-]?\d+$/.test(head.annotations["helm.sh/hook-weight"] ?? "") ? w : 0 });
    }
  }
  return { hooks: stableSortByKind(hooks), manifests: stableSortByKind(manifests) };
}
