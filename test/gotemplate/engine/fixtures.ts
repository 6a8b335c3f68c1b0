// Test fixtures mirroring the Go oracle (gen/oracle.go): the same functions, struct types and data decoding.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { GoStruct, typeName, withSignature, type GoFuncMap } from "../../../src/gotemplate/value.js";

/** The oracle's *main.Person. */
export class Person extends GoStruct {
  Name = "Ann";
  Age = 42n;
  Tags: string[] = ["a", "b"];
  Extra: unknown = null;
  override goTypeName(): string {
    return "*main.Person";
  }
  Greet(s: unknown): string {
    return "hi " + String(s) + " from " + this.Name;
  }
  Hello(): string {
    return "hello " + this.Name;
  }
  Fails(): string {
    throw new Error("person failed");
  }
}
withSignature({ params: ["string"] }, Person.prototype.Greet as (...a: unknown[]) => unknown);
withSignature({ params: [] }, Person.prototype.Hello as (...a: unknown[]) => unknown);
withSignature({ params: [] }, Person.prototype.Fails as (...a: unknown[]) => unknown);

/** The oracle's main.Version (a Stringer). */
export class Version extends GoStruct {
  Major = 1n;
  Minor = 20n;
  override goTypeName(): string {
    return "main.Version";
  }
  String(): string {
    return `v${this.Major}.${this.Minor}`;
  }
}

/** Decodes the oracle's tagged JSON ({"$int": "5"}, {"$bytes": "hi"}). */
export function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === "$int") return BigInt(o["$int"] as string);
    if (keys.length === 1 && keys[0] === "$bytes") return new TextEncoder().encode(o["$bytes"] as string);
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = decode(o[k]);
    return out;
  }
  return v;
}

/** The oracle's FuncMap, with Go signatures. */
export function oracleFuncs(): GoFuncMap {
  return {
    upper: withSignature({ params: ["string"] }, (s) => (s as string).toUpperCase()),
    echo: withSignature({ params: ["any"] }, (x) => x),
    fail: withSignature({ params: ["string"] }, (msg) => {
      throw new Error(msg as string);
    }),
    join: withSignature({ params: ["string"], variadic: "string" }, (sep, ...xs) => xs.join(sep as string)),
    repeat: withSignature({ params: ["int", "string"] }, (n, s) => (s as string).repeat(Number(n))),
    half: withSignature({ params: ["float64"] }, (f) => (f as number) / 2),
    nilfn: withSignature({ params: [] }, () => null),
    list: withSignature({ params: [], variadic: "any" }, (...xs) => xs),
    dict: withSignature({ params: [], variadic: "any" }, (...kv) => {
      const m: Record<string, unknown> = {};
      for (let i = 0; i + 1 < kv.length; i += 2) {
        const k = kv[i];
        // Go's dict panics on a non-string key (the oracle's `kv[i].(string)`).
        if (typeof k !== "string") throw new Error(`interface conversion: interface {} is ${k === null ? "nil" : typeName(k)}, not string`);
        m[k] = kv[i + 1];
      }
      return m;
    }),
    isNil: withSignature({ params: ["any"] }, (x) => x === null || x === undefined),
    add: withSignature({ params: ["int", "int"] }, (a, b) => (a as bigint) + (b as bigint)),
    flag: withSignature({ params: ["bool"] }, (b) => String(!b)),
  };
}

/** One template case of the oracle. */
export interface TemplateCase {
  name: string;
  tpl: string;
  data: string;
  missingkey?: "default" | "invalid" | "zero" | "error";
  exec?: string;
  out?: string;
  err?: string;
}

/** One fmt case of the oracle. */
export interface FmtCase {
  fn: "sprintf" | "sprint" | "sprintln";
  format?: string;
  args: unknown[];
  out: string;
}

/** The oracle's recorded expectations. */
export const expected = JSON.parse(readFileSync(join(import.meta.dirname, "data", "expected.json"), "utf8")) as {
  data: Record<string, unknown>;
  cases: TemplateCase[];
  fmt: FmtCase[];
};

/** The data set `name` as the oracle passes it (with P, V added to maps). */
export function dataFor(name: string): unknown {
  if (name === "") return null;
  const d = decode(expected.data[name]);
  if (name === "d") {
    const m = d as Record<string, unknown>;
    m["P"] = new Person();
    m["V"] = new Version();
  }
  return d;
}
