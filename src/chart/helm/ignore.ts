/**
 * `.helmignore` rules with Helm's own semantics (not gitignore's): Go `filepath.Match` patterns,
 * a pattern without `/` matches the base name, a trailing `/` only directories, a leading `!`
 * negates, `**` is rejected, and `templates/.?*` is always added.
 */

/** A `.helmignore` that Helm would refuse to read. */
export class HelmIgnoreError extends Error {}

/** Go's `path/filepath.Match` (with `/` as the separator); throws on a malformed pattern. */
export function goPathMatch(pattern: string, name: string): boolean {
  return matchAt(pattern, 0, name, 0);
}

function matchClass(pattern: string, pi: number, c: string): [matched: boolean, next: number] {
  let i = pi + 1;
  let negated = false;
  if (pattern[i] === "^") {
    negated = true;
    i++;
  }
  let matched = false;
  let first = true;
  for (;;) {
    if (i >= pattern.length) throw new HelmIgnoreError("syntax error in pattern");
    if (pattern[i] === "]" && !first) {
      i++;
      break;
    }
    first = false;
    let lo = pattern[i]!;
    if (lo === "\\") {
      i++;
      if (i >= pattern.length) throw new HelmIgnoreError("syntax error in pattern");
      lo = pattern[i]!;
    }
    i++;
    let hi = lo;
    if (pattern[i] === "-" && pattern[i + 1] !== "]") {
      i++;
      hi = pattern[i]!;
      if (hi === "\\") {
        i++;
        hi = pattern[i] ?? "";
      }
      if (hi === "") throw new HelmIgnoreError("syntax error in pattern");
      i++;
    }
    if (lo <= c && c <= hi) matched = true;
  }
  return [matched !== negated, i];
}

function matchAt(p: string, pi: number, s: string, si: number): boolean {
  while (pi < p.length) {
    const c = p[pi]!;
    if (c === "*") {
      while (p[pi] === "*") pi++;
      for (let k = si; ; k++) {
        if (matchAt(p, pi, s, k)) return true;
        if (k >= s.length || s[k] === "/") return false;
      }
    }
    if (si >= s.length) {
      // Validate the rest of the pattern as Go does before reporting no match.
      validate(p, pi);
      return false;
    }
    if (c === "?") {
      if (s[si] === "/") return false;
      pi++;
      si++;
    } else if (c === "[") {
      if (s[si] === "/") return false;
      const [ok, next] = matchClass(p, pi, s[si]!);
      if (!ok) return false;
      pi = next;
      si++;
    } else if (c === "\\") {
      pi++;
      if (pi >= p.length) throw new HelmIgnoreError("syntax error in pattern");
      if (p[pi] !== s[si]) return false;
      pi++;
      si++;
    } else {
      if (c !== s[si]) return false;
      pi++;
      si++;
    }
  }
  return si === s.length;
}

function validate(p: string, pi: number): void {
  while (pi < p.length) {
    if (p[pi] === "[") pi = matchClass(p, pi, "\0")[1];
    else if (p[pi] === "\\") pi += 2;
    else pi++;
  }
}

interface Rule {
  raw: string;
  negate: boolean;
  mustDir: boolean;
  match: (path: string) => boolean;
}

/** Parsed `.helmignore` rules. */
export class HelmIgnore {
  private readonly rules: Rule[] = [];

  /** Parses the text of a `.helmignore` (plus Helm's default rule). Throws {@link HelmIgnoreError}. */
  static parse(text: string): HelmIgnore {
    const r = new HelmIgnore();
    for (const line of text.replace(/^\uFEFF/, "").split(/\r?\n/)) r.add(line);
    r.add("templates/.?*");
    return r;
  }

  /** Only Helm's default rule. */
  static defaults(): HelmIgnore {
    return HelmIgnore.parse("");
  }

  private add(line: string): void {
    let rule = line.trim();
    if (rule === "" || rule.startsWith("#")) return;
    if (rule.includes("**")) throw new HelmIgnoreError("double-star (**) syntax is not supported");
    goPathMatch(rule, "abc");
    const raw = rule;
    let negate = false;
    let mustDir = false;
    if (rule.startsWith("!")) {
      negate = true;
      rule = rule.slice(1);
    }
    if (rule.endsWith("/")) {
      mustDir = true;
      rule = rule.slice(0, -1);
    }
    let match: (p: string) => boolean;
    if (rule.startsWith("/")) {
      const r = rule.slice(1);
      match = (p) => safeMatch(r, p);
    } else if (rule.includes("/")) match = (p) => safeMatch(rule, p);
    else match = (p) => safeMatch(rule, p.slice(p.lastIndexOf("/") + 1));
    this.rules.push({ raw, negate, mustDir, match });
  }

  /** Helm's `Rules.Ignore` for a slash-separated path relative to the chart. */
  ignores(path: string, isDir: boolean): boolean {
    if (path === "" || path === "." || path === "./") return false;
    for (const p of this.rules) {
      if (p.negate) {
        if (p.mustDir && !isDir) return true;
        if (!p.match(path)) return true;
        continue;
      }
      if (p.mustDir && !isDir) continue;
      if (p.match(path)) return true;
    }
    return false;
  }
}

function safeMatch(pattern: string, name: string): boolean {
  try {
    return goPathMatch(pattern, name);
  } catch {
    return false;
  }
}
