// Masterminds/semver v3.5 versions (NewVersion with coercion, comparison) as Sprig's semver/semverCompare use them; constraints are in semver-constraints.ts.
import { GoStruct } from "../value.js";
import { fail } from "./errors.js";
import { compile, type GoRegexp } from "./re2.js";

/** The largest uint64. */
export const MAX_UINT64 = (1n << 64n) - 1n;

function parseUint(s: string): bigint {
  const n = BigInt(s);
  if (n > MAX_UINT64) fail(`error parsing version segment: strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

const LOOSE = `v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?`;
let loose: GoRegexp | undefined;

/** Runs a Go regexp once from the start: the submatches ("" for groups that did not take part). */
export function exec(g: GoRegexp, s: string): string[] | null {
  g.re.lastIndex = 0;
  const m = g.re.exec(s);
  return m ? Array.from(m, (x) => x ?? "") : null;
}

const ALLOWED = /^[0-9A-Za-z-]+$/;

function validatePrerelease(p: string): void {
  for (const part of p.split(".")) {
    if (part === "") fail("invalid prerelease string");
    if (/^[0-9]+$/.test(part)) {
      if (part.length > 1 && part[0] === "0") fail("version segment starts with 0");
    } else if (!ALLOWED.test(part)) fail("invalid prerelease string");
  }
}

function validateMetadata(m: string): void {
  for (const part of m.split(".")) if (part === "" || !ALLOWED.test(part)) fail("invalid metadata string");
}

/** A semantic version (Go's `*semver.Version`): methods Major, Minor, Patch, Prerelease, Metadata, Original… */
export class SemverVersion extends GoStruct {
  /** @param major - major @param minor - minor @param patch - patch @param pre - prerelease @param metadata - build metadata @param original - the parsed text */
  constructor(
    private readonly major: bigint,
    private readonly minor: bigint,
    private readonly patch: bigint,
    private readonly pre: string,
    private readonly metadata: string,
    private readonly original: string,
  ) {
    super();
  }
  override goTypeName(): string {
    return "*semver.Version";
  }
  /** Version.Major */
  Major(): bigint {
    return this.major;
  }
  /** Version.Minor */
  Minor(): bigint {
    return this.minor;
  }
  /** Version.Patch */
  Patch(): bigint {
    return this.patch;
  }
  /** Version.Prerelease */
  Prerelease(): string {
    return this.pre;
  }
  /** Version.Metadata */
  Metadata(): string {
    return this.metadata;
  }
  /** Version.Original */
  Original(): string {
    return this.original;
  }
  /** Version.String */
  String(): string {
    return `${this.major}.${this.minor}.${this.patch}${this.pre ? "-" + this.pre : ""}${this.metadata ? "+" + this.metadata : ""}`;
  }
  /** The value encoding/json writes (Version.MarshalJSON: the version string). */
  jsonValue(): unknown {
    return this.String();
  }
  /** Version.Compare: -1, 0 or 1 (as a Go int). */
  Compare(o: SemverVersion): bigint {
    return BigInt(compareVersions(this, o));
  }
  /** Version.LessThan */
  LessThan(o: SemverVersion): boolean {
    return compareVersions(this, o) < 0;
  }
  /** Version.GreaterThan */
  GreaterThan(o: SemverVersion): boolean {
    return compareVersions(this, o) > 0;
  }
  /** Version.Equal */
  Equal(o: SemverVersion): boolean {
    return compareVersions(this, o) === 0;
  }
  private inc(major: bigint, minor: bigint, patch: bigint): SemverVersion {
    const v = new SemverVersion(major, minor, patch, "", "", "");
    return new SemverVersion(major, minor, patch, "", "", (this.original.startsWith("v") ? "v" : "") + v.String());
  }
  /** Version.IncPatch */
  IncPatch(): SemverVersion {
    return this.pre ? this.inc(this.major, this.minor, this.patch) : this.inc(this.major, this.minor, this.patch + 1n);
  }
  /** Version.IncMinor */
  IncMinor(): SemverVersion {
    return this.inc(this.major, this.minor + 1n, 0n);
  }
  /** Version.IncMajor */
  IncMajor(): SemverVersion {
    return this.inc(this.major + 1n, 0n, 0n);
  }
}

const versionCache = new Map<string, SemverVersion>();

/** semver.NewVersion (coercing: "1.2" → 1.2.0, "v1" → 1.0.0). Versions are immutable, so parses are cached. */
export function newVersion(v: string): SemverVersion {
  let sv = versionCache.get(v);
  if (sv === undefined) {
    sv = parseVersion(v);
    if (versionCache.size > 1000) versionCache.clear();
    versionCache.set(v, sv);
  }
  return sv;
}

function parseVersion(v: string): SemverVersion {
  if (v.length > 256) fail("version string is too long (max 256 bytes)");
  loose ??= compile(`^${LOOSE}$`);
  const m = exec(loose, v);
  if (!m) fail("invalid semantic version");
  const major = parseUint(m[1]!);
  const minor = m[2] ? parseUint(m[2].slice(1)) : 0n;
  const patch = m[3] ? parseUint(m[3].slice(1)) : 0n;
  if (m[5]) validatePrerelease(m[5]);
  if (m[8]) validateMetadata(m[8]);
  return new SemverVersion(major, minor, patch, m[5]!, m[8]!, v);
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === "") return -1;
  if (o === "") return 1;
  const sn = /^[0-9]+$/.test(s) && BigInt(s) <= MAX_UINT64;
  const on = /^[0-9]+$/.test(o) && BigInt(o) <= MAX_UINT64;
  if (!sn && !on) return s > o ? 1 : -1;
  if (!on) return -1;
  if (!sn) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

/** Compares prerelease strings part by part (numeric parts numerically). */
export function comparePrerelease(a: string, b: string): number {
  const sp = a.split(".");
  const op = b.split(".");
  for (let i = 0; i < Math.max(sp.length, op.length); i++) {
    const d = comparePrePart(sp[i] ?? "", op[i] ?? "");
    if (d !== 0) return d;
  }
  return 0;
}

/** Version.Compare */
export function compareVersions(v: SemverVersion, o: SemverVersion): number {
  const d = cmp(v.Major(), o.Major()) || cmp(v.Minor(), o.Minor()) || cmp(v.Patch(), o.Patch());
  if (d !== 0) return d;
  const ps = v.Prerelease();
  const po = o.Prerelease();
  if (ps === "" && po === "") return 0;
  if (ps === "") return 1;
  if (po === "") return -1;
  return comparePrerelease(ps, po);
}
