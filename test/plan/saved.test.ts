import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { computePlan } from "../../src/plan/compute.js";
import { checkPlanFresh } from "../../src/plan/fresh.js";
import { plannedHooks } from "../../src/plan/hooks.js";
import { loadPlan, savePlan } from "../../src/plan/saved.js";
import { FakeKube } from "./fake-kube.js";
import { deployInto, SECRET_TOKEN, webHooks, webObjects } from "./scenario.js";

async function aPlan() {
  const kube = new FakeKube();
  const previous = deployInto(kube, webObjects(), 1);
  const plan = await computePlan({ release: "web", namespace: "prod", objects: webObjects({ image: "api:2" }), previous }, kube);
  return { kube, plan };
}

async function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
}

describe("saved plans", () => {
  it("GIVEN a plan saved without a key THEN the file is 0600, says it holds secrets, and loads back equal", async () => {
    const { plan } = await aPlan();
    const path = join(await mkdtemp(join(tmpdir(), "berth-plan-")), "plan.json");
    await savePlan(plan, path);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    const file = JSON.parse(await readFile(path, "utf8"));
    assert.equal(file.containsSecrets, true);
    assert.equal(file.encrypted, false);
    assert.deepEqual(await loadPlan(path), plan);
  });

  it("GIVEN a plan saved with a key THEN the payload is encrypted, loads with the key, and fails typed without it or with another", async () => {
    const { plan } = await aPlan();
    const path = join(await mkdtemp(join(tmpdir(), "berth-plan-")), "plan.json");
    const key = randomBytes(32);
    await savePlan(plan, path, { key });
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    const text = await readFile(path, "utf8");
    assert.ok(!text.includes(SECRET_TOKEN));
    assert.deepEqual(await loadPlan(path, { key }), plan);
    assert.equal(await errorCode(loadPlan(path)), "PlanKeyRequired");
    assert.equal(await errorCode(loadPlan(path, { key: randomBytes(32) })), "PlanDecryptFailed");
    await savePlan(plan, path, { key: "a passphrase" });
    assert.deepEqual(await loadPlan(path, { key: "a passphrase" }), plan);
    const tampered = JSON.parse(await readFile(path, "utf8"));
    tampered.plan.summary.update = 0;
    await writeFile(path, JSON.stringify(tampered));
    assert.equal(await errorCode(loadPlan(path, { key: "a passphrase" })), "PlanDecryptFailed");
  });

  it("GIVEN a plan saved by an earlier berth (no hooksChanged), encrypted THEN it still loads, hooksChanged false and changes as saved", async () => {
    const { plan } = await aPlan();
    const { hooksChanged: _, ...older } = plan;
    const path = join(await mkdtemp(join(tmpdir(), "berth-plan-")), "plan.json");
    await savePlan(older as typeof plan, path, { key: "a passphrase" });
    assert.ok(!("hooksChanged" in JSON.parse(await readFile(path, "utf8")).plan));
    const loaded = await loadPlan(path, { key: "a passphrase" });
    assert.equal(loaded.hooksChanged, false);
    assert.equal(loaded.changes, plan.changes);
    assert.deepEqual(loaded.payload, plan.payload);
  });

  it("GIVEN a plan whose payload's hook objects do not match its hooks WHEN its hooks are read for running THEN SavedPlanIncomplete", async () => {
    const kube = new FakeKube();
    const plan = await computePlan({ release: "web", namespace: "prod", objects: webObjects(), hooks: webHooks() }, kube);
    assert.equal(plannedHooks(plan, "pre").length, 2);
    assert.throws(() => plannedHooks({ ...plan, payload: { ...plan.payload, hooks: plan.payload.hooks.slice(1) } }, "pre"), (e: { code?: string }) => e.code === "SavedPlanIncomplete");
    const swapped = [...plan.payload.hooks].reverse();
    assert.throws(() => plannedHooks({ ...plan, payload: { ...plan.payload, hooks: swapped } }, "pre"), (e: { code?: string }) => e.code === "SavedPlanIncomplete");
  });
});

describe("checkPlanFresh", () => {
  it("GIVEN an unchanged cluster and revision THEN the plan is fresh", async () => {
    const { kube, plan } = await aPlan();
    await checkPlanFresh(plan, kube, 1);
  });

  it("GIVEN an object edited, one created, or the revision moved THEN PlanStale names what moved", async () => {
    const { kube, plan } = await aPlan();
    assert.equal(await errorCode(checkPlanFresh(plan, kube, 2)), "PlanStale");
    kube.edit({ apiVersion: "v1", kind: "ConfigMap", namespace: "prod", name: "settings" }, (o) => ((o["data"] as Record<string, string>)["LOG_LEVEL"] = "debug"));
    const err = await checkPlanFresh(plan, kube, 1).catch((e: unknown) => e as { code: string; moved: { what: string }[] });
    assert.equal(err?.code, "PlanStale");
    assert.deepEqual(err?.moved.map((m) => m.what), ["v1 ConfigMap prod/settings"]);

    const fresh = new FakeKube();
    const install = await computePlan({ release: "web", namespace: "prod", objects: webObjects() }, fresh);
    fresh.seed(webObjects()[3]!.object);
    const err2 = await checkPlanFresh(install, fresh, null).catch((e: unknown) => e as { code: string; moved: { what: string; planned: string | null }[] });
    assert.deepEqual(err2?.moved.map((m) => [m.what, m.planned]), [["apps/v1 Deployment prod/api", null]]);
  });
});

describe("checkPlanFresh and status writes", () => {
  it("GIVEN only an object's status changed (new resourceVersion) THEN the plan is still fresh", async () => {
    const { kube, plan } = await aPlan();
    kube.edit({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "api" }, (o) => (o["status"] = { replicas: 3, readyReplicas: 3 }));
    await checkPlanFresh(plan, kube, 1);
  });
});
