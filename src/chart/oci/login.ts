import type { ChartPaths } from "../repo/config.js";
import { RegistryClient, type RegistryAccess } from "./client.js";
import { storeCredentials, type RegistryCredentials } from "./credentials.js";

/**
 * `berth registry login`: checks the credentials against the registry (`GET /v2/`) and stores
 * them in berth's `registry/config.json` for later pulls, pushes and dependency updates.
 *
 * @throws {@link ChartAuthFailed} when the registry refuses them, {@link ChartSourceUnreachable} when it cannot be reached
 */
export async function registryLogin(registry: string, credentials: RegistryCredentials, access: Omit<RegistryAccess, "credentials"> = {}, paths: ChartPaths = {}): Promise<void> {
  await new RegistryClient(registry, { ...access, credentials }, {}).ping();
  await storeCredentials(registry, credentials, paths);
}

/** `berth registry logout`: forgets berth's stored credentials for a registry. */
export async function registryLogout(registry: string, paths: ChartPaths = {}): Promise<void> {
  await storeCredentials(registry, undefined, paths);
}
