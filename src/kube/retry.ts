import { Aborted } from "./errors.js";

/** An HTTP/2 stream refused before the server processed it (RST_STREAM REFUSED_STREAM): safe to send again. */
export const REFUSED_STREAM = "H2_REFUSED_STREAM";
/** An HTTP/2 stream or connection failed after the request may have reached the server. */
export const STREAM_RESET = "H2_STREAM_RESET";
/** No connection was made in time (a black-holed address, a server that never answers the TLS handshake): nothing was sent. */
export const CONNECT_TIMEOUT = "BERTH_CONNECT_TIMEOUT";

/** A network error carrying one of the `code`s this policy classifies. */
export function codedError(code: string, message: string, cause?: unknown): Error {
  return Object.assign(new Error(message, cause === undefined ? {} : { cause }), { code });
}

/** The error of a connection not made within `ms`. */
export function connectTimeoutError(host: string, ms: number): Error {
  return codedError(CONNECT_TIMEOUT, `no connection to ${host} within ${ms} ms`);
}

/** Failures before the request reached the server (no connection in time, or an HTTP/2 stream refused unprocessed). */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "EAI_AGAIN", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", REFUSED_STREAM, CONNECT_TIMEOUT]);
/** Failures after the request may have reached the server: it may have acted on it. */
const AMBIGUOUS_CODES = new Set(["ECONNRESET", "ETIMEDOUT", "EPIPE", "ECONNABORTED", "UND_ERR_SOCKET", STREAM_RESET]);

/** The request facts the retry policy looks at. */
export interface RetryableRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType?: string;
}

/** True for network failures worth another attempt (resets, refusals, timeouts), whatever the request. */
export function isRetryableNetworkError(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && (NOT_SENT_CODES.has(code) || AMBIGUOUS_CODES.has(code));
}

/** True when a network failure proves the request never reached the server (no connection was made). */
export function isNotSentError(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && NOT_SENT_CODES.has(code);
}

/**
 * True for requests that may be sent again after an ambiguous failure without changing the outcome:
 * reads, server-side apply patches, merge patches, PUTs (a replayed PUT with a `resourceVersion`
 * precondition fails with Conflict instead of writing twice; the caller reconciles), DELETEs (a
 * replay finds NotFound), and dry runs. A POST create is not: the server may already have created it.
 */
export function isIdempotent(req: RetryableRequest): boolean {
  switch (req.method) {
    case "GET":
    case "HEAD":
    case "PUT":
    case "DELETE":
      return true;
    case "PATCH":
      return req.contentType === "application/apply-patch+yaml" || req.contentType === "application/merge-patch+json" || req.contentType === "application/strategic-merge-patch+json";
    default:
      return /[?&]dryRun=All(&|$)/.test(req.path);
  }
}

/**
 * True for statuses that may succeed later. 429 never means the server acted, so every request is
 * retried; so is any 5xx that carries `Retry-After` (the server asks for a retry, as client-go
 * honours). Other 5xx (500, 502, 503, 504) are retried for idempotent requests only — except the
 * 500 server-side apply answers for a field its schema lacks, which is a verdict, not a hiccup.
 */
export function isRetryableStatus(
  status: number,
  req: RetryableRequest = { method: "GET", path: "" },
  answer: { readonly body?: string; readonly retryAfter?: string | undefined } = {},
): boolean {
  if (status === 429) return true;
  if (status < 500 || status > 599 || status === 501) return false;
  if (answer.retryAfter !== undefined) return true;
  if (!isIdempotent(req)) return false;
  return !(status === 500 && (answer.body ?? "").includes("failed to create typed patch object"));
}

/** Backoff for the given attempt: `Retry-After` seconds when the server sent them, else exponential with jitter, capped at 10 s. */
export function retryDelayMs(attempt: number, baseDelayMs: number, retryAfter: string | undefined): number {
  const seconds = retryAfter === undefined ? NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 30_000);
  const exp = Math.min(baseDelayMs * 2 ** attempt, 10_000);
  return exp / 2 + Math.random() * (exp / 2);
}

/** Waits `ms`, rejecting with `Aborted` when the signal fires first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Aborted("wait", signal.reason));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Aborted("wait", signal?.reason));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function codeOf(error: unknown): string | undefined {
  return (error as { code?: string } | undefined)?.code;
}
