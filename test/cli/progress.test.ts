import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import type { DeployEvent } from "../../src/apply/events.js";
import type { CliIO } from "../../src/cli/command.js";
import { createProgressReporter } from "../../src/cli/progress.js";

const UP_ERASE = "\x1b[1A\x1b[2K";
const deployment = { apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "web" };
const service = { apiVersion: "v1", kind: "Service", namespace: "prod", name: "web" };

function fakeIO(isTTY: boolean) {
  const writes: string[] = [];
  const io: CliIO = {
    stdout: { write: () => true },
    stderr: Object.assign({ write: (t: string) => writes.push(t), isTTY }, { columns: 60 }),
    env: {},
    cwd: "/",
    signal: new AbortController().signal,
  };
  return { io, writes };
}

/** What a terminal would show after the writes: applies cursor-up and erase-line (cursor always at column 0). */
function screen(writes: readonly string[]): string[] {
  const lines: string[] = [""];
  let row = 0;
  for (const part of writes.join("").split(/(\x1b\[1A|\x1b\[2K|\n)/)) {
    if (part === "\x1b[1A") row = Math.max(0, row - 1);
    else if (part === "\x1b[2K") lines[row] = "";
    else if (part === "\n") lines[++row] ??= "";
    else lines[row] += part;
  }
  while (lines.length > 0 && lines.at(-1) === "") lines.pop();
  return lines;
}

describe("progress reporter", () => {
  it("GIVEN a TTY WHEN objects wait and become ready THEN the waiting lines are redrawn in place and ready ones printed once", () => {
    let clock = 1_000;
    const { io, writes } = fakeIO(true);
    const progress = createProgressReporter(io, { now: () => clock, redrawMs: 10_000, flushMs: 0 });
    const events: DeployEvent[] = [
      { type: "object-applied", object: deployment, op: "create" },
      { type: "object-waiting", object: deployment, reason: "0 of 3 replicas available" },
      { type: "object-waiting", object: service, reason: "no endpoints" },
    ];
    events.forEach(progress.onEvent);
    assert.deepEqual(screen(writes), [
      "create Deployment/web",
      "  … Deployment prod/web: 0 of 3 replicas available (0ms)",
      "  … Service prod/web: no endpoints (0ms)",
    ]);
    clock += 4_200;
    progress.onEvent({ type: "object-waiting", object: deployment, reason: "2 of 3 replicas available" });
    assert.ok(writes.at(-1)!.startsWith(UP_ERASE + UP_ERASE), "the redraw erases the two waiting lines first");
    assert.deepEqual(screen(writes).slice(1), [
      "  … Deployment prod/web: 2 of 3 replicas available (4.2s)",
      "  … Service prod/web: no endpoints (4.2s)",
    ]);
    progress.onEvent({ type: "object-ready", object: deployment, reason: "3 of 3 available", elapsedMs: 5_000 });
    assert.deepEqual(screen(writes), ["create Deployment/web", "  ✓ Deployment prod/web ready (5.0s)", "  … Service prod/web: no endpoints (4.2s)"]);
    progress.onEvent({ type: "object-ready", object: service, reason: "ready", elapsedMs: 5_100 });
    progress.onEvent({ type: "done", release: "web", revision: 2, status: "deployed", durationMs: 6_000 });
    progress.stop();
    assert.deepEqual(screen(writes), [
      "create Deployment/web",
      "  ✓ Deployment prod/web ready (5.0s)",
      "  ✓ Service prod/web ready (5.1s)",
      "done web: deployed (revision 2)",
    ]);
  });

  it("GIVEN a TTY WHEN time passes without events THEN the waiting lines are redrawn by the timer with the new elapsed time", async () => {
    let clock = 0;
    const { io, writes } = fakeIO(true);
    const progress = createProgressReporter(io, { now: () => clock, redrawMs: 10, flushMs: 0 });
    progress.onEvent({ type: "object-waiting", object: deployment, reason: "rolling out" });
    clock = 61_000;
    await new Promise((r) => setTimeout(r, 40));
    assert.ok(writes.length > 1);
    assert.ok(writes.at(-1)!.includes(UP_ERASE));
    assert.deepEqual(screen(writes), ["  … Deployment prod/web: rolling out (1m01s)"]);
    progress.stop();
    const count = writes.length;
    await new Promise((r) => setTimeout(r, 40));
    assert.equal(writes.length, count, "no redraw after stop");
    assert.deepEqual(screen(writes), ["  ✗ not finished: Deployment prod/web: rolling out (1m01s)"]);
  });

  it("GIVEN a TTY WHEN a long reason would wrap THEN the waiting line is cut to the terminal width", () => {
    const { io, writes } = fakeIO(true);
    const progress = createProgressReporter(io, { now: () => 0, redrawMs: 10_000, flushMs: 0 });
    progress.onEvent({ type: "object-waiting", object: deployment, reason: "x".repeat(200) });
    progress.stop();
    assert.ok(writes[0]!.split("\n")[0]!.length <= 59);
  });

  it("GIVEN a TTY WHEN Normal events arrive for a waited object THEN they show on its line; Warnings are printed once", () => {
    const { io, writes } = fakeIO(true);
    const progress = createProgressReporter(io, { now: () => 0, redrawMs: 10_000, flushMs: 0 });
    progress.onEvent({ type: "object-waiting", object: deployment, reason: "0/1" });
    const event = (type: string, reason: string) => ({ type, reason, message: "m", involvedObject: { kind: "Pod", name: "web-1" }, count: 1 });
    progress.onEvent({ type: "k8s-event", object: deployment, event: event("Normal", "Pulling") });
    progress.onEvent({ type: "k8s-event", object: deployment, event: event("Warning", "BackOff") });
    assert.deepEqual(screen(writes), ["event Pod/web-1: BackOff m", "  … Deployment prod/web: 0/1 — Pulling: m (0ms)"]);
    progress.stop();
  });

  it("GIVEN no TTY WHEN events arrive THEN each is one plain timestamped line without ANSI sequences", () => {
    const { io, writes } = fakeIO(false);
    const progress = createProgressReporter(io, { now: () => Date.parse("2024-05-01T10:00:00.000Z") });
    progress.onEvent({ type: "object-applied", object: deployment, op: "update" });
    progress.onEvent({ type: "object-waiting", object: deployment, reason: "1 of 3 replicas available" });
    progress.onEvent({ type: "object-ready", object: deployment, reason: "ok", elapsedMs: 10 });
    progress.onEvent({ type: "hook-finished", hook: "migrate", kind: "Job", event: "pre-upgrade", phase: "Failed", durationMs: 5, message: "BackoffLimitExceeded" });
    progress.stop();
    assert.deepEqual(writes.join("").split("\n").slice(0, -1), [
      "2024-05-01T10:00:00.000Z update Deployment/web",
      "2024-05-01T10:00:00.000Z waiting Deployment/web: 1 of 3 replicas available",
      "2024-05-01T10:00:00.000Z ready Deployment/web",
      "2024-05-01T10:00:00.000Z hook pre-upgrade Job/migrate Failed: BackoffLimitExceeded",
    ]);
    assert.ok(!writes.join("").includes("\x1b["));
  });

  it("GIVEN no TTY WHEN many objects are applied at once THEN their lines are written together, in order, stamped when each happened", async () => {
    const { io, writes } = fakeIO(false);
    let clock = Date.parse("2024-05-01T10:00:00.000Z");
    const progress = createProgressReporter(io, { now: () => clock++, flushMs: 20 });
    for (let i = 0; i < 50; i++) progress.onEvent({ type: "object-applied", object: { ...service, name: `s${i}` }, op: "create" });
    assert.equal(writes.length, 0, "nothing written before the flush interval");
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(writes.length, 1);
    const lines = writes[0]!.split("\n").slice(0, -1);
    assert.equal(lines.length, 50);
    assert.equal(lines[0], "2024-05-01T10:00:00.000Z create Service/s0");
    assert.equal(lines[49], "2024-05-01T10:00:00.049Z create Service/s49");
    progress.onEvent({ type: "done", release: "web", status: "deployed", revision: 2, durationMs: 5 });
    progress.stop();
    assert.equal(writes.length, 2, "stop writes what is left at once");
    assert.match(writes[1]!, /done web: deployed \(revision 2\)\n$/);
    progress.stop();
    assert.equal(writes.length, 2);
  });

  it("GIVEN a TTY WHEN many objects are applied at once THEN the live area is redrawn once for the burst, the lines in order", async () => {
    const { io, writes } = fakeIO(true);
    const progress = createProgressReporter(io, { now: () => 0, redrawMs: 10_000, flushMs: 20 });
    progress.onEvent({ type: "object-waiting", object: deployment, reason: "0 of 3 replicas available" });
    for (let i = 0; i < 50; i++) progress.onEvent({ type: "object-applied", object: { ...service, name: `s${i}` }, op: "create" });
    assert.equal(writes.length, 0, "nothing written before the flush interval");
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(writes.length, 1, "one redraw for 51 events");
    const shown = screen(writes);
    assert.equal(shown.length, 51);
    assert.equal(shown[0], "create Service/s0");
    assert.equal(shown[49], "create Service/s49");
    assert.equal(shown[50], "  … Deployment prod/web: 0 of 3 replicas available (0ms)");
    progress.onEvent({ type: "object-ready", object: deployment, reason: "ok", elapsedMs: 1_000 });
    progress.stop();
    assert.equal(writes.length, 2, "stop writes what is left at once");
    assert.deepEqual(screen(writes).slice(49), ["create Service/s49", "  ✓ Deployment prod/web ready (1.0s)"]);
  });
});
