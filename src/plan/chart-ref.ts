import type { Chart } from "../chart/types.js";
import type { PlanChartRef } from "./types.js";

/** The chart as plans show it: name, version and, for packages, digest and source. */
export function planChartRef(chart: Chart<unknown>): PlanChartRef {
  const { name, version } = chart.metadata;
  const s = chart.source;
  return { name, version, ...(s && { digest: s.digest, source: s.url ?? s.ref }) };
}
