import { parseDocument } from "yaml";
import type { Issue } from "../model/issue.js";
import type { ChartMetadata, ChartType } from "./types.js";
import { metadataIssues } from "./validate.js";

/** One entry of `Chart.yaml`'s `dependencies`. */
export interface DependencySpec {
  readonly name: string;
  readonly version?: string;
  /** `file://../redis` for a local chart; other repositories must be vendored into `charts/`. */
  readonly repository?: string;
  readonly condition?: string;
  readonly tags?: readonly string[];
  readonly alias?: string;
}

/** A parsed `Chart.yaml`. */
export interface ChartYaml {
  readonly metadata: ChartMetadata;
  readonly dependencies: readonly DependencySpec[];
  /** `annotations`, string values only. */
  readonly annotations: Readonly<Record<string, string>>;
}

/** The `Chart.yaml` annotation that makes a chart directory a berth mustache chart (Helm ignores it). */
export const ENGINE_ANNOTATION = "berth.dev/engine";

/**
 * The engine a chart directory's `Chart.yaml` text declares: `mustache` with the annotation
 * `berth.dev/engine: mustache`, else `gotemplate` (a Helm chart). Reads only `annotations`, so it
 * works on any `Chart.yaml` Helm accepts; an unknown engine name is returned as written.
 */
export function declaredEngine(text: string): string {
  const doc = parseDocument(text, { schema: "failsafe" });
  const raw: unknown = doc.errors.length > 0 ? undefined : doc.toJS();
  const annotations = isRecord(raw) && isRecord(raw.annotations) ? raw.annotations : {};
  const engine = annotations[ENGINE_ANNOTATION];
  return typeof engine === "string" ? engine.trim() : "gotemplate";
}

/**
 * Parses `Chart.yaml` text. Every scalar is read as a string (YAML's failsafe schema), so
 * `version: 1.10` or `appVersion: 1.20` keep their digits instead of becoming numbers.
 */
export function parseChartYaml(text: string, source: string): { chart?: ChartYaml; issues: Issue[] } {
  const doc = parseDocument(text, { schema: "failsafe", prettyErrors: true });
  if (doc.errors.length > 0) {
    return { issues: doc.errors.map((e) => ({ source, line: e.linePos?.[0].line, message: `YAML syntax error: ${e.message.split("\n")[0]}` })) };
  }
  const raw: unknown = doc.toJS();
  if (!isRecord(raw)) return { issues: [{ source, message: "Chart.yaml must be a mapping with at least name and version" }] };
  const metadata: ChartMetadata = {
    apiVersion: str(raw.apiVersion) ?? "v2",
    name: str(raw.name) ?? "",
    version: str(raw.version) ?? "",
    type: (str(raw.type) ?? "application") as ChartType,
    ...(str(raw.appVersion) !== undefined && { appVersion: str(raw.appVersion) }),
    ...(str(raw.description) !== undefined && { description: str(raw.description) }),
  };
  const issues = metadataIssues(metadata, source);
  if (metadata.apiVersion !== "v2") {
    issues.push({ source, path: "apiVersion", message: `apiVersion ${JSON.stringify(metadata.apiVersion)} is not supported: use "v2"` });
  }
  const dependencies = parseDependencies(raw.dependencies, source, issues);
  const annotations = Object.fromEntries(Object.entries(isRecord(raw.annotations) ? raw.annotations : {}).filter((e): e is [string, string] => typeof e[1] === "string"));
  return { chart: { metadata, dependencies, annotations }, issues };
}

function parseDependencies(raw: unknown, source: string, issues: Issue[]): DependencySpec[] {
  if (raw === undefined || raw === null || raw === "") return [];
  if (!Array.isArray(raw)) {
    issues.push({ source, path: "dependencies", message: "dependencies must be a list of {name, version, repository}" });
    return [];
  }
  const specs: DependencySpec[] = [];
  raw.forEach((entry: unknown, index) => {
    const name = isRecord(entry) ? str(entry.name) : undefined;
    if (!isRecord(entry) || !name) {
      issues.push({ source, path: `dependencies[${index}]`, message: "each dependency needs a name" });
      return;
    }
    const tags = Array.isArray(entry.tags) ? entry.tags.filter((t): t is string => typeof t === "string") : undefined;
    specs.push({
      name,
      ...optional("version", str(entry.version)),
      ...optional("repository", str(entry.repository)),
      ...optional("condition", str(entry.condition)),
      ...optional("alias", str(entry.alias)),
      ...(tags && { tags }),
    });
  });
  return specs;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return (value === undefined || value === "" ? {} : { [key]: value }) as Partial<Record<K, string>>;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
