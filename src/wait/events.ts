import type { ObjectRef } from "../model/ref.js";

export { refOf } from "../model/ref.js";

/** A core/v1 Kubernetes Event, reduced to what a person needs to read. */
export interface KubernetesEventSummary {
  /** `Normal` or `Warning`. */
  readonly type: string;
  /** e.g. `FailedScheduling`, `BackOff`, `FailedCreate`. */
  readonly reason: string;
  /** The event's message. */
  readonly message: string;
  /** The object the event is about: the waited object, one of its ReplicaSets or Pods. */
  readonly involvedObject: { readonly kind: string; readonly name: string; readonly namespace?: string };
  /** How many times it happened. @defaultValue 1 */
  readonly count: number;
  /** When it last happened (RFC 3339), when the event says. */
  readonly lastSeen?: string;
}

/** An object is not ready yet; emitted when its reason changes. */
export interface ObjectWaitingEvent {
  /** The event discriminant. */
  readonly type: "object-waiting";
  /** The object waited on. */
  readonly object: ObjectRef;
  /** Why it is not ready, e.g. `1 of 3 replicas available`. */
  readonly reason: string;
}

/** An object became ready. */
export interface ObjectReadyEvent {
  /** The event discriminant. */
  readonly type: "object-ready";
  /** The object waited on. */
  readonly object: ObjectRef;
  /** Why it is ready, e.g. `3 of 3 replicas available`. */
  readonly reason: string;
  /** Time from the start of the wait. */
  readonly elapsedMs: number;
}

/** A Kubernetes Event about an object being waited on (or its ReplicaSets/Pods), seen for the first time. */
export interface KubernetesEventEvent {
  /** The event discriminant. */
  readonly type: "k8s-event";
  /** The waited object the event belongs to. */
  readonly object: ObjectRef;
  /** The Kubernetes Event. */
  readonly event: KubernetesEventSummary;
}

/** Everything readiness waiting reports through `onEvent`. */
export type WaitEvent = ObjectWaitingEvent | ObjectReadyEvent | KubernetesEventEvent;

/** The readable name of an object: `Deployment web-ns/web`. */
export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`;
}

