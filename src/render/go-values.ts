import { readFile } from "node:fs/promises";
import { HelmError } from "../chart/helm/errors.js";
import { parseSetInto } from "../chart/helm/strvals.js";
import { BerthError } from "../errors.js";
import { isPlainObject, stackOverrides } from "../values/coalesce.js";
import { unusableData } from "../util/plain-data.js";
import { ValuesInvalid } from "../values/errors.js";
import { shownSetExpression } from "../values/set-syntax.js";
import type { Values } from "../model/values.js";
import type { UserValuesInput } from "../values/user-values.js";
import { readYamlMap } from "../chart/helm/yaml-read.js";

/**
 * A Helm chart's user values, merged as `helm` merges them: each values file read as Helm reads
 * YAML (numbers float64) and merged over the previous ones (maps deeply, anything else replaced,
 * `null` kept so it deletes a default), then values given in code the same way, then every
 * `--set` applied into the result with Helm's parser (integers stay int64).
 *
 * @returns one layer (Helm coalesces a single map of user values with the chart's defaults)
 * @throws {@link ValuesInvalid} for unreadable or malformed files, non-mapping values, bad `--set`
 */
export async function collectHelmUserValues(input: UserValuesInput): Promise<Values[]> {
  let merged: Values = {};
  for (const file of input.valueFiles ?? []) merged = stackOverrides(merged, await readHelmValuesFile(file));
  const inCode: unknown[] = input.values === undefined ? [] : Array.isArray(input.values) ? input.values : [input.values];
  inCode.forEach((layer, i) => {
    if (!isPlainObject(layer)) throw new ValuesInvalid("values given in code", [{ path: `values[${i}]`, message: "must be an object of values" }]);
    // A cycle, a function, a `__proto__` key or absurd nesting: refused before merging walks into it.
    const unusable = unusableData(layer);
    if (unusable) throw new ValuesInvalid("values given in code", [{ path: unusable.path, message: `${unusable.path} ${unusable.problem}` }]);
    merged = stackOverrides(merged, layer);
  });
  const issues = [];
  for (const expression of input.set ?? []) {
    try {
      parseSetInto(expression, merged);
    } catch (e) {
      if (!(e instanceof HelmError)) throw e;
      // Values are not shown: one may be a password.
      issues.push({ source: `--set ${shownSetExpression(expression)}`, message: `${e.message.length > 300 ? `${e.message.slice(0, 300)}…` : e.message}; write key=value, e.g. image.tag=1.27` });
    }
  }
  if (issues.length > 0) throw new ValuesInvalid("--set values", issues);
  return [merged];
}

async function readHelmValuesFile(path: string): Promise<Values> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new ValuesInvalid(`values file ${path}`, [{ source: path, message: `cannot read the file (${(cause as Error).message}); check the path` }], { cause });
  }
  try {
    return readYamlMap(text);
  } catch (e) {
    if (!(e instanceof BerthError)) throw e;
    throw new ValuesInvalid(`values file ${path}`, [{ source: path, message: `${e.message}; a values file must be a YAML mapping` }], { cause: e });
  }
}
