import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { computePlan } from "../../src/plan/compute.js";
import { formatPlanJson } from "../../src/plan/format/json.js";
import { formatPlanMarkdown } from "../../src/plan/format/markdown.js";
import { formatPlanText } from "../../src/plan/format/text.js";
import type { Plan } from "../../src/plan/types.js";
import { FakeKube } from "./fake-kube.js";
import { deployInto, SECRET_PASSWORD, SECRET_TOKEN, webObjects } from "./scenario.js";

const NEW_PASSWORD = "correct-horse-battery";
const DB_URL_PASSWORD = "s3cr3t-in-values";

function printed(plan: Plan): string[] {
  const { payload: _payload, ...rest } = plan;
  return [formatPlanText(plan), formatPlanText(plan, { color: true }), formatPlanJson(plan), formatPlanMarkdown(plan), JSON.stringify(rest)];
}

function assertAbsent(plan: Plan, secrets: readonly string[]): void {
  for (const text of printed(plan)) {
    for (const secret of secrets) {
      assert.ok(!text.includes(secret), `leaked ${secret}`);
      assert.ok(!text.includes(Buffer.from(secret).toString("base64")), `leaked base64 of ${secret}`);
    }
  }
}

describe("computePlan: sensitive values", () => {
  it("GIVEN a Secret whose password changes WHEN planned THEN every format says changed with the key, never the values", async () => {
    const kube = new FakeKube();
    const previous = deployInto(kube, webObjects(), 1);
    const plan = await computePlan({ release: "web", namespace: "prod", objects: webObjects({ password: NEW_PASSWORD }), previous }, kube);
    const secret = plan.actions.find((a) => a.ref.kind === "Secret");
    assert.equal(secret?.op, "update");
    assert.deepEqual(secret?.diff, [{ path: "data", redacted: true, changed: true, keys: ["password"] }]);
    assertAbsent(plan, [SECRET_PASSWORD, NEW_PASSWORD, SECRET_TOKEN]);
    assert.ok(formatPlanText(plan).includes("(sensitive, changed)"));
    assert.ok(JSON.stringify(plan.payload).includes(Buffer.from(NEW_PASSWORD).toString("base64")), "the payload keeps the exact object");
  });

  it("GIVEN a new Secret WHEN planned THEN the create shows its keys, not its values", async () => {
    const plan = await computePlan({ release: "web", namespace: "prod", objects: webObjects() }, new FakeKube());
    const secret = plan.actions.find((a) => a.ref.kind === "Secret");
    assert.deepEqual(secret?.diff.filter((d) => "redacted" in d), [
      { path: "data", redacted: true, changed: true, keys: ["password"] },
      { path: "stringData", redacted: true, changed: true, keys: ["token"] },
    ]);
    assertAbsent(plan, [SECRET_PASSWORD, SECRET_TOKEN]);
  });

  it("GIVEN sensitive value paths and a berth.dev/sensitive-paths annotation WHEN planned THEN those values are redacted", async () => {
    const kube = new FakeKube();
    const objects = webObjects();
    const config = objects[0]!.object;
    config["data"] = { DATABASE_URL: `postgres://app:${DB_URL_PASSWORD}@db/app`, API_KEY: "ak-0123456789", LOG_LEVEL: "debug" };
    config.metadata.annotations = { "berth.dev/sensitive-paths": "/data/API_KEY" };
    const plan = await computePlan(
      { release: "web", namespace: "prod", objects, sensitiveValues: { values: { db: { password: DB_URL_PASSWORD } }, paths: ["db.password"] } },
      kube,
    );
    const diff = plan.actions.find((a) => a.id === "v1 ConfigMap prod/settings")?.diff;
    assert.ok(diff?.some((d) => d.path === "data.API_KEY" && "redacted" in d));
    assert.ok(diff?.some((d) => d.path === "data.DATABASE_URL" && "redacted" in d));
    assert.ok(diff?.some((d) => d.path === "data.LOG_LEVEL" && !("redacted" in d)));
    assertAbsent(plan, [DB_URL_PASSWORD, "ak-0123456789"]);
  });

  it("GIVEN a Secret edited by hand WHEN planned THEN the drift is reported without values", async () => {
    const kube = new FakeKube();
    const previous = deployInto(kube, webObjects(), 2);
    kube.edit({ apiVersion: "v1", kind: "Secret", namespace: "prod", name: "db" }, (o) => ((o["data"] as Record<string, string>)["password"] = Buffer.from(NEW_PASSWORD).toString("base64")));
    const plan = await computePlan({ release: "web", namespace: "prod", objects: webObjects(), previous }, kube);
    const secret = plan.actions.find((a) => a.ref.kind === "Secret");
    assert.deepEqual(secret?.drift?.fields, [{ path: "data", redacted: true, changed: true, keys: ["password"] }]);
    assertAbsent(plan, [SECRET_PASSWORD, NEW_PASSWORD]);
  });
});
