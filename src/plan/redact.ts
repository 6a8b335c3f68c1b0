import { deepEqual, type RawChange } from "./field-diff.js";
import { formatPath, getAt, type ValuePath } from "./paths.js";
import { isSensitiveLeaf, rootOf, type Sensitivity } from "./sensitive.js";
import type { PlanFieldDiff } from "./types.js";

/** Shown in place of a sensitive value. */
export const SENSITIVE_MARK = "(sensitive)";
/** Shown in place of a sensitive value that changed. */
export const SENSITIVE_CHANGED_MARK = "(sensitive, changed)";

/**
 * Turns raw changes into plan diff entries: changes under a sensitive root collapse into one
 * `RedactedChange` per root (changed key names only); a leaf whose string holds a sensitive value
 * becomes a `RedactedChange` of its own.
 */
export function redactChanges(changes: readonly RawChange[], s: Sensitivity): PlanFieldDiff[] {
  const out: PlanFieldDiff[] = [];
  const groups = new Map<string, { index: number; keys: Set<string> }>();
  for (const change of changes) {
    const root = rootOf(change.path, s);
    if (root) {
      const path = formatPath(root);
      let group = groups.get(path);
      if (!group) {
        group = { index: out.length, keys: new Set() };
        groups.set(path, group);
        out.push({ path, redacted: true, changed: true, keys: [] });
      }
      if (change.path.length > root.length) group.keys.add(String(change.path[root.length]));
    } else if (isSensitiveLeaf(change.path, change.before, s) || isSensitiveLeaf(change.path, change.after, s)) {
      out.push({ path: formatPath(change.path), redacted: true, changed: true, keys: [] });
    } else {
      out.push(plainChange(change));
    }
  }
  for (const [path, group] of groups) out[group.index] = { path, redacted: true, changed: true, keys: [...group.keys].sort() };
  return out;
}

function plainChange(change: RawChange): PlanFieldDiff {
  const path = formatPath(change.path);
  if (change.before === undefined) return { path, after: change.after };
  if (change.after === undefined) return { path, before: change.before };
  return { path, before: change.before, after: change.after };
}

/**
 * A printable copy of `doc` with sensitive leaves replaced by marks. On the `after` side a leaf that
 * differs from `other` at the same path is marked changed, so a YAML diff shows the line changed.
 */
export function redactDocument(doc: unknown, other: unknown, s: Sensitivity, side: "before" | "after"): unknown {
  const walk = (value: unknown, path: ValuePath): unknown => {
    if (value !== null && typeof value === "object") {
      if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i]));
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = walk(v, [...path, k]);
      return out;
    }
    if (!isSensitiveLeaf(path, value, s)) return value;
    if (side === "before") return SENSITIVE_MARK;
    const was = getAt(other, path);
    return was !== undefined && !deepEqual(was, value) ? SENSITIVE_CHANGED_MARK : SENSITIVE_MARK;
  };
  return walk(doc, []);
}
