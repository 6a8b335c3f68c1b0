// Runs a table of template cases whose expected outputs were produced by Go's text/template with
// Sprig v3.3.0 (the version Helm v3.22 vendors), through berth's engine with sprigFunctions().
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { TemplateError } from "../../../src/gotemplate/errors.js";
import { TemplateSet } from "../../../src/gotemplate/template.js";
import { SprigError, sprigFunctions } from "../../../src/gotemplate/sprig/index.js";

/** One case: a template and Sprig's output, or the kind of error Go reported. */
export interface SprigCase {
  tpl: string;
  out?: string;
  error?: "function" | "template";
}

/** The data every case renders with (same as the Go run that produced the expectations). */
export function caseData(): Record<string, unknown> {
  return { f: 1.5, n: 1000000, i: 3n, s: "str", m: { a: 1, b: { c: "d" } }, l: ["x", 2, null], nil: null, e: {}, el: [] };
}

/** Renders one template with Sprig's functions. */
export function render(tpl: string, data: unknown = caseData()): string {
  const set = new TemplateSet(sprigFunctions());
  set.parse("x", tpl);
  return set.execute("x", data);
}

/** Registers one node:test per case of fixtures/<area>.json. */
export function runFixture(area: string): void {
  const cases = JSON.parse(readFileSync(join(import.meta.dirname, "fixtures", `${area}.json`), "utf8")) as SprigCase[];
  for (const c of cases) {
    const name = c.out !== undefined ? `GIVEN ${c.tpl} WHEN rendered THEN it prints Sprig's ${JSON.stringify(c.out)}` : `GIVEN ${c.tpl} WHEN rendered THEN it fails as in Sprig`;
    test(name, () => {
      if (c.out !== undefined) {
        assert.equal(render(c.tpl), c.out);
        return;
      }
      assert.throws(
        () => render(c.tpl),
        (e: unknown) => {
          assert.ok(e instanceof TemplateError, String(e));
          assert.equal(e.code, "TemplateExecError");
          if (c.error === "function") assert.ok(e.cause instanceof SprigError, `cause: ${String(e.cause)}`);
          return true;
        },
      );
    });
  }
}
