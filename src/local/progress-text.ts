import type { LocalClusterEvent } from "./control-plane.js";

/** `95000` → `1m35s`; under a minute, whole seconds. */
export function formatElapsed(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}

/**
 * One line (or two, for the first build) telling a person what starting the local control plane is
 * doing: what is built, that it happens once, component n of total, elapsed time, and the log.
 * `undefined` for events not worth a line. The CLI (`berth local up`) and the examples print these.
 *
 * @example
 * ```ts
 * await connect({ local: "auto", onLocalEvent: (e) => { const line = describeLocalClusterEvent(e); if (line) console.error(line); } });
 * ```
 */
export function describeLocalClusterEvent(event: LocalClusterEvent): string | undefined {
  switch (event.type) {
    case "building": {
      const step = `component ${event.index} of ${event.total}: building ${event.what} (${event.binaries.join(", ")}) from Go modules; log: ${event.log}`;
      if (event.index !== 1 || event.elapsedMs !== 0) return `${step} [${formatElapsed(event.elapsedMs)} elapsed]`;
      return (
        `first run: building the local control plane from Go modules (${event.total} component${event.total === 1 ? "" : "s"}, several minutes). ` +
        `This happens once: the binaries are cached in ${event.cacheDir}.\n${step}`
      );
    }
    case "build-progress":
      return `component ${event.index} of ${event.total}: still building ${event.what}, ${formatElapsed(event.ms)} so far [${formatElapsed(event.elapsedMs)} elapsed]; log: ${event.log}`;
    case "built":
      return `component ${event.index} of ${event.total}: built ${event.what} in ${formatElapsed(event.ms)} [${formatElapsed(event.elapsedMs)} elapsed]`;
    case "starting":
      return undefined;
    case "ready":
      return `local control plane ready in ${formatElapsed(event.ms)}`;
  }
}
