// A chart with enough ConfigMaps of one kind for the plan to read them with one LIST.
import { defineChart, type Chart } from "../../src/index.js";

/** A chart of 20 ConfigMaps, `<name>-0` … `<name>-19`, each with `data.value` from the values: one LIST reads them. */
export function configMapsChart(name: string, value: string): Chart<{ value: string }> {
  return defineChart<{ value: string }>({
    name,
    version: "1.0.0",
    values: { value },
    templates: {
      "configmaps.yaml": ({ Values }) => Array.from({ length: 20 }, (_, i) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `${name}-${i}` }, data: { value: Values.value } })),
    },
  });
}
