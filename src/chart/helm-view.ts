import { statSync } from "node:fs";
import { basename, join } from "node:path";
import { BerthError } from "../errors.js";
import { HelmChart } from "./helm/chart.js";
import { loadHelmChart } from "./helm/load.js";
import { ChartInvalid } from "./errors.js";
import type { Chart, ChartDependency, ChartMetadata, JsonSchema } from "./types.js";

// A Helm chart is rendered from what Helm's loader read (HelmChart); berth's Chart is a view of it
// for everything else (typing, typegen, records, sensitive paths). The loaded chart is kept beside
// the view, not in it, so the public Chart type does not carry Helm's internals.
const loaded = new WeakMap<Chart, HelmChart>();

/**
 * Loads a Helm chart directory or `.tgz` as Helm's loader does, and views it as a berth chart:
 * metadata, default values, schema, crds and subcharts (with their alias/condition/tags).
 *
 * @throws {@link ChartInvalid} with Helm's own message (its `cause` is the Helm error)
 */
export async function loadHelmChartView(path: string): Promise<Chart> {
  let helm: HelmChart;
  try {
    helm = loadHelmChart(path);
  } catch (e) {
    if (!(e instanceof BerthError)) throw e;
    throw new ChartInvalid(path, [{ source: `${basename(path)}/Chart.yaml`, message: e.message }], { cause: e });
  }
  return viewOf(helm, isDirectory(path) ? path : undefined);
}

/** The loaded Helm chart behind a chart view: a copy, so a render may change it (dependencies are processed in place). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any chart, whatever its values type
export function helmChartOf(chart: Chart<any>): HelmChart | undefined {
  const helm = loaded.get(chart);
  return helm ? copyTree(helm) : undefined;
}

/** A copy of a chart with more fields (e.g. its package source) that keeps the Helm chart behind a view. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any chart, whatever its values type
export function withFields<C extends Chart<any>>(chart: C, fields: Partial<C>): C {
  const copy = { ...chart, ...fields };
  const helm = loaded.get(chart);
  if (helm) loaded.set(copy, helm);
  return copy;
}

function viewOf(helm: HelmChart, directory: string | undefined): Chart {
  const md = helm.metadata;
  const metadata: ChartMetadata = {
    apiVersion: md.APIVersion,
    name: md.Name,
    version: md.Version,
    type: md.Type === "library" ? "library" : "application",
    ...(md.AppVersion !== "" && { appVersion: md.AppVersion }),
    ...(md.Description !== "" && { description: md.Description }),
  };
  const crds: Record<string, string> = {};
  for (const crd of helm.crdObjects().filter((c) => !c.filename.slice(helm.chartFullPath().length).includes("/charts/"))) {
    crds[crd.name.slice("crds/".length)] = Buffer.from(crd.file.data).toString("utf8");
  }
  const schema = parseSchema(helm.schema);
  const view: Chart = {
    metadata,
    values: helm.values,
    ...(schema !== undefined && { schema }),
    templates: {},
    partials: {},
    crds,
    dependencies: dependenciesOf(helm, directory),
    ...(directory !== undefined && { directory }),
    engine: "gotemplate",
  };
  loaded.set(view, helm);
  return view;
}

/** Subcharts in Chart.yaml's order with their entry (alias, condition, tags), then unlisted ones by name. */
function dependenciesOf(helm: HelmChart, directory: string | undefined): ChartDependency[] {
  const entries = (helm.metadata.Dependencies ?? []).filter((d) => d !== null);
  const view = (sub: HelmChart) => {
    const subDir = directory !== undefined ? join(directory, "charts", sub.name()) : undefined;
    return viewOf(sub, subDir !== undefined && isDirectory(subDir) ? subDir : undefined);
  };
  const out: ChartDependency[] = [];
  for (const entry of entries) {
    const sub = helm.dependencies().find((d) => d.name() === entry.Name);
    if (!sub) continue;
    out.push({
      chart: view(sub),
      ...(entry.Alias && { alias: entry.Alias }),
      ...(entry.Condition && { condition: entry.Condition }),
      ...(entry.Tags.length > 0 && { tags: entry.Tags }),
    });
  }
  for (const sub of helm.dependencies()) {
    if (!entries.some((e) => e.Name === sub.name())) out.push({ chart: view(sub) });
  }
  return out;
}

function parseSchema(bytes: Uint8Array | undefined): JsonSchema | undefined {
  if (bytes === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(bytes).toString("utf8")) as JsonSchema;
  } catch {
    return undefined; // Helm reports it when it validates values
  }
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** A copy of a chart tree whose metadata, values and dependency lists may be changed; file bytes are shared. */
function copyTree(helm: HelmChart): HelmChart {
  const copy = new HelmChart(structuredClone(helm.metadata));
  copy.templates = helm.templates;
  copy.values = structuredClone(helm.values);
  copy.schema = helm.schema;
  copy.files = helm.files;
  copy.hasLock = helm.hasLock;
  copy.addDependency(...helm.dependencies().map(copyTree));
  return copy;
}
