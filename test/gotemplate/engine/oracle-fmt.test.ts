// Every fmt call Go ran (gen/oracle.go): Sprintf/Sprint/Sprintln print the same bytes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sprint, sprintf, sprintln } from "../../../src/gotemplate/fmt.js";
import { decode, expected } from "./fixtures.js";

describe("Go fmt oracle cases", () => {
  expected.fmt.forEach((c, i) => {
    test(`GIVEN ${c.fn}(${JSON.stringify(c.format ?? "")}, ${JSON.stringify(c.args).slice(0, 60)}) #${i} WHEN formatted THEN it matches Go`, () => {
      const args = c.args.map(decode);
      const out = c.fn === "sprint" ? sprint(...args) : c.fn === "sprintln" ? sprintln(...args) : sprintf(c.format!, ...args);
      assert.equal(out, c.out);
    });
  });
});
