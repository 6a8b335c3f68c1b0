/** A loaded Helm chart (Go's `chart.Chart`): metadata, templates, values, files and subcharts. */
import type { HelmMetadata } from "./metadata.js";

/** A file of a chart: its slash-separated path inside the chart and its bytes. */
export interface HelmFile {
  readonly name: string;
  readonly data: Uint8Array;
}

/** A CRD file of a chart tree (Go's `chart.CRD`). */
export interface HelmCrd {
  /** The path inside its chart, e.g. `crds/a.yaml`. */
  readonly name: string;
  /** The path in the chart tree, e.g. `parent/charts/sub/crds/a.yaml`. */
  readonly filename: string;
  readonly file: HelmFile;
}

/** A Helm chart as Helm's loader builds it. */
export class HelmChart {
  /** Chart.yaml (plus requirements.yaml for apiVersion v1). */
  metadata: HelmMetadata;
  /** templates/** files. */
  templates: HelmFile[] = [];
  /** values.yaml, read as Helm reads it (numbers are float64). */
  values: Record<string, unknown> = {};
  /** values.schema.json, when present. */
  schema: Uint8Array | undefined;
  /** Every other file (what `.Files` sees). */
  files: HelmFile[] = [];
  /** Chart.lock / requirements.lock was present. */
  hasLock = false;
  private parentChart: HelmChart | undefined;
  private deps: HelmChart[] = [];

  constructor(metadata: HelmMetadata) {
    this.metadata = metadata;
  }

  /** The chart's name (`.Chart.Name`; the alias once dependencies are processed). */
  name(): string {
    return this.metadata.Name;
  }

  /** The subcharts, in load order. */
  dependencies(): readonly HelmChart[] {
    return this.deps;
  }

  /** Appends subcharts, making this chart their parent. */
  addDependency(...charts: HelmChart[]): void {
    for (const c of charts) {
      c.parentChart = this;
      this.deps.push(c);
    }
  }

  /** Replaces the subcharts. */
  setDependencies(...charts: HelmChart[]): void {
    this.deps = [];
    this.addDependency(...charts);
  }

  /** The chart that vendors this one, if any. */
  parent(): HelmChart | undefined {
    return this.parentChart;
  }

  /** True for the chart being rendered (no parent). */
  isRoot(): boolean {
    return this.parentChart === undefined;
  }

  /** `parent/charts/child`: the path template names are prefixed with. */
  chartFullPath(): string {
    return this.parentChart ? `${this.parentChart.chartFullPath()}/charts/${this.name()}` : this.name();
  }

  /** A shallow copy with its own metadata object (Go's `out := *c; md := *c.Metadata`). */
  copyWithMetadata(md: HelmMetadata): HelmChart {
    const c = new HelmChart(md);
    c.templates = this.templates;
    c.values = this.values;
    c.schema = this.schema;
    c.files = this.files;
    c.hasLock = this.hasLock;
    c.parentChart = this.parentChart;
    c.deps = this.deps;
    return c;
  }

  /** The CRDs of this chart and its subcharts (crds/*.yaml|yml|json), parents first. */
  crdObjects(): HelmCrd[] {
    const out: HelmCrd[] = [];
    for (const f of this.files) {
      if (f.name.startsWith("crds/") && /\.(ya?ml|json)$/i.test(f.name)) {
        out.push({ name: f.name, filename: `${this.chartFullPath()}/${f.name}`, file: f });
      }
    }
    for (const d of this.deps) out.push(...d.crdObjects());
    return out;
  }
}
