// A chart repository on loopback for tests: serves a folder (index.yaml + packages) over HTTP or
// HTTPS (a fresh self-signed certificate, made with openssl), optionally behind basic auth.
import { execFile } from "node:child_process";
import { readFile, mkdtemp } from "node:fs/promises";
import { createServer as createHttp, type IncomingMessage, type ServerResponse, type Server } from "node:http";
import { createServer as createHttps } from "node:https";
import { tmpdir } from "node:os";
import { join, normalize } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A running chart repository. */
export interface ChartServer {
  /** `http(s)://127.0.0.1:<port>`. */
  readonly url: string;
  /** The CA (self-signed certificate) to trust, for TLS servers. */
  readonly ca?: string;
  /** Request paths served so far, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1 (and localhost). */
export async function selfSignedCert(): Promise<{ key: string; cert: string }> {
  const dir = await mkdtemp(join(tmpdir(), "berth-tls-"));
  await run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"]);
  return { key: await readFile(join(dir, "key.pem"), "utf8"), cert: await readFile(join(dir, "cert.pem"), "utf8") };
}

/** Starts a repository serving the files of `root`. */
export async function startChartServer(root: string, options: { tls?: boolean; auth?: { username: string; password: string } } = {}): Promise<ChartServer> {
  const requests: string[] = [];
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    requests.push(path);
    if (options.auth) {
      const expected = `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString("base64")}`;
      if (req.headers.authorization !== expected) {
        res.writeHead(401, { "www-authenticate": 'Basic realm="charts"' }).end("unauthorized");
        return;
      }
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    try {
      res.writeHead(200).end(await readFile(file));
    } catch {
      res.writeHead(404).end("not found");
    }
  };
  let server: Server;
  let ca: string | undefined;
  if (options.tls) {
    const { key, cert } = await selfSignedCert();
    ca = cert;
    server = createHttps({ key, cert }, (q, s) => void handler(q, s));
  } else server = createHttp((q, s) => void handler(q, s));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
    ...(ca && { ca }),
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
