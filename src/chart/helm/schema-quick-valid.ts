/**
 * The validation half of the quick values.schema.json check (see schema-quick.ts): a schema
 * prepared by `quickSchema`, applied to plain JSON data with ajv's semantics.
 */
import type { QuickSchema } from "./schema-quick.js";

/** Thrown inside the check when it cannot decide; the caller lets ajv decide. */
class Undecided extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

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
