import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { BerthError } from "../../src/errors.js";
import { parseSet } from "../../src/values/set-syntax.js";

describe("--set syntax", () => {
  const cases: [string, unknown][] = [
    ["a=b", { a: "b" }],
    ["a.b.c=x,d=y", { a: { b: { c: "x" } }, d: "y" }],
    ["list[0]=a,list[2]=c", { list: ["a", null, "c"] }],
    ["servers[0].port=80,servers[0].host=a", { servers: [{ port: 80, host: "a" }] }],
    ["m[0][1]=x", { m: [[null, "x"]] }],
    ["l={a,b,3}", { l: ["a", "b", 3] }],
    ["l={}", { l: [] }],
    ["a\\.b=c", { "a.b": "c" }],
    ["a=b\\,c", { a: "b,c" }],
    ["i=42,neg=-3,z=007,f=1.5,big=99999999999999999999", { i: 42, neg: -3, z: "007", f: "1.5", big: "99999999999999999999" }],
    ["t=true,f=false,n=null", { t: true, f: false, n: null }],
    ["e=", { e: "" }],
    ["a=b=c", { a: "b=c" }],
  ];
  for (const [expression, expected] of cases) {
    it(`GIVEN --set ${expression} WHEN parsed THEN ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(parseSet(expression), expected);
    });
  }

  it("GIVEN several --set WHEN parsed into one overlay THEN later ones win", () => {
    const into = parseSet("a.b=1,a.c=2");
    parseSet("a.b=3", into);
    assert.deepEqual(into, { a: { b: 3, c: 2 } });
  });

  for (const bad of ["novalue", "=x", "a.=1", "a[x]=1", "l={1,2", "a[-1]=2", "[0]=1"]) {
    it(`GIVEN malformed --set ${bad} WHEN parsed THEN ValuesInvalid`, () => {
      assert.throws(() => parseSet(bad), (e: unknown) => e instanceof BerthError && e.code === "ValuesInvalid");
    });
  }
});
