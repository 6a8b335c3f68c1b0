import type { Chart } from "../types.js";
import { ChartDigestChanged } from "./errors.js";

/** The chart fields a release record keeps: `Chart.yaml` metadata plus the package digest and source. */
export function releaseChartOf(chart: Chart<unknown>): Record<string, unknown> & { name: string; version: string } {
  const s = chart.source;
  return { ...chart.metadata, ...(s && { digest: s.digest, source: s.url ?? s.ref }) };
}

/**
 * Refuses to deploy a chart package whose digest differs from the one the previous revision
 * recorded for the same chart name and version (a replaced published version).
 *
 * @throws {@link ChartDigestChanged}
 */
export function assertChartUnchanged(chart: Chart<unknown>, previous: { readonly name: string; readonly version: string; readonly [k: string]: unknown } | undefined, where: string): void {
  const digest = chart.source?.digest;
  const recorded = previous?.["digest"];
  if (!digest || typeof recorded !== "string" || !previous) return;
  if (previous.name !== chart.metadata.name || previous.version !== chart.metadata.version || recorded === digest) return;
  throw new ChartDigestChanged({ chart: chart.metadata.name, version: chart.metadata.version, url: chart.source?.url ?? chart.source?.ref ?? "" }, recorded, digest, where);
}
