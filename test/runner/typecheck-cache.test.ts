// GIVEN a type-check cache folder WHEN a script is checked again THEN an unchanged script (and imports)
// is not checked again, and a change to the script or to a file it imports checks it again.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
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
    assert.equal(files.filter((f) => /^typescript\.js-.+\.v8cache$/.test(f)).length, 1);
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

describe("readCachedCheck (file stamps)", () => {
  const later = () => Date.now() + 60_000; // every stamp old enough to be trusted
  const entryFile = async () => join(cacheDir, (await readdir(cacheDir)).find((f) => f.endsWith(".json"))!);

  it("GIVEN an entry whose files' stamps are old enough WHEN a file changes keeping its size and mtime THEN the lookup misses", async () => {
    await rm(cacheDir, { recursive: true, force: true });
    const file = imported();
    await writeFile(file, "export const replicas: number = 4;\n");
    await writeCachedCheck(cacheDir, script(), { tsconfig: undefined, files: 2, diagnostics: [] }, [file]);
    assert.ok(await readCachedCheck(cacheDir, script(), undefined, undefined, later()));
    const { mtime } = await stat(file);
    await writeFile(file, "export const replicas: number = 5;\n");
    await utimes(file, mtime, mtime);
    assert.equal(await readCachedCheck(cacheDir, script(), undefined, undefined, later()), undefined);
  });

  it("GIVEN an entry WHEN a file is touched without a change THEN the lookup hits and saves the new stamp", async () => {
    await rm(cacheDir, { recursive: true, force: true });
    const file = imported();
    await writeCachedCheck(cacheDir, script(), { tsconfig: undefined, files: 2, diagnostics: [] }, [file]);
    const touched = new Date(Date.now() - 3_600_000);
    await utimes(file, touched, touched);
    assert.ok(await readCachedCheck(cacheDir, script(), undefined, undefined, later()));
    const saved = JSON.parse(await readFile(await entryFile(), "utf8")) as { stamps: Record<string, number[]> };
    assert.equal(saved.stamps[file]?.[1], (await stat(file)).mtimeMs);
  });

  it("GIVEN an entry just written WHEN looked up at once THEN files are hashed (stamps too recent to trust) and it hits", async () => {
    await rm(cacheDir, { recursive: true, force: true });
    await writeCachedCheck(cacheDir, script(), { tsconfig: undefined, files: 2, diagnostics: [] }, [imported()]);
    assert.ok(await readCachedCheck(cacheDir, script(), undefined));
  });

  it("GIVEN an entry WHEN a file it depends on is deleted THEN the lookup misses", async () => {
    await rm(cacheDir, { recursive: true, force: true });
    const extra = join(dir, "extra.d.ts");
    await writeFile(extra, "export {};\n");
    await writeCachedCheck(cacheDir, script(), { tsconfig: undefined, files: 3, diagnostics: [] }, [imported(), extra]);
    await rm(extra);
    assert.equal(await readCachedCheck(cacheDir, script(), undefined, undefined, later()), undefined);
  });

  it("GIVEN a cached check under a tsconfig.json that extends a base WHEN the base turns on a stricter option THEN the script is checked again and fails", async () => {
    const project = await mkdtemp(join(tmpdir(), "berth-tcbase-"));
    const base = join(project, "tsconfig.base.json");
    await writeFile(join(project, "tsconfig.json"), JSON.stringify({ extends: "./tsconfig.base.json" }));
    await writeFile(base, JSON.stringify({ compilerOptions: { strict: true, module: "nodenext", noUncheckedIndexedAccess: false } }));
    const indexed = join(project, "deploy.mts");
    await writeFile(indexed, "const counts: number[] = [1];\nexport const first: number = counts[0];\n");
    const checkIndexed = () => typecheckScript(indexed, { cwd: project, cacheDir: join(project, "cache") });
    try {
      assert.equal((await checkIndexed()).cached, false);
      assert.equal((await checkIndexed()).cached, true);
      await writeFile(base, JSON.stringify({ compilerOptions: { strict: true, module: "nodenext", noUncheckedIndexedAccess: true } }));
      await assert.rejects(checkIndexed(), (e: unknown) => e instanceof ScriptTypeError && e.diagnostics.some((d) => d.code === 2322));
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });
});
