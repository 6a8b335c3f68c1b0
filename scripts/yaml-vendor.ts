// What dist/vendor/yaml.js is built from (scripts/build.ts): the `yaml` package, bundled as one
// CommonJS file beside it (dist/vendor/yaml.cjs), compiled with a V8 code cache when the CLI turned
// them on (src/util/commonjs-load.ts; a library user's process loads it with a plain `require`). The
// build re-exports its names as the module's own.
import { fileURLToPath } from "node:url";
import { loadCommonJs } from "../src/util/commonjs-load.js";

/** The `yaml` package's API, one instance for the bundle's imports and its lazy loader. */
export const yaml = loadCommonJs(fileURLToPath(new URL("./yaml.cjs", import.meta.url))).exports as typeof import("yaml");
