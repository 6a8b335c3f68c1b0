import { BerthError } from "../../errors.js";

/** The failure codes of Helm chart loading and `helm template`. */
export type HelmErrorCode =
  /** Chart.yaml / requirements.yaml / values.yaml unreadable, or metadata invalid (helm's "validation: …"). */
  | "HelmChartInvalid"
  /** A dependency listed in Chart.yaml is not in charts/. */
  | "HelmDependencyMissing"
  /** Values do not meet a chart's values.schema.json. */
  | "HelmValuesSchema"
  /** A `-f` file or `--set` expression could not be read. */
  | "HelmValuesInvalid"
  /** A rendered manifest is not valid YAML. */
  | "HelmManifestInvalid"
  /** The chart cannot be rendered (library chart, kubeVersion mismatch, --show-only miss). */
  | "HelmNotRenderable";

/**
 * A Helm chart could not be loaded or rendered. The message is Helm's own wording (what
 * `helm template` prints after `Error: `), so users can search for it.
 */
export class HelmError extends BerthError {
  override readonly code: HelmErrorCode;

  constructor(code: HelmErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.code = code;
  }
}
