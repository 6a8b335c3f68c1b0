// GIVEN an API server that speaks HTTP/2 (or only HTTP/1.1) over TLS WHEN the transport sends requests
// THEN they share one multiplexed HTTP/2 connection, fall back to HTTP/1.1 where h2 is not offered (or
// DISABLE_HTTP2 is set), reconnect after GOAWAY, classify stream resets for the retry policy, abort,
// give up on a handshake that never completes, and never keep an idle process alive.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { getEventListeners } from "node:events";
import http2 from "node:http2";
import https from "node:https";
import net, { type AddressInfo } from "node:net";
import { after, describe, it } from "node:test";
import { loadKubeConfig } from "../../src/kube/config.js";
import { Aborted, KubeUnreachable, WriteUncertain } from "../../src/kube/errors.js";
import { KubeTransport } from "../../src/kube/transport.js";
import { selfSignedCert } from "../helpers/fault-proxy.js";

type Req = http2.Http2ServerRequest | import("node:http").IncomingMessage;
type Res = http2.Http2ServerResponse | import("node:http").ServerResponse;

/** A TLS server on loopback (HTTP/2 with HTTP/1.1 for clients without it, or HTTP/1.1 only) and a kubeconfig trusting it. */
async function startServer(protocol: "h2" | "http/1.1", handle: (req: Req, res: Res) => void) {
  const { cert, key } = selfSignedCert();
  const seen: Array<{ httpVersion: string; method: string; url: string }> = [];
  const wrapped = (req: Req, res: Res) => {
    seen.push({ httpVersion: req.httpVersion, method: req.method ?? "", url: req.url ?? "" });
    req.resume();
    req.on("end", () => handle(req, res));
  };
  const server = protocol === "h2" ? http2.createSecureServer({ cert, key, allowHTTP1: true }, wrapped) : https.createServer({ cert, key }, wrapped);
  let connections = 0;
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (s: import("node:net").Socket) => {
    connections++;
    sockets.add(s);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeconfig = [
    "apiVersion: v1",
    "kind: Config",
    `clusters: [{name: tls, cluster: {server: '${url}', certificate-authority-data: ${Buffer.from(cert).toString("base64")}}}]`,
    "users: [{name: u, user: {token: secret-token}}]",
    "contexts: [{name: tls, context: {cluster: tls, user: u}}]",
    "current-context: tls",
  ].join("\n");
  return {
    url,
    kubeconfig,
    seen,
    server,
    connections: () => connections,
    transport: (retry = { baseDelayMs: 5 }) => new KubeTransport(loadKubeConfig({ kubeconfig }), retry),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const ok = (_req: Req, res: Res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ ok: true }));
};

describe("KubeTransport over HTTP/2", () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  after(async () => void (await Promise.all(servers.map((s) => s.close()))));

  it("GIVEN a server offering h2 WHEN 20 requests run at once THEN they share one HTTP/2 connection and carry the credentials", async () => {
    let authorization: string | undefined;
    const server = await startServer("h2", (req, res) => {
      authorization = req.headers["authorization"];
      ok(req, res);
    });
    servers.push(server);
    const transport = server.transport();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => transport.request({ method: "GET", path: `/api/v1/namespaces/a/configmaps/c${i}` })));
    assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
    assert.equal(JSON.parse(answers[0]!.body).ok, true);
    assert.deepEqual([...new Set(server.seen.map((r) => r.httpVersion))], ["2.0"]);
    assert.equal(server.connections(), 1, "one TLS connection for every request");
    assert.equal(authorization, "Bearer secret-token");
    transport.close();
  });

  it("GIVEN a server named by host name WHEN connecting over HTTP/2 THEN SNI carries the name", async () => {
    let servername: unknown;
    const server = await startServer("h2", (req, res) => {
      servername = (req.socket as import("node:tls").TLSSocket).servername;
      ok(req, res);
    });
    servers.push(server);
    const kubeconfig = server.kubeconfig.replace(/server: 'https:\/\/127\.0\.0\.1:(\d+)', certificate-authority-data: [^}\s]+\}/, "server: 'https://localhost:$1', insecure-skip-tls-verify: true}");
    assert.notEqual(kubeconfig, server.kubeconfig);
    const transport = new KubeTransport(loadKubeConfig({ kubeconfig }));
    assert.equal((await transport.request({ method: "GET", path: "/version" })).status, 200);
    assert.equal(servername, "localhost");
    transport.close();
  });

  it("GIVEN a server that speaks HTTP/1.1 only WHEN requesting THEN the transport falls back to HTTP/1.1 and stays there", async () => {
    const server = await startServer("http/1.1", ok);
    servers.push(server);
    const transport = server.transport();
    for (let i = 0; i < 3; i++) assert.equal((await transport.request({ method: "GET", path: "/version" })).status, 200);
    assert.deepEqual(server.seen.map((r) => r.httpVersion), ["1.1", "1.1", "1.1"]);
    assert.equal(server.connections(), 2, "the ALPN probe, then one keep-alive connection");
    transport.close();
  });

  it("GIVEN DISABLE_HTTP2 is set WHEN requesting a server offering h2 THEN HTTP/1.1 is used, as client-go does", async () => {
    const server = await startServer("h2", ok);
    servers.push(server);
    process.env["DISABLE_HTTP2"] = "1";
    let transport: KubeTransport;
    try {
      transport = server.transport();
    } finally {
      delete process.env["DISABLE_HTTP2"];
    }
    await transport.request({ method: "GET", path: "/version" });
    assert.deepEqual(server.seen.map((r) => r.httpVersion), ["1.1"]);
    transport.close();
  });

  it("GIVEN the server sends GOAWAY after a request WHEN the next request is sent THEN it goes over a new connection and succeeds", async () => {
    const server = await startServer("h2", (req, res) => {
      // the stream lets go of its session once it has finished
      const session = "stream" in req ? req.stream.session : undefined;
      if (req.url === "/first") res.once("finish", () => session?.close());
      ok(req, res);
    });
    servers.push(server);
    const transport = server.transport();
    await transport.request({ method: "GET", path: "/first" });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal((await transport.request({ method: "GET", path: "/second" })).status, 200);
    assert.equal(server.connections(), 2);
    transport.close();
  });

  it("GIVEN a stream refused unprocessed WHEN creating (POST) THEN it is sent again: the server never acted", async () => {
    let n = 0;
    const server = await startServer("h2", (req, res) => {
      if (n++ === 0 && "stream" in req) return void req.stream.close(http2.constants.NGHTTP2_REFUSED_STREAM);
      ok(req, res);
    });
    servers.push(server);
    const transport = server.transport();
    assert.equal((await transport.request({ method: "POST", path: "/api/v1/namespaces/a/configmaps", body: "{}" })).status, 200);
    assert.deepEqual(server.seen.map((r) => r.method), ["POST", "POST"]);
    transport.close();
  });

  it("GIVEN a stream reset after the request arrived WHEN creating (POST) THEN WriteUncertain; a GET is retried", async () => {
    let n = 0;
    const server = await startServer("h2", (req, res) => {
      if (n++ % 2 === 0 && "stream" in req) return void req.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
      ok(req, res);
    });
    servers.push(server);
    const transport = server.transport();
    await assert.rejects(transport.request({ method: "POST", path: "/api/v1/namespaces/a/configmaps", body: "{}" }), (e) => e instanceof WriteUncertain);
    assert.equal(server.seen.length, 1, "the create was not repeated");
    n = 0;
    assert.equal((await transport.request({ method: "GET", path: "/version" })).status, 200);
    assert.equal(server.seen.length, 3, "the GET was sent twice");
    transport.close();
  });

  it("GIVEN a request the server never answers WHEN the signal aborts THEN Aborted, and the connection still serves the next request", async () => {
    const server = await startServer("h2", (req, res) => {
      if (req.url !== "/hang") ok(req, res);
    });
    servers.push(server);
    const transport = server.transport();
    const controller = new AbortController();
    const pending = transport.request({ method: "GET", path: "/hang", signal: controller.signal });
    setTimeout(() => controller.abort(new Error("stop")), 50);
    await assert.rejects(pending, (e) => e instanceof Aborted);
    assert.equal((await transport.request({ method: "GET", path: "/after" })).status, 200);
    assert.equal(server.connections(), 1);
    transport.close();
  });

  it("GIVEN requests in flight under one signal and one under another WHEN the first signal aborts THEN its requests fail Aborted, the other completes, and the signal held one listener for all", async () => {
    const hanging: (() => void)[] = [];
    const server = await startServer("h2", (req, res) => {
      if (req.url?.startsWith("/hang")) hanging.push(() => ok(req, res));
      else ok(req, res);
    });
    servers.push(server);
    const transport = server.transport();
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) await transport.request({ method: "GET", path: `/done-${i}`, signal: controller.signal });
    const other = new AbortController();
    const pending = [1, 2, 3].map((i) => transport.request({ method: "GET", path: `/hang-${i}`, signal: controller.signal }));
    const survivor = transport.request({ method: "GET", path: "/hang-other", signal: other.signal });
    while (hanging.length < 4) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(getEventListeners(controller.signal, "abort").length, 1, "one listener for 23 requests");
    controller.abort(new Error("stop"));
    for (const p of pending) await assert.rejects(p, (e) => e instanceof Aborted);
    for (const answer of hanging) answer();
    assert.equal((await survivor).status, 200);
    transport.close();
  });

  it("GIVEN a server that accepts connections and never answers the TLS handshake WHEN requesting THEN each attempt gives up after the connect timeout and the request fails KubeUnreachable, over HTTP/2 and HTTP/1.1", async () => {
    const silent = net.createServer(() => undefined);
    let connections = 0;
    const sockets: net.Socket[] = [];
    silent.on("connection", (s) => {
      connections++;
      sockets.push(s);
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const kubeconfig = `apiVersion: v1
kind: Config
clusters: [{name: s, cluster: {server: 'https://127.0.0.1:${(silent.address() as AddressInfo).port}', insecure-skip-tls-verify: true}}]
users: [{name: u, user: {}}]
contexts: [{name: s, context: {cluster: s, user: u}}]
current-context: s`;
    for (const http1 of [false, true]) {
      connections = 0;
      if (http1) process.env["DISABLE_HTTP2"] = "1";
      let transport: KubeTransport;
      try {
        transport = new KubeTransport(loadKubeConfig({ kubeconfig }), { attempts: 2, baseDelayMs: 5, connectTimeoutMs: 150 });
      } finally {
        delete process.env["DISABLE_HTTP2"];
      }
      const started = Date.now();
      await assert.rejects(transport.request({ method: "POST", path: "/api/v1/namespaces/a/configmaps", body: "{}" }), (e) => e instanceof KubeUnreachable && /within 150 ms/.test(e.message));
      assert.equal(connections, 2, `${http1 ? "HTTP/1.1" : "HTTP/2"}: a create is tried again, nothing was sent`);
      assert.ok(Date.now() - started < 5000);
      transport.close();
    }
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it("GIVEN a transport closed while its HTTP/2 connection is being set up (a script failing on bad input, then closing) WHEN the connection completes THEN nothing is thrown uncaught", async () => {
    const server = await startServer("h2", ok);
    servers.push(server);
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on("uncaughtException", onUncaught);
    try {
      for (let i = 0; i < 5; i++) {
        const transport = server.transport();
        const pending = transport.request({ method: "GET", path: "/version" }).then(() => "answered", () => "failed");
        await new Promise<void>((resolve) => server.server.once("connection", () => resolve()));
        transport.close();
        await pending;
        transport.close();
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      process.off("uncaughtException", onUncaught);
    }
    assert.deepEqual(uncaught.map(String), []);
  });

  it("GIVEN a process that sent a request and never closed its transport WHEN its work ends THEN it exits: an idle HTTP/2 connection holds nothing open", async () => {
    const server = await startServer("h2", ok);
    servers.push(server);
    const script = `
      import { loadKubeConfig } from ${JSON.stringify(new URL("../../src/kube/config.ts", import.meta.url).pathname)};
      import { KubeTransport } from ${JSON.stringify(new URL("../../src/kube/transport.ts", import.meta.url).pathname)};
      const t = new KubeTransport(loadKubeConfig({ kubeconfig: ${JSON.stringify(server.kubeconfig)} }));
      const r = await t.request({ method: "GET", path: "/version" });
      console.log("status", r.status);
    `;
    const child = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      // spawnSync would block this process, which serves the request
      const c = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { timeout: 20_000, cwd: new URL("../..", import.meta.url).pathname });
      let stdout = "";
      c.stdout.setEncoding("utf8");
      c.stdout.on("data", (d: string) => (stdout += d));
      c.on("close", (status) => resolve({ status, stdout }));
    });
    assert.equal(child.stdout.trim(), "status 200");
    assert.equal(child.status, 0, "exited by itself before the timeout");
    assert.deepEqual(server.seen.map((r) => r.httpVersion), ["2.0"]);
  });
});
