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
 * Reads a plan saved by {@link savePlan}. Throws `PlanKeyRequired` when its payload is encrypted
 * and no key is given, `PlanDecryptFailed` when the key is wrong or the file was altered.
 */
export async function loadPlan(path: string, options: SavedPlanOptions = {}): Promise<Plan> {
  let file: SavedPlanFile;
  try {
    file = JSON.parse(await readFile(path, "utf8")) as SavedPlanFile;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw e;
    throw new PlanFileInvalid(path, "not JSON");
  }
  if (file?.berthPlan !== SAVED_PLAN_VERSION || !file.plan || !file.payload) throw new PlanFileInvalid(path, `expected berthPlan ${SAVED_PLAN_VERSION}`);
  if (!file.encrypted) return { ...file.plan, payload: file.payload as PlanPayload };
  if (options.key === undefined) throw new PlanKeyRequired(path);
  let payload: PlanPayload;
  try {
    payload = JSON.parse(unseal(file.payload as SealedText, options.key, JSON.stringify(file.plan))) as PlanPayload;
  } catch (e) {
    throw new PlanDecryptFailed(path, e);
  }
  return { ...file.plan, payload };
}
