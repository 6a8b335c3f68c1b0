import { BerthError } from "../errors.js";

/** A Kubernetes API `Status` body, as returned with an error response. */
export interface ApiStatus {
  /** Always `Status`. */
  readonly kind?: string;
  /** `Success` or `Failure`. */
  readonly status?: string;
  /** What went wrong, as the server words it. */
  readonly message?: string;
  /** Machine-readable reason, e.g. `NotFound`, `Conflict`, `Invalid`. */
  readonly reason?: string;
  /** The HTTP status code. */
  readonly code?: number;
  /** The object concerned and, for `Invalid`, the fields at fault. */
  readonly details?: {
    readonly name?: string;
    readonly kind?: string;
    readonly causes?: ReadonlyArray<{ readonly reason?: string; readonly message?: string; readonly field?: string }>;
  };
}

/** The API server answered with an error status (4xx/5xx) that berth did not retry. */
export class KubeApiError extends BerthError {
  /** The HTTP status code. */
  readonly status: number;
  /** The API `Status.reason`, e.g. `NotFound`, `Conflict`, `AlreadyExists`, `Invalid`. */
  readonly reason: string;
  /** The decoded `Status` body, when the server sent one. */
  readonly apiStatus: ApiStatus | undefined;

  /** @param method - HTTP method @param path - request path @param status - HTTP status @param body - response body text */
  constructor(method: string, path: string, status: number, body: string) {
    let parsed: ApiStatus | undefined;
    try {
      const value = JSON.parse(body) as ApiStatus;
      if (value && value.kind === "Status") parsed = value;
    } catch {
      parsed = undefined;
    }
    const reason = parsed?.reason || reasonWithoutStatus(status, parsed?.message);
    const message = parsed?.message ?? body.slice(0, 500);
    super("KubeApiError", `${method} ${path.split("?")[0]}: ${status} ${reason}: ${message}`);
    this.status = status;
    this.reason = reason;
    this.apiStatus = parsed;
  }
}

/**
 * A reason for answers whose Status names none. Server-side apply reports fields its schema lacks as a
 * reason-less 500 ("failed to create typed patch object … field not declared in schema"): that is `Invalid`.
 */
function reasonWithoutStatus(status: number, message: string | undefined): string {
  if (status === 500 && message?.includes("failed to create typed patch object")) return "Invalid";
  return `HTTP${status}`;
}

/** No connection to the API server could be made (after retries). */
export class KubeUnreachable extends BerthError {
  /** @param server - the API server URL @param cause - the last network error */
  constructor(server: string, cause: unknown) {
    super(
      "KubeUnreachable",
      `cannot reach the Kubernetes API server at ${server}: ${(cause as Error)?.message ?? String(cause)}. ` +
        "Check the kubeconfig's server address and that the cluster is running.",
      { cause },
    );
  }
}

/**
 * A write that is not safe to repeat (a POST create) failed in a way that leaves its outcome unknown:
 * the connection broke after the request was sent, or the server answered 5xx. The server may or may
 * not have acted; the transport does not retry it. Read the object back to learn which (the storage
 * drivers do this themselves).
 */
export class WriteUncertain extends BerthError {
  /** The HTTP method, e.g. `POST`. */
  readonly method: string;
  /** The request path, without its query string. */
  readonly path: string;

  /** @param method - HTTP method @param path - request path @param cause - the network error or `KubeApiError` */
  constructor(method: string, path: string, cause: unknown) {
    const bare = path.split("?")[0] ?? path;
    super(
      "WriteUncertain",
      `${method} ${bare} may or may not have been carried out: ${(cause as Error)?.message ?? String(cause)}. ` +
        "It was not repeated because repeating it is not safe; read the object back to see whether it exists.",
      { cause },
    );
    this.method = method;
    this.path = bare;
  }
}

/** The kubeconfig could not be loaded or names no usable cluster/context. */
export class KubeConfigInvalid extends BerthError {
  /** @param message - what is wrong with the kubeconfig and how to fix it */
  constructor(message: string, options?: { cause?: unknown }) {
    super("KubeConfigInvalid", message, options);
  }
}

/** An operation was aborted through its `AbortSignal`. */
export class Aborted extends BerthError {
  /** @param what - what was aborted @param reason - the signal's reason */
  constructor(what: string, reason?: unknown) {
    super("Aborted", `${what} aborted${reason instanceof Error ? `: ${reason.message}` : reason ? `: ${String(reason)}` : ""}`, {
      cause: reason,
    });
  }
}

/** The cluster serves no such apiVersion/kind (discovery was refreshed once before giving up). */
export class UnknownKind extends BerthError {
  /** The requested apiVersion, e.g. `example.com/v1`. */
  readonly apiVersion: string;
  /** The requested kind, e.g. `Widget`. */
  readonly kind: string;

  /** @param apiVersion - the requested apiVersion @param kind - the requested kind */
  constructor(apiVersion: string, kind: string) {
    super(
      "UnknownKind",
      `the cluster does not serve kind "${kind}" in apiVersion "${apiVersion}". ` +
        "If it is a custom resource, install its CustomResourceDefinition first (a chart's crds/ folder); " +
        "otherwise check the apiVersion against `kubectl api-resources`.",
    );
    this.apiVersion = apiVersion;
    this.kind = kind;
  }
}

/** A wait (e.g. for an object to be deleted) did not finish within its timeout. */
export class WaitTimeout extends BerthError {
  /** How long was waited, in ms. */
  readonly timeoutMs: number;

  /** @param what - what was waited for @param timeoutMs - the timeout that expired */
  constructor(what: string, timeoutMs: number) {
    super("WaitTimeout", `timed out after ${timeoutMs} ms waiting for ${what}; raise the timeout or check why it is stuck`);
    this.timeoutMs = timeoutMs;
  }
}
