import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { formatData, outputFormat } from "../../src/cli/format/output.js";
import { formatTable } from "../../src/cli/format/table.js";
import { formatElapsed } from "../../src/cli/format/duration.js";

describe("CLI output helpers", () => {
  it("GIVEN rows WHEN formatted as a table THEN columns are padded to the widest cell, two spaces apart, no trailing spaces", () => {
    const rows = [{ a: "x", b: 10, c: "multi\nline" }, { a: "longer", b: 2, c: "" }];
    const text = formatTable([{ header: "A", value: (r: (typeof rows)[number]) => r.a }, { header: "B", value: (r) => r.b }, { header: "C", value: (r) => r.c }], rows);
    assert.equal(text, "A       B   C\nx       10  multi line\nlonger  2\n");
  });

  it("GIVEN data WHEN formatted as JSON or YAML THEN the bytes are stable and YAML 1.1 look-alikes are quoted", () => {
    assert.equal(formatData({ b: 1, a: "yes" }, "json"), '{\n  "b": 1,\n  "a": "yes"\n}\n');
    assert.equal(formatData({ b: 1, a: "yes" }, "yaml"), 'b: 1\na: "yes"\n');
  });

  it("GIVEN -o WHEN read THEN table is the default and an unknown format is a UsageError", () => {
    assert.equal(outputFormat("x", {}), "table");
    assert.equal(outputFormat("x", { output: "yaml" }), "yaml");
    assert.throws(() => outputFormat("x", { output: "xml" }), { code: "UsageError" });
  });

  it("GIVEN durations WHEN formatted THEN they read as ms, s, m and h", () => {
    assert.deepEqual([850, 4_200, 65_000, 7_380_000].map(formatElapsed), ["850ms", "4.2s", "1m05s", "2h03m"]);
  });
});
