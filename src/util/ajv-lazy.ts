import { createRequire } from "node:module";
import type { Options, ValidateFunction } from "ajv";

/** The ajv entry point of a JSON Schema draft: draft-07 (`ajv`), 2019-09 or 2020-12. */
export type AjvModule = "ajv" | "ajv/dist/2019" | "ajv/dist/2020";

/** An ajv class, as far as berth uses it. */
export type AjvClass = new (options: Options) => { compile(schema: unknown): ValidateFunction };

/**
 * The ajv class of `module`, loaded on first use: ajv is dozens of modules, and most deploys
 * validate no schema. (ajv is CommonJS for Node, so `require` loads it synchronously.)
 */
export function ajvClass(module: AjvModule): AjvClass {
  return (createRequire(import.meta.url)(module) as { default: AjvClass }).default;
}
