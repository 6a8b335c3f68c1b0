import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { generateValuesTypes } from "../../src/typegen/generate.js";

// The Helm chart corpus sits beside the project (../shared/helm-charts), as in CI.
const corpus = (path: string) => fileURLToPath(new URL(`../../../shared/helm-charts/corpus/${path}`, import.meta.url));

describe("typegen on Helm charts", () => {
  it("GIVEN podinfo (a Helm chart without a schema) WHEN typegen runs THEN types are inferred from its values.yaml", async () => {
    const text = await generateValuesTypes(corpus("podinfo/podinfo"));
    assert.match(text, /export interface PodinfoValues \{/);
    assert.match(text, /\n {2}replicaCount: number;/);
    assert.match(text, /\n {2}image: \{\n/);
  });

  it("GIVEN bitnami nginx (values.schema.json, library subchart common) WHEN typegen runs THEN its schema types the values and common is nested", async () => {
    const text = await generateValuesTypes(corpus("bitnami/nginx"));
    assert.match(text, /export interface NginxValues \{/);
    assert.match(text, /\n {2}replicaCount\?: number;/);
    assert.match(text, /\n {2}common: NginxCommonValues;/);
    assert.match(text, /export interface NginxCommonValues \{/);
  });
});
