import { loadChartTree } from "./load.js";
import type { Chart } from "./types.js";

/**
 * Loads a Helm chart directory as a berth chart: metadata, default values, schema and subcharts
 * (what typing and typegen read); its Go templates are rendered from the directory.
 */
export async function loadHelmChartView(dir: string): Promise<Chart> {
  return asGoTemplate(await loadChartTree(dir));
}

function asGoTemplate(chart: Chart): Chart {
  const { notes: _, ...rest } = chart;
  return { ...rest, templates: {}, partials: {}, engine: "gotemplate", dependencies: chart.dependencies.map((d) => ({ ...d, chart: asGoTemplate(d.chart) })) };
}
