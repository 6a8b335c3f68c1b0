import { BerthError } from "../errors.js";
import type { HookRun } from "./events.js";

/** The logs of one Pod of a failed hook. */
export interface HookPodLog {
  /** The Pod's name. */
  readonly pod: string;
  /** The log text, or why it could not be read. */
  readonly text: string;
}

/** A hook failed (a Job `Failed`, a Pod `Failed`, an apply error, a code hook threw), so the operation fails. */
export class HookFailed extends BerthError {
  /** The hook's name. */
  readonly hook: string;
  /** The hook's kind (`"Function"` for a code hook). */
  readonly kind: string;
  /** The runs of this event's hooks so far, the failed one last. */
  readonly runs: readonly HookRun[];
  /** The logs of the failed hook's Pods, when they could be read. */
  readonly logs: readonly HookPodLog[];

  /**
   * @param hook - name and kind of the hook
   * @param reason - why it failed
   * @param details - the runs so far, the Pods' logs and the underlying error
   */
  constructor(hook: { name: string; kind: string; event: string }, reason: string, details: { runs?: readonly HookRun[]; logs?: readonly HookPodLog[]; cause?: unknown } = {}) {
    const logs = details.logs ?? [];
    const logText = logs.map((l) => `\n--- logs of Pod ${l.pod} ---\n${l.text.trimEnd()}`).join("");
    super(
      "HookFailed",
      `${hook.event} hook ${hook.kind} ${hook.name} failed: ${reason}${logText}\n` +
        "Fix the hook (its image, command or the state it expects) and run the operation again.",
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.hook = hook.name;
    this.kind = hook.kind;
    this.runs = details.runs ?? [];
    this.logs = logs;
  }
}
