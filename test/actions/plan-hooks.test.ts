// GIVEN a real control plane WHEN a plan is applied — by deploy, or saved and applied later — THEN the
// hooks that run are exactly the plan's (its hooks and their objects, in its order), and a change to the
// recorded hooks alone (a test hook) is a change that writes a revision on both paths.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadPlans, savePlans, type Cluster, type Plan } from "../../src/index.js";
import { useClusterFixture } from "../helpers/cluster-fixture.js";
import { appChart, type HookSpec } from "./fixtures/app-chart.js";

let ns: string;
let cluster: Cluster;
let dir: string;
useClusterFixture("planhooks", (f) => ({ ns, cluster, dir } = f), { tempDir: true });

const pod = (name: string) => cluster.config.kube.get({ apiVersion: "v1", kind: "Pod", namespace: ns, name });
const recordedHooks = async (release: string) => (await cluster.get(release)).hooks.map((h) => `${h.object.metadata.name}:${h.weight}`).sort();

/** A plan saved to a file and read back, as `berth plan --save-plan` + `berth deploy --plan` do. */
async function throughFile(plan: Plan, name: string): Promise<Plan> {
  const file = join(dir, `${name}.plan.json`);
  await savePlans([plan], file);
  const [loaded] = await loadPlans(file);
  return loaded!;
}

describe("a plan's hooks", () => {
  it("GIVEN a deployed release WHEN only its test hook changes THEN the plan has hooksChanged, and applying the saved plan and deploying each write a revision and no object", async () => {
    const test = (weight: number): HookSpec[] => [{ name: "t1", events: "test", kind: "Pod", weight }];
    assert.equal((await cluster.deploy(appChart, { release: "only", values: { hooks: test(0) } })).revision, 1);

    const plan = await throughFile(await cluster.plan(appChart, { release: "only", values: { hooks: test(3) } }), "only");
    assert.equal(plan.hooksChanged, true);
    assert.equal(plan.changes, true);
    assert.deepEqual(plan.hooks, [], "a test hook does not run on upgrade");
    assert.deepEqual(plan.actions.map((a) => a.op), ["noop", "noop"]);
    const applied = await cluster.applyPlan(plan);
    assert.deepEqual([applied.status, applied.revision, applied.applied, applied.hooks], ["deployed", 2, [], []]);
    assert.deepEqual(await recordedHooks("only"), ["t1:3"]);

    const deployed = await cluster.deploy(appChart, { release: "only", values: { hooks: test(4) } });
    assert.equal(deployed.plan.hooksChanged, true);
    assert.deepEqual([deployed.status, deployed.revision, deployed.applied], ["deployed", 3, []]);
    assert.deepEqual(await recordedHooks("only"), ["t1:4"]);

    const again = await cluster.deploy(appChart, { release: "only", values: { hooks: test(4) } });
    assert.deepEqual([again.status, again.plan.hooksChanged, again.plan.changes], ["unchanged", false, false]);
    assert.deepEqual((await cluster.history("only")).map((h) => h.revision), [1, 2, 3]);
  });

  it("GIVEN a saved upgrade plan WHEN applied THEN exactly the plan's hooks run in its order (weight, name, kind) — not the hooks of its release draft", async () => {
    const hooks: HookSpec[] = [
      { name: "pre-b", events: "pre-upgrade", kind: "Pod" },
      { name: "pre-a", events: "pre-upgrade", kind: "Pod" },
      { name: "pre-first", events: "pre-upgrade", kind: "Pod", weight: -1 },
      { name: "post-x", events: "post-upgrade", kind: "Pod" },
    ];
    await cluster.deploy(appChart, { release: "saved", values: { hooks } });
    const plan = await throughFile(await cluster.plan(appChart, { release: "saved", values: { hooks, image: "nginx:1.27" } }), "saved");
    assert.deepEqual(plan.hooks.map((h) => `${h.event} ${h.ref.name}`), ["pre-upgrade pre-first", "pre-upgrade pre-a", "pre-upgrade pre-b", "post-upgrade post-x"]);
    assert.equal(plan.hooksChanged, false);

    // The draft is what the revision records; what runs is the plan. A draft naming another hook runs nothing of it.
    const draft = plan.payload.release!;
    const stray = { ...draft.hooks[0]!, object: { ...draft.hooks[0]!.object, metadata: { ...draft.hooks[0]!.object.metadata, name: "draft-only" } } };
    const tampered: Plan = { ...plan, payload: { ...plan.payload, release: { ...draft, hooks: [stray, ...draft.hooks] } } };
    const started: string[] = [];
    const result = await cluster.applyPlan(tampered, {
      onEvent: (e) => { if (e.type === "hook-started") started.push(`${e.event} ${e.hook}`); },
      hooks: { preUpgrade: async () => { started.push("pre-upgrade code"); } },
    });
    assert.equal(result.status, "deployed");
    assert.deepEqual(started, ["pre-upgrade pre-first", "pre-upgrade pre-a", "pre-upgrade pre-b", "pre-upgrade pre-upgrade", "pre-upgrade code", "post-upgrade post-x"]);
    assert.deepEqual(result.hooks.map((h) => `${h.name} ${h.phase}`), ["pre-first Succeeded", "pre-a Succeeded", "pre-b Succeeded", "pre-upgrade Succeeded", "post-x Succeeded"]);
    assert.equal(await pod("draft-only"), undefined, "a hook only the draft names never runs");
    const record = await cluster.get("saved");
    assert.equal(record.hooks.find((h) => h.object.metadata.name === "pre-a")?.lastRun?.phase, "Succeeded");
  });

  it("GIVEN deploy WHEN it upgrades THEN the hooks it runs are its plan's, in the plan's order", async () => {
    const hooks: HookSpec[] = [
      { name: "z-pre", events: "pre-upgrade", kind: "Pod" },
      { name: "a-pre", events: "pre-upgrade", kind: "Job", weight: 2 },
      { name: "m-post", events: "post-upgrade", kind: "Pod" },
    ];
    await cluster.deploy(appChart, { release: "direct", values: { hooks } });
    const result = await cluster.deploy(appChart, { release: "direct", values: { hooks, data: "b" } });
    assert.equal(result.status, "deployed");
    assert.deepEqual(result.plan.hooks.map((h) => h.ref.name), ["z-pre", "a-pre", "m-post"]);
    assert.deepEqual(result.hooks.map((h) => h.name), result.plan.hooks.map((h) => h.ref.name));
  });

  it("GIVEN a rollback WHEN planned and performed THEN its plan lists the target's pre/post-rollback hooks and exactly those run", async () => {
    const hooks: HookSpec[] = [
      { name: "rb-pre", events: "pre-rollback", kind: "Pod" },
      { name: "rb-post", events: "post-rollback", kind: "Pod" },
      { name: "up-pre", events: "pre-upgrade", kind: "Pod" },
    ];
    await cluster.deploy(appChart, { release: "back", values: { hooks } });
    await cluster.deploy(appChart, { release: "back", values: { hooks, data: "b" } });
    const dry = await cluster.rollback("back", { revision: 1, dryRun: true });
    assert.deepEqual(dry.plan.hooks.map((h) => `${h.event} ${h.ref.name}`), ["pre-rollback rb-pre", "post-rollback rb-post"]);
    const done = await cluster.rollback("back", { revision: 1 });
    assert.deepEqual([done.status, done.revision], ["deployed", 3]);
    assert.deepEqual(done.hooks.map((h) => `${h.name} ${h.phase}`), ["rb-pre Succeeded", "rb-post Succeeded"]);
  });
});
