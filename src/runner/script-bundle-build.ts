// The build of a script bundle (script-bundle.ts): esbuild bundles the script's own modules and
// leaves packages as imports. A plugin keeps what the bundle runs the same as tsx would run the
// files one by one — or gives the reason it cannot, and the script runs through tsx.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import { dirname, extname, join, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { Loader, Plugin } from "esbuild";
import { findUp } from "./find-up.js";
import { tsconfigChain } from "./tsconfig-chain.js";
import { importDynamic } from "../util/import-dynamic.js";

/** What a build gave: the bundle's code, or why there is none; and every file it read. */
export interface BundleOutcome {
  readonly code?: string;
  readonly reason: string;
  readonly read: readonly string[];
  /** When the build began (ms since the epoch). */
  readonly started: number;
}

/** Where the build runs from. */
export interface BundleContext {
  /** The nearest folder above the script that holds a node_modules folder. */
  readonly root: string;
  /** Where the bundle will be written (its source map's paths are relative to it). */
  readonly outDir: string;
  /** berth's own package folder: its modules are imported, never bundled (the host's instance). */
  readonly berthDir: string | undefined;
  /** The host runs from TypeScript sources (a checkout, through tsx): TypeScript it imports loads. */
  readonly hostFromSource: boolean;
}

/** The nearest folder, from `dir` up, that holds a node_modules folder. */
export function nodeModulesRoot(dir: string): string | undefined {
  const found = findUp(dir, "node_modules");
  return found && dirname(found);
}

const OWN = Symbol("berth resolving");
const LOADERS: Record<string, Loader> = { ".ts": "ts", ".mts": "ts", ".tsx": "tsx", ".js": "js", ".mjs": "js", ".jsx": "jsx" };
/** `import(` not followed by one string literal (a computed path resolves from the bundle, not the file). */
const COMPUTED_IMPORT = /(?<![\w$.])import\s*\(\s*(?!(["'])[^"'\n]*\1\s*[,)]|`[^`$]*`\s*[,)])/;
const URL_SPECIFIER = /^[a-z][a-z0-9+.-]*:/i;

const TYPESCRIPT = /\.[cm]?tsx?$/;
const inNodeModules = (path: string) => path.split(sep).includes("node_modules");
const isBare = (specifier: string) => !/^[./#]/.test(specifier) && !URL_SPECIFIER.test(specifier);
const packageName = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

/** The nearest package.json from `dir` up, memoized per folder. */
function packageJsonFinder(read: Set<string>) {
  const found = new Map<string, { path: string; type?: unknown; name?: unknown } | null>();
  const find = (dir: string): { path: string; type?: unknown; name?: unknown } | null => {
    if (found.has(dir)) return found.get(dir)!;
    const path = join(dir, "package.json");
    let result: { path: string; type?: unknown; name?: unknown } | null;
    try {
      const pkg = JSON.parse(readFileSync(path, "utf8")) as { type?: unknown; name?: unknown };
      read.add(path);
      result = { path, type: pkg.type, name: pkg.name };
    } catch {
      result = dirname(dir) === dir ? null : find(dirname(dir));
    }
    found.set(dir, result);
    return result;
  };
  return find;
}

const OWN_IMPORT_META = /(?<![\w$.])import\.meta\.(url|dirname|filename)(?![\w$])/;
const EVERY_OWN_IMPORT_META = new RegExp(OWN_IMPORT_META.source, "g");
const META_KEYS = ["url", "dirname", "filename"] as const;

/**
 * True when `import.meta.url|dirname|filename` appears in no string or template text: esbuild's parse
 * replaces the uses in code (`define`) and drops comments, so any left are in text.
 */
async function noMetaInText(esbuild: typeof import("esbuild"), source: string, loader: Loader): Promise<boolean> {
  try {
    const { code } = await esbuild.transform(source, { loader, format: "esm", logLevel: "silent", define: Object.fromEntries(META_KEYS.map((k) => [`import.meta.${k}`, "undefined"])) });
    return !OWN_IMPORT_META.test(code);
  } catch {
    return true; // a syntax error: the build reports it
  }
}

/**
 * Replaces `import.meta.url|dirname|filename` with the file's own; the problem when other uses remain,
 * or when the text also appears in a string (replacing it there would change the script; in a comment
 * it changes nothing).
 */
async function withOwnImportMeta(esbuild: typeof import("esbuild"), source: string, path: string, loader: Loader): Promise<{ contents: string; problem?: string }> {
  const values: Record<string, string> = { url: pathToFileURL(path).href, dirname: dirname(path), filename: path };
  if (OWN_IMPORT_META.test(source) && !(await noMetaInText(esbuild, source, loader))) {
    return { contents: source, problem: `${path} has the text import.meta.url, dirname or filename in a string` };
  }
  const contents = source.replace(EVERY_OWN_IMPORT_META, (_, key: string) => JSON.stringify(values[key]));
  if (/(?<![\w$.])import\.meta(?![\w$])/.test(contents)) return { contents, problem: `${path} uses import.meta beyond url, dirname and filename` };
  if (COMPUTED_IMPORT.test(contents)) return { contents, problem: `${path} imports a computed path (a dynamic import of an expression)` };
  return { contents };
}

function plugin(esbuild: typeof import("esbuild"), context: BundleContext, read: Set<string>, problems: string[]): Plugin {
  const packageJson = packageJsonFinder(read);
  // esbuild reads the nearest tsconfig.json of each file, and what it extends (read once per build)
  const chained = new Set<string>();
  const tsconfig = (dir: string) => {
    const found = findUp(dir, "tsconfig.json");
    if (!found || chained.has(found)) return;
    chained.add(found);
    for (const file of tsconfigChain(found)) read.add(file);
  };
  // berth's modules as the host loaded them: compiled ones, or any when the host runs from source
  // (a checkout, through tsx); a TypeScript file of berth's folder that is not (a bench's) is bundled
  const inBerth = (path: string) => context.berthDir !== undefined && path.startsWith(context.berthDir + sep) && (context.hostFromSource || !TYPESCRIPT.test(path));
  return {
    name: "berth-script",
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === OWN || args.kind === "entry-point") return undefined;
        const specifier = args.path;
        if (isBuiltin(specifier)) return { path: specifier, external: true };
        if (URL_SPECIFIER.test(specifier)) {
          problems.push(`${args.importer} imports ${specifier}`);
          return { path: specifier, external: true };
        }
        const resolved = await build.resolve(specifier, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: OWN });
        const target = resolved.errors.length === 0 && resolved.namespace === "file" ? resolved.path : undefined;
        const packaged = target !== undefined && (inNodeModules(target) || inBerth(target));
        if (packaged && !context.hostFromSource && TYPESCRIPT.test(target)) problems.push(`${args.importer} imports ${specifier}, TypeScript in a package`);
        if (isBare(specifier)) {
          // a local module behind a tsconfig path, a workspace link: bundled like any other
          if (target !== undefined && !packaged) return undefined;
          if (packageJson(dirname(args.importer))?.name === packageName(specifier)) problems.push(`${args.importer} imports its own package ${specifier}`);
          else if (nodeModulesRoot(dirname(args.importer)) !== context.root) problems.push(`${args.importer} imports ${specifier} from another node_modules folder`);
          // Node resolves it from the bundle's folder as it would from the script's
          return { path: specifier, external: true };
        }
        if (packaged) return { path: pathToFileURL(target).href, external: true };
        return undefined;
      });
      build.onLoad({ filter: /.*/ }, async (args) => {
        read.add(args.path);
        tsconfig(dirname(args.path));
        const loader = LOADERS[extname(args.path)];
        if (!loader) return undefined;
        const ownModule = /\.m[jt]s$/.test(args.path) || packageJson(dirname(args.path))?.type === "module";
        if (!ownModule) problems.push(`${args.path} is not an ES module (no "type": "module" in its package.json)`);
        const { contents, problem } = await withOwnImportMeta(esbuild, await readFile(args.path, "utf8"), args.path, loader);
        if (problem) problems.push(problem);
        return { contents, loader, resolveDir: dirname(args.path) };
      });
    },
  };
}

/**
 * Bundles `script` with its local modules into one ES module (packages and berth stay imports), with
 * an inline source map so that stack traces name the original files and lines.
 * @throws when esbuild cannot be loaded (not for the script's own errors: they become a reason)
 */
export async function bundleLocally(script: string, context: BundleContext): Promise<BundleOutcome> {
  const started = Date.now();
  const esbuild = await importDynamic<typeof import("esbuild")>("esbuild");
  const read = new Set<string>();
  const problems: string[] = [];
  try {
    const result = await esbuild.build({
      entryPoints: [script],
      bundle: true,
      write: false,
      format: "esm",
      platform: "node",
      target: `node${process.versions.node}`,
      sourcemap: "inline",
      sourcesContent: false,
      outfile: join(context.outDir, "bundle.mjs"),
      absWorkingDir: dirname(script),
      logLevel: "silent",
      plugins: [plugin(esbuild, context, read, problems)],
    });
    const code = result.outputFiles[0]?.text;
    if (problems.length > 0 || code === undefined) return { reason: problems[0] ?? "esbuild wrote nothing", read: [...read], started };
    return { code, reason: "", read: [...read], started };
  } catch (error) {
    const first = (error as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}: ` : "";
    return { reason: first ? `${where}${first.text}` : String(error), read: [...read], started };
  }
}
