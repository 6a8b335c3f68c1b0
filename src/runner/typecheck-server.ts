// The resident type checker: a background process that keeps the compiler loaded and the parsed,
// bound declaration files (@types/node, the lib files, berth's) between the checks of `berth plan`
// and `berth deploy`, so that a changed script costs a parse of what changed and a check of the
// script, not a second or more of loading TypeScript and parsing ~2 MB of declarations.
// Started by typecheck-client.ts (`node typecheck-server.js --berth-typecheck-server <socket> <idle ms>
// <cache dir>`; the flag keeps this module inert wherever else it is loaded or bundled), it
// listens on a unix socket (a named pipe on Windows), answers one request per connection, one
// check at a time, and exits when idle, when its socket file or cache folder is removed, or when
// it grows too large. Protocol: one JSON line each way (typecheck-protocol.ts).
import { chmodSync, existsSync, statSync, unlinkSync } from "node:fs";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { checkProgram } from "./typecheck-program.js";
import { READY, readLine, SERVER_FLAG, type ServerRequest, type ServerResponse } from "./typecheck-protocol.js";

/** Above this resident size the server exits after answering (the next check starts a new one). */
const MAX_RSS = 1536 * 1024 * 1024;
/** How often the socket file and the cache folder are looked at. */
const WATCH_MS = 2000;
/** How long a connection may take to send its request. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Options of {@link serveTypechecks}. */
export interface ServeOptions {
  /** Exit after this long without a request. */
  readonly idleMs: number;
  /** Exit when this folder disappears (the cache was removed). */
  readonly cacheDir: string;
  /**
   * Called when another server replaced this one's socket file, instead of closing (which would
   * remove the other's file): the process should exit. @defaultValue closes
   */
  readonly onReplaced?: () => void;
  /** Called once listening, or with `false` when a live server already holds the socket (then nothing is served). */
  readonly onListening?: (listening: boolean) => void;
}

/**
 * Serves checks on `socketPath` until idle for `idleMs`, a `stop` request, or the socket file or
 * the cache folder disappearing. Resolves when the server closed.
 */
export async function serveTypechecks(socketPath: string, options: ServeOptions): Promise<void> {
  const server = createServer();
  if (!(await listen(server, socketPath))) {
    options.onListening?.(false);
    return;
  }
  const pipe = process.platform === "win32";
  // only this user connects (the cache folder is usually private already)
  if (!pipe) chmodSync(socketPath, 0o600);
  options.onListening?.(true);
  server.on("error", () => close());
  const inode = pipe ? undefined : statSync(socketPath).ino;
  let queue: Promise<unknown> = Promise.resolve();
  let idle: NodeJS.Timeout;
  const closed = new Promise<void>((resolve) => server.once("close", resolve));
  const close = () => {
    clearTimeout(idle);
    clearInterval(watch);
    server.close();
    // only our own socket file: a newer server may have replaced it
    if (!pipe && ownsSocket()) unlinkQuietly(socketPath);
  };
  const ownsSocket = () => {
    try {
      return statSync(socketPath).ino === inode;
    } catch {
      return false;
    }
  };
  const resetIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(close, options.idleMs);
  };
  const watch = setInterval(() => {
    if (!pipe && existsSync(socketPath) && !ownsSocket()) {
      // another server took the path: closing would remove its socket file (libuv unlinks the path)
      clearInterval(watch);
      (options.onReplaced ?? close)();
    } else if (!existsSync(options.cacheDir) || (!pipe && !ownsSocket())) close();
  }, WATCH_MS);
  resetIdle();

  server.on("connection", (socket: Socket) => {
    resetIdle();
    // a client that never sends its request does not keep the server open
    socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy());
    readLine(socket)
      .then((line) => {
        const request = JSON.parse(line) as ServerRequest;
        if (request.op !== "check") {
          socket.end(`${JSON.stringify({ ok: true, pid: process.pid } satisfies ServerResponse)}\n`, request.op === "stop" ? close : undefined);
          return;
        }
        socket.setTimeout(0);
        queue = queue.then(async () => {
          const response: ServerResponse = await checkProgram(request.script, request.tsconfig, { cacheDir: options.cacheDir }).then(
            (check) => ({ ok: true, check, pid: process.pid }),
            (e: unknown) => ({ ok: false, message: e instanceof Error ? (e.stack ?? e.message) : String(e), pid: process.pid }),
          );
          if (!socket.destroyed) socket.end(`${JSON.stringify(response)}\n`);
          resetIdle();
          if (process.memoryUsage().rss > MAX_RSS) close();
        });
      })
      .catch(() => socket.destroy());
    socket.on("error", () => socket.destroy());
  });
  await closed;
}

/** Listens on `path`; a stale socket file (no server answers) is replaced; `false` when a live server holds it. */
async function listen(server: Server, path: string): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      server.once("error", resolve);
      server.listen(path, () => {
        server.off("error", resolve);
        resolve(undefined);
      });
    });
    if (!error) return true;
    if (error.code !== "EADDRINUSE" || attempt > 0) throw error;
    if (await answers(path)) return false;
    if (process.platform !== "win32") unlinkQuietly(path);
  }
}

/** True when something accepts connections on `path`. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(path);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

async function main(): Promise<void> {
  const [socketPath, idle, cacheDir] = process.argv.slice(3);
  if (!socketPath || !idle || !cacheDir) throw new Error(`usage: typecheck-server ${SERVER_FLAG} <socket> <idle ms> <cache dir>`);
  process.title = "berth-typecheck-server";
  await serveTypechecks(socketPath, {
    idleMs: Number(idle),
    cacheDir,
    // the client waits for this line on a pipe it then closes: nothing else is ever written
    onListening: () => process.stdout.write(`${READY}\n`),
    onReplaced: () => process.exit(0),
  });
  process.exit(0);
}

if (process.argv[2] === SERVER_FLAG && process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
