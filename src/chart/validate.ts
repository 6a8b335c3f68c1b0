import type { Issue } from "../model/issue.js";
import type { ChartMetadata } from "./types.js";

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Chart names as Helm allows them: lowercase letters, digits and dashes (underscores tolerated). */
const CHART_NAME = /^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$/;

/** True when `version` is a full SemVer 2 version such as `1.2.3` or `1.0.0-rc.1`. */
export function isSemver(version: string): boolean {
  return SEMVER.test(version);
}

/** Every problem with a chart's metadata; `source` names the file the metadata came from. */
export function metadataIssues(metadata: ChartMetadata, source: string): Issue[] {
  const issues: Issue[] = [];
  if (typeof metadata.name !== "string" || !CHART_NAME.test(metadata.name)) {
    issues.push({ source, path: "name", message: `chart name ${JSON.stringify(metadata.name)} is invalid: use lowercase letters, digits and dashes, e.g. "web"` });
  }
  if (typeof metadata.version !== "string" || !isSemver(metadata.version)) {
    issues.push({ source, path: "version", message: `version ${JSON.stringify(metadata.version)} is not SemVer 2: write e.g. "1.0.0"` });
  }
  if (metadata.type !== "application" && metadata.type !== "library") {
    issues.push({ source, path: "type", message: `type ${JSON.stringify(metadata.type)} is invalid: use "application" or "library"` });
  }
  if (metadata.appVersion !== undefined && typeof metadata.appVersion !== "string") {
    issues.push({ source, path: "appVersion", message: "appVersion must be a string: quote it, e.g. \"1.27\"" });
  }
  return issues;
}
