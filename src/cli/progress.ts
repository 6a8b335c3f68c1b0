import type { DeployEvent } from "../actions/events.js";
import type { CliIO } from "./command.js";

/**
 * Turns deploy events into progress output on stderr: plain timestamped lines (CI logs).
 * Returns the `onEvent` callback and a `stop` that flushes any redrawn TTY area.
 */
export function createProgressReporter(io: CliIO): { onEvent: (event: DeployEvent) => void; stop: () => void } {
  const line = (text: string) => io.stderr.write(`${new Date().toISOString()} ${text}\n`);
  return {
    onEvent(event) {
      switch (event.type) {
        case "object-applied":
          line(`${event.op} ${event.object.kind}/${event.object.name}`);
          break;
        case "object-waiting":
          line(`waiting ${event.object.kind}/${event.object.name}: ${event.reason}`);
          break;
        case "object-ready":
          line(`ready ${event.object.kind}/${event.object.name}`);
          break;
        case "hook-started":
          line(`hook ${event.event} ${event.kind}/${event.hook} started`);
          break;
        case "hook-finished":
          line(`hook ${event.event} ${event.kind}/${event.hook} ${event.phase}${event.message ? `: ${event.message}` : ""}`);
          break;
        case "k8s-event":
          line(`event ${event.event.involvedObject.kind}/${event.event.involvedObject.name}: ${event.event.reason} ${event.event.message}`);
          break;
        case "rollback-started":
          line(`rolling back ${event.release}: ${event.reason}`);
          break;
        case "done":
          line(`done ${event.release}: ${event.status}${event.revision !== null ? ` (revision ${event.revision})` : ""}`);
          break;
        default:
          break;
      }
    },
    stop() {},
  };
}
