// Every dynamic import of something outside berth's own modules (a package, a deploy script's URL)
// goes through here. The published build compiles berth's modules as CommonJS with V8 code caches,
// and on Node 20 code compiled with a cache cannot `import()` (V8 drops the callback Node registers
// for it): scripts/build.ts substitutes scripts/import-dynamic.bundled.ts, which imports through a
// function of dist/commonjs-hook.cjs, compiled by Node itself.

/** `import(specifier)`: a package name or a URL (nothing relative: it would resolve from elsewhere in the build). */
export function importDynamic<T>(specifier: string): Promise<T> {
  return import(specifier) as Promise<T>;
}
