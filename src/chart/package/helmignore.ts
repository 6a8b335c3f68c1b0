import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

// `.helmignore` as Helm reads it (pkg/ignore): one glob per line matched with Go's filepath.Match,
// against the base name unless the rule has a slash, `dir/` only matching folders, `!` negating
// — with Helm's quirk that a negated rule ignores every path it does *not* match. No `**`.

interface Rule {
  readonly negate: boolean;
  readonly mustDir: boolean;
  readonly full: boolean;
  readonly re: RegExp;
}

/** Parsed `.helmignore` rules. */
export interface HelmIgnore {
  /** True when Helm would leave this path (relative, forward slashes) out of the chart. */
  ignores(path: string, isDir: boolean): boolean;
}

/** Parses `.helmignore` text; Helm's default rule (`templates/.?*`) is added first. */
export function parseHelmIgnore(text: string): HelmIgnore {
  const rules: Rule[] = [];
  for (const raw of ["templates/.?*", ...text.split(/\r?\n/)]) {
    let rule = raw.trim();
    if (rule === "" || rule.startsWith("#") || rule.includes("**")) continue;
    const negate = rule.startsWith("!");
    if (negate) rule = rule.slice(1);
    const mustDir = rule.endsWith("/");
    if (mustDir) rule = rule.slice(0, -1);
    const full = rule.includes("/");
    rule = rule.replace(/^\//, "");
    const re = globToRegExp(rule);
    if (re) rules.push({ negate, mustDir, full, re });
  }
  return {
    ignores(path, isDir) {
      if (path === "" || path === "." || path === "./") return false;
      for (const r of rules) {
        const subject = r.full ? path : path.slice(path.lastIndexOf("/") + 1);
        if (r.negate) {
          if (r.mustDir && !isDir) return true;
          if (!r.re.test(subject)) return true;
          continue;
        }
        if (r.mustDir && !isDir) continue;
        if (r.re.test(subject)) return true;
      }
      return false;
    },
  };
}

/** Go's filepath.Match as a RegExp: `*` and `?` stop at `/`, `[...]` classes with `^` negation, `\` escapes. */
export function globToRegExp(glob: string): RegExp | undefined {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "\\") {
      i++;
      if (i >= glob.length) return undefined;
      out += escape(glob[i]!);
    } else if (c === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end < 0) return undefined;
      let body = glob.slice(i + 1, end);
      const neg = body.startsWith("^");
      if (neg) body = body.slice(1);
      out += `[${neg ? "^/" : ""}${body.replace(/[\]\\]/g, "\\$&")}]`;
      i = end;
    } else out += escape(c);
  }
  return new RegExp(`^${out}$`);
}

const escape = (c: string) => c.replace(/[.+^${}()|[\]\\*?]/g, "\\$&");

/** Reads a chart directory's `.helmignore` (no rules but the default when absent). */
export async function readHelmIgnore(dir: string): Promise<HelmIgnore> {
  return parseHelmIgnore(await readFile(join(dir, ".helmignore"), "utf8").catch(() => ""));
}

/** Every file of a chart directory that Helm would package, relative with forward slashes, sorted. */
export async function listPackagedFiles(dir: string, rules: HelmIgnore): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(rel ? join(dir, rel) : dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!rules.ignores(path, true)) await walk(path);
      } else if (e.isFile() && !rules.ignores(path, false)) out.push(path);
    }
  };
  await walk("");
  return out;
}
