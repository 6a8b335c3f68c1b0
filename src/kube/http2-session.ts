// One multiplexed HTTP/2 connection to the API server, as client-go and kubectl use. Over HTTP/1.1
// every concurrent request needs a connection of its own, each with a TLS handshake that costs the
// client and the API server more CPU than a dry run of a small object.
import http2 from "node:http2";
import { isIP } from "node:net";
import tls from "node:tls";
import { codedError, connectTimeoutError, REFUSED_STREAM, STREAM_RESET } from "./retry.js";

/** A response read whole. */
export interface Http2Answer {
  readonly status: number;
  readonly body: string;
  readonly retryAfter: string | undefined;
}

/** How to reach the server: its URL, the TLS options every connection uses, and how long connecting may take. */
export interface Http2Target {
  readonly url: URL;
  readonly tls: tls.ConnectionOptions;
  readonly timeoutMs: number;
}

// Large LISTs arrive without waiting for window updates every 64 KiB.
const WINDOW = 16 * 1024 * 1024;

/**
 * Opens a TLS connection offering `h2` and `http/1.1`; resolves to an HTTP/2 session when the server
 * chose `h2`, to `undefined` when it chose HTTP/1.1 (or no protocol), and rejects with the socket's
 * error (e.g. `ECONNREFUSED`) when no connection was made.
 */
export async function connectHttp2(target: Http2Target): Promise<http2.ClientHttp2Session | undefined> {
  const host = target.url.hostname.replace(/^\[|\]$/g, "");
  const socket = await new Promise<tls.TLSSocket>((resolve, reject) => {
    const s = tls.connect({
      // SNI names the host, as Node's https agent does (never an IP address)
      ...(isIP(host) ? {} : { servername: host }),
      ...target.tls,
      host,
      port: Number(target.url.port || 443),
      ALPNProtocols: ["h2", "http/1.1"],
    });
    const timer = setTimeout(() => s.destroy(connectTimeoutError(target.url.host, target.timeoutMs)), target.timeoutMs);
    s.once("secureConnect", () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  socket.removeAllListeners("error");
  if (socket.alpnProtocol !== "h2") {
    socket.destroy();
    return undefined;
  }
  const session = http2.connect(target.url.origin, { createConnection: () => socket, settings: { initialWindowSize: WINDOW } });
  session.on("error", () => undefined); // every stream in flight gets its own error
  // a transport closed meanwhile has destroyed the session: setting its window would throw, uncaught
  session.once("connect", () => !session.destroyed && session.setLocalWindowSize(WINDOW));
  session.unref();
  return session;
}

/**
 * Sends one request on `session` and reads the whole answer. The session holds the process open
 * only while it has streams in flight. Failures carry `REFUSED_STREAM` or `STREAM_RESET` as `code`.
 */
export function requestHttp2(
  session: http2.ClientHttp2Session,
  request: { method: string; path: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
): Promise<Http2Answer> {
  return new Promise((resolve, reject) => {
    const { signal } = request;
    if (signal?.aborted) return reject(abortError(signal));
    let stream: http2.ClientHttp2Stream;
    try {
      stream = session.request({ ...lowerCased(request.headers), ":method": request.method, ":path": request.path }, { endStream: request.body === undefined });
    } catch (e) {
      // the session closed between our check and this request: nothing was sent
      return reject(codedError(REFUSED_STREAM, `HTTP/2 session closed before ${request.method} ${request.path} was sent`, e));
    }
    const aborting = signal ? streamsAbortedBy(signal) : undefined;
    aborting?.add(stream);
    holdOpen(session, 1);
    let status = 0;
    let retryAfter: string | undefined;
    const chunks: Buffer[] = [];
    stream.on("response", (headers) => {
      status = Number(headers[":status"] ?? 0);
      const value = headers["retry-after"];
      retryAfter = Array.isArray(value) ? value[0] : value;
    });
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve({ status, body: Buffer.concat(chunks).toString("utf8"), retryAfter }));
    stream.on("error", (e: Error & { code?: string }) => {
      if (e.name === "AbortError" || e.code === "ABORT_ERR") return reject(e);
      const refused = stream.rstCode === http2.constants.NGHTTP2_REFUSED_STREAM;
      reject(codedError(refused ? REFUSED_STREAM : STREAM_RESET, `HTTP/2 stream of ${request.method} ${request.path} failed: ${e.message}`, e));
    });
    stream.on("close", () => {
      aborting?.delete(stream);
      holdOpen(session, -1);
      // closed without an answer and without an error (e.g. RST_STREAM NO_ERROR)
      if (status === 0) reject(codedError(stream.rstCode === http2.constants.NGHTTP2_REFUSED_STREAM ? REFUSED_STREAM : STREAM_RESET, `HTTP/2 stream of ${request.method} ${request.path} closed without an answer`));
    });
    if (request.body !== undefined) stream.end(request.body);
  });
}

/**
 * The streams in flight under each signal, destroyed when it aborts: one listener per signal, where
 * Node's per-request `signal` option adds a listener and its disposal to every stream (~3% of an
 * install's client CPU at 1,000 requests).
 */
const streamsBySignal = new WeakMap<AbortSignal, Set<http2.ClientHttp2Stream>>();

function streamsAbortedBy(signal: AbortSignal): Set<http2.ClientHttp2Stream> {
  let streams = streamsBySignal.get(signal);
  if (!streams) {
    const set = new Set<http2.ClientHttp2Stream>();
    signal.addEventListener("abort", () => {
      for (const s of set) s.destroy(abortError(signal));
      set.clear();
    }, { once: true });
    streamsBySignal.set(signal, set);
    streams = set;
  }
  return streams;
}

/** The error an aborted request fails with (as Node's own `signal` option makes it): the signal's reason is its cause. */
function abortError(signal: AbortSignal): Error {
  return Object.assign(new Error("The operation was aborted", { cause: signal.reason }), { name: "AbortError", code: "ABORT_ERR" });
}

const inFlight = new WeakMap<http2.ClientHttp2Session, number>();

/** Refs the session while streams are in flight, unrefs it when idle (an idle connection must not keep Node running). */
function holdOpen(session: http2.ClientHttp2Session, delta: number): void {
  const n = (inFlight.get(session) ?? 0) + delta;
  inFlight.set(session, n);
  if (session.destroyed) return;
  if (n > 0 && n - delta === 0) session.ref();
  else if (n === 0) session.unref();
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}
