import { loadChart } from "../chart/load.js";
import type { GenerateValuesTypesOptions } from "./options.js";

export type { GenerateValuesTypesOptions } from "./options.js";

// What writes the declarations (values-types.ts: the schema and values readers, names, the printer)
// is imported when typegen runs: `import "berth"` does not load it.

/**
 * Generates a TypeScript declaration of a chart directory's values: from `values.schema.json` when
 * present (required and optional keys, enums as unions, descriptions as TSDoc, `$ref`s within the
 * file, `additionalProperties` as index signatures), else inferred from `values.yaml` (types from
 * the defaults, comments above keys as TSDoc). Subcharts are nested under their names (or aliases)
 * as their own interfaces; `global` is always there. The output is formatted and deterministic.
 *
 * @example
 * ```ts
 * await writeFile("typings/webapp.ts", await generateValuesTypes("charts/webapp"));
 * // then: const web = await loadChart<WebappValues>("charts/webapp");
 * ```
 * @throws {@link ChartInvalid} when the directory is not a valid chart
 * @throws {@link TypegenError} for a `$ref` outside the schema file or an invalid `typeName`
 */
export async function generateValuesTypes(chartDir: string, options: GenerateValuesTypesOptions = {}): Promise<string> {
  const chart = await loadChart(chartDir);
  return await (await import("./values-types.js")).valuesTypesOf(chart, chartDir, options);
}
