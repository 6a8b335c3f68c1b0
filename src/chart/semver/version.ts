/** A parsed semantic version, read the way Masterminds/semver v3 (Helm's) reads it. */
export interface SemVer {
  /** The major version. */
  readonly major: number;
  /** The minor version. */
  readonly minor: number;
  /** The patch version. */
  readonly patch: number;
  /** The pre-release part without its `-`; empty when none. */
  readonly pre: string;
  /** The build metadata without its `+`; empty when none. */
  readonly metadata: string;
  /** The text the version was parsed from, e.g. `v1.2`. */
  readonly original: string;
}

// Loose, as Masterminds' coercing parser: an optional `v`, minor and patch may be missing.
const VERSION = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** Parses a version; `undefined` when it is not one (e.g. `latest`, `1.2.3.4`, `01.2-01`). */
export function parseVersion(text: string): SemVer | undefined {
  if (text.length > 256) return undefined;
  const m = VERSION.exec(text);
  if (!m) return undefined;
  const pre = m[4] ?? "";
  // Numeric pre-release identifiers must not have leading zeros.
  if (pre.split(".").some((p) => /^0\d+$/.test(p))) return undefined;
  const num = (s: string | undefined) => (s ? Number(s.replace(/^\./, "")) : 0);
  return { major: num(m[1]), minor: num(m[2]), patch: num(m[3]), pre, metadata: m[5] ?? "", original: text };
}

/** Orders two versions by precedence (build metadata ignored): negative, zero or positive. */
export function compareVersions(a: SemVer, b: SemVer): number {
  const d = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (d !== 0) return Math.sign(d);
  if (a.pre === b.pre) return 0;
  if (a.pre === "") return 1;
  if (b.pre === "") return -1;
  const as = a.pre.split(".");
  const bs = b.pre.split(".");
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const c = comparePrePart(as[i] ?? "", bs[i] ?? "");
    if (c !== 0) return c;
  }
  return 0;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === "") return -1;
  if (o === "") return 1;
  const sn = /^\d+$/.test(s);
  const on = /^\d+$/.test(o);
  if (sn && on) return Math.sign(Number(s) - Number(o));
  if (sn) return -1;
  if (on) return 1;
  return s > o ? 1 : -1;
}

/** Sorts version strings newest first; strings that are not versions are dropped. */
export function sortVersionsDescending(versions: readonly string[]): SemVer[] {
  return versions
    .map(parseVersion)
    .filter((v): v is SemVer => v !== undefined)
    .sort((a, b) => compareVersions(b, a));
}
