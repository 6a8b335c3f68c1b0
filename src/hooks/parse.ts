import type { Issue } from "../model/issue.js";
import type { HookDeletePolicy, HookEvent } from "../model/rendered.js";
import type { KubeObject } from "../model/object.js";

/** Helm 3's hook events, as written in `helm.sh/hook`; `test-success` is Helm 2's name of `test`. */
export const HOOK_EVENT_NAMES: ReadonlySet<string> = new Set([
  "pre-install", "post-install", "pre-upgrade", "post-upgrade", "pre-rollback", "post-rollback", "pre-delete", "post-delete", "test", "test-success",
]);
const EVENTS = new Set<string>([...HOOK_EVENT_NAMES].filter((e) => e !== "test-success"));
const POLICIES = new Set<string>(["before-hook-creation", "hook-succeeded", "hook-failed"]);

/** Helm's hook annotations. */
export const HOOK_ANNOTATION = "helm.sh/hook";
const WEIGHT_ANNOTATION = "helm.sh/hook-weight";
const DELETE_POLICY_ANNOTATION = "helm.sh/hook-delete-policy";

/** A hook's parsed annotations. */
export interface HookSpec {
  /** The events it runs on, in annotation order (`test-success` read as `test`). */
  readonly events: HookEvent[];
  /** `helm.sh/hook-weight`. @defaultValue 0 */
  readonly weight: number;
  /** `helm.sh/hook-delete-policy`. @defaultValue ["before-hook-creation"] */
  readonly deletePolicies: HookDeletePolicy[];
}

/**
 * Reads an object's hook annotations; `undefined` when it is not a hook.
 * Problems (an unknown event, a weight that is not an integer) are added to `issues`.
 */
export function parseHook(object: KubeObject, at: Omit<Issue, "message">, issues: Issue[]): HookSpec | undefined {
  const annotations = object.metadata.annotations ?? {};
  const hook = annotations[HOOK_ANNOTATION];
  if (hook === undefined) return undefined;
  const events = list(String(hook)).map((e) => (e === "test-success" ? "test" : e));
  for (const event of events.filter((e) => !EVENTS.has(e))) {
    issues.push({ ...at, message: `unknown hook event "${event}" in ${HOOK_ANNOTATION}; use one of ${[...EVENTS].join(", ")}` });
  }
  const weightText = String(annotations[WEIGHT_ANNOTATION] ?? "0").trim();
  const weight = /^[-+]?\d+$/.test(weightText) ? Number(weightText) : 0;
  if (!/^[-+]?\d+$/.test(weightText)) {
    issues.push({ ...at, message: `${WEIGHT_ANNOTATION} "${weightText}" is not an integer; write e.g. "-5" (quoted)` });
  }
  const policies = list(String(annotations[DELETE_POLICY_ANNOTATION] ?? ""));
  for (const policy of policies.filter((p) => !POLICIES.has(p))) {
    issues.push({ ...at, message: `unknown delete policy "${policy}" in ${DELETE_POLICY_ANNOTATION}; use ${[...POLICIES].join(", ")}` });
  }
  return {
    events: events.filter((e) => EVENTS.has(e)) as HookEvent[],
    weight,
    deletePolicies: (policies.length > 0 ? policies.filter((p) => POLICIES.has(p)) : ["before-hook-creation"]) as HookDeletePolicy[],
  };
}

function list(text: string): string[] {
  return text.split(",").map((s) => s.trim()).filter(Boolean);
}
