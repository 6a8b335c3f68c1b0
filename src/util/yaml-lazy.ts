import { createRequire } from "node:module";

/** The `yaml` package's API. */
export type YamlModule = typeof import("yaml");

let loaded: YamlModule | undefined;

/**
 * The `yaml` package, loaded on first use: it is ~75 modules (~0.1 s of a command's start), and
 * `berth list|history|status` need it only for an unusual kubeconfig or `-o yaml`. (`yaml` is
 * CommonJS for Node, so `require` loads it synchronously.)
 */
export function yamlModule(): YamlModule {
  loaded ??= createRequire(import.meta.url)("yaml") as YamlModule;
  return loaded;
}
