import type { Chart } from "../chart/types.js";
import type { KubeApi } from "../kube/types.js";
import type { Plan } from "../plan/types.js";
import type { Release } from "../storage/release.js";
import type { Configuration } from "./configuration.js";
import type { ApplySavedPlanOptions } from "../apply/options.js";
import type { DeployArgs, DeployOptions, DeployResult } from "./types.js";
import { get, history, list, status, type ListReleasesOptions, type QueryOptions, type ReleaseStatusReport, type RevisionInfo } from "./queries.js";
import type { RollbackOptions } from "./rollback.js";
import { WriteRefused } from "../kube/write-guard.js";
import { planModeRefusal, withRunMode, type RunMode } from "./run-mode.js";
import type { TestOptions, TestResult } from "./test.js";
import type { UninstallOptions, UninstallResult } from "./uninstall.js";

// The actions that render, plan or apply are imported when first used: `berth list` or `berth status`
// (queries only) then start without loading renderers, the planner and the applier.
const deployModule = () => import("./deploy.js");
const savedModule = () => import("./apply-saved.js");

/**
 * A connection to one cluster and its release storage: every action hangs off it.
 * Made by `connect()`.
 *
 * @example
 * ```ts
 * const cluster = await connect({ context: "prod" });
 * const result = await cluster.deploy(web, { release: "web", namespace: "prod", values: { replicas: 3 } }, { wait: true });
 * ```
 */
export class Cluster {
  /** The shared configuration (kube client, storage, identity) every action is given. @internal */
  readonly config: Configuration;
  /** Set when `connect({ local })` chose the local control plane: its admin kubeconfig path. */
  readonly localKubeconfig: string | undefined;

  /** The script runner's mode this connection follows (see `connectionRunMode`); none outside script runs. */
  private readonly runMode: () => RunMode | undefined;

  /** Made by `connect()`. @internal */
  constructor(config: Configuration, localKubeconfig?: string, runMode?: () => RunMode | undefined) {
    this.localKubeconfig = localKubeconfig;
    this.config = config;
    this.runMode = runMode ?? (() => undefined);
  }

  /**
   * A client of the cluster (the one code hooks are given), e.g. to create a namespace before a
   * deploy. Inside `berth plan <script>` its writes throw `WriteRefused`.
   */
  get kube(): KubeApi {
    return this.config.kube;
  }

  /** The namespace of releases that name none: `connect({ namespace })`, else the kubeconfig context's. */
  get namespace(): string {
    return this.config.namespace;
  }

  /**
   * Installs or upgrades a release; see `deploy`. Inside `berth plan <script>`, it returns the plan
   * without writing anything (the runner's plan mode).
   *
   * @example
   * ```ts
   * const result = await cluster.deploy(web, { release: "web", namespace: "prod", values: { image: { tag: "1.4.2" } } }, {
   *   wait: { timeout: "5m" }, atomic: true,
   *   hooks: { postUpgrade: async ({ kube, release }) => { await smokeTest(kube, release.namespace); } },
   * });
   * console.log(result.status, result.revision); // "deployed" 4
   * ```
   */
  async deploy<V>(chart: Chart<V>, args: DeployArgs<V>, options: DeployOptions = {}): Promise<DeployResult> {
    const mode = this.runMode();
    const [{ deploy }, { planDeploy }] = await Promise.all([deployModule(), savedModule()]);
    if (!mode) return await deploy(this.config, chart, args, options);
    const moded = withRunMode(options, mode);
    const planOnly = options.dryRun || mode.kind === "plan";
    const result = planOnly ? await planDeploy(this.config, chart, args, moded) : await deploy(this.config, chart, args, moded);
    mode.record(result);
    return result;
  }

  /**
   * Computes what `deploy` would do; writes nothing. The plan carries the revision it would write
   * (`payload.release`), so it can be saved (`savePlans`) and applied exactly with {@link Cluster.applyPlan}.
   */
  async plan<V>(chart: Chart<V>, args: DeployArgs<V>, options: Omit<DeployOptions, "dryRun"> = {}): Promise<Plan> {
    const { planDeploy } = await savedModule();
    return (await planDeploy(this.config, chart, args, options)).plan;
  }

  /**
   * Applies exactly a plan made by {@link Cluster.plan} (or loaded with `loadPlans`): no render, no
   * new plan. Refuses a stale one (`PlanStale`: the release's revision or an object it touches moved
   * since it was computed), one with a blocking problem, and a locked release. Inside
   * `berth plan <script>`, returns the plan as `planned` and writes nothing.
   */
  async applyPlan(plan: Plan, options: ApplySavedPlanOptions = {}): Promise<DeployResult> {
    const mode = this.runMode();
    if (mode?.kind !== "plan") {
      const { applySavedPlan } = await savedModule();
      return await applySavedPlan(this.config, plan, options);
    }
    const { name, namespace } = plan.release;
    const result: DeployResult = { release: name, namespace, revision: null, status: "planned", plan, notes: "", applied: [], deleted: [], hooks: [], durationMs: 0 };
    mode.record(result);
    return result;
  }

  /**
   * Returns a release to an earlier revision as a new revision; see `rollback`. Inside
   * `berth plan <script>`, returns the rollback's plan (`planned`) and writes nothing.
   */
  async rollback(name: string, options: RollbackOptions = {}): Promise<DeployResult> {
    const { rollback } = await import("./rollback.js");
    const mode = this.runMode();
    if (mode?.kind !== "plan") return await rollback(this.config, name, options);
    const result = await rollback(this.config, name, { ...withRunMode(options, mode), dryRun: true });
    mode.record(result);
    return result;
  }

  /** Deletes a release's objects and records; see `uninstall`. Refused (`WriteRefused`) inside `berth plan <script>`. */
  async uninstall(name: string, options: UninstallOptions = {}): Promise<UninstallResult> {
    this.refuseInPlanMode(`uninstall of release ${name}`);
    const { uninstall } = await import("./uninstall.js");
    return await uninstall(this.config, name, options);
  }

  /** The latest revision of a release. */
  status(name: string, options: QueryOptions = {}): Promise<ReleaseStatusReport> {
    return status(this.config, name, options);
  }

  /** Every revision of a release, oldest first. */
  history(name: string, options: QueryOptions = {}): Promise<RevisionInfo[]> {
    return history(this.config, name, options);
  }

  /** The releases of a namespace, or of all. */
  list(options: ListReleasesOptions = {}): Promise<RevisionInfo[]> {
    return list(this.config, options);
  }

  /** One revision in full. @defaultValue the latest */
  get(name: string, options: QueryOptions & { revision?: number } = {}): Promise<Release> {
    return get(this.config, name, options);
  }

  /** Runs a release's test hooks. Refused (`WriteRefused`) inside `berth plan <script>`: test hooks create objects. */
  async test(name: string, options: TestOptions = {}): Promise<TestResult> {
    this.refuseInPlanMode(`test of release ${name}`);
    const { test } = await import("./test.js");
    return await test(this.config, name, options);
  }

  /**
   * Recovers a release stuck in `pending-*` by an operation that died: marks that revision `failed`
   * (lock dropped) so the release can be deployed or rolled back again. It does not check whether the
   * lock has expired — only call it for an operation known to be dead.
   * Refused (`WriteRefused`) inside `berth plan <script>`.
   * @returns the revision marked failed; `undefined` when the latest revision was not pending
   */
  async unlock(name: string, options: QueryOptions = {}): Promise<Release | undefined> {
    this.refuseInPlanMode(`unlock of release ${name}`);
    const store = this.config.storeFor(options.namespace ?? this.config.namespace);
    return (await store.unlock(name, this.config.identity, options.signal ? { signal: options.signal } : {}))?.release;
  }

  private refuseInPlanMode(what: string): void {
    const why = planModeRefusal(this.runMode());
    if (why) throw new WriteRefused(what, why);
  }

  /** Frees pooled connections. */
  close(): void {
    this.config.transport?.close();
  }
}
