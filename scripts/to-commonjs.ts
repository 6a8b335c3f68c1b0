// The second step of scripts/build.ts: esbuild splits code into chunks only as ES modules, and Node 20
// has no code cache for ES modules (their compile was ~10% of a small deploy's CPU), so each bundled
// ES module becomes a CommonJS file (<name>.cjs, its source map chained to src/), which Node's
// CommonJS loader compiles with a V8 code cache in the CLI (scripts/commonjs-hook.ts). What users
// import stays an ES module: dist/index.js and dist/cli/bin.js are small entries over index.cjs and bin.cjs.
import { basename, dirname, relative, resolve, sep } from "node:path";
import { transform, type Metafile } from "esbuild";

/** One bundled ES module: its path (absolute), text (with an inline source map) and esbuild's account of it. */
export interface BundledModule {
  readonly path: string;
  readonly text: string;
  readonly meta: Metafile["outputs"][string];
}

/** A file to write: absolute path and contents. */
export interface OutputFile {
  readonly path: string;
  readonly contents: string;
}

/** `x.js` → `x.cjs`. */
export const commonJsName = (path: string): string => path.replace(/\.js$/, ".cjs");

/** What `import.meta` becomes in a CommonJS file (esbuild `define`; commonJsBanner declares the two helpers). */
export const META: Record<string, string> = {
  "import.meta.url": "__berthMetaUrl",
  "import.meta.resolve": "__berthMetaResolve",
  "import.meta.dirname": "__dirname",
  "import.meta.filename": "__filename",
};
const META_DECLARATIONS = [
  `var __berthMetaUrl = require("node:url").pathToFileURL(__filename).href;`,
  `var __berthMetaResolve = (specifier) => require("node:url").pathToFileURL(require.resolve(specifier)).href;`,
];

/**
 * What goes before a CommonJS file's code: "use strict" (an ES module is strict code, and esbuild
 * adds no directive when it turns one into CommonJS; it must come first to be one), then the
 * declarations META's replacements need when the code uses `import.meta`.
 */
export function commonJsBanner(usesMeta: boolean): string {
  return [`"use strict";`, ...(usesMeta ? META_DECLARATIONS : [])].join("\n");
}

/**
 * The CommonJS file (and its source map) of a bundled ES module. Imports of other chunks become
 * `require`s of their .cjs files, dynamic ones too (loaded through the same loader and cache).
 * @param root - where the metafile's paths are relative to
 * @throws when the module imports anything but a chunk dynamically (use src/util/import-dynamic.ts; the
 *   text `import(` in a string counts too), has top-level await, or uses `import.meta` beyond url,
 *   resolve, dirname and filename
 */
export async function toCommonJs(module: BundledModule, root: string): Promise<OutputFile[]> {
  let esm = module.text;
  const chunks = new Set<string>();
  for (const imported of module.meta.imports) {
    if (imported.kind !== "dynamic-import") continue;
    if (imported.external) throw new Error(`build: ${module.path} imports ${imported.path} with import(): use importDynamic (src/util/import-dynamic.ts)`);
    const specifier = relative(dirname(module.path), resolve(root, imported.path)).split(sep).join("/");
    chunks.add(specifier.startsWith(".") ? specifier : `./${specifier}`);
  }
  for (const chunk of chunks) {
    const written = JSON.stringify(chunk);
    if (!esm.includes(`import(${written})`)) throw new Error(`build: ${module.path}: cannot find import(${written})`);
    esm = esm.replaceAll(`import(${written})`, `Promise.resolve().then(() => require(${commonJsName(written)}))`);
  }
  const out = await transform(esm, {
    loader: "js",
    format: "cjs",
    platform: "node",
    target: "node20",
    sourcemap: "external",
    sourcefile: basename(module.path),
    sourcesContent: false,
    define: META,
    logLevel: "silent",
    banner: commonJsBanner(esm.includes("import.meta")),
  });
  // an import() left in code compiled with a cache fails on Node 20 (see scripts/commonjs-hook.ts)
  if (/(?<![\w$.])import\(/.test(out.code)) throw new Error(`build: ${module.path} has an import() of something computed: use importDynamic (src/util/import-dynamic.ts)`);
  if (/\bimport_meta\b/.test(out.code)) throw new Error(`build: ${module.path} uses import.meta beyond ${Object.keys(META).join(", ")}`);
  const path = commonJsName(module.path);
  const code = out.code.replace(/require\("(\.{1,2}\/[^"]+)\.js"\)/g, (_, name: string) => `require("${name}.cjs")`);
  return [
    { path, contents: `${code}//# sourceMappingURL=${basename(path)}.map\n` },
    { path: `${path}.map`, contents: out.map },
  ];
}

/**
 * The ES module entry over a CommonJS one (`cjsEntry`, beside it): requires the loader hook (its
 * path relative to the entry) first, then re-exports `exports` by name.
 */
export function esModuleEntry(options: { cjsEntry: string; hook: string; exports: readonly string[] }): string {
  const lines = [
    `// An ES module over ./${options.cjsEntry}: berth's modules are CommonJS files (scripts/build.ts, scripts/to-commonjs.ts).`,
    `import { createRequire } from "node:module";`,
    `const require = createRequire(import.meta.url);`,
    `require(${JSON.stringify(options.hook)});`,
  ];
  if (options.exports.includes("default")) throw new Error(`build: ${options.cjsEntry} has a default export, which the ES module entry does not re-export`);
  if (options.exports.length === 0) lines.push(`require("./${options.cjsEntry}");`);
  else lines.push(`const entry = require("./${options.cjsEntry}");`, `export const { ${options.exports.join(", ")} } = entry;`);
  return `${lines.join("\n")}\n`;
}
