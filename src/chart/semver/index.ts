export { parseVersion, compareVersions, sortVersionsDescending, type SemVer } from "./version.js";
export { parseConstraint, pickVersion, type Constraint } from "./constraint.js";
