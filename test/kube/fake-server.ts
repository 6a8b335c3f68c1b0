// A local HTTP server answering with scripted responses, and a transport pointed at it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { loadKubeConfig } from "../../src/kube/config.js";
import { KubeTransport, type RetryOptions } from "../../src/kube/transport.js";

/** What the fake does with one request: answer, or drop the connection. */
export type Script = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

/** A fake API server on 127.0.0.1 and a transport to it; `requests` records method + url of every request. */
export async function startFakeServer(script: Script, retry: RetryOptions = { baseDelayMs: 10 }) {
  const requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      script(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const kubeconfig = [
    "apiVersion: v1",
    "kind: Config",
    "clusters: [{name: fake, cluster: {server: 'http://127.0.0.1:" + port + "', insecure-skip-tls-verify: true}}]",
    "users: [{name: nobody, user: {}}]",
    "contexts: [{name: fake, context: {cluster: fake, user: nobody, namespace: team}}]",
    "current-context: fake",
  ].join("\n");
  const transport = new KubeTransport(loadKubeConfig({ kubeconfig }), retry);
  return {
    transport,
    kubeconfig,
    requests,
    async close() {
      transport.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Answers with a JSON body. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
