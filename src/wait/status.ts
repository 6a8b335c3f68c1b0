import type { KubeObject } from "../model/object.js";

/** One entry of `status.conditions` (the fields berth reads). */
export interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}

/** The object's `status` as a loose record; `{}` when it has none. */
export function statusOf(object: KubeObject): Record<string, unknown> {
  const status = object["status"];
  return status && typeof status === "object" ? (status as Record<string, unknown>) : {};
}

/** The object's `spec` as a loose record; `{}` when it has none. */
export function specOf(object: KubeObject): Record<string, unknown> {
  const spec = object["spec"];
  return spec && typeof spec === "object" ? (spec as Record<string, unknown>) : {};
}

/** The status condition of the given type, if the object reports one. */
export function conditionOf(object: KubeObject, type: string): Condition | undefined {
  const conditions = statusOf(object)["conditions"];
  if (!Array.isArray(conditions)) return undefined;
  return (conditions as Condition[]).find((c) => c && c.type === type);
}

/** Whether the condition of the given type has status "True". */
export function isTrue(object: KubeObject, type: string): boolean {
  return conditionOf(object, type)?.status === "True";
}

/** A numeric field, 0 when absent (the API omits zero counts). */
export function count(record: Record<string, unknown>, field: string): number {
  const value = record[field];
  return typeof value === "number" ? value : 0;
}

/** `metadata.generation` vs `status.observedGeneration`: whether the controller has seen the latest spec. */
export function generationObserved(object: KubeObject): boolean {
  const generation = object.metadata["generation"];
  const observed = statusOf(object)["observedGeneration"];
  if (typeof generation !== "number") return true;
  return typeof observed === "number" && observed >= generation;
}

/** The readable form of a condition for a reason text: `reason: message`. */
export function describeCondition(condition: Condition): string {
  return [condition.reason, condition.message].filter(Boolean).join(": ") || condition.type;
}
