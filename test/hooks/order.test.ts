// GIVEN hooks with equal weights, names or kinds WHEN ordered THEN Helm's order (pkg/action/hooks.go):
// weight ascending, then name, then kind in install order — the same at render, in the plan and at run time.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { compareHooks, hooksFor } from "../../src/hooks/order.js";
import { planHooks } from "../../src/plan/hooks.js";
import type { HookEvent, RenderedHook } from "../../src/model/rendered.js";
import type { KubeObject } from "../../src/model/object.js";
import { collectObjects } from "../../src/render/objects.js";

const hook = (kind: string, name: string, weight = 0, events: HookEvent[] = ["pre-install"], namespace = "ns"): RenderedHook => ({
  object: { apiVersion: kind === "Job" ? "batch/v1" : kind === "Widget" ? "example.com/v1" : "v1", kind, metadata: { name, namespace } },
  source: `chart/templates/${name}.yaml`,
  events,
  weight,
  deletePolicies: ["before-hook-creation"],
});
const label = (h: RenderedHook) => `${h.weight} ${h.object.kind}/${h.object.metadata.name}`;

describe("hook order", () => {
  it("GIVEN different weights WHEN ordered THEN ascending weight comes first, whatever the names and kinds", () => {
    const sorted = [hook("ConfigMap", "a", 5), hook("Job", "z", -3), hook("Secret", "m", 0)].sort(compareHooks);
    assert.deepEqual(sorted.map(label), ["-3 Job/z", "0 Secret/m", "5 ConfigMap/a"]);
  });

  it("GIVEN equal weights WHEN ordered THEN by name before kind: a Job named a runs before a ConfigMap named b", () => {
    const sorted = [hook("ConfigMap", "b"), hook("Job", "a"), hook("Secret", "c")].sort(compareHooks);
    assert.deepEqual(sorted.map(label), ["0 Job/a", "0 ConfigMap/b", "0 Secret/c"]);
  });

  it("GIVEN equal weights and names WHEN ordered THEN by kind in install order, unknown kinds last", () => {
    const sorted = [hook("Job", "x"), hook("Widget", "x"), hook("ConfigMap", "x"), hook("ServiceAccount", "x")].sort(compareHooks);
    assert.deepEqual(sorted.map(label), ["0 ServiceAccount/x", "0 ConfigMap/x", "0 Job/x", "0 Widget/x"]);
  });

  it("GIVEN equal weight, name and kind WHEN ordered THEN namespace settles it, so the order is total", () => {
    const sorted = [hook("Job", "x", 0, ["pre-install"], "b"), hook("Job", "x", 0, ["pre-install"], "a")].sort(compareHooks);
    assert.deepEqual(sorted.map((h) => h.object.metadata.namespace), ["a", "b"]);
  });

  it("GIVEN hooks of several events WHEN one event's are picked THEN only its hooks, in order", () => {
    const hooks = [hook("Job", "b"), hook("Job", "a", 0, ["post-install"]), hook("ConfigMap", "c", -1, ["pre-install", "post-install"])];
    assert.deepEqual(hooksFor("pre-install", hooks).map(label), ["-1 ConfigMap/c", "0 Job/b"]);
    assert.deepEqual(hooksFor("post-install", hooks).map(label), ["-1 ConfigMap/c", "0 Job/a"]);
  });

  it("GIVEN the same hooks WHEN rendered, planned and picked for running THEN all three orders are the same", () => {
    const objects: KubeObject[] = [
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b", annotations: { "helm.sh/hook": "pre-install" } } },
      { apiVersion: "batch/v1", kind: "Job", metadata: { name: "a", annotations: { "helm.sh/hook": "pre-install" } } },
      { apiVersion: "v1", kind: "Secret", metadata: { name: "a", annotations: { "helm.sh/hook": "pre-install" } } },
      { apiVersion: "v1", kind: "Pod", metadata: { name: "z", annotations: { "helm.sh/hook": "pre-install", "helm.sh/hook-weight": "-1" } } },
    ];
    const rendered = collectObjects(objects.map((value, i) => ({ value, template: `c/templates/${i}.yaml`, at: { source: `c/templates/${i}.yaml` } })), "ns", undefined);
    assert.deepEqual(rendered.issues, []);
    const renderOrder = rendered.hooks.map(label);
    assert.deepEqual(renderOrder, ["-1 Pod/z", "0 Secret/a", "0 Job/a", "0 ConfigMap/b"]);
    assert.deepEqual(planHooks([...rendered.hooks].reverse(), "install").hooks.map((h) => `${h.weight} ${h.ref.kind}/${h.ref.name}`), renderOrder);
    assert.deepEqual(hooksFor("pre-install", [...rendered.hooks].reverse()).map(label), renderOrder);
  });
});
