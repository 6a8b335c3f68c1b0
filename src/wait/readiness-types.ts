import type { KubeObject } from "../model/object.js";

/** Where an object stands: `ready`, still `waiting`, or `failed` (waiting longer will not help). */
export type ReadinessState = "ready" | "waiting" | "failed";

/** The verdict of a readiness evaluator. */
export interface Readiness {
  /** Where the object stands. */
  readonly state: ReadinessState;
  /** Why, in a few words, e.g. `2 of 3 replicas available`. */
  readonly reason: string;
}

/** What a readiness evaluator is told beyond the object. */
export interface ReadinessOptions {
  /** Wait for Jobs to complete; otherwise a Job is ready once it exists. @defaultValue false */
  readonly waitForJobs?: boolean;
  /** Wait for a Service of type LoadBalancer to get an ingress address. @defaultValue false */
  readonly waitForLoadBalancer?: boolean;
}

/** Judges one object of a kind from its current state. */
export type ReadinessEvaluator = (object: KubeObject, options: ReadinessOptions) => Readiness;

/** A `ready` verdict. */
export const ready = (reason: string): Readiness => ({ state: "ready", reason });
/** A `waiting` verdict. */
export const waiting = (reason: string): Readiness => ({ state: "waiting", reason });
/** A `failed` verdict. */
export const failed = (reason: string): Readiness => ({ state: "failed", reason });
