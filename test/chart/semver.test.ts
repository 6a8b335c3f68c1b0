// GIVEN Masterminds/semver v3 ranges as Helm reads them WHEN versions are checked and picked THEN
// the answers are Masterminds' (caret/tilde/x-ranges/hyphen ranges/||, pre-releases excluded unless asked).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { compareVersions, parseConstraint, parseVersion, pickVersion } from "../../src/chart/semver/index.js";

const table: Array<[string, string, boolean]> = [
  ["^1.2.3", "1.2.3", true], ["^1.2.3", "1.9.0", true], ["^1.2.3", "2.0.0", false], ["^1.2.3", "1.2.2", false],
  ["^0.2.3", "0.2.5", true], ["^0.2.3", "0.3.0", false], ["^0.0.3", "0.0.3", true], ["^0.0.3", "0.0.4", false],
  ["^1", "1.99.0", true], ["^1", "2.0.0", false], ["^0", "0.9.0", true], ["^0.x", "0.9.0", true],
  ["~1.2.3", "1.2.9", true], ["~1.2.3", "1.3.0", false], ["~1", "1.9.9", true], ["~1", "2.0.0", false], ["~1.2", "1.2.7", true], ["~1.2", "1.3.0", false],
  ["1.2.x", "1.2.7", true], ["1.2.x", "1.3.0", false], ["1.x", "1.8.0", true], ["*", "4.5.6", true], ["x", "0.0.1", true],
  ["1.2.3", "1.2.3", true], ["=1.2.3", "1.2.4", false], ["v1.2.3", "1.2.3", true], ["1.2.3", "1.2.3+build.5", true],
  [">=1.0 <2.0", "1.5.0", true], [">=1.0 <2.0", "2.0.0", false], [">=1.0, <2.0", "0.9.0", false], ["=>1.0", "1.0.0", true], ["=<1.0", "1.0.0", true],
  [">1.2", "1.2.1", false], [">1.2", "1.3.0", true], [">1.2.0", "1.2.1", true], [">1.x", "1.9.0", false], [">1.x", "2.0.0", true], ["<=1.2", "1.2.9", true], ["<=1.2", "1.3.0", false],
  ["1.0 - 1.4.5", "1.4.5", true], ["1.0 - 1.4.5", "1.4.6", false], ["1.0 - 1.4.5", "0.9.9", false],
  ["<1.0 || >=3", "0.5.0", true], ["<1.0 || >=3", "2.0.0", false], ["<1.0 || >=3", "3.1.0", true],
  ["!=1.2.3", "1.2.4", true], ["!=1.2.3", "1.2.3", false], ["!=1.2.x", "1.2.9", false], ["!=1.2.x", "1.3.0", true],
  // pre-releases only match ranges that mention one
  ["^1.2.0", "1.3.0-beta.1", false], ["*", "1.0.0-rc1", false], [">=1.2.0-0", "1.3.0-beta.1", true], ["^1.2.0-alpha", "1.2.0-beta", true], ["~1.2.0-0", "1.2.5-rc.1", true],
];

describe("semver constraints", () => {
  for (const [range, version, expected] of table) {
    it(`GIVEN ${range} WHEN ${version} is checked THEN ${expected ? "it satisfies" : "it does not"}`, () => {
      const c = parseConstraint(range);
      assert.ok(c, `range ${range} parses`);
      assert.equal(c.check(version), expected);
    });
  }

  it("GIVEN text that is no range WHEN parsed THEN it is refused", () => {
    for (const bad of ["", "abc", ">>1", "1.2.3.4", "^", "latest"]) assert.equal(parseConstraint(bad), undefined, bad);
  });

  it("GIVEN versions WHEN compared THEN SemVer precedence holds, pre-releases below the release", () => {
    const order = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.10.0", "2.0.0"];
    const parsed = order.map((v) => parseVersion(v)!);
    for (let i = 1; i < parsed.length; i++) assert.ok(compareVersions(parsed[i - 1]!, parsed[i]!) < 0, `${order[i - 1]} < ${order[i]}`);
    assert.equal(parseVersion("1.2")?.patch, 0);
    assert.equal(parseVersion("01.2.3-01"), undefined);
  });

  it("GIVEN a list of versions WHEN a range picks one THEN it is the newest satisfying, the original text kept", () => {
    const versions = ["1.0.0", "v1.2.0", "2.0.0", "1.3.0-rc1", "1.1.9"];
    assert.equal(pickVersion(versions, "^1"), "v1.2.0");
    assert.equal(pickVersion(versions, undefined), "2.0.0");
    assert.equal(pickVersion(versions, ">=1.3.0-0 <2"), "1.3.0-rc1");
    assert.equal(pickVersion(versions, "^3"), undefined);
  });
});
