import type { KubeObject } from "./object.js";

/** One rendered object and the template it came from. */
export interface RenderedObject {
  /** The object, namespace filled in for namespaced kinds. */
  readonly object: KubeObject;
  /** The template path, e.g. `web/templates/deployment.yaml` or `web/charts/redis/templates/service.yaml`. */
  readonly source: string;
}

/** When a hook runs (Helm's `helm.sh/hook` annotation values). */
export type HookEvent =
  | "pre-install"
  | "post-install"
  | "pre-upgrade"
  | "post-upgrade"
  | "pre-rollback"
  | "post-rollback"
  | "pre-delete"
  | "post-delete"
  | "test";

/** When a hook object is deleted (Helm's `helm.sh/hook-delete-policy` values). */
export type HookDeletePolicy = "before-hook-creation" | "hook-succeeded" | "hook-failed";

/** An object annotated `helm.sh/hook`, split off from the release's objects. */
export interface RenderedHook extends RenderedObject {
  /** The events the hook runs on, in annotation order. */
  readonly events: readonly HookEvent[];
  /** `helm.sh/hook-weight`; hooks run in ascending weight. @defaultValue 0 */
  readonly weight: number;
  /** `helm.sh/hook-delete-policy`. @defaultValue ["before-hook-creation"] */
  readonly deletePolicies: readonly HookDeletePolicy[];
}

/** Something worth knowing that did not stop the render. */
export interface RenderWarning {
  /**
   * A stable identifier: `BooleanKey` (YAML 1.1 reads `on:`/`no:`/`y:` keys as booleans), `YamlWarning`,
   * `NamespaceIgnored`, `HookIgnored` (a Helm chart's object with a hook event Helm 3 does not know,
   * e.g. `crd-install`, left out as Helm leaves it out).
   */
  readonly code: "BooleanKey" | "YamlWarning" | "NamespaceIgnored" | "HookIgnored";
  /** What was found and how to fix it. */
  readonly message: string;
  /** The template, e.g. `web/templates/configmap.yaml`. */
  readonly source: string;
  /** The 1-based line in the template, when known. */
  readonly line?: number;
}

/** Everything a chart renders to, deterministic for the same inputs. */
export interface RenderResult {
  /** The release's objects in install order (kind order, then namespace, then name). */
  readonly objects: readonly RenderedObject[];
  /** CustomResourceDefinitions from the charts' `crds/` folders, applied before everything; never templated. */
  readonly crds: readonly RenderedObject[];
  /** Hook objects in run order (Helm's: weight, then name, then kind order; `compareHooks`). */
  readonly hooks: readonly RenderedHook[];
  /** The top chart's rendered `templates/NOTES.txt`; empty when there is none. */
  readonly notes: string;
  /** The computed values of the top chart (defaults ← user values), subcharts' values under their names. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Non-fatal findings, in template order. */
  readonly warnings: readonly RenderWarning[];
}
