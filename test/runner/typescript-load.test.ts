// GIVEN a cache folder WHEN the compiler is loaded in a fresh process THEN the first writes its V8 code
// cache after a check, the next compiles with it (V8 accepts it), and it is ts-morph's own instance.
import { it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);
const loader = new URL("../../src/runner/typescript-load.ts", import.meta.url).href;
let cacheDir = "";

before(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), "berth-tsload-"));
});
after(() => rm(cacheDir, { recursive: true, force: true }));

/** Loads the compiler in a fresh process, checks a one-line program, saves the cache; what it reports. */
async function loadInFreshProcess(): Promise<{ codeCache: string; same: boolean; version: string }> {
  const code = `const { loadTypeScript } = await import(${JSON.stringify(loader)});
const { ts, codeCache, saveCodeCache } = await loadTypeScript(${JSON.stringify(cacheDir)});
const file = ts.createSourceFile("a.ts", "export const n: number = 1;", ts.ScriptTarget.ES2022);
ts.transpileModule(file.text, {});
await saveCodeCache();
const morph = await import("ts-morph");
console.log(JSON.stringify({ codeCache, same: morph.ts === ts, version: ts.version }));`;
  const { stdout } = await exec(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { cwd: new URL("../..", import.meta.url).pathname });
  return JSON.parse(stdout.trim().split("\n").pop()!) as { codeCache: string; same: boolean; version: string };
}

it("GIVEN an empty cache folder WHEN loaded twice in fresh processes THEN the second uses the code cache the first wrote", { timeout: 120_000 }, async () => {
  const first = await loadInFreshProcess();
  assert.deepEqual([first.codeCache, first.same], ["none", true]);
  assert.match(first.version, /^\d+\.\d+/);
  assert.equal((await readdir(cacheDir)).filter((f) => f.endsWith(".v8cache")).length, 1);
  const second = await loadInFreshProcess();
  assert.deepEqual([second.codeCache, second.same], ["used", true]);
});
