// A TLS proxy on loopback in front of the test API server that injects faults: 429 with Retry-After,
// 500/503 (or any status), connection resets before forwarding (the server never sees the request) and after
// forwarding (the server acted, the client gets a reset), and latency — by rule or by probability
// with a seeded RNG. It counts requests by Kubernetes verb, mutating ones separately. Clients use
// `proxy.kubeconfig`: the original kubeconfig pointed at the proxy, trusting its self-signed cert.
// It speaks HTTP/2 like the API server (a reset is then an RST_STREAM of the one request), or
// HTTP/1.1 only (a reset closes the connection).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import http2 from "node:http2";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";

/** What the proxy does to one request. */
export type Fault =
  | { readonly kind: "status"; readonly status: number; readonly retryAfter?: number }
  | { readonly kind: "reset-before" }
  | { readonly kind: "reset-after" }
  /** HTTP/2: RST_STREAM REFUSED_STREAM before forwarding, the server's "not processed, send it again". HTTP/1.1: as reset-before. */
  | { readonly kind: "refuse" }
  | { readonly kind: "latency"; readonly ms: number };

/** Kubernetes verbs, as the API server's audit log names them. */
export type Verb = "get" | "list" | "watch" | "create" | "update" | "patch" | "delete" | "deletecollection";

/** Which requests a rule or random faults apply to. Every field given must match. */
export interface RequestMatch {
  readonly verb?: Verb | readonly Verb[];
  /** Matched against the path without its query string. */
  readonly path?: RegExp | string;
  /** Only mutating (true) or only reading (false) requests. */
  readonly mutating?: boolean;
}

/** A fault injected into matching requests: after `skip` matches, the next `times` ones. */
export interface FaultRule extends RequestMatch {
  readonly fault: Fault;
  /** @defaultValue 0 */
  readonly skip?: number;
  /** @defaultValue Infinity */
  readonly times?: number;
}

/** Faults at random: each matching request gets one of `faults` with probability `rate`. */
export interface RandomFaults extends RequestMatch {
  readonly rate: number;
  readonly seed: number;
  readonly faults: readonly Fault[];
}

/** What the proxy saw. */
export interface ProxyCounts {
  readonly byVerb: Record<Verb, number>;
  /** create, update, patch, delete and deletecollection forwarded to the server (dry runs excluded). */
  mutating: number;
  /** Faults injected, by kind. */
  readonly faults: Record<Fault["kind"], number>;
}

/** A request as the proxy classifies it. */
export interface ClassifiedRequest {
  readonly method: string;
  readonly path: string;
  readonly verb: Verb;
  readonly mutating: boolean;
}

const MUTATING: ReadonlySet<Verb> = new Set(["create", "update", "patch", "delete", "deletecollection"]);

/** The Kubernetes verb of a request (non-resource paths such as /version are `get`). */
export function classify(method: string, url: string): ClassifiedRequest {
  const [path = "", query = ""] = url.split("?");
  const params = new URLSearchParams(query);
  const segments = path.split("/").filter(Boolean);
  const rest = segments[0] === "api" ? segments.slice(2) : segments[0] === "apis" ? segments.slice(3) : undefined;
  let collection = false;
  if (rest) {
    const namespaced = rest[0] === "namespaces" && rest.length >= 3;
    collection = (namespaced ? rest.length === 3 : rest.length === 1) && rest.length > 0;
  }
  const watch = params.get("watch") === "true" || params.get("watch") === "1";
  const verb: Verb =
    method === "GET" ? (watch ? "watch" : collection ? "list" : "get")
    : method === "POST" ? "create"
    : method === "PUT" ? "update"
    : method === "PATCH" ? "patch"
    : method === "DELETE" ? (collection ? "deletecollection" : "delete")
    : "get";
  const dryRun = params.getAll("dryRun").includes("All");
  return { method, path, verb, mutating: MUTATING.has(verb) && !dryRun };
}

/** A deterministic RNG (mulberry32): same seed, same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function matches(match: RequestMatch, req: ClassifiedRequest): boolean {
  if (match.verb !== undefined && !(typeof match.verb === "string" ? [match.verb] : match.verb).includes(req.verb)) return false;
  if (match.mutating !== undefined && match.mutating !== req.mutating) return false;
  if (match.path !== undefined && !(typeof match.path === "string" ? req.path === match.path : match.path.test(req.path))) return false;
  return true;
}

let certCache: { cert: string; key: string } | undefined;

/** A self-signed certificate for 127.0.0.1 (made once per process with the openssl CLI). */
export function selfSignedCert(): { cert: string; key: string } {
  if (certCache) return certCache;
  const dir = mkdtempSync(join(tmpdir(), "berth-fault-proxy-"));
  try {
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
      "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
      "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"),
    ], { stdio: "ignore" });
    certCache = { cert: readFileSync(join(dir, "cert.pem"), "utf8"), key: readFileSync(join(dir, "key.pem"), "utf8") };
    return certCache;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A running fault proxy. */
export interface FaultProxy {
  /** The upstream kubeconfig, pointed at the proxy (text, for `connect({ kubeconfig })`). */
  readonly kubeconfig: string;
  readonly url: string;
  readonly counts: ProxyCounts;
  /** Every request seen, in order, with the fault it got. */
  readonly log: Array<ClassifiedRequest & { fault?: Fault["kind"]; httpVersion: string }>;
  /** Adds a rule; rules are checked in order before random faults. */
  addRule(rule: FaultRule): void;
  /** Sets (or with undefined, stops) random faults. */
  setRandom(random: RandomFaults | undefined): void;
  /** Drops every rule and random fault, and zeroes the counts. */
  reset(): void;
  close(): Promise<void>;
}

/** The protocol the proxy offers its clients. */
export type ProxyProtocol = "h2" | "http/1.1";

type ProxyRequest = IncomingMessage | http2.Http2ServerRequest;
type ProxyResponse = ServerResponse | http2.Http2ServerResponse;

// headers HTTP/2 forbids (RFC 9113 8.2.2) and the pseudo-headers, neither forwarded
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "host"]);
function forwardable(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string | string[]] => e[1] !== undefined && !e[0].startsWith(":") && !HOP_BY_HOP.has(e[0].toLowerCase())));
}

/** Ends one request abruptly: over HTTP/2 a reset of its stream (with `code`), over HTTP/1.1 the connection closes. */
function reset(req: ProxyRequest, code: number = http2.constants.NGHTTP2_INTERNAL_ERROR): void {
  if ("stream" in req) req.stream.close(code);
  else req.socket.destroy();
}

/** Starts a proxy on 127.0.0.1 in front of the cluster of `kubeconfigPath`, speaking HTTP/2 (and HTTP/1.1 to clients without it) unless told HTTP/1.1 only. */
export async function startFaultProxy(kubeconfigPath: string, options: { protocol?: ProxyProtocol } = {}): Promise<FaultProxy> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`no current cluster in ${kubeconfigPath}`);
  const upstream = new URL(cluster.server);
  const tls: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(tls);
  const agent = new https.Agent({ keepAlive: true, maxSockets: 64, ...(tls.ca ? { ca: tls.ca } : {}), ...(tls.cert ? { cert: tls.cert, key: tls.key } : {}), ...(tls.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}) });

  const rules: Array<{ rule: FaultRule; seen: number }> = [];
  let random: { config: RandomFaults; next: () => number } | undefined;
  const zero = () => ({
    byVerb: { get: 0, list: 0, watch: 0, create: 0, update: 0, patch: 0, delete: 0, deletecollection: 0 } as Record<Verb, number>,
    mutating: 0,
    faults: { status: 0, "reset-before": 0, "reset-after": 0, refuse: 0, latency: 0 } as Record<Fault["kind"], number>,
  });
  const counts: ProxyCounts = zero();
  const log: FaultProxy["log"] = [];

  function choose(req: ClassifiedRequest): Fault | undefined {
    for (const entry of rules) {
      if (!matches(entry.rule, req)) continue;
      entry.seen++;
      const skip = entry.rule.skip ?? 0;
      if (entry.seen > skip && entry.seen <= skip + (entry.rule.times ?? Infinity)) return entry.rule.fault;
    }
    if (random && matches(random.config, req) && random.next() < random.config.rate) {
      return random.config.faults[Math.floor(random.next() * random.config.faults.length)];
    }
    return undefined;
  }

  function forward(req: ProxyRequest, res: ProxyResponse, body: Buffer, resetAfter: boolean): void {
    const headers = { ...forwardable(req.headers), host: upstream.host };
    const out = https.request({ protocol: "https:", hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent }, (up) => {
      if (resetAfter) {
        // The server has answered (it acted); the client never hears it.
        up.destroy();
        reset(req);
        return;
      }
      res.writeHead(up.statusCode ?? 502, forwardable(up.headers));
      up.pipe(res as NodeJS.WritableStream);
      res.once("close", () => up.destroy());
    });
    out.on("error", () => reset(req));
    out.end(body);
  }

  const { cert, key } = selfSignedCert();
  const handle = (req: ProxyRequest, res: ProxyResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const classified = classify(req.method ?? "GET", req.url ?? "/");
      const fault = choose(classified);
      counts.byVerb[classified.verb]++;
      log.push({ ...classified, ...(fault ? { fault: fault.kind } : {}), httpVersion: req.httpVersion });
      if (fault) counts.faults[fault.kind]++;
      const body = Buffer.concat(chunks);
      if (fault?.kind === "reset-before") return void reset(req);
      if (fault?.kind === "refuse") return void reset(req, http2.constants.NGHTTP2_REFUSED_STREAM);
      if (fault?.kind === "status") {
        const status = { kind: "Status", apiVersion: "v1", status: "Failure", message: `injected ${fault.status}`, reason: fault.status === 429 ? "TooManyRequests" : fault.status === 403 ? "Forbidden" : fault.status >= 500 ? "InternalError" : "BadRequest", code: fault.status };
        res.writeHead(fault.status, { "Content-Type": "application/json", ...(fault.retryAfter !== undefined ? { "Retry-After": String(fault.retryAfter) } : {}) });
        return void res.end(JSON.stringify(status));
      }
      if (classified.mutating) counts.mutating++;
      const go = () => forward(req, res, body, fault?.kind === "reset-after");
      if (fault?.kind === "latency") setTimeout(go, fault.ms);
      else go();
    });
  };
  const server = options.protocol === "http/1.1" ? https.createServer({ cert, key }, handle) : http2.createSecureServer({ cert, key, allowHTTP1: true }, handle);
  const sockets = new Set<TLSSocket>();
  server.on("secureConnection", (socket: TLSSocket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const proxied = new KubeConfig();
  proxied.loadFromFile(kubeconfigPath);
  const clusters = proxied.clusters.map((c) => (c.name === cluster.name ? { ...c, server: url, caData: Buffer.from(cert).toString("base64"), caFile: undefined, skipTLSVerify: false } : c));
  proxied.loadFromOptions({ clusters, users: proxied.users, contexts: proxied.contexts, currentContext: proxied.getCurrentContext() });

  return {
    kubeconfig: proxied.exportConfig(),
    url,
    counts,
    log,
    addRule: (rule) => void rules.push({ rule, seen: 0 }),
    setRandom: (config) => void (random = config && { config, next: seededRandom(config.seed) }),
    reset() {
      rules.length = 0;
      random = undefined;
      log.length = 0;
      const fresh = zero();
      Object.assign(counts.byVerb, fresh.byVerb);
      Object.assign(counts.faults, fresh.faults);
      counts.mutating = 0;
    },
    async close() {
      agent.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
