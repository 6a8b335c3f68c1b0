/**
 * Chart.yaml as Helm reads it: sigs.k8s.io/yaml into `chart.Metadata` (JSON field names matched
 * case-insensitively, numbers accepted for strings), then `Metadata.Validate`.
 */
import { HelmChartInvalid, HelmError } from "./errors.js";
import { readYamlRaw, type RawYaml, HelmYamlInvalid } from "./yaml-read.js";
import { newVersion } from "../../gotemplate/sprig/semver.js";

/** A maintainer of a chart (Go's `chart.Maintainer`). */
export interface HelmMaintainer {
  Name: string;
  Email: string;
  URL: string;
}

/** A dependency of a chart (Go's `chart.Dependency`). */
export interface HelmDependency {
  Name: string;
  Version: string;
  Repository: string;
  Condition: string;
  Tags: string[];
  Enabled: boolean;
  ImportValues: unknown[];
  Alias: string;
}

/** Chart.yaml (Go's `chart.Metadata`), with Go's field names. */
export interface HelmMetadata {
  Name: string;
  Home: string;
  Sources: string[];
  Version: string;
  Description: string;
  Keywords: string[];
  Maintainers: (HelmMaintainer | null)[];
  Icon: string;
  APIVersion: string;
  Condition: string;
  Tags: string;
  AppVersion: string;
  Deprecated: boolean;
  Annotations: Record<string, string> | null;
  KubeVersion: string;
  Dependencies: (HelmDependency | null)[] | null;
  Type: string;
}

type Kind = "string" | "bool" | "[]string" | "map[string]string" | "maintainers" | "dependencies" | "[]interface {}";

const METADATA_FIELDS: Record<string, [keyof HelmMetadata, Kind]> = {
  name: ["Name", "string"],
  home: ["Home", "string"],
  sources: ["Sources", "[]string"],
  version: ["Version", "string"],
  description: ["Description", "string"],
  keywords: ["Keywords", "[]string"],
  maintainers: ["Maintainers", "maintainers"],
  icon: ["Icon", "string"],
  apiversion: ["APIVersion", "string"],
  condition: ["Condition", "string"],
  tags: ["Tags", "string"],
  appversion: ["AppVersion", "string"],
  deprecated: ["Deprecated", "bool"],
  annotations: ["Annotations", "map[string]string"],
  kubeversion: ["KubeVersion", "string"],
  dependencies: ["Dependencies", "dependencies"],
  type: ["Type", "string"],
};

const DEPENDENCY_FIELDS: Record<string, [keyof HelmDependency, Kind]> = {
  name: ["Name", "string"],
  version: ["Version", "string"],
  repository: ["Repository", "string"],
  condition: ["Condition", "string"],
  tags: ["Tags", "[]string"],
  enabled: ["Enabled", "bool"],
  "import-values": ["ImportValues", "[]interface {}"],
  alias: ["Alias", "string"],
};

const MAINTAINER_FIELDS: Record<string, [keyof HelmMaintainer, Kind]> = {
  name: ["Name", "string"],
  email: ["Email", "string"],
  url: ["URL", "string"],
};

/** An empty `chart.Metadata`. */
export function emptyMetadata(): HelmMetadata {
  return {
    Name: "", Home: "", Sources: [], Version: "", Description: "", Keywords: [], Maintainers: [], Icon: "",
    APIVersion: "", Condition: "", Tags: "", AppVersion: "", Deprecated: false, Annotations: null,
    KubeVersion: "", Dependencies: null, Type: "",
  };
}

function jsonKind(v: RawYaml): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "object" && v !== null) return "object";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "string";
  return "number";
}

class TypeErr extends Error {}

function float32String(f: number): string {
  const t = Math.fround(f);
  for (let p = 1; p <= 9; p++) {
    const s = t.toPrecision(p);
    if (Math.fround(Number(s)) === t) {
      const n = Number(s);
      const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
      if (exp < -4 || exp >= 21) return n.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
      return String(n);
    }
  }
  return String(t);
}

function asString(v: RawYaml, field: string): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return float32String(v);
  throw new TypeErr(`json: cannot unmarshal ${jsonKind(v)} into Go struct field ${field} of type string`);
}

function convert(v: RawYaml, kind: Kind, field: string): unknown {
  switch (kind) {
    case "string":
      return asString(v, field);
    case "bool":
      if (v === null) return false;
      if (typeof v !== "boolean") throw new TypeErr(`json: cannot unmarshal ${jsonKind(v)} into Go struct field ${field} of type bool`);
      return v;
    case "[]string":
      if (v === null) return [];
      if (!Array.isArray(v)) throw new TypeErr(`json: cannot unmarshal ${jsonKind(v)} into Go struct field ${field} of type []string`);
      return v.map((x) => asString(x, field));
    case "map[string]string": {
      if (v === null) return null;
      if (typeof v !== "object" || Array.isArray(v)) throw new TypeErr(`json: cannot unmarshal ${jsonKind(v)} into Go struct field ${field} of type map[string]string`);
      const out: Record<string, string> = {};
      for (const [k, x] of Object.entries(v)) out[k] = asString(x, field);
      return out;
    }
    case "[]interface {}":
      if (v === null) return [];
      if (!Array.isArray(v)) throw new TypeErr(`json: cannot unmarshal ${jsonKind(v)} into Go struct field ${field} of type []interface {}`);
      return v.map(jsonish);
    case "maintainers":
      if (v === null) return [];
      if (!Array.isArray(v)) throw new TypeErr(`json: cannot unmarshal ${jsonKind(v)} into Go struct field ${field} of type []*chart.Maintainer`);
      return v.map((m) => (m === null ? null : decodeStruct(m, MAINTAINER_FIELDS, { Name: "", Email: "", URL: "" }, "Maintainer")));
    case "dependencies":
      if (v === null) return null;
      if (!Array.isArray(v)) throw new TypeErr(`json: cannot unmarshal ${jsonKind(v)} into Go struct field ${field} of type []*chart.Dependency`);
      return v.map((d) =>
        d === null
          ? null
          : decodeStruct(d, DEPENDENCY_FIELDS, { Name: "", Version: "", Repository: "", Condition: "", Tags: [], Enabled: false, ImportValues: [], Alias: "" }, "Dependency"),
      );
  }
}

function jsonish(v: RawYaml): unknown {
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(jsonish);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonish(x)]));
  return v;
}

function decodeStruct<T extends object>(v: RawYaml, fields: Record<string, [keyof T, Kind]>, into: T, type: string): T {
  if (v === null) return into;
  if (typeof v !== "object" || Array.isArray(v)) throw new TypeErr(`json: cannot unmarshal ${jsonKind(v)} into Go value of type chart.${type}`);
  for (const [k, x] of Object.entries(v)) {
    const f = fields[k.toLowerCase()];
    if (!f) continue;
    (into as Record<string, unknown>)[f[0] as string] = convert(x, f[1], `${type}.${k}`);
  }
  return into;
}

/**
 * Reads Chart.yaml (or requirements.yaml) text into `into`, as `yaml.Unmarshal(data, c.Metadata)`.
 * Throws a HelmError `cannot load <file>: …`.
 */
export function readMetadata(text: string, file: string, into: HelmMetadata): HelmMetadata {
  try {
    return decodeStruct(readYamlRaw(text), METADATA_FIELDS, into, "Metadata");
  } catch (e) {
    if (e instanceof HelmYamlInvalid) throw new HelmChartInvalid(`cannot load ${file}: ${e.message}`);
    if (e instanceof TypeErr) throw new HelmChartInvalid(`cannot load ${file}: error unmarshaling JSON: while decoding JSON: ${e.message}`);
    throw e;
  }
}

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

/** Go's sanitizeString: whitespace becomes a space, non-printable characters are dropped. */
export function sanitizeString(s: string): string {
  let out = "";
  for (const ch of s) {
    if (/\s/u.test(ch) || ch === "\u0085") out += " ";
    else if (PRINTABLE.test(ch)) out += ch;
  }
  return out;
}

function validationError(msg: string): HelmError {
  return new HelmChartInvalid(`validation: ${msg}`);
}

const ALIAS = /^[a-zA-Z0-9_-]+$/;

/** `Metadata.Validate`: sanitizes strings and checks what Helm checks, in Helm's order. */
export function validateMetadata(md: HelmMetadata): void {
  md.Name = sanitizeString(md.Name);
  md.Description = sanitizeString(md.Description);
  md.Home = sanitizeString(md.Home);
  md.Icon = sanitizeString(md.Icon);
  md.Condition = sanitizeString(md.Condition);
  md.Tags = sanitizeString(md.Tags);
  md.AppVersion = sanitizeString(md.AppVersion);
  md.KubeVersion = sanitizeString(md.KubeVersion);
  md.Sources = md.Sources.map(sanitizeString);
  md.Keywords = md.Keywords.map(sanitizeString);
  if (md.APIVersion === "") throw validationError("chart.metadata.apiVersion is required");
  if (md.Name === "") throw validationError("chart.metadata.name is required");
  if (md.Name === "." || md.Name === "..") throw validationError(`chart.metadata.name ${JSON.stringify(md.Name)} is not allowed`);
  if (md.Name.includes("/") || md.Name.includes("\\")) throw validationError(`chart.metadata.name ${JSON.stringify(md.Name)} is invalid`);
  if (md.Version === "") throw validationError("chart.metadata.version is required");
  if (!isValidSemver(md.Version)) throw validationError(`chart.metadata.version ${JSON.stringify(md.Version)} is invalid`);
  if (!["", "application", "library"].includes(md.Type)) throw validationError("chart.metadata.type must be application or library");
  for (const m of md.Maintainers) {
    if (m === null) throw validationError("maintainers must not contain empty or null nodes");
    m.Name = sanitizeString(m.Name);
    m.Email = sanitizeString(m.Email);
    m.URL = sanitizeString(m.URL);
  }
  const seen = new Set<string>();
  for (const d of md.Dependencies ?? []) {
    if (d === null) throw validationError("dependencies must not contain empty or null nodes");
    d.Name = sanitizeString(d.Name);
    d.Version = sanitizeString(d.Version);
    d.Repository = sanitizeString(d.Repository);
    d.Condition = sanitizeString(d.Condition);
    d.Tags = d.Tags.map(sanitizeString);
    if (d.Alias !== "" && !ALIAS.test(d.Alias)) throw validationError(`dependency ${JSON.stringify(d.Name)} has disallowed characters in the alias`);
    const key = d.Alias || d.Name;
    if (seen.has(key)) throw validationError(`more than one dependency with name or alias ${JSON.stringify(key)}`);
    seen.add(key);
  }
}

/** Masterminds semver.NewVersion accepts it. */
export function isValidSemver(v: string): boolean {
  try {
    newVersion(v);
    return true;
  } catch {
    return false;
  }
}
