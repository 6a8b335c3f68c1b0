import { ChartInvalid } from "./errors.js";
import type { Issue } from "../model/issue.js";
import type { Chart, ChartDependency, ChartType, JsonSchema, TemplateSource, ValuesValidator } from "./types.js";
import { metadataIssues } from "./validate.js";
import { unusableData } from "../util/plain-data.js";

/** What {@link defineChart} takes: a whole chart as a TypeScript value. */
export interface ChartDefinition<V> {
  /** The chart's name. */
  readonly name: string;
  /** A SemVer 2 version. */
  readonly version: string;
  /** The version of the application the chart deploys; free text. */
  readonly appVersion?: string;
  /** A one-line description of the chart. */
  readonly description?: string;
  /** Whether the chart renders objects (`application`) or only contributes partials (`library`). @defaultValue "application" */
  readonly type?: ChartType;
  /** The default values; they type `Values` in every template. */
  readonly values: V;
  /** A JSON Schema or a validator function for the coalesced values. */
  readonly schema?: JsonSchema | ValuesValidator;
  /** Templates by file name, e.g. `{ "deployment.yaml": "…mustache…" }` or functions of the context. */
  readonly templates?: Readonly<Record<string, TemplateSource<V>>>;
  /** Mustache partials by name, usable as `{{> name}}` in this chart's templates. */
  readonly partials?: Readonly<Record<string, string>>;
  /** NOTES.txt text (mustache). */
  readonly notes?: string;
  /** CRD manifests by file name; never templated. */
  readonly crds?: Readonly<Record<string, string>>;
  /** Subcharts: a chart, or a chart with `alias`/`condition`/`tags`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- subcharts have their own values types
  readonly dependencies?: readonly (Chart<any> | ChartDependency)[];
}

/**
 * Defines a chart in code.
 *
 * @example
 * ```ts
 * const web = defineChart({
 *   name: "web", version: "1.0.0",
 *   values: { replicas: 2, image: "nginx:1.27" },
 *   templates: {
 *     "deployment.yaml": (ctx) => ({ apiVersion: "apps/v1", kind: "Deployment",
 *       metadata: { name: ctx.Release.Name }, spec: { replicas: ctx.Values.replicas } }),
 *   },
 * });
 * ```
 * @throws {@link ChartInvalid} when the name, version or type is invalid
 */
export function defineChart<V>(definition: ChartDefinition<V>): Chart<V> {
  const metadata = {
    apiVersion: "v2",
    name: definition.name,
    version: definition.version,
    type: definition.type ?? "application",
    ...(definition.appVersion !== undefined && { appVersion: definition.appVersion }),
    ...(definition.description !== undefined && { description: definition.description }),
  };
  const issues: Issue[] = metadataIssues(metadata, `defineChart(${definition.name})`);
  if (definition.values === null || typeof definition.values !== "object" || Array.isArray(definition.values)) {
    issues.push({ path: "values", message: "values must be an object (the default values)" });
  } else {
    const unusable = unusableData(definition.values);
    if (unusable) issues.push({ path: `values.${unusable.path}`, message: `the default value ${unusable.path} ${unusable.problem}` });
  }
  if (issues.length > 0) throw new ChartInvalid(String(definition.name), issues);
  return {
    metadata,
    values: definition.values,
    ...(definition.schema !== undefined && { schema: definition.schema }),
    templates: definition.templates ?? {},
    partials: definition.partials ?? {},
    ...(definition.notes !== undefined && { notes: definition.notes }),
    crds: definition.crds ?? {},
    dependencies: (definition.dependencies ?? []).map((d) => ("chart" in d ? d : { chart: d })),
  };
}
