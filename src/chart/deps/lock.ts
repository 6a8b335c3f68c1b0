import { createHash } from "node:crypto";
import { parse } from "yaml";

/** A `Chart.yaml` dependency, as Helm's `chart.Dependency` holds it (field order matters for the digest). */
export interface HelmDependency {
  readonly name: string;
  readonly version?: string;
  readonly repository: string;
  readonly condition?: string;
  readonly tags?: readonly string[];
  readonly enabled?: boolean;
  readonly "import-values"?: readonly unknown[];
  readonly alias?: string;
}

/** A locked dependency: an exact version from a repository. */
export interface LockedDependency {
  /** The chart's name. */
  readonly name: string;
  /** The repository URL, `oci://` registry path, `file://` path, or empty for `charts/`. */
  readonly repository: string;
  /** The exact version resolved. */
  readonly version: string;
}

/** `Chart.lock`. */
export interface ChartLock {
  /** The locked dependencies, in `Chart.yaml` order. */
  readonly dependencies: readonly LockedDependency[];
  /** `sha256:<hex>` of the requirements and the locked versions, as Helm computes it. */
  readonly digest: string;
  /** When it was generated (RFC 3339). */
  readonly generated: string;
}

const DEP_FIELDS = ["name", "version", "repository", "condition", "tags", "enabled", "import-values", "alias"] as const;

/** Go's encoding/json: keys in struct order (maps sorted), `omitempty`, and HTML characters escaped. */
function goJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (typeof value === "number" || typeof value === "boolean") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${goJson(k)}:${goJson(v)}`).join(",")}}`;
}

function depJson(dep: HelmDependency | LockedDependency): string {
  const d = dep as unknown as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of DEP_FIELDS) {
    const v = d[key];
    const required = key === "name" || key === "repository";
    const empty = v === undefined || v === "" || v === false || (Array.isArray(v) && v.length === 0);
    if (empty && !required) continue;
    parts.push(`${goJson(key)}:${goJson(v ?? "")}`);
  }
  return `{${parts.join(",")}}`;
}

/** Helm's lock digest: sha256 of the JSON of `[requirements, locked]` (resolver.HashReq). */
export function lockDigest(requirements: readonly HelmDependency[], locked: readonly LockedDependency[]): string {
  const json = `[[${requirements.map(depJson).join(",")}],[${locked.map(depJson).join(",")}]]`;
  return `sha256:${createHash("sha256").update(json).digest("hex")}`;
}

/** Go's RFC 3339 with nanoseconds, trailing zeros dropped, as `time.Time` marshals. */
export function goTimestamp(date: Date): string {
  const iso = date.toISOString(); // 2026-01-02T03:04:05.678Z
  const frac = iso.slice(20, 23).replace(/0+$/, "");
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ""}Z`;
}

// go-yaml v2's choice: strings that would read back as another type are double-quoted; strings
// that plain style cannot hold (indicators, `: `) are single-quoted; the rest are plain.
function yamlScalar(s: string): string {
  const otherType = s === "" || /^(true|false|yes|no|on|off|y|n|null|~)$/i.test(s) || /^[-+]?(\.\d+|\d[\d_]*(\.\d*)?)([eE][-+]?\d+)?$/.test(s) || /^\d{4}-\d\d?-\d\d?([Tt ]|$)/.test(s);
  if (otherType) return JSON.stringify(s);
  const plain = /^[^-?:,[\]{}#&*!|>'"%@`\s]/.test(s) && !/: |\s#|:$|\s$/.test(s);
  return plain ? s : `'${s.replace(/'/g, "''")}'`;
}

/** Writes `Chart.lock` byte for byte as Helm does (sigs.k8s.io/yaml: keys sorted, list items not indented). */
export function formatChartLock(lock: ChartLock): string {
  const deps = lock.dependencies.length
    ? `\n${lock.dependencies.map((d) => `- name: ${yamlScalar(d.name)}\n  repository: ${yamlScalar(d.repository)}\n  version: ${yamlScalar(d.version)}\n`).join("")}`
    : " []\n";
  return `dependencies:${deps}digest: ${lock.digest}\ngenerated: ${JSON.stringify(lock.generated)}\n`;
}

/** Reads `Chart.lock`; `undefined` when it is not a lock file. */
export function parseChartLock(text: string): ChartLock | undefined {
  const raw = parse(text, { schema: "failsafe" }) as { dependencies?: unknown; digest?: unknown; generated?: unknown } | null;
  if (!raw || typeof raw !== "object") return undefined;
  const list = Array.isArray(raw.dependencies) ? raw.dependencies : [];
  return {
    dependencies: list.map((d: Record<string, unknown>) => ({ name: String(d["name"] ?? ""), repository: String(d["repository"] ?? ""), version: String(d["version"] ?? "") })),
    digest: String(raw.digest ?? ""),
    generated: String(raw.generated ?? ""),
  };
}
