import type { Issue } from "../model/issue.js";
import type { Chart, ChartDependency } from "../chart/types.js";
import { applyOverrides, clone, isPlainObject } from "./coalesce.js";
import { validateValues } from "./schema.js";
import type { Values } from "../model/values.js";

/** A chart of the tree being rendered, with its computed values. */
export interface ChartValues {
  readonly chart: Chart;
  /** Where its files live in sources: `web`, `web/charts/redis`. */
  readonly sourcePath: string;
  /** Where its values live in the top chart's values: `""`, `redis.`. */
  readonly valuesPath: string;
  /** Defaults ← parent's values for it ← user values, with `global` from the parent. */
  readonly values: Values;
  /** Enabled subcharts (library charts included: they contribute partials). */
  readonly children: readonly ChartValues[];
}

/**
 * Coalesces the values of a chart and its enabled subcharts, like Helm: each subchart sees
 * its defaults ← the parent's values under its name (alias) ← user values under that name,
 * plus the parent's `global`. The subchart's result is written back under its name, so the
 * parent sees it too. Conditions (`redis.enabled`) and tags are evaluated on these values.
 *
 * @param overrides - user values, lowest priority first (files, code, `--set`)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any chart, whatever its values type
export function computeValues(chart: Chart<any>, overrides: readonly Values[]): ChartValues {
  return computeNode(chart, chart.metadata.name, "", overrides, undefined);
}

/** Checks every chart's values against its schema; returns all violations, subchart paths prefixed. */
export function validateTree(node: ChartValues): Issue[] {
  const own = node.chart.schema === undefined ? [] : validateValues(node.chart.schema, schemaView(node), schemaSource(node), node.valuesPath);
  return [...own, ...node.children.flatMap(validateTree)];
}

function computeNode(chart: Chart, sourcePath: string, valuesPath: string, layers: readonly Values[], parentGlobal: Values | undefined): ChartValues {
  let values = layers.reduce(applyOverrides, clone(chart.values as Values));
  if (parentGlobal) {
    values.global = isPlainObject(values.global) ? applyOverrides(values.global, parentGlobal) : clone(parentGlobal);
  }
  const children: ChartValues[] = [];
  for (const dep of chart.dependencies) {
    const name = dep.alias ?? dep.chart.metadata.name;
    const global = isPlainObject(values.global) ? values.global : undefined;
    const child = computeNode(dep.chart, `${sourcePath}/charts/${name}`, `${valuesPath}${name}.`, parentLayersFor(chart, name, layers), global);
    const isLibrary = dep.chart.metadata.type === "library";
    const withChild = isLibrary ? values : { ...values, [name]: child.values };
    if (isLibrary || isEnabled(dep, withChild)) {
      values = withChild;
      children.push(child);
    }
  }
  return { chart, sourcePath, valuesPath, values, children };
}

/** The subchart's override layers: the parent's defaults for it, then each user layer's entry for it. */
function parentLayersFor(parent: Chart, name: string, layers: readonly Values[]): Values[] {
  return [(parent.values as Values)[name], ...layers.map((l) => l[name])].filter(isPlainObject);
}

/** Helm's rule: the first condition path that holds a boolean decides; else any tag that is set; else enabled. */
function isEnabled(dep: ChartDependency, values: Values): boolean {
  for (const path of (dep.condition ?? "").split(",").map((p) => p.trim()).filter(Boolean)) {
    const value = lookup(values, path);
    if (typeof value === "boolean") return value;
  }
  const tags = isPlainObject(values.tags) ? values.tags : {};
  const set = (dep.tags ?? []).map((t) => tags[t]).filter((v): v is boolean => typeof v === "boolean");
  return set.length === 0 || set.includes(true);
}

function lookup(values: Values, path: string): unknown {
  let node: unknown = values;
  for (const key of path.split(".")) {
    if (!isPlainObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** The values a chart's own schema sees: its subcharts' keys are theirs to validate. */
function schemaView(node: ChartValues): Values {
  return node.values;
}

function schemaSource(node: ChartValues): string {
  return node.chart.directory !== undefined ? `${node.sourcePath}/values.schema.json` : `${node.sourcePath} (schema in code)`;
}
