import { AbortedError } from "./errors.js";

const RETRYABLE_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "ECONNABORTED", "UND_ERR_SOCKET"]);

/** True for network failures worth another attempt (resets, refusals, timeouts). */
export function isRetryableNetworkError(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code !== undefined && RETRYABLE_CODES.has(code);
}

/**
 * True for statuses that may succeed later: 429, 502, 503, 504 — and 500 for reads only. A 500 answering
 * a write is often a verdict, not a hiccup (server-side apply reports a field unknown to the schema as
 * 500), and repeating a write the server may have half-done is not safe.
 */
export function isRetryableStatus(status: number, method = "GET"): boolean {
  if (status === 429 || status === 502 || status === 503 || status === 504) return true;
  return status === 500 && method === "GET";
}

/** Backoff for the given attempt: `Retry-After` seconds when the server sent them, else exponential with jitter, capped at 10 s. */
export function retryDelayMs(attempt: number, baseDelayMs: number, retryAfter: string | undefined): number {
  const seconds = retryAfter === undefined ? NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 30_000);
  const exp = Math.min(baseDelayMs * 2 ** attempt, 10_000);
  return exp / 2 + Math.random() * (exp / 2);
}

/** Waits `ms`, rejecting with `AbortedError` when the signal fires first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError("wait", signal.reason));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError("wait", signal?.reason));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
