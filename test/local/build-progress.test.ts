// GIVEN a first run (no cached binaries) WHEN the local control plane's binaries are built THEN every
// build is reported in order as component n of total with elapsed times and its log, a heartbeat
// reports a long build, and a second run builds (and reports) nothing. A fake `go` stands in for the build.
import { it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureControlPlaneBinaries } from "../../src/local/binaries.js";
import type { LocalBuildEvent } from "../../src/local/build-events.js";
import { LOCAL_VERSIONS } from "../../src/local/versions.js";
import { fakeGo } from "./fixtures/fake-go.js";

const K8S = `kubernetes-v${LOCAL_VERSIONS.kubernetes}`;
const ETCD = `etcd-v${LOCAL_VERSIONS.etcd}`;
const KWOK = `kwok-v${LOCAL_VERSIONS.kwok}`;

it("GIVEN an empty cache WHEN the control plane binaries are ensured twice THEN the first run reports 3 builds in order with elapsed times and logs, the second none", async () => {
  const cache = await mkdtemp(join(tmpdir(), "berth-build-progress-"));
  const env = { BERTH_GO: await fakeGo(), PATH: process.env["PATH"], FAKE_GO_SLEEP: "1" };
  const events: LocalBuildEvent[] = [];
  const paths = await ensureControlPlaneBinaries({ cacheDir: cache, env, progressIntervalMs: 50, onEvent: (e) => events.push(e) });

  const steps = events.filter((e) => e.type !== "build-progress").map((e) => `${e.type} ${e.what} ${e.index}/${e.total}`);
  assert.deepEqual(steps, [`building ${K8S} 1/3`, `built ${K8S} 1/3`, `building ${ETCD} 2/3`, `built ${ETCD} 2/3`, `building ${KWOK} 3/3`, `built ${KWOK} 3/3`]);
  const first = events[0];
  assert.ok(first?.type === "building");
  assert.deepEqual(first.binaries, ["kube-apiserver", "kube-controller-manager", "kube-scheduler"]);
  assert.equal(first.elapsedMs, 0);
  assert.equal(first.cacheDir, join(cache, "bin"));
  assert.match(await readFile(first.log, "utf8"), /\$ go build -o /);
  // elapsed counts from the first build and never goes back
  const elapsed = events.map((e) => e.elapsedMs);
  assert.deepEqual(elapsed, [...elapsed].sort((a, b) => a - b));
  const k8sBuilt = events.find((e) => e.type === "built" && e.what === K8S);
  assert.ok(k8sBuilt?.type === "built" && k8sBuilt.ms >= 1000, "the component's own duration");
  // the slow build (FAKE_GO_SLEEP) sent heartbeats between its start and its end
  const k8sEnd = events.indexOf(k8sBuilt);
  const beats = events.slice(0, k8sEnd).filter((e) => e.type === "build-progress");
  assert.ok(beats.length >= 1, "at least one heartbeat during the 1 s build");
  assert.ok(beats.every((e) => e.what === K8S && e.index === 1 && e.total === 3 && e.ms > 0));
  assert.equal(paths["kube-scheduler"], join(cache, "bin", K8S, "kube-scheduler"));
  assert.equal(paths.kwok, join(cache, "bin", KWOK, "kwok"));

  const again: LocalBuildEvent[] = [];
  await ensureControlPlaneBinaries({ cacheDir: cache, env, onEvent: (e) => again.push(e) });
  assert.deepEqual(again, [], "built once: a second run finds everything cached");
});

it("GIVEN etcd already cached WHEN the binaries are ensured THEN only the missing builds are counted", async () => {
  const cache = await mkdtemp(join(tmpdir(), "berth-build-progress-"));
  await mkdir(join(cache, "bin", ETCD), { recursive: true });
  await writeFile(join(cache, "bin", ETCD, "etcd"), "");
  const events: LocalBuildEvent[] = [];
  await ensureControlPlaneBinaries({ cacheDir: cache, env: { BERTH_GO: await fakeGo(), PATH: process.env["PATH"] }, onEvent: (e) => events.push(e) });
  assert.deepEqual(
    events.filter((e) => e.type === "building").map((e) => `${e.what} ${e.index}/${e.total}`),
    [`${K8S} 1/2`, `${KWOK} 2/2`],
  );
});
