import { BerthError } from "../errors.js";

/** The Go toolchain needed to build the local control plane is missing. */
export class GoNotFound extends BerthError {
  constructor() {
    super(
      "GoNotFound",
      "the local control plane is built from Go modules, but no `go` was found on PATH or in /usr/local/go/bin. " +
        "Install Go 1.26+ (https://go.dev/dl) or point BERTH_TEST_KUBECONFIG / --kubeconfig at an existing cluster.",
    );
  }
}

/** Building a control-plane binary failed; the message carries the end of the build log. */
export class LocalBuildFailed extends BerthError {
  /** @param what - the binary @param logTail - last lines of the build output */
  constructor(what: string, logTail: string) {
    super("LocalBuildFailed", `building ${what} from Go modules failed. Last lines of the build log:\n${logTail}`);
  }
}

/** A control-plane process failed to start, exited early, or never became ready. */
export class LocalStartFailed extends BerthError {
  /** @param message - what failed @param logTail - last lines of that process's log */
  constructor(message: string, logTail?: string) {
    super("LocalStartFailed", logTail ? `${message}\nLast lines of its log:\n${logTail}` : message);
  }
}
