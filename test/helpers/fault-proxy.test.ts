// GIVEN the fault proxy in front of the real API server WHEN rules or seeded random faults are set
// THEN requests get exactly those faults, resets before forwarding never reach the server, resets after
// forwarding do, and requests are counted by verb (mutating ones separately) — over HTTP/2 (what the
// transport uses against an API server) and over HTTP/1.1 (its fallback).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connectKube } from "../../src/kube/connect.js";
import { KubeApiError, WriteUncertain } from "../../src/kube/errors.js";
import type { KubeObject } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "./cluster.js";
import { classify, seededRandom, startFaultProxy, type FaultProxy, type ProxyProtocol } from "./fault-proxy.js";

const ns = useTestNamespace("proxy");

describe("fault proxy: classification", () => {
  it("GIVEN requests WHEN classified THEN verbs follow the API server's naming and dry runs are not mutating", () => {
    const verbs = [
      classify("GET", "/api/v1/namespaces/a/configmaps?labelSelector=x"),
      classify("GET", "/api/v1/namespaces/a/configmaps/b"),
      classify("GET", "/apis/apps/v1/namespaces/a/deployments?watch=true&resourceVersion=1"),
      classify("GET", "/api/v1/namespaces"),
      classify("GET", "/api/v1/namespaces/a"),
      classify("GET", "/version"),
      classify("POST", "/api/v1/namespaces/a/secrets"),
      classify("PUT", "/api/v1/namespaces/a/secrets/s"),
      classify("PATCH", "/apis/apps/v1/namespaces/a/deployments/d?fieldManager=berth"),
      classify("PATCH", "/apis/apps/v1/namespaces/a/deployments/d?dryRun=All"),
      classify("DELETE", "/api/v1/namespaces/a/configmaps/c"),
      classify("DELETE", "/api/v1/namespaces/a/configmaps"),
    ].map((r) => [r.verb, r.mutating]);
    assert.deepEqual(verbs, [
      ["list", false], ["get", false], ["watch", false], ["list", false], ["get", false], ["get", false],
      ["create", true], ["update", true], ["patch", true], ["patch", false], ["delete", true], ["deletecollection", true],
    ]);
  });

  it("GIVEN one seed WHEN drawing twice THEN the sequences are equal; another seed differs", () => {
    const draw = (seed: number) => Array.from({ length: 20 }, seededRandom(seed));
    assert.deepEqual(draw(7), draw(7));
    assert.notDeepEqual(draw(7), draw(8));
    assert.ok(draw(7).every((x) => x >= 0 && x < 1));
  });
});

for (const protocol of ["h2", "http/1.1"] as const satisfies readonly ProxyProtocol[]) describe(`fault proxy: injection over ${protocol}`, () => {
  let proxy: FaultProxy;
  before(async () => {
    proxy = await startFaultProxy(testKubeconfigPath(), { protocol });
  });
  after(() => proxy.close());

  /** A client through the proxy that never retries, so each fault reaches the test. */
  const client = () => connectKube({ kubeconfig: proxy.kubeconfig }, { retry: { attempts: 1 } });
  const direct = () => connectKube({ kubeconfigPath: testKubeconfigPath() });
  // the suites of both protocols share the namespace
  const named = (name: string) => (protocol === "h2" ? name : `${name}-h1`);
  const configMap = (name: string): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: named(name), namespace: ns.name }, data: { a: "1" } });
  const ref = (name: string) => ({ apiVersion: "v1", kind: "ConfigMap", namespace: ns.name, name: named(name) });

  it("GIVEN no faults WHEN reading and writing through the proxy THEN requests pass and are counted by verb", async () => {
    proxy.reset();
    const { client: kube, transport } = client();
    await kube.create(configMap("plain"));
    assert.ok(await kube.get(ref("plain")));
    await kube.list("v1", "ConfigMap", { namespace: ns.name });
    await kube.apply(configMap("plain"), { dryRun: true });
    transport.close();
    assert.equal(proxy.counts.byVerb.create, 1);
    assert.ok(proxy.counts.byVerb.get >= 1);
    assert.equal(proxy.counts.byVerb.list, 1);
    assert.equal(proxy.counts.byVerb.patch, 1);
    assert.equal(proxy.counts.mutating, 1, "the dry run is not counted as mutating");
    assert.deepEqual([...new Set(proxy.log.map((r) => r.httpVersion))], [protocol === "h2" ? "2.0" : "1.1"], "the transport speaks the proxy's protocol");
  });

  it("GIVEN a 429 rule with Retry-After WHEN a GET is sent without retries THEN KubeApiError 429, and a retrying client succeeds", async () => {
    proxy.reset();
    proxy.addRule({ verb: "get", path: "/version", fault: { kind: "status", status: 429, retryAfter: 0 }, times: 1 });
    const once = client();
    await assert.rejects(once.client.serverVersion(), (e) => e instanceof KubeApiError && e.status === 429);
    once.transport.close();
    proxy.reset();
    proxy.addRule({ verb: "get", path: "/version", fault: { kind: "status", status: 503 }, times: 2 });
    const retrying = connectKube({ kubeconfig: proxy.kubeconfig }, { retry: { baseDelayMs: 5 } });
    assert.ok((await retrying.client.serverVersion()).gitVersion);
    retrying.transport.close();
    assert.equal(proxy.counts.faults.status, 2);
    assert.equal(proxy.log.filter((r) => r.path === "/version").length, 3);
  });

  it("GIVEN a reset before forwarding on create WHEN creating THEN the outcome is uncertain and the server never saw it", async () => {
    proxy.reset();
    proxy.addRule({ verb: "create", fault: { kind: "reset-before" }, times: 1 });
    const { client: kube, transport } = client();
    await assert.rejects(kube.create(configMap("never")), (e) => e instanceof WriteUncertain && e.code === "WriteUncertain");
    transport.close();
    const d = direct();
    assert.equal(await d.client.get(ref("never")), undefined);
    d.transport.close();
    assert.equal(proxy.counts.mutating, 0);
    assert.equal(proxy.counts.faults["reset-before"], 1);
  });

  if (protocol === "h2") it("GIVEN a refused stream on create WHEN creating with retries THEN it is sent again and created once", async () => {
    proxy.reset();
    proxy.addRule({ verb: "create", fault: { kind: "refuse" }, times: 1 });
    const { client: kube, transport } = connectKube({ kubeconfig: proxy.kubeconfig }, { retry: { baseDelayMs: 5 } });
    await kube.create(configMap("refused-once"));
    transport.close();
    assert.deepEqual(proxy.log.filter((r) => r.verb === "create").map((r) => r.fault ?? "-"), ["refuse", "-"]);
    assert.equal(proxy.counts.mutating, 1);
    const d = direct();
    assert.ok(await d.client.get(ref("refused-once")));
    d.transport.close();
  });

  it("GIVEN a reset after forwarding on create WHEN creating THEN the outcome is uncertain but the server created it", async () => {
    proxy.reset();
    proxy.addRule({ verb: "create", fault: { kind: "reset-after" }, times: 1 });
    const { client: kube, transport } = client();
    await assert.rejects(kube.create(configMap("landed")), (e) => e instanceof WriteUncertain);
    transport.close();
    const d = direct();
    assert.ok(await d.client.get(ref("landed")));
    d.transport.close();
    assert.equal(proxy.counts.mutating, 1);
  });

  it("GIVEN latency and a path rule with skip WHEN requests run THEN only the matching request after the skipped ones is faulted", async () => {
    proxy.reset();
    proxy.addRule({ verb: "get", path: new RegExp(`/configmaps/${named("plain")}$`), fault: { kind: "latency", ms: 50 }, skip: 1, times: 1 });
    const { client: kube, transport } = client();
    for (let i = 0; i < 3; i++) assert.ok(await kube.get(ref("plain")));
    transport.close();
    assert.deepEqual(proxy.log.filter((r) => r.path.endsWith(`/${named("plain")}`)).map((r) => r.fault ?? "-"), ["-", "latency", "-"]);
  });

  it("GIVEN random faults with a seed WHEN the same requests run twice THEN the same requests are faulted", async () => {
    const run = async () => {
      proxy.reset();
      proxy.setRandom({ rate: 0.3, seed: 42, faults: [{ kind: "status", status: 500 }, { kind: "latency", ms: 1 }], verb: "get" });
      const { client: kube, transport } = client();
      for (let i = 0; i < 20; i++) await kube.get(ref("plain")).catch(() => undefined);
      transport.close();
      return proxy.log.map((r) => r.fault ?? "-");
    };
    const first = await run();
    assert.deepEqual(await run(), first);
    assert.ok(first.some((f) => f !== "-"), "some requests were faulted");
    assert.ok(first.some((f) => f === "-"), "some were not");
  });
});
