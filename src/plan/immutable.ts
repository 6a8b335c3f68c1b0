import { KubeApiError } from "../kube/errors.js";

/**
 * The fields a dry-run rejected as immutable (422 `Invalid`, causes whose message says
 * "immutable", e.g. a Deployment's `spec.selector`); `undefined` when the error is something else.
 */
export function immutableFieldsOf(error: unknown): string[] | undefined {
  if (!(error instanceof KubeApiError) || error.status !== 422 || error.reason !== "Invalid") return undefined;
  const causes = error.apiStatus?.details?.causes ?? [];
  const fields = causes.filter((c) => /immutable/i.test(c.message ?? "")).map((c) => c.field ?? "(unnamed field)");
  if (fields.length === 0 && /immutable/i.test(error.apiStatus?.message ?? "")) fields.push("(unnamed field)");
  return fields.length ? [...new Set(fields)].sort() : undefined;
}
