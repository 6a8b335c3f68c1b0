// 1500 generated templates (gen/fuzz.mjs, fixed seed) run through Go's text/template by the
// oracle: our engine prints the same bytes or fails with the same error text for each.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { TemplateError } from "../../../src/gotemplate/errors.js";
import { TemplateSet } from "../../../src/gotemplate/template.js";
import { dataFor, expected, oracleFuncs, type TemplateCase } from "./fixtures.js";

const fuzz = (expected as unknown as { fuzz: TemplateCase[] }).fuzz;

describe("generated templates agree with Go", () => {
  for (const c of fuzz) {
    test(`GIVEN ${c.name} (missingkey=${c.missingkey ?? "default"}) WHEN executed THEN the result is Go's`, () => {
      const set = new TemplateSet(oracleFuncs(), { name: "root", missingKey: c.missingkey ?? "default" });
      let out: string | undefined;
      let err: unknown;
      try {
        set.parse("t.yaml", c.tpl);
        out = set.execute("t.yaml", dataFor(c.data));
      } catch (e) {
        err = e;
      }
      if (c.err !== undefined) {
        assert.ok(err instanceof TemplateError, `${c.tpl}: expected a TemplateError, got ${String(err)} / ${JSON.stringify(out)}`);
        assert.equal(err.message, c.err, c.tpl);
      } else {
        if (err) throw err;
        assert.equal(out, c.out, c.tpl);
      }
    });
  }
});
