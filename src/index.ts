/**
 * berth — deploy applications to Kubernetes the way Helm does, as TypeScript code.
 *
 * @packageDocumentation
 */

export { BerthError } from "./errors.js";

// chart → values → render (issue 4)
export { defineChart } from "./chart/define.js";
export type { ChartDefinition } from "./chart/define.js";
export { loadChart } from "./chart/load.js";
export { ChartInvalid } from "./chart/errors.js";
export type { Issue } from "./chart/issue.js";
export type { Chart, ChartDependency, ChartMetadata, ChartType, JsonSchema, TemplateFunction, TemplateOutput, TemplateSource, ValuesValidator, ValuesViolation } from "./chart/types.js";
export type { Capabilities, ChartInfo, ReleaseInfo, TemplateContext, TemplateInfo } from "./chart/context.js";
export { ValuesInvalid } from "./values/errors.js";
export { parseSet } from "./values/set-syntax.js";
export type { DeepPartial, Values } from "./values/types.js";
export { RenderError } from "./render/errors.js";
export { formatManifests } from "./render/manifest.js";
export type { ManifestOptions } from "./render/manifest.js";
export { INSTALL_ORDER, compareKinds, isNamespacedByTable } from "./render/kinds.js";
export type { IsNamespaced } from "./render/kinds.js";
export { DEFAULT_API_VERSIONS } from "./render/capabilities.js";
export type { CapabilitiesInput } from "./render/capabilities.js";
export type { RenderOptions } from "./render/render.js";
export type { HookDeletePolicy, HookEvent, KubeMetadata, KubeObject, RenderedHook, RenderedObject, RenderResult, RenderWarning } from "./render/types.js";
export { template } from "./actions/template.js";
export type { TemplateArgs, TemplateOptions } from "./actions/template.js";
// kube
export { AbortedError, KubeApiError, KubeConfigError, KubeUnreachableError, UnknownKind, WaitTimeout } from "./kube/errors.js";
export type { KubeConfigSource } from "./kube/config.js";
