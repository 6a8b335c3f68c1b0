import { isScalar, parseAllDocuments, Scalar, visit, type Document } from "yaml";
import { planDocument, type Plan } from "./fast-build.js";
import type { RenderWarning } from "../../model/rendered.js";

/** A warning found while parsing, at an offset of the parsed text. */
export interface ParseWarning {
  readonly code: RenderWarning["code"];
  readonly message: string;
  readonly offset: number;
}

/** One parsed YAML document, kept pristine: users clone it before substituting values. */
export interface CachedDocument {
  /** Never mutated. */
  readonly doc: Document;
  /** Where the document starts in the parsed text. */
  readonly offset: number;
  /** YAML 1.1 boolean keys, then the parser's warnings. */
  readonly warnings: readonly ParseWarning[];
  /** How to build the value straight from a template with its placeholders (see fast-build.ts). */
  readonly plan: Plan;
}

/** The parsed documents of one text; `undefined` when the text has YAML errors. */
export type CachedParse = readonly CachedDocument[] | undefined;

const MAX_ENTRIES = 1000;
const cache = new Map<string, CachedParse>();

/**
 * Parses `text` as YAML 1.1 (kubectl's dialect), once per distinct text: sections over lists
 * and repeated renders of a chart produce the same document texts (placeholders numbered
 * from 0) again and again. The cache is bounded; it is cleared when full.
 */
export function parseCached(text: string): CachedParse {
  const hit = cache.get(text);
  if (hit !== undefined || cache.has(text)) return hit;
  const parsed = parseText(text);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

function parseText(text: string): CachedParse {
  const docs: CachedDocument[] = [];
  for (const doc of parseAllDocuments(text, { version: "1.1", prettyErrors: false })) {
    if (doc.errors.length > 0) return undefined;
    const warnings = booleanKeyWarnings(doc);
    for (const warning of doc.warnings) {
      warnings.push({ code: "YamlWarning", message: warning.message.split("\n")[0]!, offset: warning.pos[0] });
    }
    docs.push({ doc, offset: doc.range[0], warnings, plan: planDocument(doc) });
  }
  return docs;
}

/** YAML 1.1 reads keys such as `on`, `no`, `y` as booleans: almost always a mistake in a manifest. */
export function booleanKeyWarnings(doc: Document): ParseWarning[] {
  const warnings: ParseWarning[] = [];
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key;
      if (isScalar(key) && typeof key.value === "boolean" && key.type === Scalar.PLAIN && key.range) {
        const message = `key ${key.source ?? String(key.value)}: is the boolean ${String(key.value)} in YAML 1.1 (as kubectl reads it); quote it: "${key.source ?? ""}":`;
        warnings.push({ code: "BooleanKey", message, offset: key.range[0] });
      }
    },
  });
  return warnings;
}
