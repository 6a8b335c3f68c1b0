// GIVEN the resident type checker (server: true) WHEN scripts are checked THEN it answers like the
// in-process check (errors with file:line:col, in the script and in what it imports), survives a stale
// socket file and two clients starting it at once, exits when stopped or when its cache folder is
// removed, and a check that cannot use it runs in-process. Every server started here is stopped.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { typecheckScript } from "../../src/runner/typecheck.js";
import { checkInServer, serverSocket, stopTypecheckServer, typecheckServerPid } from "../../src/runner/typecheck-client.js";
import { ScriptTypeError } from "../../src/runner/errors.js";

let dir = "";
let cacheDir = "";
const started: string[] = [];
const script = () => join(dir, "deploy.mts");
const imported = () => join(dir, "values.mts");
const check = (cache = cacheDir) => typecheckScript(script(), { cwd: dir, cacheDir: cache, server: true });

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits (bounded) until `pid` exited; true when it did. */
async function exited(pid: number): Promise<boolean> {
  for (let i = 0; i < 200 && isAlive(pid); i++) await sleep(50);
  return !isAlive(pid);
}

async function newCache(name: string): Promise<string> {
  const cache = join(dir, name);
  started.push(cache);
  return cache;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "berth-tcserver-"));
  cacheDir = await newCache("cache");
  await writeFile(imported(), "export const replicas: number = 2;\n");
  await writeFile(script(), 'import { replicas } from "./values.mjs";\nexport const r: number = replicas;\n');
});
after(async () => {
  for (const cache of started) await stopTypecheckServer(cache);
  await rm(dir, { recursive: true, force: true });
});

describe("typecheckScript with the resident checker", () => {
  it("GIVEN no server WHEN a script is checked THEN a server starts, answers, and the result is cached", async () => {
    const first = await check();
    assert.equal(first.cached, false);
    assert.ok(first.files > 2);
    const pid = await typecheckServerPid(cacheDir);
    assert.ok(pid !== undefined && pid !== process.pid && isAlive(pid));
    assert.equal((await check()).cached, true);
  });

  it("GIVEN a running server WHEN the script changes to a type error THEN ScriptTypeError with file:line:col, from the same server", async () => {
    const pid = await typecheckServerPid(cacheDir);
    await writeFile(script(), 'import { replicas } from "./values.mjs";\n\nexport const r: string = replicas;\n');
    const error = await check().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof ScriptTypeError, String(error));
    assert.deepEqual(error.diagnostics.map((d) => [d.file, d.line, d.column, d.code]), [[script(), 3, 14, 2322]]);
    assert.match(error.message, /\ndeploy\.mts:3:14: TS2322 Type 'number' is not assignable to type 'string'/);
    assert.equal(await typecheckServerPid(cacheDir), pid);
  });

  it("GIVEN a running server WHEN an imported file gets a type error THEN it is reported in that file, and fixing it passes", async () => {
    await writeFile(script(), 'import { replicas } from "./values.mjs";\nexport const r: number = replicas;\n');
    await writeFile(imported(), 'export const replicas: number = "2";\n');
    await assert.rejects(check(), (e: unknown) =>
      e instanceof ScriptTypeError && e.diagnostics.length === 1 && e.diagnostics[0]!.file === imported() && e.diagnostics[0]!.line === 1);
    await writeFile(imported(), "export const replicas: number = 3;\n");
    assert.equal((await check()).cached, false);
  });

  it("GIVEN a server WHEN asked directly THEN it returns every diagnostic and the files the result depends on", async () => {
    const result = await checkInServer(cacheDir, script(), undefined);
    assert.ok(result);
    assert.deepEqual(result.diagnostics, []);
    assert.ok(result.dependencies.includes(script()) && result.dependencies.includes(imported()));
  });

  it("GIVEN a running server WHEN stopped THEN its process exits and a second stop finds none", async () => {
    const pid = await stopTypecheckServer(cacheDir);
    assert.ok(pid !== undefined);
    assert.ok(await exited(pid));
    assert.equal(await stopTypecheckServer(cacheDir), undefined);
  });

  it("GIVEN a stale socket file WHEN a script is checked THEN a server replaces it", async () => {
    const cache = await newCache("stale");
    await mkdir(cache, { recursive: true });
    await writeFile(serverSocket(cache)!, "not a socket");
    await writeFile(script(), 'export const n: number = 1;\n');
    assert.equal((await check(cache)).cached, false);
    assert.ok((await typecheckServerPid(cache)) !== undefined);
  });

  it("GIVEN two checks at once and no server WHEN both start one THEN both are answered and one server remains", async () => {
    const cache = await newCache("race");
    const [a, b] = await Promise.all([checkInServer(cache, script(), undefined), checkInServer(cache, script(), undefined)]);
    assert.ok(a && b);
    assert.deepEqual([a.diagnostics, b.diagnostics], [[], []]);
    const pid = await stopTypecheckServer(cache);
    assert.ok(pid !== undefined && (await exited(pid)));
    assert.equal(await typecheckServerPid(cache), undefined);
  });

  it("GIVEN a cache folder too deep for a unix socket path WHEN checked THEN the socket is in a private temp folder and the server answers", async () => {
    const cache = await newCache(join("deep".repeat(20), "cache"));
    const socket = serverSocket(cache)!;
    assert.ok(socket.startsWith(join(tmpdir(), "berth-typecheck-")), socket);
    assert.ok(Buffer.byteLength(socket) < 105);
    await writeFile(script(), 'export const n: number = "x";\n');
    await assert.rejects(check(cache), (e: unknown) => e instanceof ScriptTypeError && e.diagnostics[0]?.line === 1);
    assert.ok((await typecheckServerPid(cache)) !== undefined);
    assert.equal((await stat(socket)).mode & 0o777, 0o600);
    assert.equal((await stat(join(socket, ".."))).mode & 0o777, 0o700);
    await writeFile(script(), "export const n: number = 1;\n");
  });

  it("GIVEN a running server WHEN another replaced its socket file THEN it exits and leaves the other's file", async () => {
    const cache = await newCache("replaced");
    await check(cache);
    const pid = await typecheckServerPid(cache);
    assert.ok(pid !== undefined);
    const socket = serverSocket(cache)!;
    await rm(socket);
    await writeFile(socket, "another server's socket");
    assert.ok(await exited(pid));
    assert.equal(await readFile(socket, "utf8"), "another server's socket");
    await rm(socket);
  });

  it("GIVEN a running server WHEN its cache folder is removed THEN it exits", async () => {
    const cache = await newCache("removed");
    await check(cache);
    const pid = await typecheckServerPid(cache);
    assert.ok(pid !== undefined);
    await rm(cache, { recursive: true, force: true });
    assert.ok(await exited(pid));
  });

  it("GIVEN a check through the resident checker WHEN aborted as it starts THEN it rejects with the signal's reason", async () => {
    const cache = await newCache("aborted");
    const controller = new AbortController();
    const checking = typecheckScript(script(), { cwd: dir, cacheDir: cache, server: true, signal: controller.signal });
    setImmediate(() => controller.abort(new Error("stop now")));
    await assert.rejects(checking, /stop now/);
  });

  it("GIVEN a cache folder where no server can start WHEN checked THEN the check runs in-process", async () => {
    const blocker = join(dir, "a-file");
    await writeFile(blocker, "");
    await writeFile(script(), 'export const n: number = "one";\n');
    await assert.rejects(check(join(blocker, "cache")), (e: unknown) => e instanceof ScriptTypeError && e.diagnostics[0]?.line === 1);
    await writeFile(script(), "export const n: number = 1;\n");
    assert.equal((await check(join(blocker, "cache"))).cached, false);
  });
});
