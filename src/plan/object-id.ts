import { refOf as kubeRefOf } from "../kube/ref.js";
import { compareKinds, compareText } from "../render/kinds.js";
import type { KubeObject } from "../render/types.js";
import type { PlanObjectRef } from "./types.js";

/** The ref of an object (namespace only when it has one). */
export const refOf: (object: KubeObject) => PlanObjectRef = kubeRefOf;

/** The printable id of an object, e.g. `apps/v1 Deployment web/api` (`name` alone when cluster-scoped). */
export function objectId(ref: PlanObjectRef): string {
  return `${ref.apiVersion} ${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`;
}

/** Plan order: install order of kind, then namespace, kind, name, apiVersion. */
export function compareRefs(a: PlanObjectRef, b: PlanObjectRef): number {
  return (
    compareKinds(a.kind, b.kind) ||
    compareText(a.namespace ?? "", b.namespace ?? "") ||
    compareText(a.kind, b.kind) ||
    compareText(a.name, b.name) ||
    compareText(a.apiVersion, b.apiVersion)
  );
}
