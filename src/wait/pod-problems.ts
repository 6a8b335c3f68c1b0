import type { KubeObject } from "../model/object.js";
import { statusOf } from "./status.js";

/** Container waiting reasons that will not fix themselves: waiting out the timeout only delays the bad news. */
export const FATAL_WAITING_REASONS: ReadonlySet<string> = new Set([
  "ImagePullBackOff",
  "ErrImagePull",
  "CrashLoopBackOff",
  "CreateContainerConfigError",
  "InvalidImageName",
]);

interface ContainerStatus {
  readonly name?: string;
  readonly state?: { readonly waiting?: { readonly reason?: string; readonly message?: string } };
}

/**
 * Why a Pod will not become ready by itself: the first container (init containers first) waiting
 * with a fatal reason, e.g. `container web: ImagePullBackOff: Back-off pulling image "x"`.
 * `undefined` when nothing is known to be wrong.
 */
export function podProblem(pod: KubeObject): string | undefined {
  const status = statusOf(pod);
  for (const field of ["initContainerStatuses", "containerStatuses"]) {
    const list = status[field];
    if (!Array.isArray(list)) continue;
    for (const container of list as ContainerStatus[]) {
      const reason = container.state?.waiting?.reason;
      if (reason && FATAL_WAITING_REASONS.has(reason)) {
        const message = container.state?.waiting?.message;
        return `container ${container.name ?? "?"}: ${reason}${message ? `: ${message}` : ""}`;
      }
    }
  }
  return undefined;
}

/** The message of a failed Pod: its status reason/message, else the first non-zero container exit. */
export function podFailureMessage(pod: KubeObject): string {
  const status = statusOf(pod);
  const own = [status["reason"], status["message"]].filter((s) => typeof s === "string" && s).join(": ");
  if (own) return own;
  const list = status["containerStatuses"];
  if (Array.isArray(list)) {
    for (const c of list as Array<{ name?: string; state?: { terminated?: { exitCode?: number; reason?: string; message?: string } } }>) {
      const t = c.state?.terminated;
      if (t && t.exitCode !== 0) return `container ${c.name ?? "?"} exited with code ${t.exitCode ?? "?"}${t.reason ? ` (${t.reason})` : ""}${t.message ? `: ${t.message}` : ""}`;
    }
  }
  return "Pod failed";
}
