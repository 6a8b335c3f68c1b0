// When the CLI's type check uses the resident checker (useTypecheckServer): on by default, off in CI.
import { it } from "node:test";
import assert from "node:assert/strict";
import { useTypecheckServer } from "../../src/cli/commands/plan.js";

it("GIVEN no setting and no CI THEN the resident checker is used", () => {
  assert.equal(useTypecheckServer({}), true);
  assert.equal(useTypecheckServer({ CI: "false" }), true);
  assert.equal(useTypecheckServer({ CI: "" }), true);
});

it("GIVEN CI set (GitHub Actions, GitLab: CI=true) THEN the check runs in-process and leaves no server behind", () => {
  assert.equal(useTypecheckServer({ CI: "true" }), false);
  assert.equal(useTypecheckServer({ CI: "1" }), false);
});

it("GIVEN BERTH_TYPECHECK_SERVER THEN it decides, in CI too", () => {
  assert.equal(useTypecheckServer({ BERTH_TYPECHECK_SERVER: "0" }), false);
  assert.equal(useTypecheckServer({ BERTH_TYPECHECK_SERVER: "1", CI: "true" }), true);
  assert.equal(useTypecheckServer({ BERTH_TYPECHECK_SERVER: "0", CI: "false" }), false);
});
