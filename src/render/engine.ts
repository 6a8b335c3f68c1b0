import type { Issue } from "../model/issue.js";
import type { Chart } from "../chart/types.js";
import type { Values } from "../model/values.js";
import type { UserValuesInput } from "../values/user-values.js";
import type { CapabilitiesInput } from "./capabilities.js";
import type { LookupFunction } from "./lookup.js";
import type { SourcedValue } from "./objects.js";
import type { RenderedObject, RenderWarning } from "../model/rendered.js";

/** The release a chart is rendered for. */
export interface RenderRelease {
  /** The release name. */
  readonly name: string;
  /** The release namespace. */
  readonly namespace: string;
  /** @defaultValue 1 */
  readonly revision?: number;
  /** @defaultValue false */
  readonly isUpgrade?: boolean;
}

/** What an engine renders: a chart with the user's values, for a release. */
export interface EngineInput {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any chart, whatever its values type
  readonly chart: Chart<any>;
  /** User values as {@link RenderEngine.userValues} gave them. */
  readonly userValues: readonly Values[];
  readonly release: RenderRelease;
  /** A missing value is an error (mustache); Go templates follow Helm (`<no value>` renders empty). */
  readonly strict: boolean;
  readonly capabilities: CapabilitiesInput;
  /** Helm's `lookup`: a read-only, synchronous view of the cluster (empty maps without one). */
  readonly lookup: LookupFunction;
}

/**
 * What an engine rendered, before the render stage checks the documents as objects, splits off
 * hooks and sorts them: the same shape whichever engine made it, so nothing after the render
 * stage knows which engine a chart uses.
 */
export interface EngineOutput {
  /** Every non-empty YAML document, with the template it came from, in template order. */
  readonly documents: readonly SourcedValue[];
  /** CRDs from `crds/` (never templated). */
  readonly crds: readonly RenderedObject[];
  /** The top chart's rendered NOTES.txt; empty without one. */
  readonly notes: string;
  /** The top chart's computed values (JSON data: what a release record stores). */
  readonly values: Values;
  /** Every template problem found; the render fails when there is any. */
  readonly issues: readonly Issue[];
  /** Non-fatal findings. */
  readonly warnings: readonly RenderWarning[];
}

/**
 * A template engine of the render stage: mustache with structural interpolation
 * (`render/mustache/`) or Go templates as Helm renders them (`render/helm/` over the `gotemplate/` engine).
 * Values problems are thrown (`ValuesInvalid`); template problems are returned as issues.
 */
export interface RenderEngine {
  /** Reads and merges the user's values as this engine's charts expect them (files, code, `--set`). */
  userValues(input: UserValuesInput): Promise<readonly Values[]>;
  /** Renders a chart tree to documents. */
  render(input: EngineInput): EngineOutput;
}
