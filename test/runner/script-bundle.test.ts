// Script bundles: a deploy script and its own modules in one ES module, imported without a
// TypeScript loader; packages resolved as from the script; cached by file stamps; and every case a
// bundle would run differently sent to tsx with its reason.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, realpath, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleScript } from "../../src/runner/script-bundle.js";
import { nodeModulesRoot } from "../../src/runner/script-bundle-build.js";
import { runScript } from "../../src/runner/run-script.js";
import { ScriptFailed } from "../../src/runner/errors.js";

/** A temp project: package.json (an ES module package unless `type` says otherwise), node_modules with one package, and `files`. */
async function project(files: Record<string, string>, type = "module"): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), "berth-bundle-")));
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "app", private: true, type }));
  const pkg = join(dir, "node_modules", "fake-pkg");
  await mkdir(pkg, { recursive: true });
  await writeFile(join(pkg, "package.json"), JSON.stringify({ name: "fake-pkg", type: "module", exports: "./index.js" }));
  await writeFile(join(pkg, "index.js"), "export const pkgUrl = import.meta.url;\n");
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

/** Later than every file of the test by more than the racy window: stamps are trusted. */
const later = () => Date.now() + 10_000;

describe("bundleScript", () => {
  it("GIVEN a script importing its own module and a package WHEN bundled THEN it runs natively with each file's own import.meta and the package from node_modules", async () => {
    const dir = await project({
      "deploy.ts": `import { where } from "./lib/where.js";\nimport { pkgUrl } from "fake-pkg";\nconst n: number = 2;\nexport const result = { where, pkgUrl, n, self: import.meta.url };\n`,
      "lib/where.ts": `export const where = { url: import.meta.url, dirname: import.meta.dirname, filename: import.meta.filename };\n`,
    });
    const script = join(dir, "deploy.ts");
    const module = await bundleScript(script);
    assert.equal(module.bundled, true, module.reason);
    assert.ok(module.url.includes("/node_modules/.cache/berth/scripts/"), module.url);
    const { result } = (await import(module.url)) as { result: { where: Record<string, string>; pkgUrl: string; n: number; self: string } };
    const lib = join(dir, "lib", "where.ts");
    assert.deepEqual(result.where, { url: pathToFileURL(lib).href, dirname: join(dir, "lib"), filename: lib });
    assert.equal(result.self, pathToFileURL(script).href);
    assert.equal(result.pkgUrl, pathToFileURL(join(dir, "node_modules", "fake-pkg", "index.js")).href);
    assert.equal(result.n, 2);
  });

  it("GIVEN a script naming import.meta.url in a comment and using it in code WHEN bundled THEN it is bundled, with its own URL", async () => {
    const dir = await project({ "deploy.ts": `// the chart sits next to import.meta.url\n/* import.meta.dirname */\nexport const where = import.meta.url;\n` });
    const script = join(dir, "deploy.ts");
    const module = await bundleScript(script);
    assert.equal(module.bundled, true, module.reason);
    assert.equal(((await import(module.url)) as { where: string }).where, pathToFileURL(script).href);
  });

  it("GIVEN a bundled script WHEN nothing changed THEN the cached bundle is used, and WHEN a module it imports changes THEN it is bundled again", async () => {
    const dir = await project({ "deploy.ts": `import { value } from "./value.js";\nexport { value };\n`, "value.ts": `export const value = 1;\n` });
    const script = join(dir, "deploy.ts");
    const first = await bundleScript(script, { now: later() });
    assert.equal(first.cached, false);
    const second = await bundleScript(script, { now: later() });
    assert.deepEqual(second, { ...first, cached: true });
    await writeFile(join(dir, "value.ts"), `export const value = 22;\n`);
    const third = await bundleScript(script, { now: later() });
    assert.equal(third.cached, false);
    assert.notEqual(third.url, first.url);
    assert.equal(((await import(third.url)) as { value: number }).value, 22);
  });

  it("GIVEN a bundled script under a tsconfig.json that extends a base WHEN the base changes THEN it is bundled again", async () => {
    const dir = await project({
      "deploy.ts": `export const value = 1;\n`,
      "tsconfig.json": `{ "extends": "./tsconfig.base.json" }`,
      "tsconfig.base.json": `{ "compilerOptions": { "useDefineForClassFields": true } }`,
    });
    const script = join(dir, "deploy.ts");
    assert.equal((await bundleScript(script, { now: later() })).cached, false);
    assert.equal((await bundleScript(script, { now: later() })).cached, true);
    await writeFile(join(dir, "tsconfig.base.json"), `{ "compilerOptions": { "useDefineForClassFields": false } }`);
    assert.equal((await bundleScript(script, { now: later() })).cached, false);
  });

  it("GIVEN old bundles in the cache WHEN another is written THEN those no manifest names are deleted, the named ones kept", async () => {
    const dir = await project({ "a.ts": `export const a = 1;\n`, "b.ts": `export const b = 1;\n` });
    const first = await bundleScript(join(dir, "a.ts"), { now: later() });
    const cache = dirname(fileURLToPath(first.url));
    const stale = join(cache, "b-stale.mjs");
    await writeFile(stale, "export {};\n");
    const weekAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    await utimes(stale, weekAgo, weekAgo);
    await utimes(fileURLToPath(first.url), weekAgo, weekAgo);
    await bundleScript(join(dir, "b.ts"), { now: later() });
    assert.deepEqual([existsSync(stale), existsSync(fileURLToPath(first.url))], [false, true]);
  });

  it("GIVEN files changed just now WHEN bundled THEN the bundle is not cached (a later change in the same tick would go unseen)", async () => {
    const dir = await project({ "deploy.ts": `export const x = 1;\n` });
    const script = join(dir, "deploy.ts");
    assert.equal((await bundleScript(script)).cached, false);
    assert.equal((await bundleScript(script)).cached, false);
  });

  for (const [name, files, type, reason] of [
    ["a computed import()", { "deploy.ts": `const name = "./x.js";\nawait import(name);\n` }, "module", /imports a computed path/],
    ["import.meta.resolve", { "deploy.ts": `console.log(import.meta.resolve("./x.js"));\n` }, "module", /import\.meta beyond url/],
    ["import.meta.url in a string as well (replacing the text would change the string)", { "deploy.ts": `export const where = import.meta.url;\nexport const doc = 'set by import.meta.url';\n` }, "module", /in a string/],
    ["a package.json with \"type\": \"commonjs\"", { "deploy.ts": `export const x = 1;\n` }, "commonjs", /is not an ES module/],
    ["its own package by name", { "deploy.ts": `import "app/other";\n` }, "module", /imports its own package app\/other/],
    ["a syntax error", { "deploy.ts": `const ok = 1;\nconst broken = {;\n` }, "module", /deploy\.ts:2: /],
  ] as const) {
    it(`GIVEN a script with ${name} WHEN bundled THEN it is left to tsx, with the reason, and that decision is cached`, async () => {
      const dir = await project(files, type);
      const script = join(dir, "deploy.ts");
      const module = await bundleScript(script, { now: later() });
      assert.equal(module.bundled, false);
      assert.equal(module.url, pathToFileURL(script).href);
      assert.match(module.reason ?? "", reason);
      assert.deepEqual(await bundleScript(script, { now: later() }), { ...module, cached: true });
    });
  }

  it("GIVEN a module importing a package from another node_modules folder WHEN bundled THEN it is left to tsx", async () => {
    const dir = await project({ "deploy.ts": `import "./shared/lib.js";\n`, "shared/lib.ts": `import { pkgUrl } from "other-pkg";\nexport { pkgUrl };\n` });
    await mkdir(join(dir, "shared", "node_modules", "other-pkg"), { recursive: true });
    await writeFile(join(dir, "shared", "node_modules", "other-pkg", "package.json"), JSON.stringify({ name: "other-pkg", type: "module", exports: "./index.js" }));
    await writeFile(join(dir, "shared", "node_modules", "other-pkg", "index.js"), "export const pkgUrl = 1;\n");
    const module = await bundleScript(join(dir, "deploy.ts"));
    assert.equal(module.bundled, false);
    assert.match(module.reason ?? "", /imports other-pkg from another node_modules folder/);
  });

  it("GIVEN a package whose entry is TypeScript WHEN bundled for a compiled berth THEN it is left to tsx (Node cannot load it); a script inside node_modules too", async () => {
    const dir = await project({ "deploy.ts": `import "ts-pkg";\n` });
    await mkdir(join(dir, "node_modules", "ts-pkg"), { recursive: true });
    await writeFile(join(dir, "node_modules", "ts-pkg", "package.json"), JSON.stringify({ name: "ts-pkg", type: "module", exports: "./index.ts" }));
    await writeFile(join(dir, "node_modules", "ts-pkg", "index.ts"), "export const x: number = 1;\n");
    const module = await bundleScript(join(dir, "deploy.ts"), { hostFromSource: false });
    assert.equal(module.bundled, false);
    assert.match(module.reason ?? "", /imports ts-pkg, TypeScript in a package/);
    const inside = await bundleScript(join(dir, "node_modules", "ts-pkg", "index.ts"));
    assert.deepEqual([inside.bundled, inside.reason], [false, "the script is inside node_modules"]);
  });

  it("GIVEN folders with and without node_modules WHEN nodeModulesRoot is asked THEN it names the nearest folder holding one", async () => {
    const dir = await project({ "a/b/deploy.ts": "" });
    assert.equal(nodeModulesRoot(join(dir, "a", "b")), dir);
    await mkdir(join(dir, "a", "node_modules"));
    assert.equal(nodeModulesRoot(join(dir, "a", "b")), join(dir, "a"));
  });

  it("GIVEN a bundled script that throws WHEN run THEN ScriptFailed names the script's own line (through the source map)", async () => {
    const dir = await project({ "deploy.ts": `import { fail } from "./fail.js";\nconst n: number = 1;\nfail(n);\n`, "fail.ts": `export function fail(n: number): never {\n  throw new Error(\`boom \${n}\`);\n}\n` });
    const script = join(dir, "deploy.ts");
    assert.equal((await bundleScript(script)).bundled, true);
    const error = await runScript(script, { mode: "plan" }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof ScriptFailed, String(error));
    assert.equal((error.cause as Error).message, "boom 1");
    assert.deepEqual([error.location?.file, error.location?.line], [script, 3]);
    assert.match((error.cause as Error).stack ?? "", /fail\.ts:2/);
  });
});
