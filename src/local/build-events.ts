import type { LocalBinary } from "./versions.js";

/** A component build of the local control plane starts (first run only; later runs find it cached). */
export interface LocalBuildStartEvent {
  /** The event kind. */
  readonly type: "building";
  /** What is built, with its version, e.g. `kubernetes-v1.36.3`. */
  readonly what: string;
  /** The binaries this build produces. */
  readonly binaries: readonly LocalBinary[];
  /** 1-based position of this build among the builds this run needs. */
  readonly index: number;
  /** How many builds this run needs (components already cached are not counted). */
  readonly total: number;
  /** The build's log file (Go's output). */
  readonly log: string;
  /** Where built binaries are cached, so later runs skip the build. */
  readonly cacheDir: string;
  /** Milliseconds since the first build of this run started. */
  readonly elapsedMs: number;
}

/** A component build is still running (sent every `progressIntervalMs`). */
export interface LocalBuildProgressEvent {
  /** The event kind. */
  readonly type: "build-progress";
  /** What is built, e.g. `etcd-v3.6.16`. */
  readonly what: string;
  /** 1-based position of this build among the builds this run needs. */
  readonly index: number;
  /** How many builds this run needs. */
  readonly total: number;
  /** The build's log file. */
  readonly log: string;
  /** Milliseconds since this component's build started. */
  readonly ms: number;
  /** Milliseconds since the first build of this run started. */
  readonly elapsedMs: number;
}

/** A component build finished. */
export interface LocalBuildDoneEvent {
  /** The event kind. */
  readonly type: "built";
  /** What is built, e.g. `etcd-v3.6.16`. */
  readonly what: string;
  /** 1-based position of this build among the builds this run needs. */
  readonly index: number;
  /** How many builds this run needs. */
  readonly total: number;
  /** Milliseconds this component's build took. */
  readonly ms: number;
  /** Milliseconds since the first build of this run started. */
  readonly elapsedMs: number;
}

/** Progress of building the local control plane's binaries from Go modules. */
export type LocalBuildEvent = LocalBuildStartEvent | LocalBuildProgressEvent | LocalBuildDoneEvent;
