import { homedir } from "node:os";
import { join } from "node:path";

/**
 * Where berth keeps what it builds or caches outside any repository: the local control plane's
 * binaries and state, chart repository indexes, type-check results, V8 code caches.
 * @param env - environment to read `BERTH_CACHE_DIR` / `XDG_CACHE_HOME` from
 * @defaultValue `$BERTH_CACHE_DIR`, else `$XDG_CACHE_HOME/berth`, else `~/.cache/berth`
 */
export function cacheDir(env: Readonly<Record<string, string | undefined>> = {}): string {
  return env["BERTH_CACHE_DIR"] ?? join(env["XDG_CACHE_HOME"] ?? join(homedir(), ".cache"), "berth");
}
