// GIVEN a registry that authenticates with Bearer tokens (as ghcr.io and Docker Hub do), faked on
// loopback WHEN berth lists and pulls THEN it fetches a token from the challenge's realm with the
// right scope (anonymously or with credentials) and refuses bad credentials with ChartAuthFailed.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { listChartVersions } from "../../src/chart/oci/charts.js";
import { parseOciReference } from "../../src/chart/oci/reference.js";

let server: Server;
let host = "";
const scopes: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/token") {
      scopes.push(`${url.searchParams.get("service")} ${url.searchParams.get("scope")}`);
      const auth = req.headers.authorization;
      if (auth && auth !== `Basic ${Buffer.from("robot:hunter2").toString("base64")}`) return void res.writeHead(401).end();
      return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ token: auth ? "private" : "anonymous" }));
    }
    const token = req.headers.authorization;
    const needs = url.pathname.includes("/private/") ? "Bearer private" : undefined;
    if (!token || (needs && token !== needs)) {
      return void res.writeHead(401, { "www-authenticate": `Bearer realm="http://${host}/token",service="fake-registry",scope="repository:${url.pathname.split("/").slice(2, -2).join("/")}:pull"` }).end();
    }
    if (url.pathname.endsWith("/tags/list")) return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ tags: ["1.0.0", "1.1.0_build.1", "latest"] }));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  host = `127.0.0.1:${(server.address() as { port: number }).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

describe("OCI Bearer token auth", () => {
  it("GIVEN a public repository behind anonymous tokens WHEN tags are listed THEN a token is fetched for the pull scope and tags read as versions", async () => {
    const versions = await listChartVersions(parseOciReference(`oci://${host}/public/web`)!, {});
    assert.deepEqual(versions, ["1.1.0+build.1", "1.0.0"]);
    assert.ok(scopes.includes("fake-registry repository:public/web:pull"), scopes.join("; "));
  });

  it("GIVEN a private repository WHEN listed with right, wrong and no credentials THEN versions, then ChartAuthFailed", async () => {
    const ref = parseOciReference(`oci://${host}/private/web`)!;
    assert.equal((await listChartVersions(ref, { credentials: { username: "robot", password: "hunter2" } })).length, 2);
    await assert.rejects(listChartVersions(ref, { credentials: { username: "robot", password: "nope" } }), (e: { code: string; message: string }) => e.code === "ChartAuthFailed" && !e.message.includes("nope"));
    await assert.rejects(listChartVersions(ref, {}), (e: { code: string }) => e.code === "ChartAuthFailed");
  });
});
