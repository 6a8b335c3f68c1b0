// Type-checking a deploy script before it runs: a wrong value type for a typed chart is a ScriptTypeError.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { typecheckScript } from "../../src/runner/typecheck.js";
import { ScriptNotFound, ScriptTypeError } from "../../src/runner/errors.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));
const wrong = fixture("typed-wrong-value.ts");
const right = fixture("typed-right-value.ts");
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "berth-typecheck-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function typeError(path: string, cwd = root): Promise<ScriptTypeError> {
  const error = await typecheckScript(path, { cwd }).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof ScriptTypeError, `expected ScriptTypeError, got ${String(error)}`);
  assert.equal(error.code, "ScriptTypeError");
  return error;
}

describe("typecheckScript", () => {
  it("GIVEN a string for a typed chart's number value WHEN checked THEN ScriptTypeError names the file, line and TS2322", async () => {
    const error = await typeError(wrong);
    assert.equal(error.script, wrong);
    assert.equal(error.diagnostics.length, 1);
    const [d] = error.diagnostics;
    assert.deepEqual([d!.file, d!.line, d!.code, d!.category], [wrong, 7, 2322, "error"]);
    assert.match(d!.message, /Type 'string' is not assignable to type 'number'/);
    assert.match(error.message, /^deploy script test\/runner\/fixtures\/typed-wrong-value\.ts has 1 type error:\n/);
    assert.match(error.message, /\ntest\/runner\/fixtures\/typed-wrong-value\.ts:7:\d+: TS2322 /);
  });

  it("GIVEN the same script with a number WHEN checked THEN there is no error, with the repo's tsconfig", async () => {
    const result = await typecheckScript(right, { cwd: root });
    assert.equal(result.script, right);
    assert.equal(result.tsconfig, join(root, "tsconfig.json"));
    assert.deepEqual(result.diagnostics, []);
    assert.ok(result.files > 1);
  });

  for (const example of ["examples/quickstart/deploy.ts", "examples/stack/deploy.ts"]) {
    it(`GIVEN ${example} WHEN checked THEN it type-checks clean`, async () => {
      const started = Date.now();
      const result = await typecheckScript(example, { cwd: root });
      assert.deepEqual(result.diagnostics, []);
      assert.ok(Date.now() - started < 60_000, "a small program checks in seconds");
    });
  }

  it("GIVEN a script without a tsconfig.json above it WHEN checked THEN strict defaults apply and errors are relative to cwd", async () => {
    const script = join(dir, "loose.mts");
    await writeFile(script, "const n: number = 1;\nexport function f(x) { return x; }\nconst s: string = n;\nexport { s };\n");
    const error = await typeError(script, dir);
    assert.deepEqual(error.diagnostics.map((d) => [d.line, d.code]), [[2, 7006], [3, 2322]]);
    assert.match(error.message, /^deploy script loose\.mts has 2 type errors:\nloose\.mts:2:19: TS7006 /);
    const fine = join(dir, "fine.mts");
    await writeFile(fine, "const url: string = import.meta.url;\nawait Promise.resolve(url);\nexport {};\n");
    const result = await typecheckScript(fine, { cwd: dir });
    assert.equal(result.tsconfig, undefined);
    assert.deepEqual(result.diagnostics, []);
  });

  it("GIVEN @types/node next to a script without tsconfig WHEN checked from another cwd THEN Node's globals type-check and the DOM is absent", async () => {
    const project = join(dir, "node-project");
    await mkdir(join(project, "node_modules", "@types"), { recursive: true });
    await symlink(join(root, "node_modules", "@types", "node"), join(project, "node_modules", "@types", "node"));
    const script = join(project, "deploy.mts");
    await writeFile(script, [
      'import { readFileSync } from "node:fs";',
      'const ns: string = process.env["NS"] ?? "default";',
      "const url = new URL(import.meta.url);",
      "const signal: AbortSignal = AbortSignal.timeout(1000);",
      "const clone = structuredClone({ ns, at: url.pathname, text: readFileSync.name });",
      "setTimeout(() => console.log(clone, Buffer.from(ns).length, signal.aborted), 0);",
      'export const last = [3, 1, 2].toSorted().findLast((n) => n > 1);',
      "export const get = (u: string) => fetch(u).then((r) => r.json());",
      "",
    ].join("\n"));
    const result = await typecheckScript(script, { cwd: root });
    assert.equal(result.tsconfig, undefined);
    assert.ok(result.files > 50, "@types/node is in the program");
    await writeFile(script, 'export const title: string = document.title;\n');
    const error = await typeError(script, project);
    assert.deepEqual(error.diagnostics.map((d) => [d.line, d.column, d.code]), [[1, 30, 2584]]);
  });

  it("GIVEN more than 20 errors WHEN checked THEN the message lists 20 and counts the rest; diagnostics hold all", async () => {
    const script = join(dir, "many.mts");
    await writeFile(script, `${Array.from({ length: 25 }, (_, i) => `export const v${i}: number = "x";`).join("\n")}\n`);
    const error = await typeError(script, dir);
    assert.equal(error.diagnostics.length, 25);
    const listed = error.message.split("\n").filter((l) => l.startsWith("many.mts:"));
    assert.equal(listed.length, 20);
    assert.match(error.message, /\n… and 5 more$/);
    assert.equal(relative(dir, error.script), "many.mts");
  });

  it("GIVEN a missing script WHEN checked THEN ScriptNotFound", async () => {
    await assert.rejects(typecheckScript(join(dir, "none.ts")), ScriptNotFound);
  });

  it("GIVEN an aborted signal WHEN checked THEN it rejects with the signal's reason", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await assert.rejects(typecheckScript(right, { signal: controller.signal }), /stop/);
  });
});
