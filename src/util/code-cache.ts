// Whether this process keeps V8 code caches of the large CommonJS files it loads, and where (see
// commonjs-load.ts): the CLI turns them on for its process; a library user's process writes none.
// Kept apart from the loader so that the CLI's entry turns them on without loading node:vm.

/** Process-wide state, on globalThis: the vendored `yaml` bundle carries its own copy of this module. */
export interface CodeCacheState {
  dir: string | undefined;
  readonly pending: Set<() => void>;
}
const STATE_KEY = Symbol.for("berth.code-cache");
/** This process's code-cache state (shared by every copy of this module). */
export const codeCacheState = ((globalThis as Record<symbol, unknown>)[STATE_KEY] ??= { dir: undefined, pending: new Set() }) as CodeCacheState;

/** Keeps code caches in `dir` for the files this process loads through commonjs-load.ts without a directory of their own. */
export function enableCodeCaches(dir: string): void {
  codeCacheState.dir = dir;
}

/** Writes the code caches still missing (of files loaded with the enabled directory); call once work is done. */
export function saveCodeCaches(): void {
  for (const save of codeCacheState.pending) save();
  codeCacheState.pending.clear();
}

/** Whether {@link saveCodeCaches} has something to write. */
export function codeCachesPending(): boolean {
  return codeCacheState.pending.size > 0;
}
