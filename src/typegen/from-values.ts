import { isMap, isPair, isScalar, parseDocument, type Node, type YAMLMap } from "yaml";
import { ANY_OBJECT, UNKNOWN, union, type TsProp, type TsType } from "./model.js";

/** The comments above each key of a values file, by dotted path (`image.tag`). */
export type CommentMap = ReadonlyMap<string, string>;

/** The key of a value path in a {@link CommentMap}. */
export function pathKey(path: readonly string[]): string {
  return path.map((p) => p.replace(/\./g, "\\.")).join(".");
}

/**
 * Reads `values.yaml` (YAML 1.1, as berth reads values) into its defaults and the comments written
 * above its keys (and, failing that, after their values on the same line).
 */
export function readValuesText(text: string): { values: Record<string, unknown>; comments: CommentMap } {
  const doc = parseDocument(text, { version: "1.1" });
  const comments = new Map<string, string>();
  if (isMap(doc.contents)) collectComments(doc.contents, [], comments);
  const js: unknown = doc.toJS({ maxAliasCount: 1000 });
  const values = js !== null && typeof js === "object" && !Array.isArray(js) ? (js as Record<string, unknown>) : {};
  return { values, comments };
}

function collectComments(map: YAMLMap, path: readonly string[], out: Map<string, string>): void {
  map.items.forEach((pair, i) => {
    if (!isPair(pair)) return;
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
    if (key === undefined) return;
    const value = pair.value as Node | null;
    // The comment above a mapping's first key is the mapping's own comment in eemeli/yaml's tree.
    const above = keyNode?.commentBefore ?? (i === 0 && path.length > 0 ? map.commentBefore : undefined);
    const text = clean(above ?? (isMap(value) ? undefined : value?.comment));
    if (text) out.set(pathKey([...path, key]), text);
    if (isMap(value)) collectComments(value, [...path, key], out);
  });
}

/** Comment text without the `#` padding; commented-out YAML lines (`# key: value`) are kept as written. */
function clean(comment: string | null | undefined): string | undefined {
  if (!comment) return undefined;
  const text = comment.split("\n").map((l) => l.replace(/^ /, "").trimEnd()).join("\n").trim();
  return text || undefined;
}

/** Infers a type from a default value: every key present is required; empty maps and lists say nothing. */
export function inferType(value: unknown, path: readonly string[], comments: CommentMap): TsType {
  if (value === null || value === undefined) return UNKNOWN;
  if (typeof value === "string") return { kind: "keyword", name: "string" };
  if (typeof value === "number" || typeof value === "bigint") return { kind: "keyword", name: "number" };
  if (typeof value === "boolean") return { kind: "keyword", name: "boolean" };
  if (value instanceof Date) return { kind: "keyword", name: "string" };
  if (Array.isArray(value)) return { kind: "array", items: value.length === 0 ? UNKNOWN : itemsType(value, [...path, "[]"], comments) };
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return ANY_OBJECT;
    const props: TsProp[] = entries.map(([name, v]) => {
      const doc = propDoc(comments.get(pathKey([...path, name])), v);
      return { name, type: inferType(v, [...path, name], comments), optional: false, ...(doc !== undefined && { doc }) };
    });
    return { kind: "object", props };
  }
  return UNKNOWN;
}

/** A list's item type: objects merge (a key missing from some item is optional); other kinds unite. */
function itemsType(items: readonly unknown[], path: readonly string[], comments: CommentMap): TsType {
  const objects = items.filter((v): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date));
  const others = items.filter((v) => !objects.includes(v as Record<string, unknown>));
  const types = others.map((v) => inferType(v, path, comments));
  if (objects.length > 0) {
    const names = [...new Set(objects.flatMap((o) => Object.keys(o)))];
    if (names.length === 0) types.push(ANY_OBJECT);
    else {
      const props: TsProp[] = names.map((name) => ({
        name,
        type: union(objects.filter((o) => name in o).map((o) => inferType(o[name], [...path, name], comments))),
        optional: objects.some((o) => !(name in o)),
      }));
      types.push({ kind: "object", props });
    }
  }
  return union(types);
}

/** The comment above a key, plus `@defaultValue` for a scalar default. */
export function propDoc(comment: string | undefined, value: unknown): string | undefined {
  const scalar = value === null || ["string", "number", "boolean"].includes(typeof value);
  const defaultLine = scalar ? `@defaultValue ${JSON.stringify(value)}` : undefined;
  const text = [comment, defaultLine].filter(Boolean).join("\n\n");
  return text || undefined;
}
