import type { KubeObject } from "../model/object.js";
import { getAt, parsePath, type ValuePath } from "./paths.js";

/** Annotation listing an object's sensitive paths, comma-separated, as JSON pointers or dotted paths. */
export const SENSITIVE_PATHS_ANNOTATION = "berth.dev/sensitive-paths";

/** Strings shorter than this are not searched for inside other strings (too many false matches). */
const MIN_SECRET_LENGTH = 4;

/** What to hide for one object: whole subtrees (`roots`) and any string containing one of `strings`. */
export interface Sensitivity {
  readonly roots: readonly ValuePath[];
  readonly strings: readonly string[];
}

/** The sensitive subtrees of an object: a Secret's `data`/`stringData` and its annotated paths. */
export function sensitiveRoots(object: KubeObject | undefined): ValuePath[] {
  if (!object) return [];
  const roots: ValuePath[] = object.kind === "Secret" ? [["data"], ["stringData"]] : [];
  const listed = object.metadata?.annotations?.[SENSITIVE_PATHS_ANNOTATION];
  if (listed) for (const text of listed.split(",")) if (text.trim()) roots.push(parsePath(text));
  return roots;
}

/**
 * The sensitivity of one object across its versions (desired, live, recorded): the union of their
 * roots; `strings` are the given value strings plus every string under those roots (and, for a
 * Secret's `data`, its base64-decoded text), so error messages can be scrubbed of them.
 */
export function sensitivityOf(versions: readonly (KubeObject | undefined)[], valueStrings: readonly string[]): Sensitivity {
  const roots = new Map<string, ValuePath>();
  for (const v of versions) for (const r of sensitiveRoots(v)) roots.set(JSON.stringify(r), r);
  const strings = new Set(valueStrings);
  for (const v of versions) {
    if (!v) continue;
    for (const root of roots.values()) {
      for (const s of stringLeaves(getAt(v, root))) {
        strings.add(s);
        if (v.kind === "Secret" && root[0] === "data") strings.add(Buffer.from(s, "base64").toString("utf8"));
      }
    }
  }
  return { roots: [...roots.values()], strings: [...strings].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length) };
}

/** Every sensitive string of a release's objects (each object's own roots) and values, longest first, once each. */
export function releaseSensitiveStrings(objects: readonly KubeObject[], valueStrings: readonly string[]): string[] {
  const all = new Set(sensitivityOf([], valueStrings).strings);
  for (const object of objects) for (const text of sensitivityOf([object], []).strings) all.add(text);
  return [...all].sort((a, b) => b.length - a.length);
}

/**
 * The values at the chart's sensitive value paths (`x-sensitive`/`writeOnly` in its schema), as
 * strings: objects and lists contribute every scalar inside them.
 *
 * @param values - computed values
 * @param paths - dotted value paths, e.g. `db.password`
 */
export function sensitiveValueStrings(values: unknown, paths: readonly string[]): string[] {
  return paths.flatMap((p) => stringLeaves(getAt(values, parsePath(p))));
}

function stringLeaves(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "object") return Object.values(value).flatMap(stringLeaves);
  return [String(value)];
}

/** Whether a leaf at `path` holding `value` must not be shown. */
export function isSensitiveLeaf(path: ValuePath, value: unknown, s: Sensitivity): boolean {
  return rootOf(path, s) !== undefined || (typeof value === "string" && s.strings.some((x) => value.includes(x)));
}

/** The sensitive root `path` lies under, if any. */
export function rootOf(path: ValuePath, s: Sensitivity): ValuePath | undefined {
  return s.roots.find((r) => r.length <= path.length && r.every((p, i) => p === path[i]));
}

/** Text with every sensitive string replaced by `(sensitive)`: for error messages from the server. */
export function scrubText(text: string, s: Sensitivity): string {
  let out = text;
  for (const secret of s.strings) out = out.split(secret).join("(sensitive)");
  return out;
}
