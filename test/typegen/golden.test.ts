// GIVEN chart directories with and without a values.schema.json WHEN typegen runs THEN the output matches
// the golden files byte for byte, twice in a row (UPDATE_GOLDEN=1 rewrites them).
import { strict as assert } from "node:assert";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { generateValuesTypes } from "../../src/typegen/generate.js";
import { TypegenError } from "../../src/typegen/errors.js";

const root = join(import.meta.dirname, "..", "..");

async function checkGolden(chart: string) {
  const chartPath = `test/typegen/fixtures/${chart}`;
  const text = await generateValuesTypes(join(root, chartPath), { chartPath });
  const golden = join(import.meta.dirname, "golden", `${chart}.ts`);
  if (process.env["UPDATE_GOLDEN"] === "1") await writeFile(golden, text);
  assert.equal(text, await readFile(golden, "utf8"));
  assert.equal(await generateValuesTypes(join(root, chartPath), { chartPath }), text, "a second run gives the same bytes");
}

describe("typegen golden files", () => {
  it("GIVEN a chart with values.schema.json WHEN typegen runs THEN required/optional, enums, $refs, index signatures and descriptions match golden/schema-chart.ts", async () => {
    await checkGolden("schema-chart");
  });

  it("GIVEN a chart without a schema WHEN typegen runs THEN types are inferred from values.yaml with comments as TSDoc and subcharts under their aliases (golden/inferred-chart.ts)", async () => {
    await checkGolden("inferred-chart");
  });

  it("GIVEN a type name option WHEN typegen runs THEN the root interface has that name and the header says how to regenerate", async () => {
    const text = await generateValuesTypes(join(root, "test/typegen/fixtures/schema-chart"), { chartPath: "charts/x", typeName: "MyValues", outFile: "typings/x.ts" });
    assert.match(text, /^export interface MyValues \{/m);
    assert.match(text, /^export interface MyProbe \{/m);
    assert.match(text.split("\n")[1]!, /npx berth typegen charts\/x --type-name MyValues --out typings\/x\.ts/);
  });

  it("GIVEN a type name that is not an identifier WHEN typegen runs THEN it fails with TypegenTypeNameInvalid", async () => {
    await assert.rejects(generateValuesTypes(join(root, "test/typegen/fixtures/schema-chart"), { typeName: "my-values" }), (e: unknown) => e instanceof TypegenError && e.code === "TypegenTypeNameInvalid");
  });

  it("GIVEN a directory that is not a chart WHEN typegen runs THEN it fails with ChartInvalid", async () => {
    await assert.rejects(generateValuesTypes(join(root, "test/typegen")), (e: unknown) => (e as { code?: string }).code === "ChartInvalid");
  });
});
