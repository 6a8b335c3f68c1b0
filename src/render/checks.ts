import { clipMiddle, quoteInput } from "../util/quote.js";
import type { Issue } from "../model/issue.js";
import { isPlainObject } from "../values/coalesce.js";

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** True for an RFC 1123 subdomain (what Kubernetes requires of most object names). */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= 253 && DNS_SUBDOMAIN.test(name);
}

/** `labels`/`annotations` must be a mapping of strings (or absent/null; null values are the server's ""); anything else would be rewritten (`0=a`). */
function stringMapIssues(map: unknown, path: string, kind: string, at: Omit<Issue, "message">): Issue[] {
  if (map === undefined || map === null) return [];
  if (!isPlainObject(map)) {
    const what = Array.isArray(map) ? "a list" : `the ${typeof map} ${JSON.stringify(map)}`;
    return [{ ...at, message: `${path} of ${kind} is ${what}, not a mapping; write it as key: value pairs, e.g. ${path.split(".")[1]}: {app: web}` }];
  }
  return Object.entries(map)
    .filter(([, v]) => typeof v !== "string" && v !== null)
    .map(([k, v]) => ({ ...at, message: `${path}.${k} of ${kind} is the ${Array.isArray(v) ? "list" : typeof v} ${clipMiddle(JSON.stringify(v) ?? String(v), 100)}, not a string; quote it` }));
}

/**
 * The problems that make a rendered document unusable as a Kubernetes object:
 * not a mapping, no `apiVersion`/`kind`/`metadata.name`, a name that is not a DNS subdomain.
 */
export function objectIssues(value: unknown, at: Omit<Issue, "message">): Issue[] {
  if (!isPlainObject(value)) {
    const what = Array.isArray(value) ? "a list" : `the ${typeof value} ${JSON.stringify(value)}`;
    return [{ ...at, message: `the document is ${what}, not a mapping; a template must render Kubernetes objects` }];
  }
  const issues: Issue[] = [];
  if (typeof value.apiVersion !== "string" || !value.apiVersion) issues.push({ ...at, message: "apiVersion is missing; add e.g. apiVersion: v1" });
  if (typeof value.kind !== "string" || !value.kind) issues.push({ ...at, message: "kind is missing; add e.g. kind: ConfigMap" });
  const metadata = value.metadata;
  const name = isPlainObject(metadata) ? metadata.name : undefined;
  if (typeof name !== "string" || !name) {
    issues.push({ ...at, message: `metadata.name is missing in ${String(value.kind ?? "the object")}; every object needs a name` });
  } else if (!isDnsSubdomain(name)) {
    issues.push({ ...at, message: `metadata.name ${quoteInput(name)} is not a valid name: use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters` });
  }
  if (isPlainObject(metadata)) {
    for (const field of ["labels", "annotations"] as const) issues.push(...stringMapIssues(metadata[field], `metadata.${field}`, String(value.kind ?? "the object"), at));
  }
  if (isPlainObject(metadata) && metadata.namespace !== undefined && (typeof metadata.namespace !== "string" || !isDnsSubdomain(metadata.namespace))) {
    issues.push({ ...at, message: `metadata.namespace ${typeof metadata.namespace === "string" ? quoteInput(metadata.namespace) : quoteInput(JSON.stringify(metadata.namespace) ?? "")} is not a valid namespace name` });
  }
  return issues;
}
