/**
 * `.Files`: Helm's `files` map (path → bytes) with its methods Get, GetBytes, Glob, Lines,
 * AsConfig and AsSecrets. It is a map for range/index/len and carries its methods under
 * {@link GO_METHODS} (Go's named map type with methods).
 */
import { toYaml } from "./to-yaml.js";

/** Where a map or slice value carries the methods of its Go named type. */
export const GO_METHODS: unique symbol = Symbol.for("berth.gotemplate.methods") as never;

/** A Go map of files: path → bytes. */
export type FilesMap = Record<string, Uint8Array>;

const decoder = new TextDecoder();

/** Compiles a gobwas/glob pattern (separator `/`) to a RegExp; undefined when malformed. */
export function compileGlob(pattern: string): RegExp | undefined {
  let i = 0;
  const parse = (inAlt: boolean): string => {
    let re = "";
    while (i < pattern.length) {
      const c = pattern[i]!;
      if (inAlt && (c === "," || c === "}")) return re;
      i++;
      if (c === "*") {
        if (pattern[i] === "*") {
          while (pattern[i] === "*") i++;
          re += "[\\s\\S]*";
        } else re += "[^/]*";
      } else if (c === "?") re += "[^/]";
      else if (c === "\\") {
        if (i >= pattern.length) throw new Error("bad escape");
        re += escapeRe(pattern[i++]!);
      } else if (c === "[") {
        let body = "";
        let neg = false;
        if (pattern[i] === "!") {
          neg = true;
          i++;
        }
        while (i < pattern.length && pattern[i] !== "]") {
          const ch = pattern[i++]!;
          body += ch === "\\" || ch === "^" || ch === "[" ? "\\" + ch : ch;
        }
        if (pattern[i] !== "]") throw new Error("unclosed class");
        i++;
        re += neg ? `[^${body}]` : `[${body}]`;
      } else if (c === "{") {
        const alts: string[] = [];
        for (;;) {
          alts.push(parse(true));
          if (i >= pattern.length) throw new Error("unclosed alternation");
          const d = pattern[i++];
          if (d === "}") break;
        }
        re += `(?:${alts.join("|")})`;
      } else re += escapeRe(c);
    }
    if (inAlt) throw new Error("unclosed alternation");
    return re;
  };
  try {
    return new RegExp(`^${parse(false)}$`);
  } catch {
    return undefined;
  }
}

function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? "\\" + c : c;
}

/** Creates Helm's `.Files` value over a chart's files. */
export function newFiles(from: Iterable<readonly [string, Uint8Array]>): FilesMap {
  const files: FilesMap = Object.create(null) as FilesMap;
  for (const [k, v] of from) files[k] = v;
  const methods = {
    GetBytes: (name: unknown): Uint8Array => files[String(name)] ?? new Uint8Array(0),
    Get: (name: unknown): string => decoder.decode(files[String(name)] ?? new Uint8Array(0)),
    Glob: (pattern: unknown): FilesMap => {
      const re = compileGlob(String(pattern)) ?? /^[\s\S]*$/;
      return newFiles(Object.keys(files).filter((k) => re.test(k)).map((k) => [k, files[k]!] as const));
    },
    AsConfig: (): string => {
      const m: Record<string, string> = {};
      for (const k of Object.keys(files)) m[k.slice(k.lastIndexOf("/") + 1)] = decoder.decode(files[k]!);
      return toYaml(m);
    },
    AsSecrets: (): string => {
      const m: Record<string, string> = {};
      for (const k of Object.keys(files)) m[k.slice(k.lastIndexOf("/") + 1)] = Buffer.from(files[k]!).toString("base64");
      return toYaml(m);
    },
    Lines: (path: unknown): string[] => {
      const b = files[String(path)];
      if (!b || b.length === 0) return [];
      let s = decoder.decode(b);
      if (s.endsWith("\n")) s = s.slice(0, -1);
      return s.split("\n");
    },
  };
  Object.defineProperty(files, GO_METHODS, { value: methods, enumerable: false });
  return files;
}
