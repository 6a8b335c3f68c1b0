// Template sets (Go's multi_test.go facts): several texts parsed into one set, then one template
// executed by name, compared with what Go's text/template does (gen/oracle.go).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { TemplateError } from "../../../src/gotemplate/errors.js";
import { TemplateSet } from "../../../src/gotemplate/template.js";
import { decode, expected, oracleFuncs } from "./fixtures.js";

interface SetCase {
  name: string;
  parses: [string, string][];
  exec: string;
  data: unknown;
  out?: string;
  err?: string;
}

describe("Go template set oracle cases", () => {
  for (const c of (expected as unknown as { sets: SetCase[] }).sets) {
    test(`GIVEN ${c.name} WHEN ${c.exec || '""'} is executed THEN ${c.err ? "it fails as Go does" : "it prints what Go prints"}`, () => {
      const set = new TemplateSet(oracleFuncs(), { name: "root" });
      let out: string | undefined;
      let err: unknown;
      try {
        for (const [name, text] of c.parses) set.parse(name, text);
        out = set.execute(c.exec, decode(c.data));
      } catch (e) {
        err = e;
      }
      if (c.err !== undefined) {
        assert.ok(err instanceof TemplateError, `expected a TemplateError, got ${String(err)}`);
        assert.equal(err.message, c.err);
      } else {
        if (err) throw err;
        assert.equal(out, c.out);
      }
    });
  }
});
