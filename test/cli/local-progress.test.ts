// GIVEN a first run with nothing built WHEN `berth local up` or the quickstart example starts the local
// control plane THEN it prints what it builds, that this happens once, component n of total with elapsed
// times, and the log — before anything starts. A fake `go` "builds" binaries that exit at once, so the
// start then fails with LocalStartFailed (no real control plane is built or started).
import { it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { CliIO } from "../../src/cli/command.js";
import { runCli } from "../../src/cli/main.js";
import { describeLocalClusterEvent } from "../../src/local/progress-text.js";
import { LOCAL_VERSIONS } from "../../src/local/versions.js";
import { fakeGo } from "../local/fixtures/fake-go.js";

const K8S = `kubernetes-v${LOCAL_VERSIONS.kubernetes}`;
const root = join(import.meta.dirname, "..", "..");

/** The progress lines expected on a first run with the given cache, timings replaced by `<t>`. */
function expectedLines(cache: string): string[] {
  const log = (what: string) => join(cache, "build", `${what}.log`);
  return [
    `first run: building the local control plane from Go modules (3 components, several minutes). This happens once: the binaries are cached in ${join(cache, "bin")}.`,
    `component 1 of 3: building ${K8S} (kube-apiserver, kube-controller-manager, kube-scheduler) from Go modules; log: ${log(K8S)}`,
    `component 1 of 3: built ${K8S} in <t> [<t> elapsed]`,
    `component 2 of 3: building etcd-v${LOCAL_VERSIONS.etcd} (etcd) from Go modules; log: ${log(`etcd-v${LOCAL_VERSIONS.etcd}`)} [<t> elapsed]`,
    `component 2 of 3: built etcd-v${LOCAL_VERSIONS.etcd} in <t> [<t> elapsed]`,
    `component 3 of 3: building kwok-v${LOCAL_VERSIONS.kwok} (kwok) from Go modules; log: ${log(`kwok-v${LOCAL_VERSIONS.kwok}`)} [<t> elapsed]`,
    `component 3 of 3: built kwok-v${LOCAL_VERSIONS.kwok} in <t> [<t> elapsed]`,
  ];
}

const untimed = (text: string) => text.split("\n").map((l) => l.replace(/\b\d+(m\d\d)?s\b/g, "<t>"));

it("GIVEN nothing built WHEN berth local up THEN stderr tells the build's components n of 3, elapsed, logs and that it happens once", async () => {
  const cache = await mkdtemp(join(tmpdir(), "berth-local-progress-"));
  let stderr = "";
  let stdout = "";
  const io: CliIO = {
    stdout: { write: (t: string) => ((stdout += t), true) },
    stderr: { write: (t: string) => ((stderr += t), true) },
    env: { BERTH_CACHE_DIR: cache, BERTH_GO: await fakeGo(), PATH: process.env["PATH"] },
    cwd: root,
    signal: new AbortController().signal,
  };
  const code = await runCli(["local", "up"], io);
  assert.equal(code, 1);
  assert.equal(stdout, "");
  const lines = untimed(stderr);
  assert.deepEqual(lines.slice(0, 7), expectedLines(cache));
  assert.match(lines[7] ?? "", /^Error \[LocalStartFailed\]: etcd exited with code 1/);
});

it("GIVEN nothing built WHEN the quickstart example runs against the local control plane THEN it prints the same progress lines", async () => {
  const cache = await mkdtemp(join(tmpdir(), "berth-local-progress-"));
  const env = { PATH: process.env["PATH"], HOME: cache, BERTH_CLUSTER: "local", BERTH_CACHE_DIR: cache, BERTH_GO: await fakeGo() };
  const failed = await promisify(execFile)(process.execPath, ["--conditions=development", "--import", "tsx", "examples/quickstart/deploy.ts"], { cwd: root, env }).then(
    () => undefined,
    (e: { code?: number; stderr?: string }) => e,
  );
  assert.ok(failed, "the start fails: the fake binaries exit at once");
  assert.deepEqual(untimed(failed.stderr ?? "").slice(0, 7), expectedLines(cache));
  assert.match(failed.stderr ?? "", /LocalStartFailed|etcd exited with code 1/);
});

it("GIVEN a build still running and the control plane ready WHEN described THEN the heartbeat names the component, its time and the log; starting is silent", () => {
  assert.equal(
    describeLocalClusterEvent({ type: "build-progress", what: K8S, index: 1, total: 3, log: "/c/k.log", ms: 95_000, elapsedMs: 95_000 }),
    `component 1 of 3: still building ${K8S}, 1m35s so far [1m35s elapsed]; log: /c/k.log`,
  );
  assert.equal(describeLocalClusterEvent({ type: "starting", component: "etcd" }), undefined);
  assert.equal(describeLocalClusterEvent({ type: "ready", ms: 4_200 }), "local control plane ready in 4s");
});
