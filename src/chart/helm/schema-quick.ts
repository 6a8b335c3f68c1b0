/**
 * A quick values.schema.json check that needs no compilation. ajv generates and compiles code for
 * a schema, which costs hundreds of milliseconds for a large one (cert-manager's 114 KB schema),
 * while most renders only need to know that the values are valid. This interpreter understands
 * the keywords charts use (types, properties, required, items, enum, bounds, patterns,
 * combinators, local `$ref`s) with ajv's semantics (options `strict: false, validateFormats:
 * false`). It answers only "valid"; anything it does not understand — an unknown draft, a keyword
 * or value shape it does not support, a schema ajv would reject, data that is not plain JSON —
 * makes it decline, and ajv decides (and reports the errors of invalid values) as before.
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

/** Thrown inside the check when it cannot decide; the caller lets ajv decide. */
class Undecided extends Error {}

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

/** The JSON kind of a value; throws Undecided for anything that is not plain JSON data. */
function kind(x: unknown): string {
  if (x === null) return "null";
  switch (typeof x) {
    case "boolean":
    case "string":
      return typeof x;
    case "number":
      if (!Number.isFinite(x)) throw new Undecided();
      return "number";
    case "object": {
      if (Array.isArray(x)) return "array";
      const proto = Object.getPrototypeOf(x) as unknown;
      if (proto === Object.prototype || proto === null) return "object";
    }
  }
  throw new Undecided();
}

/** fast-deep-equal on JSON data, as ajv's enum, const and uniqueItems compare. */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => equal(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function typeMatches(t: string, k: string, x: unknown): boolean {
  if (t === k) return true;
  return t === "integer" && k === "number" && Number.isInteger(x);
}

function valid(q: QuickSchema, s: unknown, x: unknown): boolean {
  if (s === true) return true;
  if (s === false) return false;
  const schema = s as Record<string, unknown>;
  const k = kind(x);
  for (const [key, v] of Object.entries(schema)) {
    switch (key) {
      case "$ref":
        if (!valid(q, q.refs.get(schema), x)) return false;
        break;
      case "type":
        if (!(Array.isArray(v) ? v : [v]).some((t) => typeMatches(t as string, k, x))) return false;
        break;
      case "enum":
        if (!(v as unknown[]).some((e) => equal(e, x))) return false;
        break;
      case "const":
        if (!equal(v, x)) return false;
        break;
      case "allOf":
        if (!(v as unknown[]).every((sub) => valid(q, sub, x))) return false;
        break;
      case "anyOf":
        if (!(v as unknown[]).some((sub) => valid(q, sub, x))) return false;
        break;
      case "oneOf":
        if ((v as unknown[]).filter((sub) => valid(q, sub, x)).length !== 1) return false;
        break;
      case "not":
        if (valid(q, v, x)) return false;
        break;
      case "if":
        if (valid(q, v, x) ? "then" in schema && !valid(q, schema["then"], x) : "else" in schema && !valid(q, schema["else"], x)) return false;
        break;
      default:
        if (k === "number" && !numberValid(key, v as number, x as number)) return false;
        if (k === "string" && !stringValid(q, key, v, x as string)) return false;
        if (k === "array" && !arrayValid(q, key, v, x as unknown[])) return false;
        if (k === "object" && !objectValid(q, schema, key, v, x as Record<string, unknown>)) return false;
    }
  }
  return true;
}

function numberValid(key: string, limit: number, x: number): boolean {
  switch (key) {
    case "maximum":
      return x <= limit;
    case "minimum":
      return x >= limit;
    case "exclusiveMaximum":
      return x < limit;
    case "exclusiveMinimum":
      return x > limit;
    case "multipleOf": {
      const res = x / limit;
      return res === Number.parseInt(String(res), 10);
    }
  }
  return true;
}

function stringValid(q: QuickSchema, key: string, v: unknown, x: string): boolean {
  switch (key) {
    case "maxLength":
      return [...x].length <= (v as number);
    case "minLength":
      return [...x].length >= (v as number);
    case "pattern":
      return q.patterns.get(v as string)!.test(x);
  }
  return true;
}

function arrayValid(q: QuickSchema, key: string, v: unknown, x: unknown[]): boolean {
  switch (key) {
    case "maxItems":
      return x.length <= (v as number);
    case "minItems":
      return x.length >= (v as number);
    case "items":
      return x.every((item) => valid(q, v, item));
    case "uniqueItems":
      return v !== true || x.every((a, i) => x.findIndex((b) => equal(a, b)) === i);
  }
  return true;
}

function objectValid(q: QuickSchema, schema: Record<string, unknown>, key: string, v: unknown, x: Record<string, unknown>): boolean {
  switch (key) {
    case "maxProperties":
      return Object.keys(x).length <= (v as number);
    case "minProperties":
      return Object.keys(x).length >= (v as number);
    // ajv tests `data[name] !== undefined` (inherited members count): the same here.
    case "required":
      return (v as string[]).every((name) => x[name] !== undefined);
    case "properties":
      return Object.entries(v as Record<string, unknown>).every(([name, sub]) => x[name] === undefined || valid(q, sub, x[name]));
    case "patternProperties":
      return Object.entries(v as Record<string, unknown>).every(([p, sub]) =>
        Object.keys(x).every((name) => !q.patterns.get(p)!.test(name) || valid(q, sub, x[name])));
    case "additionalProperties": {
      const props = isObject(schema["properties"]) ? schema["properties"] : {};
      const pats = isObject(schema["patternProperties"]) ? Object.keys(schema["patternProperties"]).map((p) => q.patterns.get(p)!) : [];
      return Object.keys(x).every((name) => Object.hasOwn(props, name) || pats.some((re) => re.test(name)) || valid(q, v, x[name]));
    }
  }
  return true;
}

/** True when `data` is valid against the schema; undefined when only ajv can tell (never false). */
export function quickValid(schema: QuickSchema, data: unknown): true | undefined {
  try {
    return valid(schema, schema.root, data) ? true : undefined;
  } catch {
    // Undecided, or a RangeError from a `$ref` cycle that consumes no data: ajv's call.
    return undefined;
  }
}
