import { clipMiddle } from "../util/quote.js";
import { ChartInvalid } from "../chart/errors.js";
import type { HelmChart } from "../chart/helm/chart.js";
import { HelmError } from "../chart/helm/errors.js";
import { helmChartOf } from "../chart/helm-view.js";
import { ValuesInvalid } from "../values/errors.js";
import { TemplateError } from "../gotemplate/errors.js";
import { renderHelmRelease } from "./helm/helm-template.js";
import type { Values } from "../model/values.js";
import type { EngineInput, EngineOutput, RenderEngine } from "./engine.js";
import { RenderFailed } from "./errors.js";
import { collectHelmUserValues } from "./go-values.js";
import { readHelmManifests, type RenderedFile } from "./helm-manifests.js";
import { parseCrdFile } from "./crds.js";
import type { Issue } from "../model/issue.js";
import type { RenderedObject } from "../model/rendered.js";

/**
 * Go templates as Helm renders them: Helm's values merging and coalescing, dependency conditions,
 * tags and import-values, schemas, then every template of the chart tree (Go text/template, Sprig,
 * Helm's functions); the rendered files are split and read as Helm reads them.
 */
export const goTemplateEngine: RenderEngine = {
  userValues: collectHelmUserValues,
  render(input: EngineInput): EngineOutput {
    const helm = helmChartOf(input.chart);
    if (!helm) throw new RenderFailed(input.chart.metadata.name, [{ message: "this Go-template chart was not loaded by loadChart(); load it from its directory" }]);
    const rendered = renderHelmFiles(helm, input);
    const manifests = readHelmManifests(rendered.files, helm.name());
    const issues: Issue[] = [...manifests.issues];
    const crds: RenderedObject[] = [];
    for (const crd of helm.crdObjects()) crds.push(...parseCrdFile(Buffer.from(crd.file.data).toString("utf8"), crd.filename, issues));
    return { documents: manifests.documents, crds, notes: manifests.notes, values: jsonData(rendered.values) as Values, issues, warnings: manifests.warnings };
  },
};

/** Helm's install-time render of the chart (a copy: dependencies are processed in place). */
function renderHelmFiles(helm: HelmChart, input: EngineInput): { files: RenderedFile[]; values: Values } {
  const { release, capabilities } = input;
  try {
    const rendered = renderHelmRelease(helm, input.userValues[0] ?? {}, {
      releaseName: release.name,
      namespace: release.namespace,
      revision: release.revision ?? 1,
      isUpgrade: release.isUpgrade ?? false,
      ...(capabilities.kubeVersion !== undefined && { kubeVersion: capabilities.kubeVersion }),
      ...(capabilities.apiVersions !== undefined && { apiVersions: capabilities.apiVersions }),
      lookup: input.lookup,
    });
    return { files: [...rendered.files].map(([path, content]) => ({ path, content })), values: rendered.values };
  } catch (e) {
    throw asBerthError(input.chart.metadata.name, e);
  }
}

/**
 * Helm's failures as berth's errors: a template that does not parse or execute (`required`, `fail`,
 * an unknown function, a wrong argument type…) is a `RenderFailed` naming file:line:col; values the
 * schemas reject are `ValuesInvalid`; a chart Helm will not install is `ChartInvalid`. Helm's own
 * message is kept, and the original error is the `cause`.
 */
function asBerthError(chart: string, e: unknown): unknown {
  // Nested includes repeat Go's whole message per level: keep its start and its end (the cause).
  if (e instanceof TemplateError) return new RenderFailed(chart, [{ ...templateLocation(e.message), message: clipMiddle(e.message) }], { cause: e });
  if (e instanceof HelmError) {
    if (e.code === "HelmValuesSchema") return new ValuesInvalid(`values of chart ${chart}`, [{ message: e.message }], { cause: e });
    return new ChartInvalid(chart, [{ message: e.message }], { cause: e });
  }
  return e;
}

/** `file:line[:col]` as Go's messages put it: `template: f:3:15: …`, `… at (f:3:15): …`, `parse error at (f:3): …`. */
export function templateLocation(message: string): { source?: string; line?: number; column?: number } {
  const match = /(?:^template: |\()([^\s():]+):(\d+)(?::(\d+))?[:)]/.exec(message);
  if (!match) return {};
  return { source: match[1]!, line: Number(match[2]), ...(match[3] !== undefined && { column: Number(match[3]) }) };
}

/** Values as JSON data, for release records: int64s (bigint) become numbers. */
function jsonData(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(jsonData);
  if (value !== null && typeof value === "object" && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = jsonData(item);
    return out;
  }
  return value;
}
