/**
 * Helm's toYaml: sigs.k8s.io/yaml `Marshal` = encoding/json, read back by go-yaml v2 (so integral
 * JSON numbers become ints), written by go-yaml v2 (keys in its "natural" order).
 */
import { GoStruct, isMap } from "../../gotemplate/value.js";
import { formatFloat } from "../../gotemplate/float-format.js";
import { jsonFloat, jsonString } from "../../gotemplate/sprig/json.js";
import { emitYaml, type EmitNode } from "./yaml-emit.js";
import { plainNeedsQuotes, resolvePlain } from "../../chart/helm/yaml-resolve.js";

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/** go-yaml v2's ordering of string map keys: runs of digits compare as numbers, letters before others. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = LETTER.test(ar[i]!);
    const bl = LETTER.test(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === "0" || br[i] === "0") {
      for (let j = i - 1; j >= 0 && DIGIT.test(ar[j]!); j--) {
        if (ar[j] !== "0") {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && DIGIT.test(ar[ai]!); ai++) an = an * 10 + (ar[ai]!.codePointAt(0)! - 48);
    for (; bi < br.length && DIGIT.test(br[bi]!); bi++) bn = bn * 10 + (br[bi]!.codePointAt(0)! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
  }
  return ar.length < br.length;
}

/** Sorts keys as go-yaml v2 does. */
export function yamlSortKeys(keys: string[]): string[] {
  return keys.sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0));
}

/** A struct that knows its encoding/json form (its Go json tags). */
export interface JsonShaped {
  /** The value encoding/json would marshal this struct as. */
  jsonValue(): unknown;
}

/** The encoding/json view of a struct: its `jsonValue()`, else its exported fields. */
export function structJson(s: GoStruct): unknown {
  const shaped = s as unknown as Partial<JsonShaped>;
  if (typeof shaped.jsonValue === "function") return shaped.jsonValue();
  const obj: Record<string, unknown> = {};
  for (const k of Object.keys(s)) obj[k] = (s as unknown as Record<string, unknown>)[k];
  return obj;
}

class Unsupported extends Error {}

// Characters encoding/json leaves raw that go-yaml's reader then rejects ("control characters are not allowed").
const REJECTED = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;
// A raw NEL is a line break inside the JSON string go-yaml reads back: it folds like one.
const NEL_RUN = /[ \t]*(?:\u0085[ \t]*)+/g;

/** A string after the JSON round trip: invalid UTF-8 replaced, NEL line breaks folded. */
function roundTripString(s: string): string {
  if (REJECTED.test(s)) throw new Unsupported();
  const t = JSON.parse(jsonString(s, false)) as string;
  return t.includes("\u0085") ? t.replace(NEL_RUN, (m) => {
    const n = m.split("\u0085").length - 1;
    return n === 1 ? " " : "\n".repeat(n - 1);
  }) : t;
}

function numberNode(text: string): EmitNode {
  const r = resolvePlain(text);
  if (r.tag === "int") return { kind: "raw", text: r.value.toString() };
  if (r.tag === "float") return { kind: "raw", text: formatFloat(r.value, "g", -1) };
  return { kind: "str", value: text };
}

/** Converts a template value to what go-yaml v2 sees after the JSON round trip. */
export function toEmitNode(v: unknown): EmitNode {
  if (v === null || v === undefined) return { kind: "raw", text: "null" };
  switch (typeof v) {
    case "boolean":
      return { kind: "raw", text: v ? "true" : "false" };
    case "string":
      return { kind: "str", value: roundTripString(v) };
    case "bigint":
      return numberNode(v.toString());
    case "number":
      if (!Number.isFinite(v)) throw new Unsupported();
      return numberNode(jsonFloat(v));
    case "function":
      throw new Unsupported();
  }
  if (v instanceof Uint8Array) return { kind: "str", value: Buffer.from(v).toString("base64") };
  if (Array.isArray(v)) return { kind: "seq", items: v.map(toEmitNode) };
  if (v instanceof GoStruct) return toEmitNode(structJson(v));
  if (isMap(v)) {
    const keys = yamlSortKeys(Object.keys(v));
    // A raw NEL in a key would make go-yaml read a multi-line implicit key: an error.
    if (keys.some((k) => k.includes("\u0085"))) throw new Unsupported();
    return { kind: "map", entries: keys.map((k) => [roundTripString(k), toEmitNode(v[k])] as const) };
  }
  throw new Unsupported();
}

/** sigs.k8s.io/yaml `Marshal`: the YAML text (ending with a newline), or undefined when json.Marshal fails. */
export function marshalYaml(v: unknown): string | undefined {
  try {
    return emitYaml(toEmitNode(v), plainNeedsQuotes);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/** Helm's `toYaml`: the YAML without its final newline; "" when the value cannot be marshalled. */
export function toYaml(v: unknown): string {
  const s = marshalYaml(v);
  return s === undefined ? "" : s.replace(/\n$/, "");
}
