// What src/util/yaml-lazy.ts is in the published bundle (scripts/build.ts substitutes it): the lazy
// `yaml` is the bundle's own, dist/vendor/yaml.js (package.json "imports" "#yaml"), the same module
// instance the bundle's `import … from "yaml"` load. It is an ES module: with `require(esm)` (Node
// ≥ 20.19, ≥ 22.12) `require` loads it synchronously; an older Node loads the `yaml` package instead.
import { createRequire } from "node:module";

/** The `yaml` package's API. */
export type YamlModule = typeof import("yaml");

let loaded: YamlModule | undefined;

/** The `yaml` package, loaded on first use. */
export function yamlModule(): YamlModule {
  loaded ??= createRequire(import.meta.url)(process.features.require_module ? "#yaml" : "yaml") as YamlModule;
  return loaded;
}
