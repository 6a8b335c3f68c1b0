/**
 * berth — deploy applications to Kubernetes the way Helm does, as TypeScript code.
 *
 * The public API is what deploy scripts and Node apps are written with: `connect` and the
 * {@link Cluster} verbs, charts (`defineChart`, `loadChart`), `template`, plans (formatting, saving,
 * applying), events, errors and the local control plane. Everything else in `src/` is internal:
 * the CLI and the tests import it from its own module.
 *
 * @packageDocumentation
 */

// connect and the verbs
export { connect } from "./actions/connect.js";
export type { ConnectOptions } from "./actions/connect.js";
export type { ConfigurationOptions, StorageKind } from "./actions/configuration.js";
export type { KubeConfigSource } from "./kube/config.js";
export { Cluster } from "./actions/cluster.js";
export type { DeployArgs, DeployOptions, DeployResult } from "./actions/types.js";
export type { ApplySavedPlanOptions, OperationOptions, WaitSettings } from "./apply/options.js";
export type { RollbackOptions } from "./actions/rollback.js";
export type { UninstallOptions, UninstallResult } from "./actions/uninstall.js";
export type { ListReleasesOptions, QueryOptions, ReleaseStatusReport, RevisionInfo } from "./actions/queries.js";
export type { TestOptions, TestResult } from "./actions/test.js";
export type { CodeHook, CodeHookContext, CodeHooks } from "./hooks/code-hooks.js";

// release records, as `get`, `unlock` and `status` return them
export type { HookLastRun, HookLastRunPhase, Release, ReleaseChart, ReleaseHook, ReleaseLock, ReleaseStatus } from "./storage/release.js";

// the cluster client code hooks and scripts are given (`cluster.kube`, `context.kube`)
export type { ApplyOptions, DeleteOptions, KubeApi, ListOptions, ListResult, PodLogOptions, ResourceInfo, WatchEvent } from "./kube/types.js";
export type { KubeMetadata, KubeObject } from "./model/object.js";
export type { ObjectRef } from "./model/ref.js";

// charts
export { defineChart } from "./chart/define.js";
export type { ChartDefinition } from "./chart/define.js";
export { loadChart } from "./chart/load.js";
export type { ChartSourceOptions } from "./chart/package/resolve.js";
export type { ChartPaths } from "./chart/repo/config.js";
export type { CredentialSources, RegistryCredentials } from "./chart/oci/credentials.js";
export type { HttpOptions } from "./chart/package/http.js";
export type { ProvenanceSigner } from "./chart/package/provenance.js";
export type { Chart, ChartDependency, ChartEngine, ChartMetadata, ChartPackageSource, ChartType, JsonSchema, TemplateFunction, TemplateOutput, TemplateSource, ValuesValidator, ValuesViolation } from "./chart/types.js";
export type { Capabilities, ChartInfo, ReleaseInfo, TemplateContext, TemplateInfo } from "./chart/context.js";
export type { DeepPartial, Values } from "./model/values.js";
export { generateValuesTypes } from "./typegen/generate.js";
export type { GenerateValuesTypesOptions } from "./typegen/generate.js";
// annotations a chart puts on its objects
export { DEPENDS_ON_ANNOTATION } from "./apply/graph.js";
export { SKIP_WAIT_ANNOTATION, TIMEOUT_ANNOTATION } from "./wait/wait.js";
export { SENSITIVE_PATHS_ANNOTATION } from "./plan/sensitive.js";
export { RESOURCE_POLICY_ANNOTATION } from "./model/ownership.js";

// template: render without a cluster
export { template } from "./actions/template.js";
export type { TemplateArgs, TemplateOptions } from "./actions/template.js";
export type { RenderOptions } from "./render/render.js";
export type { IsNamespaced } from "./model/kinds.js";
export type { CapabilitiesInput } from "./render/capabilities.js";
export type { HookDeletePolicy, HookEvent, RenderedHook, RenderedObject, RenderResult, RenderWarning } from "./model/rendered.js";
export { formatManifests } from "./render/manifest.js";
export type { ManifestOptions } from "./render/manifest.js";

// plans: formatting, saving, applying (`cluster.plan`, `cluster.applyPlan`)
export type { FieldChange, Plan, PlanAction, PlanChartMetadata, PlanChartRef, PlanDrift, PlanFieldDiff, PlanHook, PlanObjectRef, PlanOp, PlanPayload, PlanProblem, PlanRelease, PlanReleaseDraft, PlanSummary, RedactedChange } from "./plan/types.js";
export { formatPlanText } from "./plan/format/text.js";
export type { TextFormatOptions } from "./plan/format/text.js";
export { formatPlanJson, PLAN_JSON_VERSION } from "./plan/format/json.js";
export { formatPlanMarkdown } from "./plan/format/markdown.js";
export { loadPlan, loadPlans, savePlan, savePlans } from "./plan/saved.js";
export type { SavedPlanOptions } from "./plan/saved.js";
export type { PlanKey } from "./plan/seal.js";

// events (`onEvent`)
export type { ApplyEvent, DeployEvent, DoneEvent, ObjectAppliedEvent, PlanComputedEvent, RevisionPendingEvent, RollbackStartedEvent } from "./apply/events.js";
export type { KubernetesEventEvent, KubernetesEventSummary, ObjectReadyEvent, ObjectWaitingEvent, WaitEvent } from "./wait/events.js";
export type { HookFinishedEvent, HookPhase, HookRun, HookRunEvent, HookStartedEvent } from "./hooks/events.js";

// the local control plane
export { startLocalCluster } from "./local/control-plane.js";
export type { LocalCluster, LocalClusterEvent, LocalClusterOptions } from "./local/control-plane.js";
export type { LocalBuildDoneEvent, LocalBuildEvent, LocalBuildProgressEvent, LocalBuildStartEvent } from "./local/build-events.js";
export type { BinaryOptions } from "./local/binaries.js";
export type { LocalBinary } from "./local/versions.js";
export { describeLocalClusterEvent } from "./local/progress-text.js";

// errors: one class per code (match on `code` or `instanceof`)
export { BerthError } from "./errors.js";
export type { BerthErrorCode } from "./errors.js";
export { ChartInvalid } from "./chart/errors.js";
export type { Issue } from "./model/issue.js";
export { ValuesInvalid } from "./values/errors.js";
export { RenderFailed } from "./render/errors.js";
export { Aborted, KubeApiError, KubeConfigInvalid, KubeUnreachable, WriteUncertain, UnknownKind, WaitTimeout } from "./kube/errors.js";
export type { ApiStatus } from "./kube/errors.js";
export { WaitFailed, ReadinessTimeout, DurationInvalid } from "./wait/errors.js";
export type { UnreadyObject } from "./wait/errors.js";
export { HookFailed } from "./hooks/errors.js";
export type { HookPodLog } from "./hooks/errors.js";
export { InvalidNamespace, InvalidReleaseName, LeaseLost, ReleaseExists, ReleaseLocked, ReleaseNotFound, StorageConflict, StorageCorrupt, StorageKeyMismatch } from "./storage/errors.js";
export { OwnershipConflict, PlanBlocked, PlanDecryptFailed, PlanFileInvalid, PlanKeyRequired, PlanStale, SavedPlanIncomplete } from "./plan/errors.js";
export type { StaleItem } from "./plan/errors.js";
export { PlanNotApproved } from "./actions/errors.js";
export { InvalidArguments } from "./actions/call-args.js";
export { OperationFailed } from "./apply/errors.js";
export type { RecoveryOutcome } from "./apply/errors.js";
export { DependencyInvalid } from "./apply/graph.js";
export { WriteRefused } from "./kube/write-guard.js";
export { GoNotFound, LocalBuildFailed, LocalStartFailed } from "./local/errors.js";
export { HelmError, HelmChartInvalid, HelmDependencyMissing, HelmManifestInvalid, HelmNotRenderable, HelmValuesInvalid, HelmValuesSchema } from "./chart/helm/errors.js";
export type { HelmErrorCode } from "./chart/helm/errors.js";
export { HelmYamlInvalid } from "./chart/helm/yaml-errors.js";
export { TemplateError, TemplateExecError, TemplateNotDefined, TemplateParseError } from "./gotemplate/errors.js";
export type { TemplateErrorCode } from "./gotemplate/errors.js";
export { SprigError, SprigFuncFailed, SprigRegexInvalid } from "./gotemplate/sprig/errors.js";
export { ScriptFailed, ScriptNotFound, ScriptTypeError } from "./runner/errors.js";
export type { ScriptDiagnostic, ScriptLocation } from "./runner/errors.js";
export { TypegenError, TypegenRefUnresolved, TypegenTypeNameInvalid } from "./typegen/errors.js";
export type { TypegenErrorCode } from "./typegen/errors.js";
export { ChartSourceError, ChartReferenceInvalid, ChartNotFound, ChartSourceUnreachable, ChartAuthFailed, ChartDigestMismatch, ChartDigestChanged, ChartArchiveInvalid, ChartLockOutdated, ChartProvenanceInvalid } from "./chart/package/errors.js";
export type { ChartSourceContext } from "./chart/package/errors.js";
