// Builds dist/, what the published package runs: `node --import tsx scripts/build.ts [--outDir <dir>] [--metafile <file>]`.
// - tsc emits the declarations (dist/**/*.d.ts, for users' types and api-extractor), no JavaScript;
// - esbuild bundles the library (dist/index.js) and the CLI (dist/cli/bin.js) with code splitting:
//   modules both use live in shared chunks (dist/chunks/), so the CLI and a deploy script's
//   `import "berth"` (dist/index.js) share one instance of every module; each dynamic `import()`
//   (a CLI command, deploy/rollback actions, local up) stays a chunk of its own, loaded when used.
// - then each bundled ES module becomes a CommonJS file (scripts/to-commonjs.ts: dist/**/*.cjs, which
//   the CLI compiles with V8 code caches through dist/commonjs-hook.cjs), under ES module entries
//   dist/index.js and dist/cli/bin.js; the type checker's server is dist/runner/typecheck-server.cjs.
// - `yaml` (~75 CommonJS modules) becomes one CommonJS file, dist/vendor/yaml.cjs, that the bundle's
//   `import … from "yaml"` and its lazy loader (scripts/yaml-lazy.bundled.ts) require through the
//   package's private import "#yaml" (package.json "imports"): one instance, loaded only where needed.
// Loading ~350 compiled files (and yaml's 75) cost an installed `berth deploy` ~0.4 s of module
// loading; a few bundled files load in a fraction of that. Other dependencies stay external
// (node_modules), except those in BUNDLED.
// - esbuild puts a module in the chunk of the set of entries and lazy modules that reach it, so each
//   lazy module that reaches part of the library splits the library further (37 files for
//   `import "berth"`). A lazy module that runs with the library loaded anyway (an action, the Go-template
//   engine, `berth plan|deploy`…) imports the library's entry here (libraryFirst): the library is then
//   reached by all of them alike and becomes a few large chunks. LAZY_ON_THEIR_OWN keep loading only
//   what they use.
import { spawnSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { build, type BuildOptions, type Plugin } from "esbuild";
import { commonJsBanner, esModuleEntry, META, toCommonJs } from "./to-commonjs.js";

const root = join(import.meta.dirname, "..");
const { values } = parseArgs({ options: { outDir: { type: "string" }, metafile: { type: "string" } } });
const outDir = resolve(values.outDir ?? join(root, "dist"));

/** Small dependencies bundled into the chunks that import them (the rest load from node_modules). */
const BUNDLED: readonly string[] = ["mustache", "ignore"];
/**
 * Entry points: the library (dist/index.js), the CLI (dist/cli/bin.js), and the resident type
 * checker's server, which typecheck-client.ts starts as a process of its own by that path
 * (dist/runner/typecheck-server.cjs, run as it is). Code they share lives in dist/chunks/.
 */
const ENTRIES: readonly string[] = ["src/index.ts", "src/cli/bin.ts", "src/runner/typecheck-server.ts"];
/** What the bundle imports for `yaml` (package.json "imports" maps it to dist/vendor/yaml.cjs). */
const YAML_IMPORT = "#yaml";
/** The CommonJS loader hook (scripts/commonjs-hook.ts), in dist/. */
const HOOK = "commonjs-hook.cjs";

await rm(outDir, { recursive: true, force: true });

const tsc = spawnSync(
  process.execPath,
  [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.build.json"), "--emitDeclarationOnly", "--outDir", outDir],
  { stdio: "inherit" },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

// yaml (its Node build, CommonJS) as one CommonJS file, and the CommonJS loader hook (scripts/commonjs-hook.ts)
const vendor = { bundle: true, platform: "node", target: "node20", legalComments: "none", logLevel: "warning", format: "cjs" } satisfies BuildOptions;
await build({
  ...vendor,
  absWorkingDir: root,
  stdin: { contents: `module.exports = require("yaml");`, resolveDir: root, loader: "js" },
  outfile: join(outDir, "vendor", "yaml.cjs"),
});
await build({
  ...vendor,
  absWorkingDir: root,
  entryPoints: [join(root, "scripts", "commonjs-hook.ts")],
  outfile: join(outDir, HOOK),
  // src/util/commonjs-load.ts uses import.meta.url, as the chunks do
  define: META,
  banner: { js: commonJsBanner(true) },
});

/**
 * Lazy modules (dynamic `import()` targets) that do not import the whole library: the library itself,
 * the commands whose cold start is measured against helm's (`berth list|status|history|get…`,
 * release-commands.ts), the run mode (src/cli/main.ts loads it lazily, and every connection imports
 * it: with the library first, `berth list` loaded the whole library), the local control plane's
 * command and modules, and the type checker's modules (its server is a process of its own).
 */
const LAZY_ON_THEIR_OWN = /[\\/]src[\\/](index|actions[\\/]run-mode|cli[\\/]commands[\\/](release-commands|local)|local[\\/][a-z-]+|runner[\\/]typecheck-[a-z]+)\.ts$/;
const LIBRARY_ENTRY = join(root, "src", "index.ts");

/**
 * Every other lazy module of src/ (`lazy`, absolute paths) gets `import "<src/index.ts>"` first (see
 * the header). It changes no behaviour: the library is loaded before any of them runs (they are
 * imported by the library, or by `berth plan|deploy|template…`, which load it), and the library
 * imports none of them statically.
 */
function libraryFirst(lazy: ReadonlySet<string>): Plugin {
  return {
    name: "library-first",
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/].+\.ts$/ }, async (args) => {
        if (!lazy.has(args.path) || LAZY_ON_THEIR_OWN.test(args.path)) return undefined;
        return { contents: `import ${JSON.stringify(LIBRARY_ENTRY)};\n${await readFile(args.path, "utf8")}`, resolveDir: dirname(args.path), loader: "ts" };
      });
    },
  };
}

/** Bare specifiers (packages) stay imports from node_modules, `yaml` becomes "#yaml", BUNDLED are bundled. */
const dependencies: Plugin = {
  name: "dependencies",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path === "yaml") return { path: YAML_IMPORT, external: true };
      if (args.path.startsWith("node:")) return { path: args.path, external: true };
      const name = args.path.startsWith("@") ? args.path.split("/").slice(0, 2).join("/") : args.path.split("/")[0]!;
      return BUNDLED.includes(name) ? undefined : { path: args.path, external: true };
    });
    // the lazy `require("yaml")` loads the same file as the bundle's imports; dynamic imports of
    // packages and URLs go through the hook (scripts/import-dynamic.bundled.ts)
    for (const [name, bundled] of [["yaml-lazy", "yaml-lazy.bundled.ts"], ["import-dynamic", "import-dynamic.bundled.ts"]] as const) {
      b.onLoad({ filter: new RegExp(`[\\\\/]src[\\\\/]util[\\\\/]${name}\\.ts$`) }, async () => ({
        contents: await readFile(join(root, "scripts", bundled), "utf8"),
        resolveDir: join(root, "scripts"),
        loader: "ts",
      }));
    }
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "inline",
  sourcesContent: false,
  legalComments: "none",
  logLevel: "warning",
  plugins: [dependencies],
} satisfies BuildOptions;

const split = { entryPoints: [...ENTRIES], outbase: "src", outdir: outDir, entryNames: "[dir]/[name]", chunkNames: "chunks/[name]-[hash]", splitting: true, metafile: true } satisfies BuildOptions;
// A first pass, written nowhere, finds the lazy modules: which files are the target of an import().
const scan = await build({ ...common, ...split, write: false });
const lazy = new Set(Object.values(scan.metafile.inputs).flatMap((input) => input.imports.filter((i) => i.kind === "dynamic-import" && !i.external).map((i) => resolve(root, i.path))));
const result = await build({
  ...common,
  ...split,
  write: false,
  plugins: [...common.plugins, libraryFirst(lazy)],
});
// --metafile <file>: esbuild's account of every output's inputs and imports, for analysing the chunks
if (values.metafile) await writeFile(values.metafile, JSON.stringify(result.metafile));
const modules = result.outputFiles.map((f) => ({ path: f.path, text: f.text, meta: result.metafile.outputs[relative(root, f.path).split(sep).join("/")]! }));
for (const module of modules) {
  // Code that finds files relative to its own module (`new URL("../../package.json", import.meta.url)`,
  // typecheck's berth folder) is written for src/<folder>/<module>.ts: only outputs two folders below
  // the package root (dist/cli/, dist/chunks/) may hold it.
  if (relative(outDir, module.path).split(sep).length !== 2 && module.text.includes("import.meta.url")) {
    throw new Error(`build: ${module.path} uses import.meta.url but is not two folders below the package root`);
  }
  for (const file of await toCommonJs(module, root)) {
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, file.contents);
  }
}
// the ES module entries users import and run
const entry = (name: string) => modules.find((m) => relative(outDir, m.path).split(sep).join("/") === name)!;
await writeFile(join(outDir, "index.js"), esModuleEntry({ cjsEntry: "index.cjs", hook: `./${HOOK}`, exports: entry("index.js").meta.exports }));
await writeFile(join(outDir, "cli", "bin.js"), esModuleEntry({ cjsEntry: "bin.cjs", hook: `../${HOOK}`, exports: [] }));

console.log(`build: ${modules.length} bundled CommonJS files in ${outDir}`);
