/**
 * values.schema.json validation across a chart tree, reported as Helm reports it:
 * `values don't meet the specifications of the schema(s) in the following chart(s):` followed by
 * `<chart>:` and one `- at '<pointer>': <problem>` line per violation.
 */
import type { ErrorObject, ValidateFunction } from "ajv";
import type { HelmChart } from "./chart.js";
import { isTable, type Values } from "./coalesce.js";
import { HelmValuesSchema } from "./errors.js";
import { quickSchema, type QuickSchema } from "./schema-quick.js";
import { quickValid } from "./schema-quick-valid.js";
import { ajvClass } from "../../util/ajv-lazy.js";


const cache = new WeakMap<Uint8Array, ValidateFunction | Error>();
const quickCache = new WeakMap<Uint8Array, QuickSchema | null>();

/** The schema for the quick check (no compilation), or null when only ajv handles it. */
function quick(schema: Uint8Array): QuickSchema | null {
  let q = quickCache.get(schema);
  if (q === undefined) {
    try {
      q = quickSchema(JSON.parse(Buffer.from(schema).toString("utf8"))) ?? null;
    } catch {
      q = null;
    }
    quickCache.set(schema, q);
  }
  return q;
}

function compile(schema: Uint8Array): ValidateFunction {
  const hit = cache.get(schema);
  if (hit instanceof Error) throw hit;
  if (hit) return hit;
  try {
    const json = JSON.parse(Buffer.from(schema).toString("utf8")) as Record<string, unknown>;
    const draft = String(json["$schema"] ?? "");
    const Ctor = ajvClass(draft.includes("2020-12") ? "ajv/dist/2020" : draft.includes("2019-09") ? "ajv/dist/2019" : "ajv");
    const v = new Ctor({ allErrors: true, strict: false, validateFormats: false }).compile(json);
    cache.set(schema, v);
    return v;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    cache.set(schema, err);
    throw err;
  }
}

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number" || typeof v === "bigint") return Number.isInteger(Number(v)) ? "number" : "number";
  return typeof v;
}

function describe(e: ErrorObject, data: unknown): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return `missing property '${String(p["missingProperty"])}'`;
    case "type":
      return `got ${jsonType(data)}, want ${String(p["type"])}`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `${e.keyword}: got ${String(data)}, want ${String(p["limit"])}`;
    // The length, never the value: it may be a password.
    case "minLength":
    case "maxLength":
      return `${e.keyword}: got ${typeof data === "string" ? [...data].length : String(data)}, want ${String(p["limit"])}`;
    case "minItems":
    case "maxItems":
      return `${e.keyword}: got ${Array.isArray(data) ? data.length : String(data)}, want ${String(p["limit"])}`;
    case "enum":
      return `value must be one of ${(p["allowedValues"] as unknown[]).map((x) => JSON.stringify(x)).join(", ")}`;
    case "additionalProperties":
      return `additional properties '${String(p["additionalProperty"])}' not allowed`;
    case "pattern":
      // Not the value (Helm quotes it): it may be a password.
      return `does not match pattern '${String(p["pattern"])}'`;
    default:
      return e.message ?? e.keyword;
  }
}

function jsonReady(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(jsonReady);
  if (isTable(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonReady(x)]));
  return v;
}

function pointerGet(root: unknown, ptr: string): unknown {
  let cur = root;
  for (const part of ptr.split("/").slice(1)) {
    const k = part.replace(/~1/g, "/").replace(/~0/g, "~");
    cur = cur !== null && typeof cur === "object" ? (cur as Record<string, unknown>)[k] : undefined;
  }
  return cur;
}

function validateOne(chart: HelmChart, values: Values): string {
  if (!chart.schema) return "";
  // Valid values (the usual case) need no ajv compilation; ajv decides and reports the rest.
  const q = quick(chart.schema);
  const data = jsonReady(values);
  if (q && quickValid(q, data)) return "";
  let validate: ValidateFunction;
  try {
    validate = compile(chart.schema);
  } catch (e) {
    return `${chart.name()}:\n${chart.name()}/values.schema.json: ${(e as Error).message}\n`;
  }
  if (validate(data)) return "";
  const lines = (validate.errors ?? []).map((e) => `- at '${e.instancePath}': ${describe(e, pointerGet(data, e.instancePath))}`);
  return `${chart.name()}:\n${lines.join("\n")}\n`;
}

function validateTree(chart: HelmChart, values: Values): string {
  let out = validateOne(chart, values);
  for (const sub of chart.dependencies()) {
    const raw = values[sub.name()];
    if (raw === undefined || raw === null) continue;
    if (!isTable(raw)) {
      out += `${sub.name()}:\ninvalid type for values: expected object (map), got ${typeof raw}\n`;
      continue;
    }
    out += validateTree(sub, raw);
  }
  return out;
}

/** ValidateAgainstSchema of a chart and its subcharts; throws HelmError `HelmValuesSchema`. */
export function validateValuesSchema(chart: HelmChart, values: Values): void {
  const problems = validateTree(chart, values);
  if (problems) {
    throw new HelmValuesSchema(`values don't meet the specifications of the schema(s) in the following chart(s):\n${problems}`);
  }
}
