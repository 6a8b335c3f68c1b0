import { readFile } from "node:fs/promises";
import { parseValuesYaml } from "../chart/values-yaml.js";
import type { Values } from "../model/values.js";
import { ValuesInvalid } from "./errors.js";

/**
 * Reads a values file (`-f values.yaml`).
 *
 * @throws {@link ValuesInvalid} when the file is missing, not YAML, or not a mapping
 */
export async function readValuesFile(path: string): Promise<Values> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new ValuesInvalid(`values file ${path}`, [{ source: path, message: `cannot read the file (${(cause as Error).message}); check the path` }], { cause });
  }
  let text: string;
  try {
    // Invalid UTF-8 is an error (as in Helm), not silently replaced by U+FFFD.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ValuesInvalid(`values file ${path}`, [{ source: path, message: "the file is not valid UTF-8 text; save it as UTF-8 (is it a binary file?)" }]);
  }
  const { values, issues } = parseValuesYaml(text, path);
  if (issues.length > 0) throw new ValuesInvalid(`values file ${path}`, issues);
  return values;
}
