// scripts/to-commonjs.ts: each bundled ES module of the build becomes a CommonJS file that runs as the
// ES module did (imports of other chunks, dynamic ones too, and import.meta), and what cannot run from
// code compiled with a V8 code cache on Node 20 (an import() of anything but a chunk) fails the build.
import { it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { Metafile } from "esbuild";
import { esModuleEntry, toCommonJs, type BundledModule } from "../../scripts/to-commonjs.js";

type Imports = Metafile["outputs"][string]["imports"];

/** A bundled module at `dir/name` as toCommonJs gets it (metafile paths relative to `root`). */
function bundled(root: string, dir: string, name: string, text: string, imports: Imports = [], exports: string[] = []): BundledModule {
  return { path: join(dir, name), text, meta: { bytes: text.length, inputs: {}, imports, exports } };
}

async function converted(modules: BundledModule[], root: string): Promise<void> {
  for (const module of modules) for (const file of await toCommonJs(module, root)) await writeFile(file.path, file.contents);
}

it("GIVEN ES modules importing each other statically and dynamically, with import.meta WHEN converted THEN the CommonJS files run alike", async () => {
  const dir = await mkdtemp(join(tmpdir(), "berth-to-cjs-"));
  try {
    const rel = (name: string) => relative(dir, join(dir, name));
    // an ES module is strict code: `this` in a plain call is undefined, and so it stays
    const shared = bundled(dir, dir, "shared.js", `export const greeting = "hello";\nexport const strict = (function () { return this === undefined; })();\n`, [], ["greeting", "strict"]);
    const lazy = bundled(dir, dir, "lazy.js", `import { greeting } from "./shared.js";\nexport const shout = () => greeting.toUpperCase();\n`, [{ path: rel("shared.js"), kind: "import-statement" }], ["shout"]);
    const entry = bundled(
      dir,
      dir,
      "entry.js",
      `import { greeting } from "./shared.js";\nexport const url = import.meta.url;\nexport const where = import.meta.dirname;\nexport const load = async () => (await import("./lazy.js")).shout();\nexport { greeting };\n`,
      [
        { path: rel("shared.js"), kind: "import-statement" },
        { path: rel("lazy.js"), kind: "dynamic-import" },
      ],
      ["greeting", "load", "url", "where"],
    );
    await converted([shared, lazy, entry], dir);
    const loaded = createRequire(import.meta.url)(join(dir, "entry.cjs")) as { greeting: string; url: string; where: string; load: () => Promise<string> };
    assert.equal(loaded.greeting, "hello");
    assert.equal((createRequire(import.meta.url)(join(dir, "shared.cjs")) as { strict: boolean }).strict, true, "the CommonJS file runs as strict code");
    assert.equal(loaded.url, pathToFileURL(join(dir, "entry.cjs")).href);
    assert.equal(loaded.where, dir);
    assert.equal(await loaded.load(), "HELLO");
    // the ES module entry over it re-exports its names
    await writeFile(join(dir, "hook.cjs"), "");
    await writeFile(join(dir, "entry.mjs"), esModuleEntry({ cjsEntry: "entry.cjs", hook: "./hook.cjs", exports: entry.meta.exports }));
    const viaEntry = (await import(pathToFileURL(join(dir, "entry.mjs")).href)) as { greeting: string; load: () => Promise<string> };
    assert.equal(viaEntry.greeting, "hello");
    assert.equal(await viaEntry.load(), "HELLO");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it("GIVEN a module that imports a package, or a computed path, dynamically WHEN converted THEN the build fails and names importDynamic", async () => {
  const dir = tmpdir();
  await assert.rejects(
    toCommonJs(bundled(dir, dir, "a.js", `export const f = () => import("esbuild");\n`, [{ path: "esbuild", kind: "dynamic-import", external: true }]), dir),
    /a\.js imports esbuild with import\(\): use importDynamic/,
  );
  await assert.rejects(toCommonJs(bundled(dir, dir, "b.js", `export const f = (url) => import(url);\n`), dir), /b\.js has an import\(\) of something computed: use importDynamic/);
});

it("GIVEN a module with top-level await, or import.meta beyond url, resolve, dirname and filename WHEN converted THEN the build fails", async () => {
  const dir = tmpdir();
  await assert.rejects(toCommonJs(bundled(dir, dir, "c.js", `await Promise.resolve();\nexport const x = 1;\n`), dir), /Top-level await/);
  await assert.rejects(toCommonJs(bundled(dir, dir, "d.js", `export const env = import.meta.env;\n`), dir), /d\.js uses import\.meta beyond/);
});
