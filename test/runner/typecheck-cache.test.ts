// GIVEN a type-check cache folder WHEN a script is checked again THEN an unchanged script (and imports)
// is not checked again, and a change to the script or to a file it imports checks it again.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { typecheckScript } from "../../src/runner/typecheck.js";
import { ScriptTypeError } from "../../src/runner/errors.js";
import { readCachedCheck, writeCachedCheck } from "../../src/runner/typecheck-cache.js";

let dir = "";
let cacheDir = "";
const script = () => join(dir, "deploy.mts");
const imported = () => join(dir, "values.mts");
const check = () => typecheckScript(script(), { cwd: dir, cacheDir });

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "berth-tccache-"));
  cacheDir = join(dir, "cache");
  await writeFile(imported(), "export const replicas: number = 2;\n");
  await writeFile(script(), 'import { replicas } from "./values.mjs";\nexport const r: number = replicas;\n');
});
after(() => rm(dir, { recursive: true, force: true }));

describe("typecheckScript with cacheDir", () => {
  it("GIVEN a script checked once WHEN checked again unchanged THEN the result comes from the cache", async () => {
    const first = await check();
    assert.equal(first.cached, false);
    const files = await readdir(cacheDir);
    assert.equal(files.filter((f) => f.endsWith(".json")).length, 1);
    // the compiler's V8 code cache, for the next process
    assert.equal(files.filter((f) => /^typescript-[0-9a-f]+\.v8cache$/.test(f)).length, 1);
    const second = await check();
    assert.equal(second.cached, true);
    assert.deepEqual([second.files, second.tsconfig, second.diagnostics], [first.files, first.tsconfig, first.diagnostics]);
  });

  it("GIVEN a cached script WHEN the script changes THEN it is checked again, then cached again", async () => {
    await writeFile(script(), 'import { replicas } from "./values.mjs";\nexport const r: number = replicas + 1;\n');
    assert.equal((await check()).cached, false);
    assert.equal((await check()).cached, true);
  });

  it("GIVEN a cached script WHEN a file it imports changes so that the script is wrong THEN ScriptTypeError, and the failure is not cached", async () => {
    await writeFile(imported(), 'export const replicas: string = "2";\n');
    for (let i = 0; i < 2; i++) {
      await assert.rejects(check(), (e: unknown) => e instanceof ScriptTypeError && e.diagnostics.some((d) => d.code === 2322));
    }
    await writeFile(imported(), "export const replicas: number = 3;\n");
    assert.equal((await check()).cached, false);
    assert.equal((await check()).cached, true);
  });

  it("GIVEN hashes taken before a check WHEN recorded THEN they are kept: a file that changed during the check is checked again", async () => {
    const entries = join(dir, "entries");
    const result = { tsconfig: undefined, files: 2, diagnostics: [] };
    await writeCachedCheck(entries, script(), result, [imported()]);
    assert.ok(await readCachedCheck(entries, script(), undefined));
    const hashed = new Map<string, string>();
    assert.ok(await readCachedCheck(entries, script(), undefined, hashed));
    assert.deepEqual([...hashed.keys()].sort(), [imported(), script()].sort());
    // as if values.mts had been hashed with other content before the check, then changed while checked
    await writeCachedCheck(entries, script(), result, [imported()], new Map([[imported(), "0".repeat(64)]]));
    assert.equal(await readCachedCheck(entries, script(), undefined), undefined);
  });

  it("GIVEN no cacheDir WHEN checked twice THEN both are checked", async () => {
    assert.equal((await typecheckScript(script(), { cwd: dir })).cached, false);
    assert.equal((await typecheckScript(script(), { cwd: dir })).cached, false);
  });
});
