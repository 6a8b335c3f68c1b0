// GIVEN every error class in src/ WHEN their codes are read THEN each concrete class's code is its
// own name, codes are unique, BerthErrorCode lists exactly them, and the public API exports each
// one a user can catch.
import { it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import * as api from "../../src/index.js";
import { BerthError, type BerthErrorCode } from "../../src/errors.js";

const src = join(import.meta.dirname, "..", "..", "src");

/** The string literals of the `BerthErrorCode` union, read from its declaration in src/errors.ts. */
function unionCodes(): BerthErrorCode[] {
  const text = readFileSync(join(src, "errors.ts"), "utf8");
  const union = /^export type BerthErrorCode =([^;]*);/m.exec(text)?.[1];
  assert.ok(union, "export type BerthErrorCode = ...; not found in src/errors.ts");
  return [...union.matchAll(/"(\w+)"/g)].map((m) => m[1] as BerthErrorCode);
}
const berthErrorCodes = unionCodes();

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

interface ErrorClass { name: string; base: string; abstract: boolean; code: string | undefined; file: string }

/** Every `class X extends Y` in src/, with the literal code its constructor passes to super(), if any. */
function declaredClasses(): ErrorClass[] {
  const found: ErrorClass[] = [];
  for (const file of files(src)) {
    const text = readFileSync(file, "utf8");
    const starts = [...text.matchAll(/^export (abstract )?class (\w+) extends (\w+)/gm)];
    starts.forEach((m, i) => {
      const body = text.slice(m.index, starts[i + 1]?.index ?? text.length);
      const code = /\bsuper\(\s*"(\w+)"/.exec(body)?.[1];
      found.push({ name: m[2]!, base: m[3]!, abstract: Boolean(m[1]), code, file: relative(src, file) });
    });
  }
  return found;
}

function berthErrorClasses(): ErrorClass[] {
  const all = declaredClasses();
  const names = new Set(["BerthError"]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of all) if (!names.has(c.name) && names.has(c.base)) (names.add(c.name), (grew = true));
  }
  return all.filter((c) => names.has(c.name) && c.name !== "BerthError");
}

it("GIVEN every concrete BerthError subclass WHEN its super() code is read THEN it equals the class name", () => {
  const concrete = berthErrorClasses().filter((c) => !c.abstract);
  assert.ok(concrete.length >= 60, `only ${concrete.length} error classes found: the scan is broken`);
  const wrong = concrete.filter((c) => c.code !== c.name).map((c) => `${c.file}: class ${c.name} has code ${c.code ?? "(none)"}`);
  assert.deepEqual(wrong, []);
});

it("GIVEN the error classes WHEN names are compared THEN no two classes share a name (so codes are unique)", () => {
  const names = berthErrorClasses().map((c) => c.name);
  assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
  assert.equal(new Set(berthErrorCodes).size, berthErrorCodes.length);
});

it("GIVEN BerthErrorCode WHEN compared with the concrete classes THEN it lists exactly their codes", () => {
  const concrete = berthErrorClasses().filter((c) => !c.abstract).map((c) => c.name).sort();
  assert.deepEqual([...berthErrorCodes].sort(), concrete);
});

it("GIVEN the public API WHEN its exports are read THEN every error class but the CLI's UsageError is exported, and no non-berth error class", () => {
  const exported = Object.entries(api).filter(([, v]) => typeof v === "function" && (v === BerthError || v.prototype instanceof BerthError)).map(([k]) => k);
  const missing = berthErrorCodes.filter((code) => code !== "UsageError" && !exported.includes(code));
  assert.deepEqual(missing, []);
  const abstract = new Set(berthErrorClasses().filter((c) => c.abstract).map((c) => c.name));
  const unknown = exported.filter((n) => n !== "BerthError" && !abstract.has(n) && !(berthErrorCodes as readonly string[]).includes(n));
  assert.deepEqual(unknown, []);
});

it("GIVEN a concrete error WHEN constructed THEN its code and name are its class name", () => {
  const e = new api.ReleaseNotFound("web", 3);
  assert.equal(e.code, "ReleaseNotFound");
  assert.equal(e.name, "ReleaseNotFound");
  const t = new api.TemplateParseError("template: x:1: unexpected");
  assert.ok(t instanceof api.TemplateError && t instanceof BerthError);
  assert.equal(t.code, "TemplateParseError");
});
