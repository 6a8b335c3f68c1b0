// Masterminds/semver v3.5 constraints (NewConstraint, Check): ranges, ||, ^, ~, x-ranges, prereleases.
import { fail } from "./errors.js";
import { compile, findAll, type GoRegexp } from "./re2.js";
import { comparePrerelease, compareVersions, exec, newVersion, SemverVersion } from "./semver.js";

const CV = `v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?`;
const OPS = `=||!=|>|<|>=|=>|<=|=<|~|~>|\\^`;

let res: { one: GoRegexp; range: GoRegexp; find: GoRegexp; valid: GoRegexp } | undefined;
function regexes(): NonNullable<typeof res> {
  res ??= {
    one: compile(`^\\s*(${OPS})\\s*(${CV})\\s*$`),
    range: compile(`\\s*(${CV})\\s+-\\s+(${CV})\\s*`),
    find: compile(`(${OPS})\\s*(${CV})`),
    valid: compile(`^(\\s*(${OPS})\\s*(${CV})\\s*)((?:\\s+|,\\s*)(${OPS})\\s*(${CV})\\s*)*$`),
  };
  return res;
}

interface Constraint {
  con: SemverVersion;
  op: string;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const isX = (x: string): boolean => x === "x" || x === "*" || x === "X";

function parseConstraint(c: string): Constraint {
  if (c.length === 0) return { con: new SemverVersion(0n, 0n, 0n, "", "", "0.0.0"), op: "", dirty: true, minorDirty: false, patchDirty: false };
  const m = exec(regexes().one, c);
  if (!m) fail(`improper constraint: ${JSON.stringify(c)}`);
  let ver = m[2]!;
  let minorDirty = false;
  let patchDirty = false;
  let dirty = false;
  if (isX(m[3]!) || m[3] === "") {
    ver = `0.0.0${m[6]}`;
    dirty = true;
  } else if (isX(m[4]!.replace(/^\./, "")) || m[4] === "") {
    minorDirty = dirty = true;
    ver = `${m[3]}.0.0${m[6]}`;
  } else if (isX(m[5]!.replace(/^\./, "")) || m[5] === "") {
    patchDirty = dirty = true;
    ver = `${m[3]}${m[4]}.0${m[6]}`;
  }
  let con: SemverVersion;
  try {
    con = newVersion(ver);
  } catch {
    fail("constraint parser error");
  }
  return { con, op: m[1]!, dirty, minorDirty, patchDirty };
}

function check(v: SemverVersion, c: Constraint, includePre: boolean): boolean {
  if (v.Prerelease() !== "" && !includePre) return false;
  const k = c.con;
  const tilde = (): boolean => {
    if (compareVersions(v, k) < 0) return false;
    if (k.Major() === 0n && k.Minor() === 0n && k.Patch() === 0n && !c.minorDirty && !c.patchDirty) return true;
    if (v.Major() !== k.Major()) return false;
    if (v.Minor() !== k.Minor() && !c.minorDirty) return false;
    return true;
  };
  switch (c.op) {
    case "":
    case "=":
      return c.dirty ? tilde() : compareVersions(v, k) === 0;
    case "!=":
      if (c.dirty) {
        if (k.Major() !== v.Major()) return true;
        if (k.Minor() !== v.Minor() && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (k.Patch() !== v.Patch() && !c.patchDirty) return true;
        if (c.patchDirty) {
          if (v.Prerelease() !== "" || k.Prerelease() !== "") return comparePrerelease(v.Prerelease(), k.Prerelease()) !== 0;
          return false;
        }
      }
      return compareVersions(v, k) !== 0;
    case ">":
      if (!c.dirty) return compareVersions(v, k) === 1;
      if (v.Major() > k.Major()) return true;
      if (v.Major() < k.Major()) return false;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.Minor() > k.Minor();
      return compareVersions(v, k) === 1;
    case "<":
      return compareVersions(v, k) < 0;
    case ">=":
    case "=>":
      return compareVersions(v, k) >= 0;
    case "<=":
    case "=<":
      if (!c.dirty) return compareVersions(v, k) <= 0;
      if (v.Major() > k.Major()) return false;
      if (v.Major() === k.Major() && v.Minor() > k.Minor() && !c.minorDirty) return false;
      return true;
    case "~":
    case "~>":
      return tilde();
    case "^": {
      if (compareVersions(v, k) < 0) return false;
      if (k.Major() > 0n || c.minorDirty) return v.Major() === k.Major();
      if (k.Major() === 0n && v.Major() > 0n) return false;
      if (k.Minor() > 0n || c.patchDirty) return v.Minor() === k.Minor();
      if (k.Minor() === 0n && v.Minor() > 0n) return false;
      return k.Patch() === v.Patch();
    }
  }
  return false;
}

/** A parsed constraint set: OR groups of AND-ed constraints. */
export interface Constraints {
  readonly groups: Constraint[][];
  readonly hasPre: boolean[];
}

const constraintCache = new Map<string, Constraints>();

/** semver.NewConstraint */
export function newConstraint(text: string): Constraints {
  const cached = constraintCache.get(text);
  if (cached) return cached;
  if (text.length > 512) fail("constraint string is too long (max 512 bytes)");
  const r = regexes();
  let c = text;
  for (const m of findAll(r.range, text, -1)) c = c.replace(m[0], `>= ${m[1]}, <= ${m[11]} `);
  const ors = c.split("||");
  if (ors.length > 32) fail("too many constraint groups (max 32)");
  const groups: Constraint[][] = [];
  const hasPre: boolean[] = [];
  for (const v of ors) {
    if (!exec(r.valid, v)) fail(`improper constraint: ${JSON.stringify(v)}`);
    let cs = findAll(r.find, v, -1).map((m) => m[0]);
    if (cs.length === 0) cs = [v];
    const group = cs.map(parseConstraint);
    groups.push(group);
    hasPre.push(group.some((g) => g.con.Prerelease() !== ""));
  }
  const out = { groups, hasPre };
  if (constraintCache.size > 1000) constraintCache.clear();
  constraintCache.set(text, out);
  return out;
}

/** Constraints.Check */
export function checkConstraints(cs: Constraints, v: SemverVersion): boolean {
  return cs.groups.some((g, i) => g.every((c) => check(v, c, cs.hasPre[i]!)));
}

/** Sprig's `semver` and `semverCompare`. */
