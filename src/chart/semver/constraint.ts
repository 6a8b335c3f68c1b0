import { compareVersions, parseVersion, type SemVer } from "./version.js";

/**
 * A version range in Masterminds/semver v3 syntax, as Helm reads `Chart.yaml` dependency versions
 * and `--version` flags: `^1.2`, `~1.2.3`, `>=1.0 <2.0`, `1.2.x`, `1.0 - 1.4`, `1.2.3 || ^2`.
 */
export interface Constraint {
  /** The text it was parsed from. */
  readonly text: string;
  /** True when the version satisfies the range. */
  check(version: SemVer | string): boolean;
}

type Op = "" | "=" | "!=" | ">" | "<" | ">=" | "=>" | "<=" | "=<" | "~" | "~>" | "^";

interface Term {
  readonly op: Op;
  readonly con: SemVer;
  readonly dirty: boolean;
  readonly minorDirty: boolean;
  readonly patchDirty: boolean;
}

const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
const TERM = new RegExp(String.raw`^\s*(${OPS})\s*(${CV})\s*$`);
const RANGE = new RegExp(String.raw`\s*(${CV})\s+-\s+(${CV})\s*`, "g");
const FIND = new RegExp(String.raw`(${OPS})\s*(${CV})`, "g");
const VALID = new RegExp(String.raw`^(\s*(${OPS})\s*(${CV})\s*)((?:\s+|,\s*)(${OPS})\s*(${CV})\s*)*$`);

/** Parses a range; `undefined` when it is not one (Helm's "invalid version/constraint format"). */
export function parseConstraint(text: string): Constraint | undefined {
  if (text.length > 512) return undefined;
  // `1.2 - 1.4.5` means `>= 1.2, <= 1.4.5`.
  const rewritten = text.replace(RANGE, (_all, lo: string, ...rest: string[]) => `>= ${lo}, <= ${rest[9]} `);
  const groups = rewritten.split("||");
  if (groups.length > 32) return undefined;
  const parsed: { terms: Term[]; hasPre: boolean }[] = [];
  for (const group of groups) {
    if (!VALID.test(group)) return undefined;
    const found = group.match(FIND) ?? [group];
    const terms: Term[] = [];
    for (const t of found) {
      const term = parseTerm(t);
      if (!term) return undefined;
      terms.push(term);
    }
    parsed.push({ terms, hasPre: terms.some((t) => t.con.pre !== "") });
  }
  return {
    text,
    check(version) {
      const v = typeof version === "string" ? parseVersion(version) : version;
      if (!v) return false;
      return parsed.some((g) => g.terms.every((t) => checkTerm(v, t, g.hasPre)));
    },
  };
}

const isX = (s: string | undefined) => s === "x" || s === "X" || s === "*";

function parseTerm(text: string): Term | undefined {
  const m = TERM.exec(text);
  if (!m) return undefined;
  const op = m[1] as Op;
  const [major, minorPart = "", patchPart = "", pre = ""] = [m[3], m[4], m[5], m[6]];
  let ver = m[2]!;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === "") {
    ver = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minorPart.replace(/^\./, "")) || minorPart === "") {
    ver = `${major}.0.0${pre}`;
    dirty = minorDirty = true;
  } else if (isX(patchPart.replace(/^\./, "")) || patchPart === "") {
    ver = `${major}${minorPart}.0${pre}`;
    dirty = patchDirty = true;
  }
  const con = parseVersion(ver);
  return con && { op, con, dirty, minorDirty, patchDirty };
}

// Mirrors Masterminds' constraint functions, including their treatment of wildcards ("dirty").
function checkTerm(v: SemVer, c: Term, includePre: boolean): boolean {
  if (v.pre !== "" && !includePre) return false;
  const cmp = compareVersions(v, c.con);
  switch (c.op) {
    case "":
    case "=":
      return c.dirty ? tilde(v, c) : cmp === 0;
    case "!=":
      return notEqual(v, c, cmp);
    case ">":
      if (!c.dirty) return cmp > 0;
      if (v.major !== c.con.major) return v.major > c.con.major;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return cmp > 0;
    case "<":
      return cmp < 0;
    case ">=":
    case "=>":
      return cmp >= 0;
    case "<=":
    case "=<":
      if (!c.dirty) return cmp <= 0;
      if (v.major > c.con.major) return false;
      return !(v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty);
    case "~":
    case "~>":
      return tilde(v, c);
    case "^":
      return caret(v, c, cmp);
  }
}

function notEqual(v: SemVer, c: Term, cmp: number): boolean {
  if (c.dirty) {
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) {
      if (v.pre !== "" || c.con.pre !== "") return compareVersions({ ...v, major: 0, minor: 0, patch: 0 }, { ...c.con, major: 0, minor: 0, patch: 0 }) !== 0;
      return false;
    }
  }
  return cmp !== 0;
}

function tilde(v: SemVer, c: Term): boolean {
  if (compareVersions(v, c.con) < 0) return false;
  if (c.con.major === 0 && c.con.minor === 0 && c.con.patch === 0 && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  return !(v.minor !== c.con.minor && !c.minorDirty);
}

function caret(v: SemVer, c: Term, cmp: number): boolean {
  if (cmp < 0) return false;
  if (c.con.major > 0 || c.minorDirty) return v.major === c.con.major;
  if (v.major > 0) return false;
  if (c.con.minor > 0 || c.patchDirty) return v.minor === c.con.minor;
  if (v.minor > 0) return false;
  return v.patch === c.con.patch;
}

/**
 * The newest of `versions` that satisfies `range` (Helm's choice for a dependency or `--version`);
 * an exact version is matched as written. `undefined` when none does.
 */
export function pickVersion(versions: readonly string[], range: string | undefined): string | undefined {
  const constraint = parseConstraint(range === undefined || range === "" ? "*" : range);
  if (!constraint) return undefined;
  const sorted = versions.map((text) => ({ text, v: parseVersion(text) })).filter((x): x is { text: string; v: SemVer } => x.v !== undefined);
  sorted.sort((a, b) => compareVersions(b.v, a.v));
  return sorted.find((x) => constraint.check(x.v))?.text;
}
