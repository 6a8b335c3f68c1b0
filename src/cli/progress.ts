import type { DeployEvent } from "../apply/events.js";
import { describeRef } from "../wait/events.js";
import type { CliIO } from "./command.js";
import { formatElapsed } from "./format/duration.js";
import { LiveArea } from "./format/live-area.js";

/** What {@link createProgressReporter} returns: the `onEvent` callback and a `stop` that ends redrawing. */
export interface ProgressReporter {
  readonly onEvent: (event: DeployEvent) => void;
  /** Stops the redraw timer, writes what is left and leaves the terminal clean; idempotent. */
  readonly stop: () => void;
}

/** Knobs for tests; the CLI uses the defaults. */
export interface ProgressOptions {
  /** The clock. @defaultValue Date.now */
  readonly now?: () => number;
  /** How often the waiting lines are redrawn between events (their elapsed times move). @defaultValue 200 */
  readonly redrawMs?: number;
  /** How long output may wait to be written together: plain lines, or a terminal's redraw; 0 writes each event at once. @defaultValue 100 */
  readonly flushMs?: number;
}

/** The line an event leaves in the log (both modes), or undefined for events that only move the live lines. */
function eventLine(event: DeployEvent): string | undefined {
  switch (event.type) {
    case "object-applied":
      return `${event.op} ${event.object.kind}/${event.object.name}`;
    case "hook-started":
      return `hook ${event.event} ${event.kind}/${event.hook} started`;
    case "hook-finished":
      return `hook ${event.event} ${event.kind}/${event.hook} ${event.phase}${event.message ? `: ${event.message}` : ""}`;
    case "k8s-event":
      return `event ${event.event.involvedObject.kind}/${event.event.involvedObject.name}: ${event.event.reason} ${event.event.message}`;
    case "rollback-started":
      return `rolling back ${event.release}: ${event.reason}`;
    case "done":
      return `done ${event.release}: ${event.status}${event.revision !== null ? ` (revision ${event.revision})` : ""}`;
    default:
      return undefined;
  }
}

/**
 * Output written together: `write` runs at most `flushMs` after the first `schedule()` since it last
 * ran (at once when `flushMs` ≤ 0); `flush()` runs it now.
 */
function coalesced(flushMs: number, write: () => void): { readonly schedule: () => void; readonly flush: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    write();
  };
  const schedule = () => {
    if (flushMs <= 0) flush();
    else if (!timer) {
      timer = setTimeout(flush, flushMs);
      timer.unref?.();
    }
  };
  return { schedule, flush };
}

/**
 * Plain timestamped lines, one per event: for CI logs and pipes. Lines are stamped when their event
 * happens and written together at most `flushMs` later: a write to a pipe is a system call that
 * wakes the reader, and one per applied object cost an install of 500 objects ~70 ms of CPU.
 */
function plainReporter(io: CliIO, now: () => number, flushMs: number): ProgressReporter {
  let pending = "";
  const output = coalesced(flushMs, () => {
    if (pending) io.stderr.write(pending);
    pending = "";
  });
  const line = (text: string) => {
    pending += `${new Date(now()).toISOString()} ${text}\n`;
    output.schedule();
  };
  return {
    onEvent(event) {
      if (event.type === "object-waiting") line(`waiting ${event.object.kind}/${event.object.name}: ${event.reason}`);
      else if (event.type === "object-ready") line(`ready ${event.object.kind}/${event.object.name}`);
      else {
        const text = eventLine(event);
        if (text !== undefined) line(text);
      }
    },
    stop: output.flush,
  };
}

interface Waiting {
  reason: string;
  readonly since: number;
  lastEvent?: string;
}

/**
 * On a terminal: one line per object (or hook) being waited on, with its current reason, latest
 * Normal event and elapsed time, redrawn in place every `redrawMs` and at most `flushMs` after an
 * event (the events of a burst, e.g. hundreds of applied objects, redraw once); everything that
 * finishes (ready objects, applied objects, hook results, Warning events) is printed once above.
 */
function liveReporter(io: CliIO, now: () => number, redrawMs: number, flushMs: number): ProgressReporter {
  const area = new LiveArea(io.stderr, () => (io.stderr as { columns?: number }).columns ?? 100);
  const waiting = new Map<string, Waiting>();
  let timer: ReturnType<typeof setInterval> | undefined;
  const liveLines = () =>
    [...waiting].map(([what, w]) => `  … ${what}: ${w.reason}${w.lastEvent ? ` — ${w.lastEvent}` : ""} (${formatElapsed(now() - w.since)})`);
  let pending: string[] = [];
  const output = coalesced(flushMs, () => {
    const permanent = pending;
    pending = [];
    draw(permanent);
  });
  const draw = (permanent: string[]) => {
    area.render(permanent, liveLines());
    if (waiting.size > 0 && !timer) {
      timer = setInterval(output.flush, redrawMs);
      timer.unref?.();
    } else if (waiting.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  const finish = (key: string, text: string) => {
    const w = waiting.get(key);
    waiting.delete(key);
    return w ? `${text} (${formatElapsed(now() - w.since)})` : text;
  };
  return {
    onEvent(event) {
      if (event.type === "object-waiting") {
        const key = describeRef(event.object);
        const w = waiting.get(key);
        if (w) w.reason = event.reason;
        else waiting.set(key, { reason: event.reason, since: now() });
      } else if (event.type === "object-ready") {
        waiting.delete(describeRef(event.object));
        pending.push(`  ✓ ${describeRef(event.object)} ready (${formatElapsed(event.elapsedMs)})`);
      } else if (event.type === "hook-started") {
        waiting.set(`hook ${event.event} ${event.kind}/${event.hook}`, { reason: "running", since: now() });
      } else if (event.type === "hook-finished") {
        pending.push(finish(`hook ${event.event} ${event.kind}/${event.hook}`, eventLine(event)!));
      } else if (event.type === "k8s-event" && event.event.type !== "Warning" && waiting.has(describeRef(event.object))) {
        waiting.get(describeRef(event.object))!.lastEvent = `${event.event.reason}: ${event.event.message}`;
      } else {
        if (event.type === "done") waiting.clear();
        const text = eventLine(event);
        if (text !== undefined) pending.push(text);
      }
      output.schedule();
    },
    stop() {
      pending.push(...liveLines().map((l) => l.replace("  … ", "  ✗ not finished: ")));
      waiting.clear();
      output.flush();
    },
  };
}

/**
 * Turns deploy events into progress output on stderr. On a TTY (`io.stderr.isTTY`): the objects being
 * waited on as lines redrawn in place (ANSI), finished ones printed once. Otherwise: plain timestamped
 * lines (CI logs). Either way output is written at most `flushMs` after its event. Returns the `onEvent` callback and a
 * `stop` that ends redrawing and writes what is left.
 */
export function createProgressReporter(io: CliIO, options: ProgressOptions = {}): ProgressReporter {
  const now = options.now ?? Date.now;
  const flushMs = options.flushMs ?? 100;
  return io.stderr.isTTY ? liveReporter(io, now, options.redrawMs ?? 200, flushMs) : plainReporter(io, now, flushMs);
}
