import type { KubeObject } from "../model/object.js";
import { specOf } from "./status.js";

interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: ReadonlyArray<{ readonly key: string; readonly operator: string; readonly values?: readonly string[] }>;
}

/** Kinds whose Pods are found through `spec.selector`. */
const POD_OWNERS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]);

/**
 * The label selector (query string form) of the Pods an object runs, e.g. `app=web,tier in (a,b)`;
 * `undefined` for kinds that run no Pods or an object without a selector yet.
 * A Job's selector is the server-set `controller-uid` one, so it matches only this Job's Pods.
 */
export function podSelectorOf(object: KubeObject): string | undefined {
  if (!POD_OWNERS.has(object.kind)) return undefined;
  const selector = specOf(object)["selector"] as LabelSelector | undefined;
  if (!selector) return undefined;
  const text = formatSelector(selector);
  return text === "" ? undefined : text;
}

/** A LabelSelector as the `labelSelector` query string. */
export function formatSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    const values = (e.values ?? []).join(",");
    if (e.operator === "In") parts.push(`${e.key} in (${values})`);
    else if (e.operator === "NotIn") parts.push(`${e.key} notin (${values})`);
    else if (e.operator === "Exists") parts.push(e.key);
    else if (e.operator === "DoesNotExist") parts.push(`!${e.key}`);
  }
  return parts.join(",");
}
