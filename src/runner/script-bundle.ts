// A deploy script and the local modules it imports, bundled into one ES module that Node imports
// natively. On Node 20 a TypeScript loader (tsx) runs in a module-hooks thread whose start blocks
// the CLI for ~200 ms and holds ~20 MiB; a bundle needs no loader. Packages stay imports that Node
// resolves from the bundle's folder, `<root>/node_modules/.cache/berth/scripts/`, which resolves
// them as the script's own folder does (`<root>` is the nearest folder with a node_modules).
// Whatever a bundle would run differently goes to tsx instead (see ScriptModule.reason).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, unlinkSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { RACY_MS, stampFile, stampUnchanged, writeAtomically, type FileStamp } from "./file-stamp.js";
import { berthPackage } from "./package-root.js";
import { bundleLocally, nodeModulesRoot, type BundleOutcome } from "./script-bundle-build.js";

/** How a script is imported. */
export interface ScriptModule {
  /** The module to import: the bundle, or the script itself (through tsx). */
  readonly url: string;
  /** True when `url` is a bundle, imported without a TypeScript loader. */
  readonly bundled: boolean;
  /** Why the script is not bundled. */
  readonly reason?: string;
  /** True when the bundle (or the decision not to bundle) came from the cache, unchanged. */
  readonly cached: boolean;
}

interface Manifest {
  readonly tool: string;
  /** The bundle's file name in the cache folder; absent when the script runs through tsx. */
  readonly bundle?: string;
  readonly reason?: string;
  /** Every file the outcome depends on. */
  readonly stamps: Readonly<Record<string, FileStamp>>;
}

const FORMAT = 1;
/** Bundles no manifest names are deleted when another is written, once this old. */
const PRUNE_MS = 7 * 24 * 3600 * 1000;

/** berth's own package folder (real path): its files are never bundled into a script. */
function berthDir(): string | undefined {
  const dir = berthPackage()?.dir;
  try {
    return dir && realpathSync(dir);
  } catch {
    return dir;
  }
}

let toolKey: string | undefined;
/** What else a bundle depends on: berth (its version and this build of it) and Node. */
function tool(): string {
  toolKey ??= `format ${FORMAT}, berth ${berthPackage()?.version ?? "unknown"} built ${statSync(fileURLToPath(import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? 0}, node ${process.version}`;
  return toolKey;
}

/** The script itself as the module to import (through tsx), with why it is not bundled. */
export function unbundled(script: string, reason: string, cached: boolean): ScriptModule {
  return { url: pathToFileURL(script).href, bundled: false, reason, cached };
}

function readManifest(path: string): Manifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(path, "utf8")) as Manifest;
    return manifest.tool === tool() && typeof manifest.stamps === "object" && manifest.stamps !== null ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The module to import for `script` (absolute): its bundle, built or taken from the cache when no
 * file it was built from changed (by stamp), or the script itself with the reason it is not bundled
 * (no node_modules folder above it, a CommonJS module, `import.meta.resolve`, a computed `import()`,
 * a package imported from another node_modules, a syntax error: tsx reports it). Never throws.
 * @param options.now - the clock, for telling a stamp too recent to trust
 * @param options.hostFromSource - this process runs berth from its TypeScript sources, through tsx
 *   (a checkout); TypeScript files of packages then load too. @defaultValue as it does
 */
export async function bundleScript(script: string, options: { now?: number; hostFromSource?: boolean } = {}): Promise<ScriptModule> {
  if (script.split(sep).includes("node_modules")) return unbundled(script, "the script is inside node_modules", false);
  const root = nodeModulesRoot(dirname(script));
  if (!root) return unbundled(script, "no node_modules folder above the script", false);
  const cache = join(root, "node_modules", ".cache", "berth", "scripts");
  const manifestPath = join(cache, `${createHash("sha256").update(`${script}\0${tool()}`).digest("hex").slice(0, 32)}.json`);
  const now = options.now ?? Date.now();
  const known = readManifest(manifestPath);
  if (known && Object.entries(known.stamps).every(([path, stamp]) => stampUnchanged(path, stamp, now))) {
    if (known.bundle === undefined) return unbundled(script, known.reason ?? "not bundled", true);
    const file = join(cache, known.bundle);
    if (existsSync(file)) return { url: pathToFileURL(file).href, bundled: true, cached: true };
  }
  let outcome: BundleOutcome;
  try {
    outcome = await bundleLocally(script, { root, outDir: cache, berthDir: berthDir(), hostFromSource: options.hostFromSource ?? import.meta.url.endsWith(".ts") });
  } catch (error) {
    // esbuild missing or broken: tsx still runs the script
    return unbundled(script, `the bundler failed: ${(error as Error).message}`, false);
  }
  const stamps = Object.fromEntries(outcome.read.flatMap((path) => {
    const stamp = stampFile(path);
    return stamp ? [[path, stamp] as const] : [];
  }));
  // Stamps are taken after the build; the outcome is kept only when every file had last changed
  // well before it began (so not during it, even with coarse timestamps). The next run keeps it.
  const settled = Object.values(stamps).every(([, mtimeMs, ctimeMs]) => Math.max(mtimeMs, ctimeMs) < (options.now ?? outcome.started) - RACY_MS);
  if (outcome.code === undefined) {
    if (settled) await writeAtomically(manifestPath, JSON.stringify({ tool: tool(), reason: outcome.reason, stamps } satisfies Manifest));
    return unbundled(script, outcome.reason, false);
  }
  const name = `b-${createHash("sha256").update(outcome.code).digest("hex").slice(0, 32)}.mjs`;
  const file = join(cache, name);
  if (!existsSync(file) && !(await writeAtomically(file, outcome.code))) return unbundled(script, `cannot write to ${cache}`, false);
  if (settled) await writeAtomically(manifestPath, JSON.stringify({ tool: tool(), bundle: name, stamps } satisfies Manifest));
  pruneBundles(cache, name, now);
  return { url: pathToFileURL(file).href, bundled: true, cached: false };
}

/** Deletes bundles no manifest names that are older than {@link PRUNE_MS}. */
function pruneBundles(cache: string, keep: string, now: number): void {
  try {
    const entries = readdirSync(cache);
    const named = new Set([keep, ...entries.filter((e) => e.endsWith(".json")).map((e) => readManifest(join(cache, e))?.bundle)]);
    for (const entry of entries) {
      if (!entry.startsWith("b-") || named.has(entry)) continue;
      const file = join(cache, entry);
      if (statSync(file).mtimeMs < now - PRUNE_MS) unlinkSync(file);
    }
  } catch {
    // a cache that cannot be pruned only takes space
  }
}
