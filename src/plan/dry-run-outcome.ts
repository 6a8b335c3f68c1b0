import type { KubeObject } from "../model/object.js";

/** The outcome of the server-side dry-run apply of one desired object. */
export type DryRunOutcome =
  | { readonly kind: "applied"; readonly result: KubeObject }
  | { readonly kind: "immutable"; readonly fields: readonly string[] }
  /** Not validated, for a reason that goes away on apply (its namespace or CRD is created first). */
  | { readonly kind: "deferred"; readonly note: string }
  | { readonly kind: "failed"; readonly message: string }
  /** Its namespace does not exist and the plan does not create it: applying would fail. */
  | { readonly kind: "namespace-missing"; readonly namespace: string };
