// GIVEN chart hooks on the real local control plane WHEN an event's hooks run THEN Helm's order, waits and delete policies hold.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connectKube } from "../../src/kube/connect.js";
import type { KubeObject } from "../../src/model/object.js";
import type { HookDeletePolicy, HookEvent, RenderedHook } from "../../src/model/rendered.js";
import { FAILURE_ANNOTATIONS } from "../../src/local/stages.js";
import { runHooks } from "../../src/hooks/run-hooks.js";
import { HookFailed } from "../../src/hooks/errors.js";
import type { HookRunEvent } from "../../src/hooks/events.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";

const { client: kube, transport } = connectKube({ kubeconfigPath: testKubeconfigPath() });
after(() => transport.close());

function jobHook(name: string, options: { fail?: boolean; weight?: number; policies?: HookDeletePolicy[]; events?: HookEvent[] } = {}): RenderedHook {
  const object: KubeObject = {
    apiVersion: "batch/v1", kind: "Job", metadata: { name },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: { annotations: options.fail ? { [FAILURE_ANNOTATIONS.fail]: "true" } : {} },
        spec: { restartPolicy: "Never", containers: [{ name: "main", image: "busybox:1.36", command: ["true"] }] },
      },
    },
  };
  return hook(object, options);
}

function hook(object: KubeObject, options: { weight?: number; policies?: HookDeletePolicy[]; events?: HookEvent[] } = {}): RenderedHook {
  return { object, source: `t/templates/${object.metadata.name}.yaml`, events: options.events ?? ["pre-install"], weight: options.weight ?? 0, deletePolicies: options.policies ?? ["before-hook-creation"] };
}

const configMap = (name: string): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { at: String(Date.now()) } });

describe("runHooks on a real cluster", () => {
  const ns = useTestNamespace("hooks");
  const jobRef = (name: string) => ({ apiVersion: "batch/v1", kind: "Job", namespace: ns.name, name });

  it("GIVEN a Job hook that succeeds WHEN pre-install hooks run THEN its record is Succeeded and the Job is Complete", async () => {
    const runs = await runHooks("pre-install", [jobHook("migrate")], kube, { namespace: ns.name, timeoutMs: 60_000 });
    assert.equal(runs.length, 1);
    assert.equal(runs[0]?.phase, "Succeeded");
    assert.equal(runs[0]?.kind, "Job");
    assert.ok(runs[0]!.completedAt >= runs[0]!.startedAt);
    assert.ok(await kube.get(jobRef("migrate")), "before-hook-creation keeps the Job after the run");
  });

  it("GIVEN a Job hook that fails WHEN hooks run THEN HookFailed names the hook and the run is recorded Failed", async () => {
    const error = await runHooks("pre-install", [jobHook("broken", { fail: true })], kube, { namespace: ns.name, timeoutMs: 60_000 }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof HookFailed, String(error));
    assert.equal(error.code, "HookFailed");
    assert.equal(error.hook, "broken");
    assert.match(error.message, /broken/);
    assert.equal(error.runs.at(-1)?.phase, "Failed");
  });

  it("GIVEN delete policy hook-succeeded WHEN the hook succeeds THEN the Job is gone afterwards", async () => {
    await runHooks("pre-install", [jobHook("cleanup-ok", { policies: ["hook-succeeded"] })], kube, { namespace: ns.name, timeoutMs: 60_000 });
    assert.equal(await kube.get(jobRef("cleanup-ok")), undefined);
  });

  it("GIVEN delete policy hook-failed WHEN the hook fails THEN the Job is gone after the failure", async () => {
    const error = await runHooks("pre-install", [jobHook("cleanup-bad", { fail: true, policies: ["hook-failed"] })], kube, { namespace: ns.name, timeoutMs: 60_000 }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof HookFailed);
    assert.equal(await kube.get(jobRef("cleanup-bad")), undefined);
  });

  it("GIVEN before-hook-creation and a previous run's Job WHEN the hook runs again THEN the Job is replaced", async () => {
    await runHooks("pre-install", [jobHook("again")], kube, { namespace: ns.name, timeoutMs: 60_000 });
    const first = await kube.get(jobRef("again"));
    await runHooks("pre-install", [jobHook("again")], kube, { namespace: ns.name, timeoutMs: 60_000 });
    const second = await kube.get(jobRef("again"));
    assert.ok(first && second);
    assert.notEqual(second.metadata["uid"], first.metadata["uid"]);
  });

  it("GIVEN hooks with weights and kinds WHEN run THEN they run by weight, then name, then kind order; other events are ignored", async () => {
    const events: HookRunEvent[] = [];
    const hooks = [
      hook(configMap("w5"), { weight: 5 }),
      jobHook("w0-job"),
      hook(configMap("w0-b")),
      hook(configMap("w0-a")),
      hook(configMap("wm1"), { weight: -1 }),
      hook(configMap("other-event"), { events: ["post-install"] }),
    ];
    const runs = await runHooks("pre-install", hooks, kube, { namespace: ns.name, timeoutMs: 60_000, onEvent: (e) => { if (e.type === "hook-started") events.push(e); } });
    const expected = ["wm1", "w0-a", "w0-b", "w0-job", "w5"];
    assert.deepEqual(events.map((e) => e.type === "hook-started" && e.hook), expected);
    assert.deepEqual(runs.map((r) => r.name), expected);
    const created = await Promise.all(["wm1", "w5"].map((name) => kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns.name, name })));
    assert.ok(Number(created[0]!.metadata["resourceVersion"]) < Number(created[1]!.metadata["resourceVersion"]));
    assert.equal(await kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns.name, name: "other-event" }), undefined);
  });
});
