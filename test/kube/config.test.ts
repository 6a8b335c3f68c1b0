// GIVEN kubeconfig files WHEN berth reads them (its own small reader, no client-node) THEN the context,
// server, namespace and credentials are those kubectl would use.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadKubeConfig } from "../../src/kube/config.js";
import type { HttpsAuthOptions } from "../../src/kube/auth.js";

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "berth-kubeconfig-"));
  await mkdir(join(dir, "certs"));
  await writeFile(join(dir, "certs", "ca.pem"), "CA-FROM-FILE");
  await writeFile(join(dir, "token"), "file-token\n");
});
after(() => rm(dir, { recursive: true, force: true }));

const apply = async (config: { applyToHTTPSOptions(o: HttpsAuthOptions): Promise<void> }) => {
  const options: HttpsAuthOptions = { headers: {} };
  await config.applyToHTTPSOptions(options);
  return options;
};

const TWO_CONTEXTS = `apiVersion: v1
kind: Config
clusters:
- name: a
  cluster: {server: "https://a.example:6443/", certificate-authority-data: ${Buffer.from("CA-A").toString("base64")}}
- name: b
  cluster: {server: "https://b.example", certificate-authority: certs/ca.pem, insecure-skip-tls-verify: true, tls-server-name: api.b}
users:
- name: alice
  user: {token: alice-token, as: auditor}
- name: bob
  user: {tokenFile: token, client-certificate-data: ${Buffer.from("CERT").toString("base64")}, client-key-data: ${Buffer.from("KEY").toString("base64")}}
contexts:
- name: ctx-a
  context: {cluster: a, user: alice, namespace: team-a}
- name: ctx-b
  context: {cluster: b, user: bob}
current-context: ctx-a
`;

describe("loadKubeConfig", () => {
  it("GIVEN a kubeconfig WHEN loaded without a context THEN the current context's server (no trailing slash), namespace and token apply", async () => {
    const config = loadKubeConfig({ kubeconfig: TWO_CONTEXTS });
    assert.deepEqual([config.server, config.namespace, config.context], ["https://a.example:6443", "team-a", "ctx-a"]);
    const options = await apply(config);
    assert.equal(String(options.ca), "CA-A");
    assert.deepEqual(options.headers, { Authorization: "Bearer alice-token", "Impersonate-User": "auditor" });
  });

  it("GIVEN a kubeconfig file with relative paths WHEN another context is chosen THEN files resolve against the file's folder", async () => {
    const path = join(dir, "config");
    await writeFile(path, TWO_CONTEXTS);
    const config = loadKubeConfig({ kubeconfigPath: path, context: "ctx-b" });
    assert.deepEqual([config.server, config.namespace], ["https://b.example", "default"]);
    const options = await apply(config);
    assert.deepEqual(
      [String(options.ca), String(options.cert), String(options.key), options.rejectUnauthorized, options.servername, options.headers["Authorization"]],
      ["CA-FROM-FILE", "CERT", "KEY", false, "api.b", "Bearer file-token"],
    );
  });

  it("GIVEN an unknown context WHEN loaded THEN KubeConfigInvalid lists the known ones", () => {
    assert.throws(() => loadKubeConfig({ kubeconfig: TWO_CONTEXTS, context: "nope" }), (e: Error & { code?: string }) => {
      assert.equal(e.code, "KubeConfigInvalid");
      assert.match(e.message, /ctx-a, ctx-b/);
      return true;
    });
  });

  it("GIVEN a kubeconfig without a current context or a missing file WHEN loaded THEN KubeConfigInvalid", () => {
    for (const source of [{ kubeconfig: "apiVersion: v1\nkind: Config\n" }, { kubeconfigPath: join(dir, "missing") }]) {
      assert.throws(() => loadKubeConfig(source), (e: Error & { code?: string }) => e.code === "KubeConfigInvalid");
    }
  });

  it("GIVEN basic-auth credentials WHEN applied THEN the request carries user:password", async () => {
    const text = TWO_CONTEXTS.replace("{token: alice-token, as: auditor}", "{username: al, password: pw}");
    const options = await apply(loadKubeConfig({ kubeconfig: text }));
    assert.equal(options.auth, "al:pw");
  });
});

describe("loadKubeConfig with an exec credential plugin", () => {
  it("GIVEN a user with exec WHEN applied THEN the plugin's token is sent (through client-node, loaded on demand)", async () => {
    const credential = JSON.stringify({ apiVersion: "client.authentication.k8s.io/v1", kind: "ExecCredential", status: { token: "exec-token" } });
    const text = TWO_CONTEXTS.replace(
      "{token: alice-token, as: auditor}",
      JSON.stringify({ exec: { apiVersion: "client.authentication.k8s.io/v1", command: process.execPath, args: ["-e", `console.log(${JSON.stringify(credential)})`], interactiveMode: "Never" } }),
    );
    const options = await apply(loadKubeConfig({ kubeconfig: text }));
    assert.equal(options.headers["Authorization"], "Bearer exec-token");
    assert.equal(String(options.ca), "CA-A");
  });
});
