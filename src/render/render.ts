import type { Chart } from "../chart/types.js";
import type { UserValuesInput } from "../values/user-values.js";
import type { CapabilitiesInput } from "./capabilities.js";
import type { EngineInput, EngineOutput, RenderEngine, RenderRelease } from "./engine.js";
import { RenderFailed } from "./errors.js";
import { compareText, type IsNamespaced } from "../model/kinds.js";
import { emptyLookup, LookupRounds, type ClusterReader } from "./lookup.js";
import { mustacheEngine } from "./mustache/engine.js";
import { collectObjects } from "./objects.js";
import type { RenderResult } from "../model/rendered.js";

export type { RenderRelease } from "./engine.js";

/** How to render (what is rendered — chart, values, release — comes separately). */
export interface RenderOptions {
  /** A missing `{{value}}` is an error (else it renders empty); mustache charts only. @defaultValue true */
  readonly strict?: boolean;
  /** What the cluster offers, for `Capabilities`. @defaultValue Kubernetes v1.31 with its built-in APIs */
  readonly capabilities?: CapabilitiesInput;
  /** Whether a kind is namespaced (e.g. from discovery); `undefined` falls back to the built-in table. */
  readonly isNamespaced?: IsNamespaced;
}

/** How a render reaches the cluster, when it may (plan and deploy; never `template`). */
export interface RenderClusterAccess {
  /** What Helm's `lookup` reads; without it `lookup` returns empty maps, as `helm template` does. */
  readonly reader?: ClusterReader;
  /** Aborts the reads. */
  readonly signal?: AbortSignal;
}

/** Rounds of lookups before a render gives up reading: each round's lookups may depend on the last's answers. */
const MAX_LOOKUP_ROUNDS = 8;

/**
 * The engine a chart's templates are written for. The Go-template engine (Helm's rendering, the
 * Go template engine, Sprig) is loaded on first use: a TypeScript or mustache chart never needs it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any chart, whatever its values type
export async function engineOf(chart: Chart<any>): Promise<RenderEngine> {
  return chart.engine === "gotemplate" ? (await import("./go-engine.js")).goTemplateEngine : mustacheEngine;
}

/**
 * Renders a chart with the user's values into objects, CRDs, hooks and notes, with the chart's
 * engine; whichever it is, the result has the same shape and the same checks.
 *
 * @param values - the user's values files, values in code and `--set` expressions
 * @throws `ValuesInvalid` for values the schemas reject
 * @throws {@link RenderFailed} listing every problem in every template
 */
export async function renderChart(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any chart, whatever its values type
  chart: Chart<any>,
  values: UserValuesInput,
  release: RenderRelease,
  options: RenderOptions = {},
  cluster: RenderClusterAccess = {},
): Promise<RenderResult> {
  const engine = await engineOf(chart);
  const userValues = await engine.userValues(values);
  const input: Omit<EngineInput, "lookup"> = { chart, userValues, release, strict: options.strict ?? true, capabilities: options.capabilities ?? {} };
  let output: EngineOutput;
  if (!cluster.reader) {
    output = engine.render({ ...input, lookup: emptyLookup });
  } else {
    const rounds = new LookupRounds(cluster.reader);
    const attempt = (): { output: EngineOutput } | { error: unknown } => {
      try {
        return { output: engine.render({ ...input, lookup: rounds.lookup }) };
      } catch (error) {
        // A template may fail on a lookup answered `{}` for now (e.g. `len` of its `items`): read, then judge.
        if (!rounds.missed) throw error;
        return { error };
      }
    };
    let result = attempt();
    for (let round = 1; rounds.missed && round < MAX_LOOKUP_ROUNDS; round++) {
      await rounds.read(cluster.signal);
      result = attempt();
    }
    if (!("output" in result)) throw result.error;
    output = result.output;
  }
  return finishRender(chart.metadata.name, output, release.namespace, options.isNamespaced);
}

/** Checks an engine's documents as objects, splits off hooks, sorts; throws when anything is wrong. */
function finishRender(chartName: string, output: EngineOutput, namespace: string, isNamespaced: IsNamespaced | undefined): RenderResult {
  const collected = collectObjects(output.documents, namespace, isNamespaced);
  const issues = [...output.issues, ...collected.issues];
  if (issues.length > 0) throw new RenderFailed(chartName, issues);
  const crds = [...output.crds].sort((a, b) => compareText(a.object.metadata.name, b.object.metadata.name));
  return { objects: collected.objects, crds, hooks: collected.hooks, notes: output.notes, values: output.values, warnings: [...output.warnings, ...collected.warnings] };
}
