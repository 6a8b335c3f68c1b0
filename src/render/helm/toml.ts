/**
 * Helm's `toToml` (BurntSushi/toml's encoder) for the common shapes: a map of scalars, arrays
 * and nested tables. Keys are sorted; scalars come before sub-tables.
 */
import { isMap } from "../../gotemplate/value.js";
import { jsonString } from "../../gotemplate/sprig/json.js";
import { formatFloat } from "../../gotemplate/float-format.js";

function key(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : jsonString(k, false);
}

function scalar(v: unknown): string {
  if (typeof v === "string") return jsonString(v, false);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") {
    if (Number.isInteger(v) && Math.abs(v) < 1e21) return formatFloat(v, "f", -1) + ".0";
    return formatFloat(v, "g", -1);
  }
  if (Array.isArray(v)) return "[" + v.map(scalar).join(", ") + "]";
  return jsonString(String(v), false);
}

function table(m: Record<string, unknown>, path: string[], out: string[], indent: string): void {
  const keys = Object.keys(m).sort();
  for (const k of keys) {
    const v = m[k];
    if (v === null || v === undefined || isMap(v)) continue;
    out.push(`${indent}${key(k)} = ${scalar(v)}`);
  }
  for (const k of keys) {
    const v = m[k];
    if (!isMap(v)) continue;
    const p = [...path, key(k)];
    if (out.length > 0) out.push("");
    out.push(`${"  ".repeat(path.length)}[${p.join(".")}]`);
    table(v, p, out, "  ".repeat(p.length));
  }
}

/** TOML text of a map (the encoder's error text for other values). */
export function toToml(v: unknown): string {
  if (!isMap(v)) return "toml: top-level values must be Go maps or structs";
  const out: string[] = [];
  table(v, [], out, "");
  return out.length ? out.join("\n") + "\n" : "";
}
