// GIVEN a CommonJS file loaded through util/commonjs-load.ts in fresh processes THEN the first compiles it
// plainly and writes its V8 code cache once asked, the next compiles with it (V8 accepts it), a
// corrupt or damaged cache is not used (the file still loads) and is written again, a changed file's cache replaces
// the old one, caches of files gone from the folder are removed, and a process that did not turn the caches on writes none.
import { it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);
const codeCache = new URL("../../src/util/code-cache.ts", import.meta.url).href;
const commonJsLoad = new URL("../../src/util/commonjs-load.ts", import.meta.url).href;
let work = "";
let cacheDir = "";
let file = "";

before(async () => {
  work = await mkdtemp(join(tmpdir(), "berth-code-cache-"));
  cacheDir = join(work, "v8");
  file = join(work, "lib.cjs");
  await writeFile(file, "exports.twice = (n) => n * 2;\nexports.loads = (globalThis.loads = (globalThis.loads ?? 0) + 1);\n");
});
after(() => rm(work, { recursive: true, force: true }));

interface Loaded {
  codeCache: string;
  pendingAfterLoad: boolean;
  result: number;
  sameInstance: boolean;
  loads: number;
}

/** Loads the file in a fresh process (caches turned on unless `enable` is false), uses it, saves what is pending. */
async function loadInFreshProcess(enable = true, options: { withoutCrc32?: boolean } = {}): Promise<Loaded> {
  // a Node before 20.15 has no zlib.crc32: the caches' digests are then SHA-256
  const code = `${options.withoutCrc32 ? `delete (await import("node:module")).createRequire(process.cwd() + "/x.cjs")("node:zlib").crc32;\n` : ""}const { enableCodeCaches, codeCachesPending, saveCodeCaches } = await import(${JSON.stringify(codeCache)});
const { loadCommonJs } = await import(${JSON.stringify(commonJsLoad)});
const { createRequire } = await import("node:module");
${enable ? `enableCodeCaches(${JSON.stringify(cacheDir)});` : ""}
const loaded = loadCommonJs(${JSON.stringify(file)});
const pendingAfterLoad = codeCachesPending();
const result = loaded.exports.twice(21);
const sameInstance = createRequire(${JSON.stringify(file)})(${JSON.stringify(file)}) === loaded.exports;
saveCodeCaches();
console.log(JSON.stringify({ codeCache: loaded.codeCache, pendingAfterLoad, result, sameInstance, loads: globalThis.loads }));`;
  const { stdout } = await exec(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { cwd: new URL("../..", import.meta.url).pathname });
  return JSON.parse(stdout.trim().split("\n").pop()!) as Loaded;
}

const caches = async () => (await readdir(cacheDir).catch(() => [] as string[])).filter((f) => f.endsWith(".v8cache")).sort();

it("GIVEN no cache WHEN loaded twice THEN the first writes one and the second compiles with it; both are the module cache's one instance", { timeout: 60_000 }, async () => {
  const first = await loadInFreshProcess();
  assert.deepEqual(first, { codeCache: "none", pendingAfterLoad: true, result: 42, sameInstance: true, loads: 1 });
  assert.equal((await caches()).length, 1);
  const second = await loadInFreshProcess();
  assert.deepEqual(second, { codeCache: "used", pendingAfterLoad: false, result: 42, sameInstance: true, loads: 1 });
});

it("GIVEN a corrupt cache WHEN loaded THEN V8 rejects it, the file still loads, and the cache is written again", { timeout: 60_000 }, async () => {
  const [name] = await caches();
  await writeFile(join(cacheDir, name!), "not a code cache, but long enough to be read as one ".repeat(20));
  const rejected = await loadInFreshProcess();
  assert.deepEqual([rejected.codeCache, rejected.pendingAfterLoad, rejected.result], ["rejected", true, 42]);
  assert.ok((await readFile(join(cacheDir, name!), "utf8").catch(() => "")).startsWith("not a code cache") === false, "the cache was written again");
  assert.equal((await loadInFreshProcess()).codeCache, "used");
});

it("GIVEN a cache damaged in its V8 data (one byte) WHEN loaded THEN it is not used (V8 does not checksum it), and is written again", { timeout: 60_000 }, async () => {
  const [name] = await caches();
  const bytes = await readFile(join(cacheDir, name!));
  bytes[bytes.length >> 1] ^= 0xff;
  await writeFile(join(cacheDir, name!), bytes);
  const damaged = await loadInFreshProcess();
  assert.deepEqual([damaged.codeCache, damaged.pendingAfterLoad, damaged.result], ["rejected", true, 42]);
  assert.equal((await loadInFreshProcess()).codeCache, "used");
});

it("GIVEN the file changed WHEN loaded THEN its old cache is not used: a new one replaces it, and another file's stays", { timeout: 60_000 }, async () => {
  const [old] = await caches();
  const other = "lib.cjs-00000000-1-1-" + process.version + "-" + process.arch + ".v8cache";
  await writeFile(join(cacheDir, other), "another path's cache");
  await writeFile(file, "exports.twice = (n) => n + n;\nexports.loads = (globalThis.loads = (globalThis.loads ?? 0) + 1);\n");
  await utimes(file, new Date(), new Date(Date.now() + 5000));
  const changed = await loadInFreshProcess();
  assert.deepEqual([changed.codeCache, changed.result], ["none", 42]);
  const now = await caches();
  assert.equal(now.length, 2);
  assert.ok(now.includes(other) && !now.includes(old!), now.join(", "));
  assert.equal((await loadInFreshProcess()).codeCache, "used");
});

it("GIVEN the cache of a file gone from the folder (an upgraded berth's module) WHEN a file of that folder writes its cache THEN the stale one is removed, another folder's stays", { timeout: 60_000 }, async () => {
  const suffix = `-${process.version}-${process.arch}.v8cache`;
  const gone = `chunk-OLD.cjs-${createHash("sha256").update(work).digest("hex").slice(0, 8)}-10-10${suffix}`;
  const elsewhere = `chunk-OLD.cjs-00000000-10-10${suffix}`;
  await writeFile(join(cacheDir, gone), "an earlier berth's module");
  await writeFile(join(cacheDir, elsewhere), "another folder's module");
  await writeFile(file, "exports.twice = (n) => 2 * n;\nexports.loads = (globalThis.loads = (globalThis.loads ?? 0) + 1);\n");
  await utimes(file, new Date(), new Date(Date.now() + 10000));
  assert.equal((await loadInFreshProcess()).codeCache, "none");
  const now = await caches();
  assert.ok(!now.includes(gone), now.join(", "));
  assert.ok(now.includes(elsewhere), now.join(", "));
  assert.equal(now.filter((f) => f.startsWith("lib.cjs-")).length, 2, now.join(", "));
});

it("GIVEN a Node without zlib.crc32 WHEN caches are written and read THEN SHA-256 digests check them (a damaged one is not used), and a cache of the other digest is written again", { timeout: 60_000 }, async () => {
  assert.equal((await loadInFreshProcess()).codeCache, "used");
  assert.equal((await loadInFreshProcess(true, { withoutCrc32: true })).codeCache, "rejected", "a CRC-32 cache read by a SHA-256 process");
  assert.equal((await loadInFreshProcess(true, { withoutCrc32: true })).codeCache, "used");
  const [name] = (await caches()).filter((f) => f.startsWith("lib.cjs-") && !f.includes("-00000000-"));
  const bytes = await readFile(join(cacheDir, name!));
  bytes[bytes.length >> 1] ^= 0xff;
  await writeFile(join(cacheDir, name!), bytes);
  assert.equal((await loadInFreshProcess(true, { withoutCrc32: true })).codeCache, "rejected");
  assert.equal((await loadInFreshProcess()).codeCache, "rejected", "a SHA-256 cache read by a CRC-32 process");
  assert.equal((await loadInFreshProcess()).codeCache, "used");
});

it("GIVEN a process that did not turn the caches on WHEN it loads the file THEN it is a plain require and no cache is written", { timeout: 60_000 }, async () => {
  await rm(cacheDir, { recursive: true, force: true });
  const plain = await loadInFreshProcess(false);
  assert.deepEqual(plain, { codeCache: "none", pendingAfterLoad: false, result: 42, sameInstance: true, loads: 1 });
  assert.deepEqual(await caches(), []);
});
