import type { Chart, JsonSchema } from "../chart/types.js";

type SchemaNode = { properties?: Record<string, SchemaNode>; "x-sensitive"?: boolean; writeOnly?: boolean; [key: string]: unknown };

function walk(node: SchemaNode | undefined, path: string, out: string[]): void {
  if (!node || typeof node !== "object") return;
  if (path && (node["x-sensitive"] === true || node.writeOnly === true)) {
    out.push(path);
    return;
  }
  for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, path ? `${path}.${key}` : key, out);
}

/**
 * The value paths a chart's schemas mark `"x-sensitive": true` or `writeOnly: true` (e.g. `db.password`),
 * subcharts' under their names (or aliases): their values are redacted wherever a plan shows them.
 */
export function sensitiveValuePaths(chart: Chart<unknown>, prefix = ""): string[] {
  const out: string[] = [];
  if (chart.schema && typeof chart.schema === "object") walk(chart.schema as JsonSchema as SchemaNode, prefix, out);
  for (const dep of chart.dependencies) {
    const name = dep.alias ?? dep.chart.metadata.name;
    out.push(...sensitiveValuePaths(dep.chart, prefix ? `${prefix}.${name}` : name));
  }
  return out;
}
