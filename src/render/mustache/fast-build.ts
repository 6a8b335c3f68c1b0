import { isScalar, Scalar, visit, type Document } from "yaml";
import type { Issue } from "../../model/issue.js";
import { exactPlaceholder, PLACEHOLDER_MARK, type Slot } from "./placeholders.js";
import { interpolate, isMergeKey } from "./substitute.js";

// Building a document's value without touching its YAML tree: the tree is turned once into a
// plain-data template (`toJS` with each typed placeholder swapped for a marker), and each use
// copies the template, putting values in. This gives what substitutePlaceholders + toJS give,
// for the documents it accepts; any other document is built the general way (`slow`).

/** How a parsed document is built: skipped, from a template, or by the general path. */
export type Plan = { readonly kind: "empty" } | { readonly kind: "slow" } | { readonly kind: "template"; readonly value: unknown };

const EMPTY: Plan = { kind: "empty" };
const SLOW: Plan = { kind: "slow" };
/** Marks a plain scalar that is exactly one placeholder (U+E002 never occurs in chunk texts). */
const TYPED = "\uE002";

/**
 * Plans a parsed document. Templates are made only for documents without aliases, merge
 * keys, placeholders in keys or non-scalar keys, and whose data holds only plain objects,
 * arrays and primitives (no timestamps, sets, `__proto__` keys).
 */
export function planDocument(doc: Document): Plan {
  if (doc.contents === null) return EMPTY;
  const work = doc.clone();
  let simple = true;
  visit(work, {
    Alias() {
      simple = false;
      return visit.BREAK;
    },
    Pair(_, pair) {
      if ((pair.key !== null && !isScalar(pair.key)) || isMergeKey(pair.key)) {
        simple = false;
        return visit.BREAK;
      }
      return undefined;
    },
    Scalar(key, node) {
      if (typeof node.value !== "string" || !node.value.includes(PLACEHOLDER_MARK)) return undefined;
      if (key === "key") {
        simple = false;
        return visit.BREAK;
      }
      const index = node.type === Scalar.PLAIN && !node.tag ? exactPlaceholder(node.value) : undefined;
      if (index !== undefined) node.value = `${TYPED}${index}`;
      return undefined;
    },
  });
  if (!simple) return SLOW;
  try {
    const value: unknown = work.toJS({ maxAliasCount: 100 });
    return isPlainData(value) ? { kind: "template", value } : SLOW;
  } catch {
    return SLOW;
  }
}

function isPlainData(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return true;
  if (Array.isArray(value)) return value.every(isPlainData);
  if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  if (Object.prototype.hasOwnProperty.call(value, "__proto__")) return false;
  return Object.values(value).every(isPlainData);
}

/** A value the template path does not build exactly like `createNode` + `toJS`. */
class Unsupported extends Error {}

/**
 * Builds a document's value from its template, with `slots` numbered like the template's
 * placeholders. Returns `undefined` when the general path must build it instead: a value
 * that is not plain data, or any problem (so problems are reported in the general path's order).
 */
export function buildFromTemplate(template: unknown, slots: readonly Slot[]): { value: unknown } | undefined {
  const issues: Issue[] = [];
  try {
    const value = build(template, slots, issues);
    return issues.length === 0 ? { value } : undefined;
  } catch {
    return undefined;
  }
}

function build(template: unknown, slots: readonly Slot[], issues: Issue[]): unknown {
  if (typeof template === "string") {
    if (template.startsWith(TYPED)) return copyValue(slots[Number(template.slice(1))]!.value);
    return template.includes(PLACEHOLDER_MARK) ? interpolate(template, slots, issues, "text") : template;
  }
  if (template === null || typeof template !== "object") return template;
  if (Array.isArray(template)) {
    const out: unknown[] = new Array(template.length);
    for (let i = 0; i < template.length; i++) out[i] = build(template[i], slots, issues);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(template)) out[key] = build((template as Record<string, unknown>)[key], slots, issues);
  return out;
}

/** A copy of a value as `doc.createNode(value)` then `toJS` make it, for plain data only. */
function copyValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  const type = typeof value;
  if (type === "string" || type === "number" || type === "boolean") return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyValue(value[i]);
    return out;
  }
  if (type !== "object") throw new Unsupported();
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new Unsupported();
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // "<<" would be a merge key for yaml; "__proto__" needs defineProperty: the general path.
    if (key === "<<" || key === "__proto__") throw new Unsupported();
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) out[key] = copyValue(item);
  }
  return out;
}

