import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { withOwnership } from "../../src/model/ownership.js";
import { computePlan, type PlanInput } from "../../src/plan/compute.js";
import { liveDigest } from "../../src/plan/digest.js";
import type { FieldChange } from "../../src/plan/types.js";
import { FakeKube } from "./fake-kube.js";
import { deployInto, webHooks, webObjects } from "./scenario.js";

const base = { release: "web", namespace: "prod" } as const;

function input(extra: Partial<PlanInput> & Pick<PlanInput, "objects">): PlanInput {
  return { ...base, ...extra };
}

describe("computePlan", () => {
  it("GIVEN an empty cluster WHEN a release is planned THEN every object is create and the payload carries ownership metadata", async () => {
    const kube = new FakeKube();
    const plan = await computePlan(input({ objects: webObjects() }), kube);
    assert.deepEqual(plan.actions.map((a) => a.op), ["create", "create", "create", "create"]);
    assert.deepEqual(plan.actions.map((a) => a.ref.kind), ["Secret", "ConfigMap", "Service", "Deployment"]);
    assert.equal(plan.changes, true);
    assert.equal(plan.summary.create, 4);
    assert.ok(plan.actions.every((a) => a.liveResourceVersion === null));
    const payload = plan.payload.objects["apps/v1 Deployment prod/api"];
    assert.equal(payload?.metadata.annotations?.["meta.helm.sh/release-name"], "web");
    assert.equal(kube.objects.size, 0, "a plan writes nothing");
    assert.equal(plan.release.isInstall, true);
    // a create shows the desired object: its dry run asks for the result's metadata only
    assert.deepEqual(kube.calls.filter((c) => c.startsWith("apply")).map((c) => c.split(" ")[0]), ["apply(dry)(metadata)", "apply(dry)(metadata)", "apply(dry)(metadata)", "apply(dry)(metadata)"]);
    const deployment = plan.actions.find((a) => a.ref.kind === "Deployment");
    assert.deepEqual((deployment?.after as { spec?: unknown }).spec, (payload as { spec?: unknown }).spec);
    // what a create shows is computed when first read, and a saved or printed plan reads it
    const configMap = JSON.parse(JSON.stringify(plan.actions.find((a) => a.ref.kind === "ConfigMap"))) as { diff: { path: string }[]; after?: { data?: unknown } };
    assert.ok(configMap.diff.some((d) => d.path.startsWith("data")), JSON.stringify(configMap.diff));
    assert.deepEqual(configMap.after?.data, { GREETING: "hello", LOG_LEVEL: "info" });
  });

  it("GIVEN a deployed release WHEN the same objects are planned THEN every action is noop and changes is false", async () => {
    const kube = new FakeKube();
    const previous = deployInto(kube, webObjects(), 1);
    const plan = await computePlan(input({ objects: webObjects(), previous }), kube);
    assert.ok(plan.actions.every((a) => a.op === "noop"), JSON.stringify(plan.actions.map((a) => [a.id, a.diff])));
    assert.equal(plan.changes, false);
    assert.deepEqual(plan.problems, []);
  });

  it("GIVEN a deployed release WHEN the same objects are planned THEN each noop action's liveDigest is the live object's digest, also in the plan's JSON", async () => {
    const kube = new FakeKube();
    const previous = deployInto(kube, webObjects(), 1);
    const plan = await computePlan(input({ objects: webObjects(), previous }), kube);
    const lives = await Promise.all(plan.actions.map((a) => kube.get(a.ref)));
    assert.deepEqual(plan.actions.map((a) => a.liveDigest), lives.map((l) => liveDigest(l!)));
    const json = JSON.parse(JSON.stringify(plan.actions)) as { liveDigest: string }[];
    assert.deepEqual(json.map((a) => a.liveDigest), lives.map((l) => liveDigest(l!)));
  });

  it("GIVEN a deployed release WHEN only the image changes THEN one update whose diff is only that field (server defaults are not diffs)", async () => {
    const kube = new FakeKube();
    const previous = deployInto(kube, webObjects(), 1);
    const plan = await computePlan(input({ objects: webObjects({ image: "registry.example/api:1.1.0" }), previous }), kube);
    const changed = plan.actions.filter((a) => a.op !== "noop");
    assert.deepEqual(changed.map((a) => [a.op, a.id]), [["update", "apps/v1 Deployment prod/api"]]);
    assert.deepEqual(changed[0]?.diff, [{ path: "spec.template.spec.containers[0].image", before: "registry.example/api:1.0.0", after: "registry.example/api:1.1.0" }]);
    assert.ok(kube.calls.includes("apply(dry) Deployment|prod|api"), "an existing object's dry-run result is compared whole");
    assert.equal(changed[0]?.liveResourceVersion, kube.objects.get("Deployment|prod|api")?.metadata["resourceVersion"]);
    assert.equal(plan.release.revision, 1);
  });

  it("GIVEN an object in the previous revision WHEN it is no longer rendered THEN it is deleted, unless resource-policy keep", async () => {
    const kube = new FakeKube();
    const previous = deployInto(kube, webObjects({ withCache: true }), 3);
    const plan = await computePlan(input({ objects: webObjects(), previous }), kube);
    assert.deepEqual(plan.actions.filter((a) => a.op !== "noop").map((a) => [a.op, a.id]), [["delete", "v1 ConfigMap prod/cache"]]);
    assert.equal(plan.summary.delete, 1);

    const kube2 = new FakeKube();
    const kept = deployInto(kube2, webObjects({ withCache: true, keepCache: true }), 3);
    const plan2 = await computePlan(input({ objects: webObjects(), previous: kept }), kube2);
    assert.deepEqual(plan2.actions.filter((a) => a.op !== "noop").map((a) => [a.op, a.id]), [["keep", "v1 ConfigMap prod/cache"]]);
    assert.equal(plan2.changes, false);
  });

  it("GIVEN a selector change WHEN planned THEN replace naming spec.selector, blocking unless replaceImmutable", async () => {
    const kube = new FakeKube();
    const previous = deployInto(kube, webObjects(), 1);
    const objects = webObjects({ selector: "api-v2" });
    const blocked = await computePlan(input({ objects, previous }), kube);
    const deployment = blocked.actions.find((a) => a.ref.kind === "Deployment");
    assert.equal(deployment?.op, "replace");
    assert.deepEqual(deployment?.immutableFields, ["spec.selector"]);
    assert.deepEqual(blocked.problems.map((p) => [p.code, p.object]), [["ImmutableField", "apps/v1 Deployment prod/api"]]);
    const allowed = await computePlan(input({ objects, previous }), kube, { replaceImmutable: true });
    assert.equal(allowed.actions.find((a) => a.ref.kind === "Deployment")?.op, "replace");
    assert.deepEqual(allowed.problems, []);
    assert.equal(allowed.summary.replace, 1);
  });

  it("GIVEN a field edited by hand WHEN planned THEN the action reports drift against the previous revision", async () => {
    const kube = new FakeKube();
    const previous = deployInto(kube, webObjects(), 4);
    kube.edit({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "api" }, (o) => ((o["spec"] as { replicas: number }).replicas = 7));
    const plan = await computePlan(input({ objects: webObjects(), previous }), kube);
    const deployment = plan.actions.find((a) => a.ref.kind === "Deployment");
    assert.equal(deployment?.drift?.revision, 4);
    assert.deepEqual(deployment?.drift?.fields, [{ path: "spec.replicas", before: 2, after: 7 }]);
    assert.equal(deployment?.op, "update");
    assert.deepEqual(deployment?.diff, [{ path: "spec.replicas", before: 7, after: 2 }]);
    assert.ok(plan.actions.filter((a) => a !== deployment).every((a) => a.drift === undefined));
  });

  it("GIVEN a live object owned by no release or another one WHEN planned THEN OwnershipConflict blocks, unless adopt", async () => {
    const kube = new FakeKube();
    kube.seed(webObjects()[0]!.object);
    const other = webObjects()[2]!.object;
    kube.seed({ ...other, metadata: { ...other.metadata, annotations: { "meta.helm.sh/release-name": "shop", "meta.helm.sh/release-namespace": "prod" } } });
    const plan = await computePlan(input({ objects: webObjects() }), kube);
    assert.deepEqual(plan.problems.map((p) => [p.code, p.object, p.owner?.release]), [
      ["OwnershipConflict", "v1 ConfigMap prod/settings", undefined],
      ["OwnershipConflict", "v1 Service prod/api", "shop"],
    ]);
    const adopted = await computePlan(input({ objects: webObjects() }), kube, { adopt: true });
    assert.deepEqual(adopted.problems, []);
    assert.equal(adopted.actions.find((a) => a.id === "v1 ConfigMap prod/settings")?.adopted, true);
    const ruled = await computePlan(input({ objects: webObjects(), ownership: [{ kind: "Service", policy: "adopt" }] }), kube);
    assert.deepEqual(ruled.problems.map((p) => p.object), ["v1 ConfigMap prod/settings"]);
  });

  it("GIVEN a locked release WHEN planned THEN a ReleaseLocked problem blocks", async () => {
    const plan = await computePlan(input({ objects: webObjects(), lock: { holder: "ci-42", since: "2024-05-01T10:00:00Z" } }), new FakeKube());
    assert.deepEqual(plan.problems.map((p) => p.code), ["ReleaseLocked"]);
  });

  it("GIVEN hooks WHEN an install and an upgrade are planned THEN the event's hooks are listed pre then post, by weight", async () => {
    const kube = new FakeKube();
    const install = await computePlan(input({ objects: webObjects(), hooks: webHooks() }), kube);
    assert.deepEqual(install.hooks.map((h) => [h.event, h.weight, h.ref.name]), [["pre-install", -1, "seed"], ["pre-install", 5, "migrate"], ["post-install", 0, "smoke"]]);
    assert.equal(install.payload.hooks.length, 3);
    const previous = deployInto(kube, webObjects(), 1);
    const upgrade = await computePlan(input({ objects: webObjects(), hooks: webHooks(), previous }), kube);
    assert.deepEqual(upgrade.hooks.map((h) => [h.event, h.ref.name]), [["pre-upgrade", "migrate"], ["post-upgrade", "smoke"]]);
    assert.equal(upgrade.changes, true, "hooks that run are a change");
  });

  it("GIVEN the same inputs in another order WHEN planned twice THEN the plans are identical", async () => {
    const kube = new FakeKube();
    const previous = deployInto(kube, webObjects({ withCache: true }), 2);
    const a = await computePlan(input({ objects: webObjects({ image: "x:2" }), previous }), kube);
    const b = await computePlan(input({ objects: [...webObjects({ image: "x:2" })].reverse(), previous: { ...previous, objects: [...previous.objects].reverse() } }), kube);
    assert.equal(JSON.stringify(a), JSON.stringify(b));
  });

  it("GIVEN many objects of one kind WHEN planned THEN they are read with one LIST and each absent one dry-run once; a few are read with GETs", async () => {
    const kube = new FakeKube();
    const objects = Array.from({ length: 40 }, (_, i) => ({ object: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `c${i}`, namespace: "prod" } }, source: "x" }));
    kube.seed(withOwnership(objects[3]!.object, "web", "prod"));
    const plan = await computePlan(input({ objects }), kube, { concurrency: 3 });
    assert.equal(plan.actions.length, 40);
    assert.deepEqual(plan.actions.map((a) => a.op).filter((op) => op !== "create"), ["noop"]);
    assert.equal(kube.calls.filter((c) => c.startsWith("list")).length, 1);
    // the live one may have been dry-run as absent before the LIST returned, then again in full
    const dryRuns = kube.calls.filter((c) => c.startsWith("apply(dry)")).map((c) => c.split(" ")[1]);
    assert.equal(new Set(dryRuns).size, 40);
    assert.equal(dryRuns.filter((d) => d !== "ConfigMap|prod|c3").length, 39);
    assert.ok(dryRuns.filter((d) => d === "ConfigMap|prod|c3").length <= 2);
    assert.ok(kube.calls.includes("apply(dry) ConfigMap|prod|c3"), "the live object's dry run is compared whole");
    assert.equal(kube.calls.filter((c) => c.startsWith("get")).length, 0);
    kube.calls.length = 0;
    await computePlan(input({ objects }), kube, { listThreshold: 100 });
    assert.equal(kube.calls.filter((c) => c.startsWith("get")).length, 40);
    const firstChange = plan.actions[0]?.diff[0] as FieldChange;
    assert.equal(firstChange.path, "apiVersion");
  });
});
