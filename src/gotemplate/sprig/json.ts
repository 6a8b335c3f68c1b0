// Go's encoding/json Marshal over the value model (sorted map keys, HTML escaping, Go's float format).
import { GoStruct, isMap, sortedKeys } from "../value.js";
import { fail } from "./errors.js";

/** Options of {@link goJson}. */
export interface GoJsonOptions {
  /** Escape <, >, & as \u003c… (json.Marshal does; an Encoder with SetEscapeHTML(false) does not). @default true */
  escapeHTML?: boolean;
  /** MarshalIndent's indent ("" = compact). @default "" */
  indent?: string;
}

const ESC: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };

/** A JSON string literal as Go's encoder writes it. */
export function jsonString(s: string, escapeHTML = true): string {
  const re = escapeHTML ? /["\\\x00-\x1f<>&\u2028\u2029\ud800-\udfff]/g : /["\\\x00-\x1f\u2028\u2029\ud800-\udfff]/g;
  return (
    '"' +
    s.replace(re, (c, off: number) => {
      const e = ESC[c];
      if (e) return e;
      const code = c.charCodeAt(0);
      if (code >= 0xd800 && code <= 0xdfff) {
        // A valid surrogate pair passes; a lone surrogate is invalid UTF-8 → U+FFFD.
        const hi = code <= 0xdbff ? code : s.charCodeAt(off - 1);
        const lo = code <= 0xdbff ? s.charCodeAt(off + 1) : code;
        const paired = hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
        return paired ? c : "\ufffd";
      }
      return "\\u" + code.toString(16).padStart(4, "0");
    }) +
    '"'
  );
}

/** A float64 as encoding/json formats it. */
export function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) fail(`json: unsupported value: ${f !== f ? "NaN" : f > 0 ? "+Inf" : "-Inf"}`);
  if (Object.is(f, -0)) return "-0";
  return String(f);
}

/** json.Marshal / MarshalIndent of a value. Throws Go's error for unsupported values. */
export function goJson(v: unknown, opts: GoJsonOptions = {}): string {
  const html = opts.escapeHTML ?? true;
  const indent = opts.indent ?? "";
  const enc = (x: unknown, pre: string): string => {
    if (x === null || x === undefined) return "null";
    switch (typeof x) {
      case "string":
        return jsonString(x, html);
      case "boolean":
        return x ? "true" : "false";
      case "number":
        return jsonFloat(x);
      case "bigint":
        return x.toString();
      case "function":
        return fail("json: unsupported type: func(...interface {}) (interface {}, error)");
    }
    if (x instanceof Uint8Array) return '"' + Buffer.from(x).toString("base64") + '"';
    const inner = pre + indent;
    const nl = indent ? "\n" : "";
    const sep = indent ? ": " : ":";
    if (Array.isArray(x)) {
      if (x.length === 0) return "[]";
      return "[" + nl + x.map((e) => inner + enc(e, inner)).join("," + nl) + nl + pre + "]";
    }
    if (x instanceof GoStruct) {
      const custom = (x as unknown as { jsonValue?: () => unknown }).jsonValue;
      if (typeof custom === "function") return enc(custom.call(x), pre);
      const obj: Record<string, unknown> = {};
      for (const k of Object.keys(x)) obj[k] = (x as unknown as Record<string, unknown>)[k];
      const keys = Object.keys(obj);
      if (keys.length === 0) return "{}";
      return "{" + nl + keys.map((k) => inner + jsonString(k, html) + sep + enc(obj[k], inner)).join("," + nl) + nl + pre + "}";
    }
    if (isMap(x)) {
      const keys = sortedKeys(x);
      if (keys.length === 0) return "{}";
      return "{" + nl + keys.map((k) => inner + jsonString(k, html) + sep + enc(x[k], inner)).join("," + nl) + nl + pre + "}";
    }
    return "{}";
  };
  return enc(v, "");
}

/** json.Unmarshal into interface{}: numbers become float64 (JS numbers), objects plain maps. */
export function goJsonParse(s: string): unknown {
  try {
    return JSON.parse(s, function (this: unknown, _k: string, val: unknown) {
      return val;
    });
  } catch (e) {
    return fail(s.trim() === "" ? "unexpected end of JSON input" : (e as Error).message);
  }
}
