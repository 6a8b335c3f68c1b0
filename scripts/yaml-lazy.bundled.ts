// What src/util/yaml-lazy.ts is in the published bundle (scripts/build.ts substitutes it): the lazy
// `yaml` is the bundle's own, dist/vendor/yaml.cjs (package.json "imports" "#yaml"), the same module
// instance the bundle's `import … from "yaml"` (`require("#yaml")` once compiled) load.
import { createRequire } from "node:module";

/** The `yaml` package's API. */
export type YamlModule = typeof import("yaml");

let loaded: YamlModule | undefined;

/** The `yaml` package, loaded on first use. */
export function yamlModule(): YamlModule {
  loaded ??= createRequire(import.meta.url)("#yaml") as YamlModule;
  return loaded;
}
