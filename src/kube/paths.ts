import type { ResourceInfo } from "./types.js";

/** Query parameters of a request; `undefined` and `false` values are left out. */
export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

/** Splits an apiVersion into group and version: `apps/v1` → `["apps", "v1"]`, `v1` → `["", "v1"]`. */
export function splitApiVersion(apiVersion: string): [group: string, version: string] {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? ["", apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

/** The path of a group/version: `/api/v1` for the core group, `/apis/<group>/<version>` otherwise. */
export function groupVersionPath(apiVersion: string): string {
  const [group, version] = splitApiVersion(apiVersion);
  return group === "" ? `/api/${encodeURIComponent(version)}` : `/apis/${encodeURIComponent(group)}/${encodeURIComponent(version)}`;
}

/**
 * The URL path of a collection (no `name`) or of one object, e.g.
 * `/apis/apps/v1/namespaces/web/deployments/api`. The namespace is ignored for cluster-scoped kinds;
 * for namespaced kinds without one the path spans all namespaces (lists and watches only).
 */
export function resourcePath(info: ResourceInfo, target: { namespace?: string | undefined; name?: string | undefined }, query?: Query): string {
  let path = groupVersionPath(info.apiVersion);
  if (info.namespaced && target.namespace) path += `/namespaces/${encodeURIComponent(target.namespace)}`;
  path += `/${info.resource}`;
  if (target.name !== undefined) path += `/${encodeURIComponent(target.name)}`;
  return path + queryString(query);
}

/**
 * `?a=1&b=x` from a query (keys and values URL-encoded), or `""` when nothing is set. Built by hand:
 * a URLSearchParams per request cost ~10 µs, ~10 ms of an install of 500 objects (1,000 requests).
 */
export function queryString(query: Query | undefined): string {
  if (!query) return "";
  let text = "";
  for (const key in query) {
    const value = query[key];
    if (value === undefined || value === false || value === "") continue;
    text += `${text ? "&" : "?"}${formEncode(key)}=${formEncode(String(value))}`;
  }
  return text;
}

const FORM_ONLY = /[!'()~]|%20/g;
/** What URLSearchParams writes for `text` (application/x-www-form-urlencoded): encodeURIComponent's, with spaces as `+` and `!'()~` escaped too. */
function formEncode(text: string): string {
  return encodeURIComponent(text).replace(FORM_ONLY, (c) => (c === "%20" ? "+" : `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
}
