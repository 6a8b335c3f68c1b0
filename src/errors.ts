/**
 * The stable code of a berth failure: the name of the {@link BerthError} subclass thrown for it
 * (e.g. `"ValuesInvalid"` is thrown as `ValuesInvalid`), one per class.
 * `test/project/errors.test.ts` keeps this union and the classes in step.
 */
export type BerthErrorCode =
  | "Aborted"
  | "ChartArchiveInvalid"
  | "ChartAuthFailed"
  | "ChartDigestChanged"
  | "ChartDigestMismatch"
  | "ChartInvalid"
  | "ChartLockOutdated"
  | "ChartNotFound"
  | "ChartProvenanceInvalid"
  | "ChartReferenceInvalid"
  | "ChartSourceUnreachable"
  | "DependencyInvalid"
  | "DurationInvalid"
  | "GoNotFound"
  | "HelmChartInvalid"
  | "HelmDependencyMissing"
  | "HelmManifestInvalid"
  | "HelmNotRenderable"
  | "HelmValuesInvalid"
  | "HelmValuesSchema"
  | "HelmYamlInvalid"
  | "HookFailed"
  | "InvalidArguments"
  | "InvalidNamespace"
  | "InvalidReleaseName"
  | "KubeApiError"
  | "KubeConfigInvalid"
  | "KubeUnreachable"
  | "LeaseLost"
  | "LocalBuildFailed"
  | "LocalStartFailed"
  | "OperationFailed"
  | "OwnershipConflict"
  | "PlanBlocked"
  | "PlanDecryptFailed"
  | "PlanFileInvalid"
  | "PlanKeyRequired"
  | "PlanNotApproved"
  | "PlanStale"
  | "ReadinessTimeout"
  | "ReleaseExists"
  | "ReleaseLocked"
  | "ReleaseNotFound"
  | "RenderFailed"
  | "SavedPlanIncomplete"
  | "ScriptFailed"
  | "ScriptNotFound"
  | "ScriptTypeError"
  | "SprigFuncFailed"
  | "SprigRegexInvalid"
  | "StorageConflict"
  | "StorageCorrupt"
  | "StorageKeyMismatch"
  | "TemplateExecError"
  | "TemplateNotDefined"
  | "TemplateParseError"
  | "TypegenRefUnresolved"
  | "TypegenTypeNameInvalid"
  | "UnknownKind"
  | "UsageError"
  | "ValuesInvalid"
  | "WaitFailed"
  | "WaitTimeout"
  | "WriteRefused"
  | "WriteUncertain";

/**
 * The base of every error berth throws.
 *
 * @remarks
 * Each failure has its own subclass with a stable string `code`; match on `code`
 * (or `instanceof`), never on the message text, which may be reworded.
 *
 * @example
 * ```ts
 * try { await cluster.deploy(chart, args); }
 * catch (e) { if (e instanceof BerthError && e.code === "ReleaseLocked") retryLater(); }
 * ```
 */
export class BerthError extends Error {
  /** A stable identifier of the failure, e.g. `"ValuesInvalid"`. */
  readonly code: BerthErrorCode;

  /**
   * @param code - the stable failure code
   * @param message - what went wrong and how to fix it
   * @param options - the underlying cause, when there is one
   */
  constructor(code: BerthErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}
