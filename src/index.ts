/**
 * berth — deploy applications to Kubernetes the way Helm does, as TypeScript code.
 *
 * @packageDocumentation
 */

export { BerthError } from "./errors.js";
export type { BerthErrorCode } from "./errors.js";

// chart → values → render (issue 4)
export { defineChart } from "./chart/define.js";
export type { ChartDefinition } from "./chart/define.js";
export { loadChart } from "./chart/load.js";
export { ChartInvalid } from "./chart/errors.js";
export type { Issue } from "./model/issue.js";
export type { Chart, ChartDependency, ChartMetadata, ChartPackageSource, ChartType, JsonSchema, TemplateFunction, TemplateOutput, TemplateSource, ValuesValidator, ValuesViolation } from "./chart/types.js";
export type { Capabilities, ChartInfo, ReleaseInfo, TemplateContext, TemplateInfo } from "./chart/context.js";
export { ValuesInvalid } from "./values/errors.js";
export { parseSet } from "./values/set-syntax.js";
export type { DeepPartial, Values } from "./model/values.js";
export { RenderFailed } from "./render/errors.js";
export { formatManifests } from "./render/manifest.js";
export type { ManifestOptions } from "./render/manifest.js";
export { INSTALL_ORDER, compareKinds, isNamespacedByTable } from "./model/kinds.js";
export type { IsNamespaced } from "./model/kinds.js";
export { DEFAULT_API_VERSIONS } from "./render/capabilities.js";
export type { CapabilitiesInput } from "./render/capabilities.js";
export type { RenderOptions } from "./render/render.js";
export type { HookDeletePolicy, HookEvent, RenderedHook, RenderedObject, RenderResult, RenderWarning } from "./model/rendered.js";
export type { KubeMetadata, KubeObject } from "./model/object.js";
export { template } from "./actions/template.js";
export type { TemplateArgs, TemplateOptions } from "./actions/template.js";
// kube
export { Aborted, KubeApiError, KubeConfigInvalid, KubeUnreachable, WriteUncertain, UnknownKind, WaitTimeout } from "./kube/errors.js";
export type { KubeConfigSource } from "./kube/config.js";

// readiness waiting and hooks (issue 7)
export { waitForReady, TIMEOUT_ANNOTATION, SKIP_WAIT_ANNOTATION } from "./wait/wait.js";
export type { ObjectWaitOverride, WaitOptions, WaitReport } from "./wait/wait.js";
export { readiness } from "./wait/readiness.js";
export type { Readiness, ReadinessOptions, ReadinessState } from "./wait/readiness-types.js";
export { WaitFailed, ReadinessTimeout, DurationInvalid } from "./wait/errors.js";
export type { UnreadyObject } from "./wait/errors.js";
export { parseDuration } from "./wait/duration.js";
export type { KubernetesEventEvent, KubernetesEventSummary, ObjectReadyEvent, ObjectWaitingEvent, WaitEvent } from "./wait/events.js";
export { runHooks } from "./hooks/run-hooks.js";
export type { RunHooksOptions } from "./hooks/run-hooks.js";
export { runCodeHook, codeHookFor, CODE_HOOK_KEYS } from "./hooks/code-hooks.js";
export type { CodeHook, CodeHookContext, CodeHooks } from "./hooks/code-hooks.js";
export { HookFailed } from "./hooks/errors.js";
export type { HookPodLog } from "./hooks/errors.js";
export type { HookFinishedEvent, HookPhase, HookRun, HookRunEvent, HookStartedEvent } from "./hooks/events.js";

// storage: release records
export type { HookLastRun, HookLastRunPhase, LockStatus, PendingStatus, Release, ReleaseChart, ReleaseHook, ReleaseLock, ReleaseStatus, RenderedContent } from "./storage/release.js";
export { RELEASE_STATUSES, contentOf, isLockStatus, isPendingStatus } from "./storage/release.js";
export type { Driver, DriverCallOptions, ReleaseQuery, ReleaseSummary, StoredRelease, UpdateOptions } from "./storage/driver.js";
export { memoryDriver } from "./storage/memory.js";
export type { MemoryDriverOptions } from "./storage/memory.js";
export { secretDriver, HELM_SECRET_TYPE } from "./storage/secret.js";
export { configMapDriver } from "./storage/configmap.js";
export { queryAllNamespaces } from "./storage/cluster-query.js";
export type { KubeStorageKind } from "./storage/cluster-query.js";
export type { KubeDriverOptions } from "./storage/kube-driver.js";
export { ReleaseStore } from "./storage/store.js";
export type { ReleaseStoreOptions } from "./storage/store.js";
export type { AcquireOptions, LockDraft, ReleaseDraft, ReleaseLease, ReleaseOutcome } from "./storage/lock.js";
export { InvalidReleaseName, LeaseLost, ReleaseExists, ReleaseLocked, ReleaseNotFound, StorageConflict, StorageCorrupt, StorageKeyMismatch } from "./storage/errors.js";
export { MAX_RELEASE_NAME_LENGTH, releaseKey, validateReleaseName } from "./storage/name.js";
export { decodeRelease, encodeRelease } from "./storage/helm-codec.js";

// plan (issue 6)
export { computePlan } from "./plan/compute.js";
export type { PlanInput, PlanOptions, PreviousRevision } from "./plan/compute.js";
export type { OwnershipRule } from "./plan/ownership.js";
export { checkPlanFresh } from "./plan/fresh.js";
export type { CheckPlanFreshOptions } from "./plan/fresh.js";
export { loadPlan, savePlan } from "./plan/saved.js";
export type { SavedPlanOptions } from "./plan/saved.js";
export type { PlanKey } from "./plan/seal.js";
export { OwnershipConflict, PlanBlocked, PlanDecryptFailed, PlanFileInvalid, PlanKeyRequired, PlanStale, SavedPlanIncomplete } from "./plan/errors.js";
export type { StaleItem } from "./plan/errors.js";
export { SENSITIVE_PATHS_ANNOTATION } from "./plan/sensitive.js";
export type { FieldChange, Plan, PlanAction, PlanDrift, PlanFieldDiff, PlanHook, PlanObjectRef, PlanOp, PlanPayload, PlanProblem, PlanRelease, PlanSummary, RedactedChange } from "./plan/types.js";
export { formatPlanText } from "./plan/format/text.js";
export type { TextFormatOptions } from "./plan/format/text.js";
export { formatPlanJson, PLAN_JSON_VERSION } from "./plan/format/json.js";
export { formatPlanMarkdown } from "./plan/format/markdown.js";

// actions: connect and the release lifecycle (issue 5)
export { connect } from "./actions/connect.js";
export type { ConnectOptions } from "./actions/connect.js";
export { Cluster } from "./actions/cluster.js";
export type { Configuration, ConfigurationOptions, StorageKind } from "./actions/configuration.js";
export type { DeployArgs, DeployOptions, DeployResult } from "./actions/deploy.js";
export type { PerformOptions, WaitSettings } from "./apply/perform.js";
export type { PrepareOptions } from "./actions/prepare.js";
export type { RollbackOptions } from "./actions/rollback.js";
export type { UninstallOptions, UninstallResult } from "./actions/uninstall.js";
export { RESOURCE_POLICY_ANNOTATION } from "./model/ownership.js";
export type { ListReleasesOptions, QueryOptions, ReleaseStatusReport, RevisionInfo } from "./actions/queries.js";
export type { TestOptions, TestResult } from "./actions/test.js";
export { PlanNotApproved } from "./actions/errors.js";
export { OperationFailed } from "./apply/errors.js";
export type { RecoveryOutcome } from "./apply/errors.js";
export { InvalidArguments } from "./actions/call-args.js";
export { WriteRefused } from "./kube/write-guard.js";
export { GoNotFound, LocalBuildFailed, LocalStartFailed } from "./local/errors.js";
export { HelmError, HelmChartInvalid, HelmDependencyMissing, HelmManifestInvalid, HelmNotRenderable, HelmValuesInvalid, HelmValuesSchema } from "./chart/helm/errors.js";
export type { HelmErrorCode } from "./chart/helm/errors.js";
export { HelmYamlInvalid } from "./chart/helm/yaml-read.js";
export { TemplateError, TemplateExecError, TemplateNotDefined, TemplateParseError } from "./gotemplate/errors.js";
export type { TemplateErrorCode } from "./gotemplate/errors.js";
export { SprigError, SprigFuncFailed, SprigRegexInvalid } from "./gotemplate/sprig/errors.js";
export type { DeployEvent, DoneEvent, PlanComputedEvent, RevisionPendingEvent, RollbackStartedEvent } from "./apply/events.js";
export type { ApplyEvent, ObjectAppliedEvent } from "./apply/events.js";
export { DEPENDS_ON_ANNOTATION, DependencyInvalid } from "./apply/graph.js";
export { MANAGED_BY_LABEL, RELEASE_NAME_ANNOTATION, RELEASE_NAMESPACE_ANNOTATION } from "./model/ownership.js";
export { startLocalCluster } from "./local/control-plane.js";
export type { LocalCluster, LocalClusterEvent, LocalClusterOptions } from "./local/control-plane.js";
export type { LocalBuildDoneEvent, LocalBuildEvent, LocalBuildProgressEvent, LocalBuildStartEvent } from "./local/build-events.js";
export { describeLocalClusterEvent, formatElapsed } from "./local/progress-text.js";
export { FAILURE_ANNOTATIONS } from "./local/stages.js";

// script runner and saved plans (issues 6, 8)
export { loadPlans, savePlans, SAVED_PLAN_VERSION, SAVED_PLANS_VERSION } from "./plan/saved.js";
export type { PlanChartMetadata, PlanChartRef, PlanReleaseDraft } from "./plan/types.js";
export { applySavedPlan, checkSavedPlan, planDeploy } from "./actions/apply-saved.js";
export type { ApplySavedPlanOptions, PlanDeployOptions } from "./actions/apply-saved.js";
export { currentRunMode, runInMode } from "./actions/run-mode.js";
export type { RunMode } from "./actions/run-mode.js";
export { runScript } from "./runner/run-script.js";
export type { RunScriptOptions, RunScriptResult } from "./runner/run-script.js";
export { ScriptFailed, ScriptNotFound } from "./runner/errors.js";
export type { ScriptLocation } from "./runner/errors.js";
export { formatPlans, totalLine, totalOf } from "./runner/format-plans.js";
export type { FormatPlansOptions, PlansFormat, PlansTotal } from "./runner/format-plans.js";
export { approveConfirmed, planFingerprint } from "./runner/same-plan.js";

// typed values: generate a chart's values types (issue 8)
export { generateValuesTypes } from "./typegen/generate.js";
export type { GenerateValuesTypesOptions } from "./typegen/generate.js";
export { TypegenError, TypegenRefUnresolved, TypegenTypeNameInvalid } from "./typegen/errors.js";
export type { TypegenErrorCode } from "./typegen/errors.js";
export { InvalidNamespace } from "./storage/errors.js";
export type { PerformDeployOptions } from "./apply/release-plan.js";
export type { ApplyOptions, DeleteOptions, KubeApi, ListOptions, ListResult, PodLogOptions, ResourceInfo, WatchEvent } from "./kube/types.js";
export type { ObjectRef } from "./model/ref.js";
export type { LoadedKubeConfig } from "./kube/config.js";
export type { KubeRequest, KubeResponse, KubeTransport, RequestObserver, RetryOptions } from "./kube/transport.js";
export type { ApiStatus } from "./kube/errors.js";
export type { BinaryOptions } from "./local/binaries.js";
export type { ReleaseState } from "./storage/release-state.js";

// type-checking a deploy script before it runs
export { typecheckScript } from "./runner/typecheck.js";
export type { TypecheckScriptOptions, TypecheckScriptResult } from "./runner/typecheck.js";
export { ScriptTypeError } from "./runner/errors.js";
export type { ScriptDiagnostic } from "./runner/errors.js";

// charts as packages: archives, repositories, OCI registries, dependencies (issue 14)
export { resolveChartSource } from "./chart/package/resolve.js";
export type { ChartSource, ChartSourceOptions, ResolvedChart } from "./chart/package/resolve.js";
export type { ChartFiles } from "./chart/package/archive.js";
export type { HttpOptions } from "./chart/package/http.js";
export { packageChart } from "./chart/package/package.js";
export type { PackageOptions, PackagedChart } from "./chart/package/package.js";
export { ChartSourceError, ChartReferenceInvalid, ChartNotFound, ChartSourceUnreachable, ChartAuthFailed, ChartDigestMismatch, ChartDigestChanged, ChartArchiveInvalid, ChartLockOutdated, ChartProvenanceInvalid } from "./chart/package/errors.js";
export type { ChartSourceContext } from "./chart/package/errors.js";
export type { ProvenanceSigner } from "./chart/package/provenance.js";
export { addRepo, updateRepos, removeRepo, searchRepos, indexDirectory } from "./chart/repo/manage.js";
export type { SearchHit } from "./chart/repo/manage.js";
export { readRepos } from "./chart/repo/config.js";
export type { ChartPaths, RepoEntry } from "./chart/repo/config.js";
export { pushChart, HELM_MEDIA_TYPES } from "./chart/oci/charts.js";
export type { PushedChart } from "./chart/oci/charts.js";
export type { RegistryAccess } from "./chart/oci/client.js";
export type { CredentialSources, RegistryCredentials } from "./chart/oci/credentials.js";
export { registryLogin, registryLogout } from "./chart/oci/login.js";
export { updateDependencies, buildDependencies, listDependencies } from "./chart/deps/manager.js";
export type { DependencyResult, DependencyStatus } from "./chart/deps/manager.js";
export type { DependencyOptions } from "./chart/deps/resolve.js";
export type { ChartLock, LockedDependency } from "./chart/deps/lock.js";
export { parseConstraint, pickVersion } from "./chart/semver/index.js";
export type { Constraint, SemVer } from "./chart/semver/index.js";
