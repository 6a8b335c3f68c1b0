import { isPlainObject } from "./coalesce.js";
import { ValuesInvalid } from "./errors.js";
import { parseSet } from "./set-syntax.js";
import type { Values } from "../model/values.js";
import { readValuesFile } from "./values-file.js";
import { unusableData } from "../util/plain-data.js";

/** Where user values come from; each source overrides the ones before it. */
export interface UserValuesInput {
  /** Values files (`-f`), in order. */
  readonly valueFiles?: readonly string[];
  /** Values given in code; a list is applied in order. */
  readonly values?: unknown;
  /** `--set` expressions, in order (Helm's syntax). */
  readonly set?: readonly string[];
}

/**
 * Gathers user values as override layers, lowest priority first: values files, then
 * values in code, then `--set`. Every malformed `--set` is reported, not just the first.
 *
 * @throws {@link ValuesInvalid} for unreadable files, non-mapping values, malformed `--set`
 */
export async function collectUserValues(input: UserValuesInput): Promise<Values[]> {
  const layers: Values[] = [];
  for (const file of input.valueFiles ?? []) {
    const layer = await readValuesFile(file);
    const unusable = unusableData(layer);
    if (unusable) throw new ValuesInvalid(`values file ${file}`, [{ source: file, path: unusable.path, message: `${unusable.path} ${unusable.problem}` }]);
    layers.push(layer);
  }
  const inCode: unknown[] = input.values === undefined ? [] : Array.isArray(input.values) ? input.values : [input.values];
  inCode.forEach((layer, i) => {
    if (!isPlainObject(layer)) throw new ValuesInvalid("values given in code", [{ path: `values[${i}]`, message: "must be an object of values" }]);
    const unusable = unusableData(layer);
    if (unusable) throw new ValuesInvalid("values given in code", [{ path: unusable.path, message: `${unusable.path} ${unusable.problem}` }]);
    layers.push(layer);
  });
  const sets: Values = {};
  const issues = [];
  for (const expression of input.set ?? []) {
    try {
      parseSet(expression, sets);
    } catch (e) {
      if (e instanceof ValuesInvalid) issues.push(...e.issues);
      else throw e;
    }
  }
  if (issues.length > 0) throw new ValuesInvalid("--set values", issues);
  if (Object.keys(sets).length > 0) layers.push(sets);
  return layers;
}
