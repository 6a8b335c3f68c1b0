// GIVEN a chart typed with generated values types (typings/webapp.ts) WHEN a deploy script passes values
// THEN tsc accepts right deep-partial overrides and rejects wrong ones on exactly the marked lines.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { it } from "node:test";
import { promisify } from "node:util";

const root = join(import.meta.dirname, "..", "..");
const fixture = join(import.meta.dirname, "fixtures", "typed-values.ts");

it("GIVEN typed-values.ts WHEN type-checked THEN the only errors are the `// error: TSxxxx` lines (wrong value types rejected, right ones accepted)", async () => {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const output = await promisify(execFile)(process.execPath, [tsc, "-p", join(import.meta.dirname, "fixtures", "tsconfig.json"), "--pretty", "false"], { cwd: root }).then(
    (r) => r.stdout,
    (e: { stdout?: string }) => e.stdout ?? "",
  );
  const actual = [...output.matchAll(/typed-values\.ts\((\d+),\d+\): error (TS\d+)/g)].map((m) => `${m[1]}: ${m[2]}`);
  const expected = (await readFile(fixture, "utf8")).split("\n").flatMap((line, i) => {
    const marker = /\/\/ error: (TS\d+)$/.exec(line);
    return marker ? [`${i + 1}: ${marker[1]}`] : [];
  });
  assert.ok(expected.includes("16: TS2322"), "the fixture marks `replicaCount: \"three\"` on line 16");
  assert.deepEqual(actual, expected, `tsc output:\n${output}`);
  assert.ok(!/error TS/.test(output.replace(/^.*typed-values\.ts\(\d+,\d+\): error TS\d+.*$/gm, "")), `errors outside the fixture:\n${output}`);
});
