import { isMap, isPair, isScalar, Scalar, visit, type Document, type Node, type YAMLMap } from "yaml";
import type { Issue } from "../../model/issue.js";
import { ANY_PLACEHOLDER, exactPlaceholder, type Slot } from "./placeholders.js";

/**
 * Replaces every placeholder in a parsed document by its value (DESIGN.md §3): a plain
 * scalar that is exactly one placeholder takes the value with its own type (a mapping stays
 * a mapping); anywhere else — quoted, block, tagged or mixed scalars, and every key — values
 * become text. The document's structure never changes: a value adds no keys, items or documents.
 *
 * @returns the problems found (an object inside text, keys that collide after substitution)
 */
export function substitutePlaceholders(doc: Document, slots: readonly Slot[]): Issue[] {
  const issues: Issue[] = [];
  const touchedMaps = new Set<YAMLMap>();
  // visit() walks into the nodes it inserts; a value is never scanned for placeholders.
  const inserted = new WeakSet<Node>();
  const insert = (node: Node): Node => (inserted.add(node), node);
  const skipInserted = (_: unknown, node: Node) => (inserted.has(node) ? visit.SKIP : undefined);
  visit(doc, {
    Map: skipInserted,
    Seq: skipInserted,
    Scalar(key, node, path) {
      if (inserted.has(node) || typeof node.value !== "string" || !node.value.includes("\uE000")) return undefined;
      const parent = path[path.length - 1];
      if (key === "key") {
        const map = path[path.length - 2];
        if (isMap(map)) touchedMaps.add(map);
        node.value = interpolate(node.value, slots, issues, "a key");
        // Quoted, so a value "<<" is a plain key and never a merge key.
        node.type = Scalar.QUOTE_DOUBLE;
        return undefined;
      }
      const index = node.type === Scalar.PLAIN && !node.tag ? exactPlaceholder(node.value) : undefined;
      if (index === undefined) {
        node.value = interpolate(node.value, slots, issues, "text");
        return undefined;
      }
      const value = slots[index]!.value;
      if ((value === undefined || value === null) && isPair(parent) && isMergeKey(parent.key)) {
        return insert(doc.createNode({}));
      }
      return insert(value === undefined ? doc.createNode(null) : (doc.createNode(value, { aliasDuplicateObjects: false }) as Node));
    },
  });
  for (const map of touchedMaps) issues.push(...duplicateKeys(map, slots));
  return issues;
}

/** Replaces each placeholder in `text` by its value as text; objects there are problems. */
export function interpolate(text: string, slots: readonly Slot[], issues: Issue[], where: "a key" | "text"): string {
  return text.replace(ANY_PLACEHOLDER, (_, index: string) => {
    const slot = slots[Number(index)]!;
    const value = slot.value;
    if (value === undefined || value === null) return "";
    if (value instanceof Date) return value.toISOString();
    if (typeof value === "object" || typeof value === "function") {
      const kind = Array.isArray(value) ? "a list" : "a mapping";
      const fix = where === "a key" ? "keys must be strings or numbers" : `put it alone as a plain value, e.g. "key: {{${slot.name}}}"`;
      issues.push({ source: slot.source, line: slot.line, path: slot.name, message: `{{${slot.name}}} is ${kind} and cannot be part of ${where}; ${fix}` });
      return "";
    }
    return String(value);
  });
}

/** True for YAML's merge key `<<` (as the parser or `createNode` produce it). */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (key.source === "<<" || typeof key.value === "symbol" || key.value === "<<");
}

function duplicateKeys(map: YAMLMap, slots: readonly Slot[]): Issue[] {
  const seen = new Map<unknown, unknown>();
  const issues: Issue[] = [];
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, pair.key);
      continue;
    }
    const slot = slotOf(pair.key, slots) ?? slotOf(first, slots);
    issues.push({
      ...(slot && { source: slot.source, line: slot.line, path: slot.name }),
      message: `the key ${JSON.stringify(key)} appears twice after values were filled in; a value must not repeat a key of its mapping`,
    });
  }
  return issues;
}

function slotOf(key: unknown, slots: readonly Slot[]): Slot | undefined {
  const source = isScalar(key) ? key.source ?? "" : "";
  const match = /\uE000(\d+)\uE001/.exec(source);
  return match ? slots[Number(match[1])] : undefined;
}
