import { helmChartOf } from "../chart/helm-view.js";
import type { Values } from "../values/types.js";
import type { EngineInput, EngineOutput, RenderEngine } from "./engine.js";
import { RenderError } from "./errors.js";
import { collectHelmUserValues } from "./go-values.js";
import { readHelmManifests, type RenderedFile } from "./helm-manifests.js";
import { parseCrdFile } from "./crds.js";
import type { Issue } from "../chart/issue.js";
import type { RenderedObject } from "./types.js";

/**
 * Go templates as Helm renders them: Helm's values merging and coalescing, dependency conditions,
 * tags and import-values, schemas, then every template of the chart tree (Go text/template, Sprig,
 * Helm's functions); the rendered files are split and read as Helm reads them.
 */
export const goTemplateEngine: RenderEngine = {
  userValues: collectHelmUserValues,
  render(input: EngineInput): EngineOutput {
    const helm = helmChartOf(input.chart);
    if (!helm) throw new RenderError(input.chart.metadata.name, [{ message: "this Go-template chart was not loaded by loadChart(); load it from its directory" }]);
    const rendered = renderHelmFiles(input);
    const manifests = readHelmManifests(rendered.files, helm.name());
    const issues: Issue[] = [...manifests.issues];
    const crds: RenderedObject[] = [];
    for (const crd of helm.crdObjects()) crds.push(...parseCrdFile(Buffer.from(crd.file.data).toString("utf8"), crd.filename, issues));
    return { documents: manifests.documents, crds, notes: manifests.notes, values: jsonData(rendered.values) as Values, issues, warnings: manifests.warnings };
  },
};

/** Placeholder until the Helm renderer lands. */
function renderHelmFiles(input: EngineInput): { files: RenderedFile[]; values: Values } {
  throw new RenderError(input.chart.metadata.name, [{ message: "Go templates are not supported yet" }]);
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
