// GIVEN the whole repository (src, tests, examples, benches, typings) WHEN type-checked with tsc --noEmit (strict) THEN there are no errors.
import { it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");

it("GIVEN the repository WHEN type-checked in strict mode THEN tsc reports no errors", async () => {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const result = await promisify(execFile)(process.execPath, [tsc, "-p", "tsconfig.json", "--noEmit"], { cwd: root }).then(
    () => ({ ok: true, out: "" }),
    (e: { stdout?: string; stderr?: string }) => ({ ok: false, out: `${e.stdout ?? ""}${e.stderr ?? ""}` }),
  );
  assert.ok(result.ok, `tsc --noEmit failed:\n${result.out}`);
});
