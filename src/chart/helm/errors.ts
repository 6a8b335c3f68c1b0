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
export abstract class HelmError extends BerthError {
  /** The stable failure code. */
  declare readonly code: HelmErrorCode;

  /** @param code - the failure code @param message - Helm's text @param options - the underlying cause, when there is one */
  constructor(code: HelmErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** Chart.yaml / requirements.yaml / values.yaml unreadable, or metadata invalid (helm's "validation: …"). */
export class HelmChartInvalid extends HelmError {
  /** @param message - Helm's text @param options - the underlying cause, when there is one */
  constructor(message: string, options?: { cause?: unknown }) {
    super("HelmChartInvalid", message, options);
  }
}

/** A dependency listed in Chart.yaml is not in charts/. */
export class HelmDependencyMissing extends HelmError {
  /** @param message - Helm's text @param options - the underlying cause, when there is one */
  constructor(message: string, options?: { cause?: unknown }) {
    super("HelmDependencyMissing", message, options);
  }
}

/** Values do not meet a chart's values.schema.json. */
export class HelmValuesSchema extends HelmError {
  /** @param message - Helm's text @param options - the underlying cause, when there is one */
  constructor(message: string, options?: { cause?: unknown }) {
    super("HelmValuesSchema", message, options);
  }
}

/** A `-f` file or `--set` expression could not be read. */
export class HelmValuesInvalid extends HelmError {
  /** @param message - Helm's text @param options - the underlying cause, when there is one */
  constructor(message: string, options?: { cause?: unknown }) {
    super("HelmValuesInvalid", message, options);
  }
}

/** A rendered manifest is not valid YAML. */
export class HelmManifestInvalid extends HelmError {
  /** @param message - Helm's text @param options - the underlying cause, when there is one */
  constructor(message: string, options?: { cause?: unknown }) {
    super("HelmManifestInvalid", message, options);
  }
}

/** The chart cannot be rendered (library chart, kubeVersion mismatch, --show-only miss). */
export class HelmNotRenderable extends HelmError {
  /** @param message - Helm's text @param options - the underlying cause, when there is one */
  constructor(message: string, options?: { cause?: unknown }) {
    super("HelmNotRenderable", message, options);
  }
}

/** The {@link HelmError} subclass of a code, for re-throwing a caught error with more context. */
export function helmError(code: HelmErrorCode, message: string, options?: { cause?: unknown }): HelmError {
  const classes = { HelmChartInvalid, HelmDependencyMissing, HelmValuesSchema, HelmValuesInvalid, HelmManifestInvalid, HelmNotRenderable };
  return new classes[code](message, options);
}
