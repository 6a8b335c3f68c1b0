// GIVEN hooks written in TypeScript WHEN run THEN they are recorded like chart hooks, and a throw fails with HookFailed.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { codeHookFor, runCodeHook, type CodeHookContext } from "../../src/hooks/code-hooks.js";
import { HookFailed } from "../../src/hooks/errors.js";
import type { HookRunEvent } from "../../src/hooks/events.js";
import type { KubeApi } from "../../src/kube/types.js";

const ctx: CodeHookContext = {
  event: "pre-upgrade",
  release: { name: "web", namespace: "prod", revision: 4 },
  plan: {},
  kube: {} as KubeApi,
  signal: new AbortController().signal,
};

describe("code hooks", () => {
  it("GIVEN a code hook that resolves WHEN run THEN its record is Succeeded with kind Function", async () => {
    let seen: CodeHookContext | undefined;
    const run = await runCodeHook("preUpgrade", async (c) => { seen = c; }, ctx);
    assert.equal(run.phase, "Succeeded");
    assert.equal(run.kind, "Function");
    assert.deepEqual(run.events, ["pre-upgrade"]);
    assert.equal(seen?.release.revision, 4);
  });

  it("GIVEN a code hook that throws WHEN run THEN HookFailed names it, keeps the cause and events report Failed", async () => {
    const events: HookRunEvent[] = [];
    const boom = new Error("migration refused");
    const error = await runCodeHook("preUpgrade", async () => { throw boom; }, ctx, (e) => events.push(e)).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof HookFailed);
    assert.equal(error.code, "HookFailed");
    assert.equal(error.hook, "preUpgrade");
    assert.equal(error.cause, boom);
    assert.equal(error.runs[0]?.phase, "Failed");
    assert.deepEqual(events.map((e) => e.type), ["hook-started", "hook-finished"]);
  });

  it("GIVEN CodeHooks WHEN looked up by event THEN the matching function is found; test has none", () => {
    const preInstall = async () => undefined;
    assert.equal(codeHookFor({ preInstall }, "pre-install"), preInstall);
    assert.equal(codeHookFor({ preInstall }, "post-install"), undefined);
    assert.equal(codeHookFor({ preInstall }, "test"), undefined);
  });
});
