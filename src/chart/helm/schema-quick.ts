/**
 * A quick values.schema.json check that needs no compilation. ajv generates and compiles code for
 * a schema, which costs hundreds of milliseconds for a large one (cert-manager's 114 KB schema),
 * while most renders only need to know that the values are valid. This interpreter understands
 * the keywords charts use (types, properties, required, items, enum, bounds, patterns,
 * combinators, local `$ref`s) with ajv's semantics (options `strict: false, validateFormats:
 * false`). It answers only "valid"; anything it does not understand — an unknown draft, a keyword
 * or value shape it does not support, a schema ajv would reject, data that is not plain JSON —
 * makes it decline, and ajv decides (and reports the errors of invalid values) as before. This
 * file prepares a schema; schema-quick-valid.ts applies it.
 */

/** A schema the quick check understands: its root and every `$ref` resolved. */
export interface QuickSchema {
  readonly root: unknown;
  readonly refs: ReadonlyMap<object, unknown>;
  readonly patterns: ReadonlyMap<string, RegExp>;
}

/** The `$schema`s ajv (draft-07, 2019-09, 2020-12 classes) resolves to a meta-schema. */
const DRAFTS = new Set(["http://json-schema.org/schema#", "http://json-schema.org/draft-07/schema#", "http://json-schema.org/draft-07/schema",
  "https://json-schema.org/draft/2019-09/schema", "https://json-schema.org/draft/2020-12/schema"]);

/** Keywords ajv knows that the quick check leaves to ajv. Other unknown keywords ajv ignores (strict: false). */
const AJV_ONLY = new Set(["id", "nullable", "discriminator", "additionalItems", "prefixItems", "contains", "minContains", "maxContains",
  "dependencies", "dependentRequired", "dependentSchemas", "propertyNames", "unevaluatedProperties", "unevaluatedItems",
  "$anchor", "$dynamicAnchor", "$dynamicRef", "$recursiveAnchor", "$recursiveRef", "$vocabulary", "contentSchema", "$async", "$data"]);

const TYPES = new Set(["array", "boolean", "integer", "null", "number", "object", "string"]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): boolean => typeof v === "number" && Number.isInteger(v) && v >= 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** A JSON pointer fragment (`#/definitions/a~1b`) of `root`, or undefined. */
function resolvePointer(root: unknown, ref: string): unknown {
  if (ref === "#") return root;
  if (!ref.startsWith("#/")) return undefined;
  let cur: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    let part: string;
    try {
      part = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    } catch {
      return undefined;
    }
    if (Array.isArray(cur) && /^(0|[1-9]\d*)$/.test(part)) cur = cur[Number(part)];
    else if (isObject(cur) && Object.hasOwn(cur, part)) cur = cur[part];
    else return undefined;
    // A schema with its own $id on the way changes the base of the refs inside it: ajv's business.
    if (isObject(cur) && "$id" in cur) return undefined;
  }
  return cur;
}

/**
 * The schema prepared for {@link quickValid}, or undefined when ajv must handle it (an unknown
 * draft, a keyword the quick check does not implement, a malformed keyword ajv would reject).
 */
export function quickSchema(root: unknown): QuickSchema | undefined {
  if (!isObject(root) && typeof root !== "boolean") return undefined;
  if (isObject(root) && root["$schema"] !== undefined && !DRAFTS.has(root["$schema"] as string)) return undefined;
  const refs = new Map<object, unknown>();
  const patterns = new Map<string, RegExp>();
  const seen = new Set<object>();
  const regexp = (p: unknown): boolean => {
    if (typeof p !== "string") return false;
    if (patterns.has(p)) return true;
    try {
      patterns.set(p, new RegExp(p, "u"));
      return true;
    } catch {
      return false;
    }
  };
  const schemas = (v: unknown): boolean => isObject(v) && Object.values(v).every(check);
  const list = (v: unknown): boolean => Array.isArray(v) && v.length > 0 && v.every(check);
  function check(s: unknown): boolean {
    if (typeof s === "boolean") return true;
    if (!isObject(s)) return false;
    if (seen.has(s)) return true;
    seen.add(s);
    for (const [k, v] of Object.entries(s)) {
      switch (k) {
        case "$schema":
        case "$id":
          if (s !== root || typeof v !== "string") return false;
          break;
        case "title":
        case "description":
        case "$comment":
        case "format":
        case "contentMediaType":
        case "contentEncoding":
          if (typeof v !== "string") return false;
          break;
        case "default":
        case "const":
          break;
        case "examples":
          if (!Array.isArray(v)) return false;
          break;
        case "readOnly":
        case "writeOnly":
        case "deprecated":
        case "uniqueItems":
          if (typeof v !== "boolean") return false;
          break;
        case "type": {
          const types = Array.isArray(v) ? v : [v];
          if (types.length === 0 || new Set(types).size !== types.length || !types.every((t) => TYPES.has(t as string))) return false;
          break;
        }
        case "enum":
          if (!Array.isArray(v) || v.length === 0) return false;
          break;
        case "required":
          if (!Array.isArray(v) || !v.every((r) => typeof r === "string") || new Set(v).size !== v.length) return false;
          break;
        case "multipleOf":
          if (!isFiniteNumber(v) || v <= 0) return false;
          break;
        case "maximum":
        case "minimum":
        case "exclusiveMaximum":
        case "exclusiveMinimum":
          if (!isFiniteNumber(v)) return false;
          break;
        case "maxLength":
        case "minLength":
        case "maxItems":
        case "minItems":
        case "maxProperties":
        case "minProperties":
          if (!isCount(v)) return false;
          break;
        case "pattern":
          if (!regexp(v)) return false;
          break;
        case "properties":
        case "definitions":
        case "$defs":
          if (!schemas(v)) return false;
          break;
        case "patternProperties":
          if (!schemas(v) || !Object.keys(v as object).every(regexp)) return false;
          break;
        case "additionalProperties":
        case "not":
        case "if":
        case "then":
        case "else":
          if (!check(v)) return false;
          break;
        case "items":
          if (Array.isArray(v) || !check(v)) return false;
          break;
        case "allOf":
        case "anyOf":
        case "oneOf":
          if (!list(v)) return false;
          break;
        case "$ref": {
          if (typeof v !== "string") return false;
          const target = resolvePointer(root, v);
          if (target === undefined || (isObject(target) && target !== root && "$id" in target) || !check(target)) return false;
          refs.set(s, target);
          break;
        }
        default:
          if (AJV_ONLY.has(k)) return false;
      }
    }
    return true;
  }
  return check(root) ? { root, refs, patterns } : undefined;
}
