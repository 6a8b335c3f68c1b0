import type { ErrorObject, ValidateFunction } from "ajv";
import type { Issue } from "../model/issue.js";
import { ajvClass } from "../util/ajv-lazy.js";
import type { JsonSchema, ValuesValidator, ValuesViolation } from "../chart/types.js";

const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Checks values against a JSON Schema (draft 2020-12 when its `$schema` says so, else
 * draft-07) or a validator function, and returns every violation with its value path.
 *
 * @param pathPrefix - prepended to each path, e.g. `redis.` for a subchart's values
 */
export function validateValues(schema: JsonSchema | ValuesValidator, values: unknown, source: string, pathPrefix = ""): Issue[] {
  if (typeof schema === "function") return validateWith(schema, values, source, pathPrefix);
  if (typeof schema === "boolean") {
    return schema ? [] : [{ source, path: pathPrefix.replace(/\.$/, ""), message: "the schema rejects every value" }];
  }
  const validate = compile(schema, source);
  if (validate(values)) return [];
  return (validate.errors ?? []).map((error) => ({ source, path: joinPath(pathPrefix, errorPath(error)), message: errorMessage(error) }));
}

/** Runs a validator function; one that throws or returns no list of violations is itself an issue. */
function validateWith(validator: ValuesValidator, values: unknown, source: string, pathPrefix: string): Issue[] {
  let found: unknown;
  try {
    found = validator(values);
  } catch (e) {
    return [{ source, path: pathPrefix.replace(/\.$/, ""), message: `the values validator threw: ${String((e as Error)?.message ?? e).slice(0, 500)}` }];
  }
  if (!Array.isArray(found)) return [{ source, path: pathPrefix.replace(/\.$/, ""), message: `the values validator returned ${found === null ? "null" : typeof found}, not a list of violations` }];
  return (found as ValuesViolation[]).map((v) => ({ source, path: joinPath(pathPrefix, String(v?.path ?? "")), message: String(v?.message ?? "invalid") }));
}

function compile(schema: Readonly<Record<string, unknown>>, source: string): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    const draft2020 = typeof schema.$schema === "string" && schema.$schema.includes("2020-12");
    // logger: false — library code never prints; unknown formats and keywords are tolerated like Helm does.
    const options = { allErrors: true, strict: false, validateFormats: false, logger: false as const };
    const Compiler = ajvClass(draft2020 ? "ajv/dist/2020" : "ajv");
    const compiler = new Compiler(options);
    try {
      validate = compiler.compile(schema);
    } catch (e) {
      validate = Object.assign(() => false, { errors: [{ instancePath: "", message: `the schema itself is invalid (${source}): ${(e as Error).message}`, keyword: "schema", params: {}, schemaPath: "" }] }) as unknown as ValidateFunction;
    }
    compiled.set(schema, validate);
  }
  return validate;
}

/** `/image/tag` → `image.tag`; `/hosts/0/name` → `hosts[0].name`; required/additional properties point at the property. */
function errorPath(error: ErrorObject): string {
  const parts = error.instancePath.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  const extra = (error.params as { missingProperty?: string; additionalProperty?: string });
  if (error.keyword === "required" && extra.missingProperty) parts.push(extra.missingProperty);
  if (error.keyword === "additionalProperties" && extra.additionalProperty) parts.push(extra.additionalProperty);
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), "");
}

function errorMessage(error: ErrorObject): string {
  if (error.keyword === "required") return "is required";
  if (error.keyword === "additionalProperties") return "is not allowed by the schema (unknown key; check its spelling)";
  if (error.keyword === "enum") return `${error.message ?? "must be one of"}: ${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)}`;
  return error.message ?? `fails ${error.keyword}`;
}

function joinPath(prefix: string, path: string): string {
  if (!prefix) return path;
  if (!path) return prefix.replace(/\.$/, "");
  return path.startsWith("[") ? `${prefix.replace(/\.$/, "")}${path}` : `${prefix}${path}`;
}
