import { readFile, stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import type { Ignore } from "ignore";
import { parseValuesYaml } from "../values/values-yaml.js";
import { listChartFiles, readIgnoreRules } from "./chart-files.js";
import { parseChartYaml, type DependencySpec } from "./chart-yaml.js";
import { ChartInvalid } from "./errors.js";
import type { Issue } from "./issue.js";
import type { Chart, ChartDependency, JsonSchema, TemplateSource } from "./types.js";

const TEMPLATE_FILE = /\.ya?ml$/;
const PARTIAL_FILE = /(^|\/)_([^/]+)\.mustache$/;

/**
 * Loads a chart directory in Helm's layout: `Chart.yaml`, `values.yaml`,
 * `values.schema.json`, `templates/` (`*.yaml`, `_*.mustache` partials, `NOTES.txt`),
 * `crds/`, and subcharts in `charts/<name>/` or `file://` dependencies.
 * Files matched by `.berthignore` (gitignore syntax) are left out.
 *
 * @typeParam V - the chart's values type (not checked at runtime; use a schema for that)
 * @throws {@link ChartInvalid} listing every problem found
 */
export async function loadChart<V = Record<string, unknown>>(dir: string): Promise<Chart<V>> {
  return (await loadChartAt(resolve(dir), [])) as Chart<V>;
}

async function loadChartAt(dir: string, parents: readonly string[]): Promise<Chart> {
  const chartYamlText = await readFile(join(dir, "Chart.yaml"), "utf8").catch(() => undefined);
  if (chartYamlText === undefined) {
    throw new ChartInvalid(dir, [{ source: join(dir, "Chart.yaml"), message: "Chart.yaml not found: is this a chart directory?" }]);
  }
  const name = basename(dir);
  const { chart: chartYaml, issues } = parseChartYaml(chartYamlText, `${name}/Chart.yaml`);
  const rules = await readIgnoreRules(dir);
  const [values, schema, files] = await Promise.all([
    readDefaults(dir, name, issues),
    readSchema(dir, name, issues),
    readChartFiles(dir, rules),
  ]);
  const dependencies = chartYaml ? await loadDependencies(dir, chartYaml.dependencies, rules, [...parents, dir], issues) : [];
  if (!chartYaml || issues.length > 0) throw new ChartInvalid(chartYaml?.metadata.name ?? dir, issues);
  return {
    metadata: chartYaml.metadata,
    values,
    ...(schema !== undefined && { schema }),
    ...files,
    dependencies,
    directory: dir,
  };
}

async function readDefaults(dir: string, name: string, issues: Issue[]): Promise<Record<string, unknown>> {
  const text = await readFile(join(dir, "values.yaml"), "utf8").catch(() => "");
  const parsed = parseValuesYaml(text, `${name}/values.yaml`);
  issues.push(...parsed.issues);
  return parsed.values;
}

async function readSchema(dir: string, name: string, issues: Issue[]): Promise<JsonSchema | undefined> {
  const text = await readFile(join(dir, "values.schema.json"), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as JsonSchema;
  } catch (e) {
    issues.push({ source: `${name}/values.schema.json`, message: `not valid JSON: ${(e as Error).message}` });
    return undefined;
  }
}

async function readChartFiles(dir: string, rules: Ignore) {
  const templates: Record<string, TemplateSource<Record<string, unknown>>> = {};
  const partials: Record<string, string> = {};
  const crds: Record<string, string> = {};
  let notes: string | undefined;
  const [templateFiles, crdFiles] = await Promise.all([listChartFiles(dir, "templates", rules), listChartFiles(dir, "crds", rules)]);
  for (const file of templateFiles) {
    const text = await readFile(join(dir, file), "utf8");
    const partial = PARTIAL_FILE.exec(file);
    if (partial) partials[partial[2]!] = text;
    else if (file === "templates/NOTES.txt") notes = text;
    else if (TEMPLATE_FILE.test(file)) templates[file.slice("templates/".length)] = text;
  }
  for (const file of crdFiles) {
    if (/\.(ya?ml|json)$/.test(file)) crds[file.slice("crds/".length)] = await readFile(join(dir, file), "utf8");
  }
  return { templates, partials, crds, ...(notes !== undefined && { notes }) };
}

/** Subcharts: `Chart.yaml` dependencies (local `file://` or vendored in `charts/`) and any other `charts/<name>/`. */
async function loadDependencies(dir: string, specs: readonly DependencySpec[], rules: Ignore, parents: readonly string[], issues: Issue[]): Promise<ChartDependency[]> {
  const vendored = new Set((await listChartFiles(dir, "charts", rules)).filter((f) => /^charts\/[^/]+\/Chart\.yaml$/.test(f)).map((f) => f.split("/")[1]!));
  const deps: ChartDependency[] = [];
  const used = new Set<string>();
  for (const spec of specs) {
    const local = spec.repository?.startsWith("file://") ? resolve(dir, spec.repository.slice("file://".length)) : undefined;
    const path = local ?? (vendored.has(spec.name) ? join(dir, "charts", spec.name) : undefined);
    if (!path) {
      issues.push({ source: `${basename(dir)}/Chart.yaml`, path: `dependencies.${spec.name}`, message: `subchart not found locally (repository ${spec.repository ?? "none"}): put it in charts/${spec.name}/ or use repository: file://<path>` });
      continue;
    }
    if (!local) used.add(spec.name);
    const chart = await loadSubchart(path, parents, issues);
    if (chart) deps.push({ chart, ...pick(spec) });
  }
  for (const name of [...vendored].sort()) {
    if (used.has(name)) continue;
    const chart = await loadSubchart(join(dir, "charts", name), parents, issues);
    if (chart) deps.push({ chart });
  }
  return deps;
}

async function loadSubchart(path: string, parents: readonly string[], issues: Issue[]): Promise<Chart | undefined> {
  if (parents.includes(path)) {
    issues.push({ source: path, message: "dependency cycle: a chart depends on itself through its subcharts" });
    return undefined;
  }
  if (!(await stat(path).then((s) => s.isDirectory(), () => false))) {
    issues.push({ source: path, message: "subchart directory not found: check the dependency's repository path" });
    return undefined;
  }
  try {
    return await loadChartAt(path, parents);
  } catch (e) {
    if (e instanceof ChartInvalid) issues.push(...e.issues);
    else throw e;
    return undefined;
  }
}

function pick(spec: DependencySpec): Omit<ChartDependency, "chart"> {
  return {
    ...(spec.alias !== undefined && { alias: spec.alias }),
    ...(spec.condition !== undefined && { condition: spec.condition }),
    ...(spec.tags !== undefined && { tags: spec.tags }),
  };
}
