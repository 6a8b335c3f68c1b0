import { chmod, readFile, writeFile } from "node:fs/promises";
import { PlanDecryptFailed, PlanFileInvalid, PlanKeyRequired } from "./errors.js";
import { seal, unseal, type PlanKey, type SealedText } from "./seal.js";
import type { Plan, PlanPayload } from "./types.js";

/** Version of the saved-plan file layout. */
export const SAVED_PLAN_VERSION = 1;

/** Options of {@link savePlan} and {@link loadPlan}. */
export interface SavedPlanOptions {
  /** Encrypts (decrypts) the apply payload with AES-256-GCM: 32 bytes or a passphrase. @defaultValue none: payload in clear */
  readonly key?: PlanKey;
}

interface SavedPlanFile {
  readonly berthPlan: number;
  readonly containsSecrets: true;
  readonly warning: string;
  readonly encrypted: boolean;
  readonly plan: Omit<Plan, "payload">;
  readonly payload: PlanPayload | SealedText;
}

/**
 * Writes a plan as JSON with file mode 0600. The file says it contains secrets: its `payload`
 * holds the exact objects to apply, Secrets included; with a `key` the payload is encrypted
 * (the printable part stays readable and is authenticated with it).
 */
export async function savePlan(plan: Plan, path: string, options: SavedPlanOptions = {}): Promise<void> {
  const { payload, ...printable } = plan;
  const body = JSON.stringify(printable);
  const file: SavedPlanFile = {
    berthPlan: SAVED_PLAN_VERSION,
    containsSecrets: true,
    warning: "contains the objects to apply, secrets included; keep it private",
    encrypted: options.key !== undefined,
    plan: printable,
    payload: options.key === undefined ? payload : seal(JSON.stringify(payload), options.key, body),
  };
  await writeFile(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  await chmod(path, 0o600); // the mode of writeFile only applies to new files
}

/**
 * Reads a plan saved by {@link savePlan} (or a {@link savePlans} file holding exactly one plan).
 * Throws `PlanKeyRequired` when its payload is encrypted and no key is given, `PlanDecryptFailed`
 * when the key is wrong or the file was altered.
 */
export async function loadPlan(path: string, options: SavedPlanOptions = {}): Promise<Plan> {
  const plans = await loadPlans(path, options);
  if (plans.length !== 1) throw new PlanFileInvalid(path, `it holds ${plans.length} plans: read it with loadPlans`);
  return plans[0]!;
}

/** Version of the multi-plan file layout written by {@link savePlans}. */
export const SAVED_PLANS_VERSION = 2;

interface SavedPlansFile {
  readonly berthPlan: number;
  readonly containsSecrets: true;
  readonly warning: string;
  readonly encrypted: boolean;
  /** The printable plans (secrets redacted), in the order the script deployed them. */
  readonly plans: readonly Omit<Plan, "payload">[];
  /** One payload per plan, same order; sealed as one text when encrypted. */
  readonly payloads: readonly PlanPayload[] | SealedText;
}

/**
 * Writes several plans (one per release a deploy script deploys) to one JSON file with mode 0600:
 * `plans` is the readable, redacted part; `payloads` holds the exact objects and release drafts,
 * encrypted as one AES-256-GCM text when a `key` is given (the readable part is authenticated with it).
 */
export async function savePlans(plans: readonly Plan[], path: string, options: SavedPlanOptions = {}): Promise<void> {
  const printable = plans.map(({ payload: _payload, ...rest }) => rest);
  const payloads = plans.map((p) => p.payload);
  const file: SavedPlansFile = {
    berthPlan: SAVED_PLANS_VERSION,
    containsSecrets: true,
    warning: "contains the objects to apply and the release values, secrets included; keep it private",
    encrypted: options.key !== undefined,
    plans: printable,
    payloads: options.key === undefined ? payloads : seal(JSON.stringify(payloads), options.key, JSON.stringify(printable)),
  };
  await writeFile(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
}

/**
 * Reads every plan of a file written by {@link savePlans} or {@link savePlan}, in order.
 * Throws `PlanFileInvalid`, `PlanKeyRequired` or `PlanDecryptFailed` as {@link loadPlan} does.
 */
export async function loadPlans(path: string, options: SavedPlanOptions = {}): Promise<Plan[]> {
  let file: SavedPlanFile & SavedPlansFile;
  try {
    file = JSON.parse(await readFile(path, "utf8")) as SavedPlanFile & SavedPlansFile;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw e;
    throw new PlanFileInvalid(path, "not JSON");
  }
  if (file?.berthPlan === SAVED_PLAN_VERSION && file.plan && file.payload) {
    const payload = file.encrypted ? (JSON.parse(open(path, file.payload, JSON.stringify(file.plan), options)) as PlanPayload) : (file.payload as PlanPayload);
    return [{ ...withDefaults(file.plan), payload }];
  }
  if (file?.berthPlan !== SAVED_PLANS_VERSION || !Array.isArray(file.plans) || !file.payloads) {
    throw new PlanFileInvalid(path, `expected berthPlan ${SAVED_PLAN_VERSION} or ${SAVED_PLANS_VERSION}`);
  }
  const payloads = file.encrypted ? (JSON.parse(open(path, file.payloads, JSON.stringify(file.plans), options)) as PlanPayload[]) : (file.payloads as PlanPayload[]);
  if (!Array.isArray(payloads) || payloads.length !== file.plans.length) throw new PlanFileInvalid(path, "payloads do not match plans");
  return file.plans.map((plan, i) => ({ ...withDefaults(plan), payload: payloads[i]! }));
}

/**
 * A plan saved by an earlier berth has no `hooksChanged`: its `changes` did not count a change to
 * recorded hooks alone, so it applies as it did then.
 */
function withDefaults(plan: Omit<Plan, "payload">): Omit<Plan, "payload"> {
  return { ...plan, hooksChanged: (plan as Partial<Plan>).hooksChanged ?? false };
}

function open(path: string, sealed: unknown, aad: string, options: SavedPlanOptions): string {
  if (options.key === undefined) throw new PlanKeyRequired(path);
  try {
    return unseal(sealed as SealedText, options.key, aad);
  } catch (e) {
    throw new PlanDecryptFailed(path, e);
  }
}
