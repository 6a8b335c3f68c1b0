// GIVEN the committed typings/ of the example charts WHEN typegen runs again THEN the output is identical,
// so a chart change without `berth typegen` fails here. UPDATE_TYPINGS=1 rewrites them.
import { strict as assert } from "node:assert";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { it } from "node:test";
import { generateValuesTypes } from "../../src/typegen/generate.js";

const root = join(import.meta.dirname, "..", "..");

/** Each typings file and the chart it is generated from (paths relative to the repository). */
const TYPINGS = [
  { chart: "examples/webapp/chart", out: "typings/webapp.ts" },
  { chart: "examples/stack/database", out: "typings/database.ts" },
];

for (const { chart, out } of TYPINGS) {
  it(`GIVEN ${chart} WHEN its values types are regenerated THEN ${out} is up to date (regenerate: npx berth typegen ${chart} --out ${out})`, async () => {
    const text = await generateValuesTypes(join(root, chart), { chartPath: chart, outFile: out });
    if (process.env["UPDATE_TYPINGS"] === "1") await writeFile(join(root, out), text);
    assert.equal(await readFile(join(root, out), "utf8"), text, `${out} is stale: run npx berth typegen ${chart} --out ${out}`);
  });
}
