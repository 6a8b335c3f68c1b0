import { BerthError } from "../errors.js";
import type { ObjectRef } from "../model/ref.js";
import { describeRef, type KubernetesEventSummary } from "./events.js";

/** One object that did not become ready, and why. */
export interface UnreadyObject {
  /** The object. */
  readonly object: ObjectRef;
  /** `failed`: it will not become ready; `timeout`: its time ran out; `waiting`: the wait stopped early (another object failed). */
  readonly state: "failed" | "timeout" | "waiting";
  /** The last known reason. */
  readonly reason: string;
  /** Recent `Warning` Kubernetes Events of the object and its Pods, newest last. */
  readonly warnings: readonly KubernetesEventSummary[];
}

function describeUnready(objects: readonly UnreadyObject[]): string {
  return objects
    .map((o) => {
      const warnings = o.warnings.map((w) => `\n    ${w.involvedObject.kind} ${w.involvedObject.name}: ${w.reason}: ${w.message}${w.count > 1 ? ` (x${w.count})` : ""}`);
      return `\n  ${describeRef(o.object)} (${o.state}): ${o.reason}${warnings.join("")}`;
    })
    .join("");
}

/** At least one object failed and will not become ready by waiting longer (a failed Job, ImagePullBackOff, a stalled rollout…). */
export class WaitFailed extends BerthError {
  /** Every object that was not ready when the wait stopped; the failed ones first. */
  readonly objects: readonly UnreadyObject[];

  /** @param objects - the unready objects, failed ones first */
  constructor(objects: readonly UnreadyObject[]) {
    const failedCount = objects.filter((o) => o.state === "failed").length;
    super(
      "WaitFailed",
      `${failedCount} object(s) failed to become ready:${describeUnready(objects)}\nFix the cause named above (image, configuration, resources) and deploy again.`,
    );
    this.objects = objects;
  }
}

/**
 * Objects were still not ready when their timeout ran out (the kube layer's `WaitTimeout` is a
 * single wait, e.g. for a deletion).
 */
export class ReadinessTimeout extends BerthError {
  /** The objects still not ready. */
  readonly objects: readonly UnreadyObject[];
  /** How long was waited, in ms. */
  readonly timeoutMs: number;

  /** @param objects - the unready objects @param timeoutMs - the overall timeout */
  constructor(objects: readonly UnreadyObject[], timeoutMs: number) {
    super(
      "ReadinessTimeout",
      `${objects.length} object(s) not ready after ${Math.round(timeoutMs / 1000)}s:${describeUnready(objects)}\n` +
        `Check the reasons above, or raise the timeout (wait.timeout, or the object's berth.dev/timeout annotation).`,
    );
    this.objects = objects;
    this.timeoutMs = timeoutMs;
  }
}

/** A duration text (a timeout) could not be read. */
export class DurationInvalid extends BerthError {
  /** @param text - the text @param where - where it came from, e.g. an annotation */
  constructor(text: string, where: string) {
    super("DurationInvalid", `${where}: "${text}" is not a duration; write e.g. "90s", "5m" or "1h30m"`);
  }
}
