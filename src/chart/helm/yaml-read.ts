/**
 * Reading YAML as Helm does (sigs.k8s.io/yaml over go-yaml v2): the first document only, go-yaml
 * v2's YAML 1.1 scalar resolution and merge keys, then the JSON round trip (map keys become
 * strings, every number a float64, NaN/Inf rejected).
 */
import { Alias, Document, isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Node as YNode } from "yaml";
import { HelmYamlInvalid } from "./yaml-errors.js";
import { resolvePlain } from "./yaml-resolve.js";
import { formatFloat } from "../../gotemplate/float-format.js";
import { reindentContinuations } from "./yaml-lenient.js";
import { yamlStrictnessIssues } from "../yaml-strict.js";

export { HelmYamlInvalid };

/** A go-yaml v2 value before the JSON round trip: ints are bigints, floats numbers, maps keyed by string. */
export type RawYaml = null | boolean | string | number | bigint | RawYaml[] | { [k: string]: RawYaml };

const STR = "tag:yaml.org,2002:str";
const TAGS: Record<string, string> = {
  "tag:yaml.org,2002:int": "int",
  "tag:yaml.org,2002:float": "float",
  "tag:yaml.org,2002:bool": "bool",
  "tag:yaml.org,2002:null": "null",
  "tag:yaml.org,2002:timestamp": "timestamp",
  "tag:yaml.org,2002:merge": "merge",
  "tag:yaml.org,2002:binary": "binary",
};

function firstError(doc: Document): string | undefined {
  const e = doc.errors[0];
  if (!e) return undefined;
  const line = e.linePos?.[0]?.line ?? 1;
  const msg = e.message.split(" at line ")[0]!.split("\n")[0]!;
  return `yaml: line ${line}: ${msg.charAt(0).toLowerCase()}${msg.slice(1)}`;
}

/** go-yaml v2's allowedAliasRatio: how much of a document may come from alias expansions. */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

class Reader {
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;

  constructor(private readonly doc: Document) {}

  /** The node an alias names; go-yaml's errors for an unknown anchor and for excessive aliasing (an alias bomb). */
  private resolve(alias: Alias): unknown {
    const target = alias.resolve(this.doc);
    if (target === undefined) throw new HelmYamlInvalid(`yaml: unknown anchor '${alias.source}' referenced`);
    return target;
  }

  node(n: unknown): RawYaml {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new HelmYamlInvalid("yaml: document contains excessive aliasing");
    }
    if (n === null || n === undefined) return null;
    if (isAlias(n)) {
      this.aliasDepth++;
      try {
        return this.node(this.resolve(n as Alias));
      } finally {
        this.aliasDepth--;
      }
    }
    if (isScalar(n)) return this.scalar(n.value as string, n.type, n.tag);
    if (isSeq(n)) return n.items.map((i) => this.node(i));
    if (isMap(n)) {
      const out: { [k: string]: RawYaml } = {};
      for (const pair of n.items) {
        const k = pair.key as YNode | null;
        if (isScalar(k) && k.type === "PLAIN" && (k.tag === undefined || k.tag === TAGS_MERGE) && k.value === "<<") {
          this.merge(pair.value, out);
          continue;
        }
        const key = this.key(this.node(k));
        // An own `__proto__` property cannot be made by assignment, and would change the map's prototype.
        if (key === "__proto__") throw new HelmYamlInvalid("yaml: a key named __proto__ is not supported; rename it");
        out[key] = this.node(pair.value);
      }
      return out;
    }
    throw new HelmYamlInvalid("yaml: unsupported node");
  }

  merge(v: unknown, out: { [k: string]: RawYaml }): void {
    const target = isAlias(v) ? this.resolve(v as Alias) : v;
    if (isMap(target)) {
      Object.assign(out, this.node(target));
    } else if (isSeq(target)) {
      // Earlier maps in the list win: apply them last.
      for (let i = target.items.length - 1; i >= 0; i--) {
        const item = target.items[i];
        const m = isAlias(item) ? this.resolve(item as Alias) : item;
        if (!isMap(m)) throw new HelmYamlInvalid("yaml: map merge requires map or sequence of maps as the value");
        Object.assign(out, this.node(m));
      }
    } else throw new HelmYamlInvalid("yaml: map merge requires map or sequence of maps as the value");
  }

  key(k: RawYaml): string {
    switch (typeof k) {
      case "string":
        return k;
      case "bigint":
        return k.toString();
      case "boolean":
        return k ? "true" : "false";
      case "number":
        if (k !== k) return ".nan";
        if (k === Infinity) return ".inf";
        if (k === -Infinity) return "-.inf";
        return formatFloat(Math.fround(k), "g", -1);
    }
    throw new HelmYamlInvalid(`error converting YAML to JSON: unsupported map key of type: ${k === null ? "<nil>" : "map"}`);
  }

  scalar(value: string, type: string | undefined, tag: string | undefined): RawYaml {
    const explicit = tag === undefined ? undefined : tag === "!" ? STR : tag;
    if (explicit === STR) return value;
    if (explicit === undefined && type !== "PLAIN") return value;
    if (explicit !== undefined && !(explicit in TAGS)) return value;
    const want = explicit ? TAGS[explicit] : undefined;
    if (want === "binary") return Buffer.from(value.replace(/\s+/g, ""), "base64").toString("utf8");
    const r = resolvePlain(value);
    if (want && want !== r.tag && !(want === "float" && r.tag === "int") && !(want === "str")) {
      throw new HelmYamlInvalid(`yaml: cannot decode !!${r.tag} \`${value}\` as a !!${want}`);
    }
    if (want === "float" && r.tag === "int") return Number(r.value);
    return r.tag === "merge" || r.tag === "timestamp" ? value : r.value;
  }
}

const TAGS_MERGE = "tag:yaml.org,2002:merge";

/** Parses the first YAML document of `text` into go-yaml v2 values (ints as bigint). */
export function readYamlRaw(text: string): RawYaml {
  // go-yaml's reader refuses control characters and YAML versions it does not know, which the `yaml` package accepts.
  const strict = yamlStrictnessIssues(text, "")[0];
  if (strict) throw new HelmYamlInvalid(`error converting YAML to JSON: yaml: line ${strict.line}: ${strict.message}`);
  const options = { schema: "failsafe", uniqueKeys: false, merge: false, strict: false, keepSourceTokens: false } as const;
  // go-yaml's Unmarshal reads the first document only.
  const first = (t: string): Document => {
    const docs = parseAllDocuments(t, options);
    return Array.isArray(docs) ? (docs[0] ?? new Document(null)) : (docs as unknown as Document);
  };
  let doc = first(text);
  let err = firstError(doc);
  if (err) {
    // libyaml tolerates under-indented continuation lines; retry with them indented.
    const retry = first(reindentContinuations(text));
    if (!firstError(retry)) {
      doc = retry;
      err = undefined;
    }
  }
  if (err) throw new HelmYamlInvalid(`error converting YAML to JSON: ${err}`);
  return new Reader(doc).node(doc.contents);
}

/** The JSON round trip of sigs.k8s.io/yaml: every number becomes a float64 (a JS number). */
export function jsonRoundTrip(v: RawYaml): unknown {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new HelmYamlInvalid(`error converting YAML to JSON: json: unsupported value: ${v !== v ? "NaN" : v > 0 ? "+Inf" : "-Inf"}`);
    return v;
  }
  if (Array.isArray(v)) return v.map(jsonRoundTrip);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = jsonRoundTrip(v[k]!);
    return out;
  }
  return v;
}

/**
 * sigs.k8s.io/yaml `Unmarshal` into `map[string]interface{}`: an empty document gives `{}`;
 * a document that is not a mapping is an error (Go's JSON type error).
 */
export function readYamlMap(text: string): Record<string, unknown> {
  const raw = readYamlRaw(text);
  if (raw === null) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    const kind = Array.isArray(raw) ? "array" : typeof raw === "string" ? "string" : typeof raw === "boolean" ? "bool" : "number";
    throw new HelmYamlInvalid(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`);
  }
  return jsonRoundTrip(raw) as Record<string, unknown>;
}

/** sigs.k8s.io/yaml `Unmarshal` into `[]interface{}` (fromYamlArray). */
export function readYamlArray(text: string): unknown[] {
  const raw = readYamlRaw(text);
  if (raw === null) return [];
  if (!Array.isArray(raw)) {
    const kind = typeof raw === "object" ? "object" : typeof raw === "string" ? "string" : typeof raw === "boolean" ? "bool" : "number";
    throw new HelmYamlInvalid(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go value of type []interface {}`);
  }
  return jsonRoundTrip(raw) as unknown[];
}
