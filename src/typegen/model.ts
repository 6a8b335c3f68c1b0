/** The small TypeScript type model typegen builds before printing. */
export type TsType =
  | { readonly kind: "keyword"; readonly name: "string" | "number" | "boolean" | "null" | "undefined" | "unknown" | "never" }
  | { readonly kind: "literal"; readonly value: string | number | boolean | null }
  | { readonly kind: "array"; readonly items: TsType }
  | { readonly kind: "object"; readonly props: readonly TsProp[]; readonly index?: TsType }
  | { readonly kind: "union"; readonly types: readonly TsType[] }
  | { readonly kind: "intersection"; readonly types: readonly TsType[] }
  | { readonly kind: "ref"; readonly name: string };

/** A property of an object type. */
export interface TsProp {
  readonly name: string;
  readonly type: TsType;
  readonly optional: boolean;
  /** TSDoc text (without comment markers). */
  readonly doc?: string;
}

/** A named, exported declaration. */
export interface TsDeclaration {
  readonly name: string;
  readonly type: TsType;
  readonly doc?: string;
}

export const UNKNOWN: TsType = { kind: "keyword", name: "unknown" };
/** `Record<string, unknown>`: a mapping with nothing known about its keys. */
export const ANY_OBJECT: TsType = { kind: "object", props: [], index: UNKNOWN };

/** A union, flattened and without duplicates; one member stands alone, `unknown` absorbs the rest. */
export function union(types: readonly TsType[]): TsType {
  const flat = types.flatMap((t) => (t.kind === "union" ? t.types : [t]));
  if (flat.some((t) => t.kind === "keyword" && t.name === "unknown")) return UNKNOWN;
  const seen = new Map<string, TsType>();
  for (const t of flat) seen.set(printType(t), t);
  const unique = [...seen.values()];
  if (unique.length === 0) return { kind: "keyword", name: "never" };
  return unique.length === 1 ? unique[0]! : { kind: "union", types: unique };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property name as written in a type: bare when it is an identifier, quoted otherwise. */
export function propertyName(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** A TSDoc block for `text`, or nothing. */
export function docComment(text: string | undefined, indent = ""): string {
  if (!text || !text.trim()) return "";
  const lines = text.trim().replace(/\*\//g, "*\\/").split("\n").map((l) => l.trimEnd());
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ""}`).join("\n")}\n${indent} */\n`;
}

/** Prints a type expression. */
export function printType(type: TsType, indent = ""): string {
  switch (type.kind) {
    case "keyword":
      return type.name;
    case "literal":
      return JSON.stringify(type.value);
    case "ref":
      return type.name;
    case "array": {
      const items = printType(type.items, indent);
      return type.items.kind === "union" || type.items.kind === "intersection" ? `(${items})[]` : `${items}[]`;
    }
    case "union":
      return type.types.map((t) => (t.kind === "intersection" ? `(${printType(t, indent)})` : printType(t, indent))).join(" | ");
    case "intersection":
      return type.types.map((t) => (t.kind === "union" ? `(${printType(t, indent)})` : printType(t, indent))).join(" & ");
    case "object":
      if (type.props.length === 0) return type.index ? `Record<string, ${printType(type.index, indent)}>` : "{}";
      return `{\n${printMembers(type, `${indent}  `)}${indent}}`;
  }
}

/** The members of an object type, one per line, each with its TSDoc. */
export function printMembers(type: Extract<TsType, { kind: "object" }>, indent: string): string {
  let out = "";
  for (const prop of type.props) {
    out += docComment(prop.doc, indent);
    out += `${indent}${propertyName(prop.name)}${prop.optional ? "?" : ""}: ${printType(prop.type, indent)};\n`;
  }
  if (type.index) out += `${indent}[key: string]: ${printType(indexType(type), indent)};\n`;
  return out;
}

/** An index signature must admit every declared property's type too (and `undefined` for optional ones). */
function indexType(type: Extract<TsType, { kind: "object" }>): TsType {
  const optional: TsType[] = type.props.some((p) => p.optional) ? [{ kind: "keyword", name: "undefined" }] : [];
  return union([type.index ?? UNKNOWN, ...type.props.map((p) => p.type), ...optional]);
}

/** Prints an exported declaration: an interface for an object type, a type alias otherwise. */
export function printDeclaration(decl: TsDeclaration): string {
  const doc = docComment(decl.doc);
  if (decl.type.kind === "object" && (decl.type.props.length > 0 || !decl.type.index)) {
    return `${doc}export interface ${decl.name} {\n${printMembers(decl.type, "  ")}}\n`;
  }
  return `${doc}export type ${decl.name} = ${printType(decl.type)};\n`;
}
