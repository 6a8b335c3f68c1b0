// Sprig functions called directly as GoFuncs (no template engine): signatures, Go value types,
// mergo aliasing, regex compile errors and caching.
import assert from "node:assert/strict";
import { test } from "node:test";
import { signatureOf } from "../../../src/gotemplate/value.js";
import { SemverVersion, SprigError, sprigFunctions } from "../../../src/gotemplate/sprig/index.js";

const f = sprigFunctions();
const call = (name: string, ...args: unknown[]): unknown => f[name]!(...args);

test("GIVEN sprigFunctions WHEN listed THEN it has Sprig's map without env and expandenv, every function signed", () => {
  assert.equal(f["env"], undefined);
  assert.equal(f["expandenv"], undefined);
  assert.ok(Object.keys(f).length >= 209);
  for (const [name, fn] of Object.entries(f)) assert.ok(signatureOf(fn), `${name} has no Go signature`);
  assert.deepEqual(signatureOf(f["trunc"]!), { params: ["int", "string"] });
  assert.deepEqual(signatureOf(f["default"]!), { params: ["any"], variadic: "any" });
});

test("GIVEN two calls WHEN sprigFunctions is called twice THEN each caller gets its own map", () => {
  const a = sprigFunctions();
  a["upper"] = () => "patched";
  assert.equal(sprigFunctions()["upper"]!("x"), "X");
});

test("GIVEN int64 arithmetic WHEN add/sub/mul/div are called THEN results are bigint and wrap like Go", () => {
  assert.equal(call("add", 1n, 2.7, "3"), 6n);
  assert.equal(call("mul", 9223372036854775807n, 2n), -2n);
  assert.equal(call("div", -7n, 2n), -3n);
  assert.equal(call("addf", 1.1, 2.2), 3.3);
  assert.equal(call("add1", 1n), 2n);
});

test("GIVEN a division by zero WHEN div is called THEN it fails like Go's runtime panic", () => {
  assert.throws(() => call("div", 1n, 0n), (e: unknown) => e instanceof SprigError && e.code === "SprigFuncFailed" && /integer divide by zero/.test(e.message));
});

test("GIVEN merge WHEN a src map fills a missing key THEN dst holds src's own map (Go's mergo aliasing)", () => {
  const inner = { y: 1 };
  const dst: Record<string, unknown> = { a: 1 };
  const out = call("merge", dst, { a: 2, x: inner }) as Record<string, unknown>;
  assert.equal(out, dst);
  assert.equal(dst["a"], 1);
  assert.equal(dst["x"], inner);
});

test("GIVEN mergeOverwrite WHEN nested maps and lists meet THEN maps merge deeply and lists are replaced", () => {
  const dst = { m: { a: 1, b: 2 }, l: [1, 2] };
  call("mergeOverwrite", dst, { m: { b: 3, c: 4 }, l: [9] });
  assert.deepEqual(dst, { m: { a: 1, b: 3, c: 4 }, l: [9] });
});

test("GIVEN an invalid Go regexp WHEN mustRegexFind and regexFind are called THEN both fail with SprigRegexInvalid", () => {
  for (const name of ["mustRegexFind", "regexFind"]) {
    assert.throws(() => call(name, "(?=x)", "x"), (e: unknown) => e instanceof SprigError && e.code === "SprigRegexInvalid");
  }
  assert.equal(call("regexMatch", "(", "x"), false);
});

test("GIVEN a Go-only regexp syntax WHEN used THEN it behaves as in Go (named groups, \\z, (?i) in the middle)", () => {
  assert.equal(call("regexReplaceAll", "(?P<first>\\w+) (?P<last>\\w+)", "Ada Lovelace", "${last}, $first"), "Lovelace, Ada");
  assert.equal(call("regexFind", "b\\z", "ab\n"), "");
  assert.equal(call("regexFind", "a(?i)B", "aB ab"), "aB");
});

test("GIVEN semver WHEN called THEN it returns a *semver.Version struct with Go's methods", () => {
  const v = call("semver", "v1.22.3-rc.1+build") as SemverVersion;
  assert.ok(v instanceof SemverVersion);
  assert.equal(v.goTypeName(), "*semver.Version");
  assert.equal(v.Major(), 1n);
  assert.equal(v.Minor(), 22n);
  assert.equal(v.Prerelease(), "rc.1");
  assert.equal(v.String(), "1.22.3-rc.1+build");
  assert.equal(call("semverCompare", ">=1.21-0", "v1.22.3-rc.1+build"), true);
  assert.equal(call("semverCompare", ">=1.21", "v1.22.3-rc.1+build"), false);
});

test("GIVEN list functions WHEN given a non-list THEN they fail with Sprig's message; nil panics as in Go", () => {
  assert.throws(() => call("first", "abc"), (e: unknown) => e instanceof SprigError && e.message === "Cannot find first on type string");
  assert.throws(() => call("mustLast", { a: 1 }), (e: unknown) => e instanceof SprigError && e.message === "Cannot find last on type map");
  assert.throws(() => call("rest", null), (e: unknown) => e instanceof SprigError && /nil pointer dereference/.test(e.message));
});

test("GIVEN typeOf WHEN values from Sprig's typed results are passed THEN it names Go's types", () => {
  assert.equal(call("typeOf", call("splitList", ",", "a,b")), "[]string");
  assert.equal(call("typeOf", call("split", ",", "a,b")), "map[string]string");
  assert.equal(call("typeOf", call("until", 3n)), "[]int");
  assert.equal(call("typeOf", call("list")), "[]interface {}");
  assert.equal(call("typeOf", call("now")), "time.Time");
  assert.equal(call("typeOf", null), "<nil>");
});
