import https from "node:https";
import http from "node:http";
import type { ClientHttp2Session } from "node:http2";
import { createSecureContext, type ConnectionOptions, type SecureContext } from "node:tls";
import type { LoadedKubeConfig } from "./config.js";
import { Aborted, KubeApiError, KubeConfigInvalid, KubeUnreachable, WriteUncertain } from "./errors.js";
import { connectHttp2, requestHttp2 } from "./http2-session.js";
import { connectTimeoutError, isIdempotent, isNotSentError, isRetryableNetworkError, isRetryableStatus, retryDelayMs, sleep } from "./retry.js";

/** One HTTP request to the API server. */
export interface KubeRequest {
  /** The HTTP method. */
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path with query string, e.g. `/api/v1/namespaces/x/configmaps?labelSelector=a%3Db`. */
  readonly path: string;
  /** The request body, sent exactly as given. */
  readonly body?: string;
  /** The `Content-Type` header. @defaultValue "application/json" when there is a body */
  readonly contentType?: string;
  /** The `Accept` header. @defaultValue "application/json" */
  readonly accept?: string;
  /** Aborts the request and any retry. */
  readonly signal?: AbortSignal;
}

/** A response with a 2xx status. */
export interface KubeResponse {
  /** The HTTP status code. */
  readonly status: number;
  /** The response body text. */
  readonly body: string;
}

/** Observes every request sent (after retries are decided, once per attempt): used to count and audit API calls. */
export type RequestObserver = (request: { method: string; path: string }) => void;

/** How the transport retries. */
export interface RetryOptions {
  /** Attempts in all, the first included. @defaultValue 6 */
  readonly attempts?: number;
  /** First backoff delay in ms, doubled each retry (with jitter), capped at 10 s. @defaultValue 200 */
  readonly baseDelayMs?: number;
  /** How long opening a connection (TCP and TLS) may take before the attempt fails as not sent. @defaultValue 10000, client-go's TLS handshake timeout */
  readonly connectTimeoutMs?: number;
}

/**
 * HTTP(S) to the API server with the kubeconfig's TLS and auth, and retries with
 * backoff for 429/5xx/connection errors (honouring `Retry-After`). Only idempotent requests are
 * repeated after a failure that leaves the outcome unknown (see `isIdempotent`); a POST create that
 * fails that way throws `WriteUncertain` for the caller to read back and reconcile. Bodies go out exactly as given:
 * no model serialisation drops or rewrites fields.
 * @remarks Requests go over one multiplexed HTTP/2 connection when the server offers `h2` (as the
 * API server does), else over keep-alive HTTP/1.1 connections; watches and other streams always use
 * HTTP/1.1. Like client-go, a non-empty `DISABLE_HTTP2` environment variable keeps every request on HTTP/1.1.
 */
export class KubeTransport {
  /** API server URL, without a trailing slash. */
  readonly server: string;
  private readonly config: LoadedKubeConfig;
  private readonly retry: Required<RetryOptions>;
  private readonly observers = new Set<RequestObserver>();
  private agent: http.Agent | undefined;
  private tls: ConnectionOptions | undefined;
  private http2Session: ClientHttp2Session | undefined;
  private http2Opening: Promise<ClientHttp2Session | undefined> | undefined;
  /** The server chose HTTP/1.1 when offered `h2`. */
  private http1Only = (process.env["DISABLE_HTTP2"] ?? "") !== "";

  /** @param config - the loaded kubeconfig @param retry - retry tuning */
  constructor(config: LoadedKubeConfig, retry: RetryOptions = {}) {
    this.config = config;
    this.server = config.server;
    this.retry = { attempts: retry.attempts ?? 6, baseDelayMs: retry.baseDelayMs ?? 200, connectTimeoutMs: retry.connectTimeoutMs ?? 10_000 };
  }

  /** Adds an observer of every request; returns a function that removes it. */
  observe(observer: RequestObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /**
   * Sends a request, retrying transient failures; throws `KubeApiError` for a non-2xx answer,
   * `WriteUncertain` when a non-idempotent request may or may not have been carried out.
   */
  async request(req: KubeRequest): Promise<KubeResponse> {
    let lastError: unknown;
    for (let attempt = 0; attempt < this.retry.attempts; attempt++) {
      if (req.signal?.aborted) throw new Aborted(`${req.method} ${req.path}`, req.signal.reason);
      let res: { status: number; body: string; retryAfter: string | undefined };
      try {
        res = await this.send(req);
      } catch (e) {
        if (e instanceof Aborted || e instanceof KubeConfigInvalid) throw e;
        if (!isRetryableNetworkError(e)) throw new KubeUnreachable(this.server, e);
        // The server may have acted: repeating a create could create twice (or meet its own object).
        if (!isIdempotent(req) && !isNotSentError(e)) throw new WriteUncertain(req.method, req.path, e);
        lastError = e;
        if (attempt + 1 >= this.retry.attempts) break;
        await sleep(retryDelayMs(attempt, this.retry.baseDelayMs, undefined), req.signal);
        continue;
      }
      if (res.status >= 200 && res.status < 300) return { status: res.status, body: res.body };
      const error = new KubeApiError(req.method, req.path, res.status, res.body);
      if (isRetryableStatus(res.status, req, res) && attempt + 1 < this.retry.attempts) {
        lastError = error;
        await sleep(retryDelayMs(attempt, this.retry.baseDelayMs, res.retryAfter), req.signal);
        continue;
      }
      // A 500 that names the request invalid (server-side apply's "failed to create typed patch object") is a refusal, not an ambiguity.
      if (res.status >= 500 && res.retryAfter === undefined && !isIdempotent(req) && error.reason !== "Invalid") throw new WriteUncertain(req.method, req.path, error);
      throw error;
    }
    if (lastError instanceof KubeApiError) throw lastError;
    throw new KubeUnreachable(this.server, lastError);
  }

  /**
   * Sends a request and returns the response as a stream (watches, logs); not retried. The caller destroys it.
   * Throws `KubeApiError` for a non-2xx answer, `Aborted` or `KubeUnreachable` when no answer came.
   */
  async openStream(req: KubeRequest): Promise<http.IncomingMessage> {
    const { options, url } = await this.prepare(req);
    this.notify(req);
    return await new Promise((resolve, reject) => {
      const r = (url.protocol === "https:" ? https : http).request(url, options, (res) => {
        if ((res.statusCode ?? 0) >= 300) {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (body += c));
          res.on("error", (e) => reject(this.networkError(req, e)));
          res.on("end", () => reject(new KubeApiError(req.method, req.path, res.statusCode ?? 0, body)));
          return;
        }
        resolve(res);
      });
      r.on("error", (e) => reject(this.networkError(req, e)));
      limitConnect(r, this.retry.connectTimeoutMs, url.host);
      if (req.body !== undefined) r.write(req.body);
      r.end();
    });
  }

  /** Closes pooled connections. */
  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
    this.http2Session?.destroy();
    this.http2Session = undefined;
    void this.http2Opening?.then((session) => session?.destroy(), () => undefined);
  }

  private networkError(req: KubeRequest, e: unknown): Error {
    if (req.signal?.aborted) return new Aborted(`${req.method} ${req.path}`, req.signal.reason);
    return new KubeUnreachable(this.server, e);
  }

  private notify(req: KubeRequest): void {
    for (const observer of this.observers) observer({ method: req.method, path: req.path });
  }

  private async prepare(req: KubeRequest): Promise<{ options: https.RequestOptions; url: URL }> {
    const auth: https.RequestOptions & { headers: Record<string, string> } = { headers: {} };
    await this.config.applyToHTTPSOptions(auth);
    const url = new URL(this.server + req.path);
    if (!this.agent) {
      const rejectUnauthorized = auth.rejectUnauthorized;
      // one context for every connection: given the PEMs instead, each connection parses them again
      this.tls = {
        secureContext: secureContextOf(auth),
        ...(auth.servername ? { servername: auth.servername } : {}),
        ...(rejectUnauthorized === undefined ? {} : { rejectUnauthorized }),
      };
      this.agent = url.protocol === "https:" ? new https.Agent({ ...this.tls, keepAlive: true, maxSockets: 64 }) : new http.Agent({ keepAlive: true, maxSockets: 64 });
    }
    const headers: Record<string, string> = { Accept: req.accept ?? "application/json", ...(auth.headers as Record<string, string>) };
    if (req.body !== undefined) {
      headers["Content-Type"] = req.contentType ?? "application/json";
      headers["Content-Length"] = String(Buffer.byteLength(req.body));
    }
    const options: https.RequestOptions = { method: req.method, headers, agent: this.agent, ...(auth.auth ? { auth: auth.auth } : {}) };
    if (req.signal) options.signal = req.signal;
    return { options, url };
  }

  /** The HTTP/2 session to send on, opened on first use; `undefined` for a server that speaks HTTP/1.1 only (or plain HTTP). */
  private async session(url: URL): Promise<ClientHttp2Session | undefined> {
    if (url.protocol !== "https:" || this.http1Only) return undefined;
    const current = this.http2Session;
    if (current && !current.closed && !current.destroyed) return current;
    // concurrent first requests share one connection
    this.http2Opening ??= this.openHttp2(url).finally(() => (this.http2Opening = undefined));
    return await this.http2Opening;
  }

  private async openHttp2(url: URL): Promise<ClientHttp2Session | undefined> {
    const session = await connectHttp2({ url, tls: this.tls ?? {}, timeoutMs: this.retry.connectTimeoutMs });
    if (!session) {
      this.http1Only = true;
      return undefined;
    }
    this.http2Session = session;
    // after GOAWAY the streams in flight finish; new requests open a new connection
    const forget = () => {
      if (this.http2Session === session) this.http2Session = undefined;
    };
    session.once("close", forget);
    session.once("goaway", forget);
    return session;
  }

  private async send(req: KubeRequest): Promise<{ status: number; body: string; retryAfter: string | undefined }> {
    const { options, url } = await this.prepare(req);
    this.notify(req);
    const session = await this.session(url);
    if (session) {
      const headers = { ...(options.headers as Record<string, string>) };
      if (options.auth) headers["Authorization"] = `Basic ${Buffer.from(options.auth).toString("base64")}`;
      try {
        return await requestHttp2(session, { method: req.method, path: url.pathname + url.search, headers, ...(req.body !== undefined ? { body: req.body } : {}), ...(req.signal ? { signal: req.signal } : {}) });
      } catch (e) {
        throw abortedOr(req, e);
      }
    }
    return await new Promise((resolve, reject) => {
      const r = (url.protocol === "https:" ? https : http).request(url, options, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (e) => reject(abortedOr(req, e)));
        res.on("end", () => {
          const retryAfter = res.headers["retry-after"];
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter });
        });
      });
      r.on("error", (e) => reject(abortedOr(req, e)));
      limitConnect(r, this.retry.connectTimeoutMs, url.host);
      if (req.body !== undefined) r.write(req.body);
      r.end();
    });
  }
}

/** `Aborted` when the request's signal fired (whatever error that caused), else the error itself. */
function abortedOr(req: KubeRequest, error: unknown): unknown {
  return req.signal?.aborted ? new Aborted(`${req.method} ${req.path}`, req.signal.reason) : error;
}

/** Fails `request` as not sent when its new connection (TCP, and TLS for https) is not made within `ms`; a reused keep-alive connection is not timed. */
function limitConnect(request: http.ClientRequest, ms: number, host: string): void {
  request.once("socket", (socket) => {
    if (!socket.connecting) return;
    const timer = setTimeout(() => request.destroy(connectTimeoutError(host, ms)), ms);
    socket.once("encrypted" in socket ? "secureConnect" : "connect", () => clearTimeout(timer));
    socket.once("close", () => clearTimeout(timer));
  });
}

/** The TLS context of the kubeconfig's CA, client certificate and key; `KubeConfigInvalid` when they cannot be used. */
function secureContextOf(auth: https.RequestOptions): SecureContext {
  const material = Object.fromEntries(Object.entries({ ca: auth.ca, cert: auth.cert, key: auth.key, pfx: auth.pfx, passphrase: auth.passphrase }).filter(([, v]) => v !== undefined));
  try {
    return createSecureContext(material);
  } catch (e) {
    throw new KubeConfigInvalid(`the kubeconfig's TLS material (certificate authority, client certificate or key) cannot be used: ${(e as Error).message}`, { cause: e });
  }
}
