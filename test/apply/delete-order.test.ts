// GIVEN objects of many kinds WHEN deleted (uninstall, or prune while applying a plan) THEN one order:
// the reverse of install order — kinds installed last go first, unknown kinds before all known ones,
// within a kind namespace then name descending — and prune follows it.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { compareForDeletion, deletionGroups, deletionOrder } from "../../src/apply/delete-order.js";
import { executePlan } from "../../src/apply/execute.js";
import type { KubeApi } from "../../src/kube/types.js";
import { compareKinds } from "../../src/model/kinds.js";
import type { ObjectRef } from "../../src/model/ref.js";
import type { Plan, PlanAction } from "../../src/plan/types.js";

const ref = (kind: string, name: string, namespace?: string): ObjectRef => ({ apiVersion: "v1", kind, name, ...(namespace ? { namespace } : {}) });
const label = (r: ObjectRef) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}`;

const mixed = [
  ref("Namespace", "team"),
  ref("ConfigMap", "a", "team"),
  ref("Deployment", "web", "team"),
  ref("Widget", "w1", "team"),
  ref("ConfigMap", "b", "team"),
  ref("PriorityClass", "high"),
  ref("Service", "web", "team"),
  ref("ConfigMap", "a", "other"),
  ref("ValidatingWebhookConfiguration", "guard"),
  ref("Gadget", "g1", "team"),
];

describe("deletion order", () => {
  it("GIVEN objects of many kinds WHEN ordered for deletion THEN the exact reverse of install order", () => {
    assert.deepEqual(deletionOrder(mixed, (r) => r).map(label), [
      "Widget team/w1",
      "Gadget team/g1",
      "ValidatingWebhookConfiguration guard",
      "Deployment team/web",
      "Service team/web",
      "ConfigMap team/b",
      "ConfigMap team/a",
      "ConfigMap other/a",
      "Namespace team",
      "PriorityClass high",
    ]);
    const install = [...mixed].sort((a, b) => compareKinds(a.kind, b.kind) || (a.namespace ?? "").localeCompare(b.namespace ?? "") || a.name.localeCompare(b.name));
    assert.deepEqual(deletionOrder(mixed, (r) => r), install.reverse());
  });

  it("GIVEN a kind order WHEN compared THEN equal refs compare 0 and the comparison is antisymmetric", () => {
    for (const a of mixed) {
      for (const b of mixed) assert.equal(Math.sign(compareForDeletion(a, b)) + Math.sign(compareForDeletion(b, a)), 0, `${label(a)} vs ${label(b)}`);
      assert.equal(compareForDeletion(a, { ...a }), 0);
    }
  });

  it("GIVEN objects WHEN grouped THEN one group per kind, in deletion order, each in deletion order", () => {
    const groups = deletionGroups(mixed, (r) => r).map((g) => g.map(label));
    assert.deepEqual(groups.map((g) => g[0]!.split(" ")[0]), ["Widget", "Gadget", "ValidatingWebhookConfiguration", "Deployment", "Service", "ConfigMap", "Namespace", "PriorityClass"]);
    assert.deepEqual(groups[5], ["ConfigMap team/b", "ConfigMap team/a", "ConfigMap other/a"]);
  });

  it("GIVEN a plan pruning objects of many kinds WHEN executed THEN they are deleted one by one in deletion order", async () => {
    const deleted: string[] = [];
    const kube = { delete: async (r: ObjectRef) => (deleted.push(label(r)), true) } as unknown as KubeApi;
    const action = (r: ObjectRef): PlanAction => ({ op: "delete", id: label(r), ref: r, category: "object", diff: [], liveResourceVersion: "1", liveDigest: null });
    const plan = { actions: mixed.map(action), payload: { objects: {}, hooks: [] } } as unknown as Plan;
    const result = await executePlan(plan, kube, { waitReady: async () => undefined });
    const expected = deletionOrder(mixed, (r) => r).map(label);
    assert.deepEqual(deleted, expected);
    assert.deepEqual(result.deleted.map(label), expected);
  });
});
