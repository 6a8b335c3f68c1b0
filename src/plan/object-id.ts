import { compareKinds, compareText } from "../model/kinds.js";
import type { ObjectRef } from "../model/ref.js";

/** The printable id of an object, e.g. `apps/v1 Deployment web/api` (`name` alone when cluster-scoped). */
export function objectId(ref: ObjectRef): string {
  return `${ref.apiVersion} ${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`;
}

/** Plan order: install order of kind, then namespace, kind, name, apiVersion. */
export function compareRefs(a: ObjectRef, b: ObjectRef): number {
  return (
    compareKinds(a.kind, b.kind) ||
    compareText(a.namespace ?? "", b.namespace ?? "") ||
    compareText(a.kind, b.kind) ||
    compareText(a.name, b.name) ||
    compareText(a.apiVersion, b.apiVersion)
  );
}
