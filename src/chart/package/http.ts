import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";

/** How to reach a repository or registry over HTTP(S). */
export interface HttpOptions {
  /** Extra CA certificates (PEM) trusted for HTTPS, e.g. a private repository's CA. */
  readonly ca?: string | Uint8Array;
  /** Skips TLS verification. Only for tests and throwaway setups. @defaultValue false */
  readonly insecureSkipTlsVerify?: boolean;
  /** Aborts the request. */
  readonly signal?: AbortSignal;
}

/** One HTTP request. */
export interface HttpRequest extends HttpOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: Uint8Array;
}

/** A whole HTTP response. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The URL that answered, after redirects. */
  readonly url: string;
}

/**
 * Sends a request and reads the whole response; follows up to 5 redirects (dropping
 * `Authorization` when the host changes, as registries redirect blobs to storage).
 * Rejects only for network failures; HTTP error statuses are returned.
 */
export async function httpFetch(url: string, req: HttpRequest = {}): Promise<HttpResponse> {
  let current = url;
  let headers = { ...req.headers };
  for (let hop = 0; hop < 6; hop++) {
    const res = await once(current, { ...req, headers });
    if (res.status >= 300 && res.status < 400 && res.headers.location && (req.method ?? "GET") !== "PUT") {
      const next = new URL(res.headers.location, current);
      if (next.host !== new URL(current).host) headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== "authorization"));
      current = next.toString();
      continue;
    }
    return res;
  }
  throw new Error(`too many redirects from ${url}`);
}

function once(url: string, req: HttpRequest): Promise<HttpResponse> {
  const u = new URL(url);
  const send = u.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const r = send(
      u,
      {
        method: req.method ?? "GET",
        headers: { ...req.headers, ...(req.body ? { "content-length": String(req.body.length) } : {}) },
        ...(req.ca !== undefined ? { ca: Buffer.from(req.ca) } : {}),
        ...(req.insecureSkipTlsVerify ? { rejectUnauthorized: false } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
        timeout: 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), url }));
        res.on("error", reject);
      },
    );
    r.on("timeout", () => r.destroy(new Error("timed out after 60 s")));
    r.on("error", reject);
    r.end(req.body);
  });
}

/** `Authorization: Basic …` for a username and password. */
export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}
