import { quoteInput } from "../util/quote.js";
import { ChartInvalid } from "../chart/errors.js";
import { isDns1123Label } from "../util/dns.js";
import type { Chart } from "../chart/types.js";
import { RenderFailed } from "../render/errors.js";
import { renderChart, type RenderClusterAccess, type RenderOptions } from "../render/render.js";
import type { RenderResult } from "../model/rendered.js";
import type { DeepPartial } from "../model/values.js";
import { checkCallArgs } from "./call-args.js";


/** What is rendered: the release and the user's values. */
export interface TemplateArgs<V> {
  /** The release name: a DNS label of at most 53 characters. */
  readonly release: string;
  /** The release's namespace (`Release.Namespace`); `deploy` defaults it to the configuration's namespace. @defaultValue "default" */
  readonly namespace?: string;
  /** Values in code; a list is applied in order. They override `valueFiles` and are overridden by `set`. */
  readonly values?: DeepPartial<V> | readonly DeepPartial<V>[];
  /** Values files, in order (like `-f`). */
  readonly valueFiles?: readonly string[];
  /** Helm `--set` expressions, in order, e.g. `image.tag=1.27,ingress.hosts[0]=a.example.com`. */
  readonly set?: readonly string[];
}

/** How to render. */
export interface TemplateOptions extends RenderOptions {
  /** `Release.Revision`. @defaultValue 1 */
  readonly revision?: number;
  /** `Release.IsUpgrade` (and not `IsInstall`). @defaultValue false */
  readonly isUpgrade?: boolean;
}

/**
 * Renders a chart without a cluster: coalesces values (defaults ← files ← code ← `--set`),
 * validates them against every chart's schema, renders every template. Helm charts render as
 * `helm template` renders them (`lookup` returns empty maps).
 *
 * @example
 * ```ts
 * const result = await template(await loadChart("charts/web"), { release: "web", values: { replicas: 2 } });
 * console.log(formatManifests(result));
 * ```
 * @throws {@link ChartInvalid} for a library chart
 * @throws `ValuesInvalid` listing every schema violation with its value path
 * @throws {@link RenderFailed} (code `RenderFailed`) listing every template problem
 */
export async function template<V>(chart: Chart<V>, args: TemplateArgs<V>, options: TemplateOptions = {}): Promise<RenderResult> {
  return renderWith(chart, args, options, {});
}

/** {@link template}, with the cluster's read-only view for Helm's `lookup` (plan and deploy). */
export async function renderWith<V>(chart: Chart<V>, args: TemplateArgs<V>, options: TemplateOptions, cluster: RenderClusterAccess): Promise<RenderResult> {
  checkCallArgs(chart, args);
  if (chart.metadata.type === "library") {
    throw new ChartInvalid(chart.metadata.name, [{ message: "a library chart only provides partials and cannot be rendered; render a chart that depends on it" }]);
  }
  if (!isDns1123Label(args.release) || args.release.length > 53) {
    throw new RenderFailed(chart.metadata.name, [{ path: "release", message: `release name ${quoteInput(args.release)} is invalid: use lowercase letters, digits and '-', at most 53 characters` }]);
  }
  return renderChart(chart, args, {
    name: args.release,
    namespace: args.namespace ?? "default",
    ...(options.revision !== undefined && { revision: options.revision }),
    ...(options.isUpgrade !== undefined && { isUpgrade: options.isUpgrade }),
  }, options, cluster);
}
