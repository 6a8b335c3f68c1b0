// The client side of the resident type checker (typecheck-server.ts): finds or starts the server of
// this berth, compiler and Node (its socket lives in the type-check cache folder, named after
// them), sends it one check and reads the answer. Every failure (no server can start, it dies, a
// malformed answer) returns `undefined`: the caller checks in its own process instead.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { isAlive } from "../local/cache.js";
import { berthPackage } from "./package-root.js";
import { toolVersions } from "./typecheck-cache.js";
import type { ProgramCheck } from "./typecheck-program.js";
import { READY, readLine, SERVER_FLAG, type ServerRequest, type ServerResponse } from "./typecheck-protocol.js";

/** How long a server lives without a request. */
export const SERVER_IDLE_MS = 10 * 60 * 1000;
/** How long starting a server may take before the check runs in-process instead. */
const START_TIMEOUT_MS = 15_000;
/** Unix socket paths are limited to ~104–108 bytes; a longer one goes to the temp folder. */
const MAX_SOCKET_PATH = 100;

/**
 * The server module: the TypeScript source (run through tsx) when this module is one (a checkout),
 * else the compiled `dist/runner/typecheck-server.cjs` of berth's package (an entry point of its own,
 * also when the rest is bundled). `built` tells builds apart: a rebuilt berth gets a new server.
 */
function serverEntry(): { file: string; execArgv: string[]; built: string } | undefined {
  const self = fileURLToPath(import.meta.url);
  const source = self.endsWith(".ts");
  const pkg = berthPackage();
  const file = source ? join(dirname(self), "typecheck-server.ts") : pkg && join(pkg.dir, "dist", "runner", "typecheck-server.cjs");
  if (!file || !existsSync(file)) return undefined;
  const program = join(dirname(self), `typecheck-program.${source ? "ts" : "js"}`);
  const built = [self, file, program].map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)).join(",");
  return { file, execArgv: source ? ["--import", import.meta.resolve("tsx")] : [], built };
}

/**
 * The socket of the server for `cacheDir`: one per berth, compiler, Node and server build, so
 * that a new version never talks to an old server.
 */
export function serverSocket(cacheDir: string): string | undefined {
  const entry = serverEntry();
  if (!entry) return undefined;
  const key = createHash("sha256")
    .update([toolVersions(), process.execPath, process.version, entry.file, entry.built].join("\0"))
    .digest("hex")
    .slice(0, 16);
  // outside the cache folder the name also says which cache folder
  const qualified = () => createHash("sha256").update(`${cacheDir}\0${key}`).digest("hex").slice(0, 24);
  if (process.platform === "win32") return `\\\\.\\pipe\\berth-typecheck-${qualified()}`;
  const inCache = join(cacheDir, `server-${key}.sock`);
  if (Buffer.byteLength(inCache) <= MAX_SOCKET_PATH) return inCache;
  // a folder of this user's own in the shared temp folder, which no one else can put a socket into
  const own = join(tmpdir(), `berth-typecheck-${process.getuid?.() ?? "user"}`);
  try {
    mkdirSync(own, { recursive: true, mode: 0o700 });
    const { uid, mode } = statSync(own);
    if ((process.getuid && uid !== process.getuid()) || (mode & 0o077) !== 0) return undefined;
  } catch {
    return undefined;
  }
  return join(own, `${qualified()}.sock`);
}

/** Sends one request and reads the answer; rejects when the connection fails or closes early. */
function request(socketPath: string, message: ServerRequest, signal?: AbortSignal): Promise<ServerResponse> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const socket = createConnection(socketPath);
    const onAbort = () => {
      socket.destroy();
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    socket.once("error", reject);
    socket.once("connect", () => socket.write(`${JSON.stringify(message)}\n`));
    readLine(socket)
      .then((line) => resolve(JSON.parse(line) as ServerResponse))
      .catch(reject)
      .finally(() => {
        signal?.removeEventListener("abort", onAbort);
        socket.destroy();
      });
  });
}

/** Starts a detached server on `socketPath`; resolves once it listens (or another does), `false` on failure. */
async function startServer(socketPath: string, cacheDir: string): Promise<boolean> {
  const entry = serverEntry();
  if (!entry) return false;
  mkdirSync(cacheDir, { recursive: true });
  return await new Promise((resolve) => {
    const child = spawn(process.execPath, [...entry.execArgv, entry.file, SERVER_FLAG, socketPath, String(SERVER_IDLE_MS), cacheDir], {
      detached: true,
      stdio: ["ignore", "pipe", "ignore"],
      cwd: cacheDir,
      windowsHide: true,
    });
    let output = "";
    const done = (ok: boolean) => {
      clearTimeout(timer);
      child.stdout?.destroy();
      child.removeAllListeners();
      if (!ok && child.exitCode === null) child.kill();
      child.unref();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), START_TIMEOUT_MS);
    child.once("error", () => done(false));
    child.once("exit", () => done(false));
    child.stdout?.setEncoding("utf8");
    child.stdout?.on("data", (chunk: string) => {
      output += chunk;
      if (output.includes(`${READY}\n`)) done(true);
    });
  });
}

/** Settles (`false`) when `signal` aborts. */
function abortion(signal: AbortSignal): Promise<false> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(false);
    else signal.addEventListener("abort", () => resolve(false), { once: true });
  });
}

/**
 * Checks `script` in the resident server of `cacheDir`, starting it when none answers. `undefined`
 * when no server could do it (the caller checks in-process); rejects only with `signal`'s reason.
 */
export async function checkInServer(cacheDir: string, script: string, tsconfig: string | undefined, signal?: AbortSignal): Promise<ProgramCheck | undefined> {
  const socketPath = serverSocket(cacheDir);
  if (!socketPath) return undefined;
  const message: ServerRequest = { op: "check", script, tsconfig };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const response = await request(socketPath, message, signal);
      return response.ok && response.check ? response.check : undefined;
    } catch (e) {
      signal?.throwIfAborted();
      const code = (e as NodeJS.ErrnoException).code;
      const noServer = code === "ENOENT" || code === "ECONNREFUSED";
      if (attempt > 0 || !noServer) return undefined;
      // an abort stops the wait, not the start: the server is then there for the next check
      const started = startServer(socketPath, cacheDir).catch(() => false);
      const ok = await (signal ? Promise.race([started, abortion(signal)]) : started);
      signal?.throwIfAborted();
      if (!ok) return undefined;
    }
  }
  return undefined;
}

/** The pid of the resident server of `cacheDir`; `undefined` when none answers. */
export async function typecheckServerPid(cacheDir: string): Promise<number | undefined> {
  const socketPath = serverSocket(cacheDir);
  if (!socketPath) return undefined;
  try {
    return (await request(socketPath, { op: "ping" })).pid;
  } catch {
    return undefined;
  }
}

/**
 * Stops the resident server of `cacheDir`, if one runs, and waits (up to 10 s) until its process
 * exited; resolves the pid of the server stopped, `undefined` when none answered.
 */
export async function stopTypecheckServer(cacheDir: string): Promise<number | undefined> {
  const socketPath = serverSocket(cacheDir);
  if (!socketPath) return undefined;
  let pid: number;
  try {
    pid = (await request(socketPath, { op: "stop" })).pid;
  } catch {
    return undefined;
  }
  for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 50) await sleep(50);
  return pid;
}
