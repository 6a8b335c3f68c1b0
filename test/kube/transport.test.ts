import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Aborted, KubeApiError, KubeConfigInvalid, KubeUnreachable, WriteUncertain } from "../../src/kube/errors.js";
import { KubeTransport } from "../../src/kube/transport.js";
import { sendJson, startFakeServer } from "./fake-server.js";

const status = (code: number, reason: string) => ({ kind: "Status", apiVersion: "v1", status: "Failure", reason, code, message: reason });

describe("KubeTransport retries", () => {
  it("GIVEN a 429 with Retry-After then a 200 WHEN requesting THEN it waits and succeeds on the 2nd attempt", async () => {
    let n = 0;
    const fake = await startFakeServer((_req, res) => (n++ === 0 ? sendJson(res, 429, status(429, "TooManyRequests"), { "Retry-After": "1" }) : sendJson(res, 200, { ok: true })));
    try {
      const t0 = Date.now();
      const res = await fake.transport.request({ method: "GET", path: "/api/v1/namespaces" });
      assert.equal(res.status, 200);
      assert.equal(fake.requests.length, 2);
      assert.ok(Date.now() - t0 >= 900, "Retry-After of 1 s is honoured");
    } finally {
      await fake.close();
    }
  });

  it("GIVEN a 503 twice WHEN requesting THEN it is retried until the 200", async () => {
    let n = 0;
    const fake = await startFakeServer((_req, res) => (n++ < 2 ? sendJson(res, 503, status(503, "ServiceUnavailable")) : sendJson(res, 200, {})));
    try {
      await fake.transport.request({ method: "GET", path: "/version" });
      assert.equal(fake.requests.length, 3);
    } finally {
      await fake.close();
    }
  });

  it("GIVEN a persistent 503 WHEN attempts run out THEN KubeApiError with status 503", async () => {
    const fake = await startFakeServer((_req, res) => sendJson(res, 503, status(503, "ServiceUnavailable")), { attempts: 3, baseDelayMs: 5 });
    try {
      await assert.rejects(fake.transport.request({ method: "GET", path: "/version" }), (e) => e instanceof KubeApiError && e.status === 503 && e.reason === "ServiceUnavailable");
      assert.equal(fake.requests.length, 3);
    } finally {
      await fake.close();
    }
  });

  it("GIVEN a 400 WHEN requesting THEN it is never retried and the reason is kept", async () => {
    const fake = await startFakeServer((_req, res) => sendJson(res, 400, status(400, "BadRequest")));
    try {
      await assert.rejects(fake.transport.request({ method: "POST", path: "/api/v1/namespaces", body: "{}" }), (e) => e instanceof KubeApiError && e.code === "KubeApiError" && e.status === 400 && e.reason === "BadRequest");
      assert.equal(fake.requests.length, 1);
    } finally {
      await fake.close();
    }
  });

  it("GIVEN the connection is reset once WHEN requesting THEN it is retried", async () => {
    let n = 0;
    const fake = await startFakeServer((req, res) => (n++ === 0 ? req.socket.destroy() : sendJson(res, 200, {})));
    try {
      await fake.transport.request({ method: "GET", path: "/version" });
      assert.equal(fake.requests.length, 2);
    } finally {
      await fake.close();
    }
  });

  it("GIVEN nothing listens WHEN attempts run out THEN KubeUnreachable", async () => {
    const fake = await startFakeServer((_req, res) => sendJson(res, 200, {}), { attempts: 2, baseDelayMs: 5 });
    await fake.close();
    await assert.rejects(fake.transport.request({ method: "GET", path: "/version" }), (e) => e instanceof KubeUnreachable && e.code === "KubeUnreachable");
  });

  it("GIVEN a long Retry-After WHEN the signal aborts THEN the wait stops with Aborted", async () => {
    const fake = await startFakeServer((_req, res) => sendJson(res, 429, status(429, "TooManyRequests"), { "Retry-After": "30" }));
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const t0 = Date.now();
      await assert.rejects(fake.transport.request({ method: "GET", path: "/version", signal: controller.signal }), (e) => e instanceof Aborted && e.code === "Aborted");
      assert.ok(Date.now() - t0 < 5000);
      assert.equal(fake.requests.length, 1);
    } finally {
      await fake.close();
    }
  });

  it("GIVEN an observer WHEN requests are retried THEN every attempt is observed", async () => {
    let n = 0;
    const fake = await startFakeServer((_req, res) => (n++ === 0 ? sendJson(res, 500, status(500, "InternalError")) : sendJson(res, 200, {})));
    try {
      const seen: string[] = [];
      const stop = fake.transport.observe((r) => seen.push(`${r.method} ${r.path}`));
      await fake.transport.request({ method: "GET", path: "/version" });
      stop();
      assert.deepEqual(seen, ["GET /version", "GET /version"]);
    } finally {
      await fake.close();
    }
  });
});

describe("KubeTransport retries only idempotent requests", () => {
  const resetFirst = () => {
    let n = 0;
    return (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => (n++ === 0 ? req.socket.destroy() : sendJson(res, 200, {}));
  };

  it("GIVEN a POST create whose connection is reset WHEN requesting THEN it is not repeated and WriteUncertain says so", async () => {
    const fake = await startFakeServer(resetFirst());
    try {
      await assert.rejects(fake.transport.request({ method: "POST", path: "/api/v1/namespaces/a/secrets", body: "{}" }), (e) => e instanceof WriteUncertain && e.code === "WriteUncertain" && e.method === "POST");
      assert.equal(fake.requests.length, 1);
    } finally {
      await fake.close();
    }
  });

  it("GIVEN a POST answered 503 without Retry-After WHEN requesting THEN WriteUncertain after one attempt; with Retry-After THEN retried", async () => {
    let n = 0;
    const fake = await startFakeServer((_req, res) => (n++ === 0 ? sendJson(res, 503, status(503, "ServiceUnavailable")) : n === 2 ? sendJson(res, 503, status(503, "ServiceUnavailable"), { "Retry-After": "0" }) : sendJson(res, 201, {})));
    try {
      await assert.rejects(fake.transport.request({ method: "POST", path: "/api/v1/namespaces/a/secrets", body: "{}" }), (e) => e instanceof WriteUncertain);
      assert.equal(fake.requests.length, 1);
      await fake.transport.request({ method: "POST", path: "/api/v1/namespaces/a/secrets", body: "{}" });
      assert.equal(fake.requests.length, 3);
    } finally {
      await fake.close();
    }
  });

  it("GIVEN a POST answered 429 WHEN requesting THEN it is retried (the server did not act)", async () => {
    let n = 0;
    const fake = await startFakeServer((_req, res) => (n++ === 0 ? sendJson(res, 429, status(429, "TooManyRequests")) : sendJson(res, 201, {})));
    try {
      await fake.transport.request({ method: "POST", path: "/api/v1/namespaces/a/secrets", body: "{}" });
      assert.equal(fake.requests.length, 2);
    } finally {
      await fake.close();
    }
  });

  for (const req of [
    { method: "PUT" as const, path: "/api/v1/namespaces/a/secrets/s", body: "{}" },
    { method: "DELETE" as const, path: "/api/v1/namespaces/a/secrets/s", body: "{}" },
    { method: "PATCH" as const, path: "/api/v1/namespaces/a/secrets/s", body: "{}", contentType: "application/apply-patch+yaml" },
    { method: "POST" as const, path: "/api/v1/namespaces/a/secrets?dryRun=All", body: "{}" },
  ]) {
    it(`GIVEN an idempotent ${req.method}${req.path.includes("dryRun") ? " dry run" : ""} whose connection is reset WHEN requesting THEN it is retried`, async () => {
      const fake = await startFakeServer(resetFirst());
      try {
        await fake.transport.request(req);
        assert.equal(fake.requests.length, 2);
      } finally {
        await fake.close();
      }
    });
  }

  it("GIVEN a server-side apply answered 500 WHEN requesting THEN retried, except the schema verdict (reported at once)", async () => {
    let n = 0;
    const verdict = { ...status(500, ""), reason: "", message: "failed to create typed patch object (x): .spec.bogus: field not declared in schema" };
    const fake = await startFakeServer((_req, res) => (n++ === 0 ? sendJson(res, 500, status(500, "InternalError")) : n === 2 ? sendJson(res, 200, {}) : sendJson(res, 500, verdict)));
    try {
      const apply = { method: "PATCH" as const, path: "/apis/apps/v1/namespaces/a/deployments/d", body: "{}", contentType: "application/apply-patch+yaml" };
      await fake.transport.request(apply);
      assert.equal(fake.requests.length, 2);
      await assert.rejects(fake.transport.request(apply), (e) => e instanceof KubeApiError && e.reason === "Invalid");
      assert.equal(fake.requests.length, 3);
    } finally {
      await fake.close();
    }
  });
});

describe("KubeTransport TLS", () => {
  it("GIVEN a kubeconfig whose client certificate and key are not PEM WHEN a request is sent THEN KubeConfigInvalid names the TLS material, before any connection", async () => {
    const transport = new KubeTransport({
      server: "https://127.0.0.1:1",
      namespace: "default",
      context: "broken",
      applyToHTTPSOptions: async (options) => void Object.assign(options, { cert: Buffer.from("CERT"), key: Buffer.from("KEY") }),
    });
    await assert.rejects(transport.request({ method: "GET", path: "/version" }), (e) => e instanceof KubeConfigInvalid && /TLS material/.test(e.message));
    transport.close();
  });
});
