// What src/util/import-dynamic.ts is in the published build (scripts/build.ts substitutes it): the
// import runs in dist/commonjs-hook.cjs (scripts/commonjs-hook.ts), which Node compiles itself, so it
// works from modules compiled with a V8 code cache. Every bundled file is two folders below the
// package root (scripts/build.ts checks it), so the hook is one folder up.
import { createRequire } from "node:module";

let hook: { importDynamic(specifier: string): Promise<unknown> } | undefined;

/** `import(specifier)`: a package name or a URL. */
export function importDynamic<T>(specifier: string): Promise<T> {
  hook ??= createRequire(import.meta.url)("../commonjs-hook.cjs") as NonNullable<typeof hook>;
  return hook.importDynamic(specifier) as Promise<T>;
}
