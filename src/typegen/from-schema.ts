import { TypegenRefUnresolved } from "./errors.js";
import { ANY_OBJECT, UNKNOWN, union, type TsDeclaration, type TsProp, type TsType } from "./model.js";
import { pascalCase, type NameRegistry } from "./names.js";

type Schema = Readonly<Record<string, unknown>> | boolean;

/** What converting one chart's schema needs and produces. */
export interface SchemaContext {
  /** The whole `values.schema.json`, for `$ref`s within it. */
  readonly root: Schema;
  /** The name of the root type (a `$ref` of `#` points to it). */
  readonly rootName: string;
  /** Prefix of the names of `definitions` / `$defs` types. */
  readonly prefix: string;
  readonly names: NameRegistry;
  /** Named types made for `$ref`s, in the order first met. */
  readonly declarations: TsDeclaration[];
  /** The TSDoc of the value at `path`, given the schema's `description` (the values.yaml comment otherwise). */
  readonly docAt: (path: readonly string[], description: string | undefined) => string | undefined;
  /** Where the schema came from, for errors. */
  readonly source: string;
}

const refNames = new WeakMap<SchemaContext, Map<string, string>>();

/** The TypeScript type of a JSON Schema (draft-07 / 2020-12 keywords that shape types). */
export function schemaToType(schema: Schema | undefined, ctx: SchemaContext, path: readonly string[]): TsType {
  if (schema === undefined || schema === true) return UNKNOWN;
  if (schema === false) return { kind: "keyword", name: "never" };
  if (typeof schema.$ref === "string") return refType(schema.$ref, ctx);
  if ("const" in schema) return literal(schema.const);
  if (Array.isArray(schema.enum)) return union(schema.enum.map(literal));
  const parts: TsType[] = [];
  if (Array.isArray(schema.allOf)) {
    const all = schema.allOf.map((s) => schemaToType(s as Schema, ctx, path));
    parts.push(all.length === 1 ? all[0]! : { kind: "intersection", types: all });
  }
  for (const key of ["anyOf", "oneOf"] as const) {
    const list = schema[key];
    if (Array.isArray(list)) parts.push(union(list.map((s) => schemaToType(s as Schema, ctx, path))));
  }
  const own = ownType(schema, ctx, path);
  if (own) parts.unshift(own);
  if (parts.length === 0) return UNKNOWN;
  return parts.length === 1 ? parts[0]! : { kind: "intersection", types: parts };
}

/** The type given by `type` (and `properties`/`items` when `type` is left out). */
function ownType(schema: Readonly<Record<string, unknown>>, ctx: SchemaContext, path: readonly string[]): TsType | undefined {
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === "string" ? [schema.type] : [];
  if (types.length === 0) {
    if (schema.properties || schema.additionalProperties !== undefined) types.push("object");
    else if (schema.items) types.push("array");
    else return undefined;
  }
  return union(types.map((t) => typeNamed(t, schema, ctx, path)));
}

function typeNamed(type: string, schema: Readonly<Record<string, unknown>>, ctx: SchemaContext, path: readonly string[]): TsType {
  switch (type) {
    case "string":
    case "boolean":
    case "null":
      return { kind: "keyword", name: type };
    case "number":
    case "integer":
      return { kind: "keyword", name: "number" };
    case "array":
      return { kind: "array", items: schema.items && typeof schema.items !== "boolean" && !Array.isArray(schema.items) ? schemaToType(schema.items as Schema, ctx, [...path, "[]"]) : UNKNOWN };
    case "object":
      return objectType(schema, ctx, path);
    default:
      return UNKNOWN;
  }
}

function objectType(schema: Readonly<Record<string, unknown>>, ctx: SchemaContext, path: readonly string[]): TsType {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const props: TsProp[] = Object.keys(properties).map((name) => {
    const sub = properties[name]!;
    const description = typeof sub === "object" && typeof sub.description === "string" ? sub.description : undefined;
    const doc = ctx.docAt([...path, name], description);
    return { name, type: schemaToType(sub, ctx, [...path, name]), optional: !required.has(name), ...(doc !== undefined && { doc }) };
  });
  const additional = schema.additionalProperties as Schema | undefined;
  if (additional === false) return { kind: "object", props };
  if (additional === undefined || additional === true) return props.length === 0 ? ANY_OBJECT : { kind: "object", props };
  return { kind: "object", props, index: schemaToType(additional, ctx, [...path, "*"]) };
}

function literal(value: unknown): TsType {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return { kind: "literal", value };
  return UNKNOWN;
}

/** A `$ref` within the file becomes a named type (made once, so recursive schemas work). */
function refType(ref: string, ctx: SchemaContext): TsType {
  if (ref === "#") return { kind: "ref", name: ctx.rootName };
  const known = refNames.get(ctx) ?? new Map<string, string>();
  refNames.set(ctx, known);
  const existing = known.get(ref);
  if (existing) return { kind: "ref", name: existing };
  const target = ref.startsWith("#/") ? resolvePointer(ctx.root, ref.slice(2)) : undefined;
  if (target === undefined) {
    throw new TypegenRefUnresolved(`${ctx.source}: $ref ${JSON.stringify(ref)} does not point into the same file; typegen follows only refs like "#/definitions/name" or "#/$defs/name" — inline the schema or move it under definitions`);
  }
  const name = ctx.names.claim(`${ctx.prefix}${pascalCase(ref.split("/").pop()!)}`);
  known.set(ref, name);
  const slot = ctx.declarations.length;
  ctx.declarations.push({ name, type: UNKNOWN });
  const description = typeof target === "object" && typeof target.description === "string" ? target.description : undefined;
  ctx.declarations[slot] = { name, type: schemaToType(target, ctx, []), ...(description !== undefined && { doc: description }) };
  return { kind: "ref", name };
}

function resolvePointer(root: Schema, pointer: string): Schema | undefined {
  let node: unknown = root;
  for (const raw of pointer.split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === "boolean" || (node !== null && typeof node === "object" && !Array.isArray(node)) ? (node as Schema) : undefined;
}
