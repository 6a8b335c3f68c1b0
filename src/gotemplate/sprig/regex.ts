import type { GoFunc } from "../value.js";
import { int, sig, str, tagType } from "./conv.js";
import { compile, findAll, findString, matchString, mustCompile, quoteMeta, replaceAll, split, type GoRegexp } from "./re2.js";

type Mode = "must" | "panic";

function re(mode: Mode, expr: unknown): GoRegexp {
  return mode === "must" ? compile(str(expr)) : mustCompile(str(expr));
}

/** Sprig's regex functions (Go RE2 syntax). `mustX` returns Go's compile error; `X` panics with MustCompile's. */
export function regexFunctions(): Record<string, GoFunc> {
  const S = "string" as const;
  const fns: Record<string, GoFunc> = {
    regexMatch: sig([S, S], (r, s) => {
      try {
        return matchString(compile(str(r)), str(s));
      } catch {
        return false;
      }
    }),
    mustRegexMatch: sig([S, S], (r, s) => matchString(compile(str(r)), str(s))),
    regexQuoteMeta: sig([S], (s) => quoteMeta(str(s))),
  };
  for (const mode of ["must", "panic"] as const) {
    const name = (n: string): string => (mode === "must" ? "must" + n[0]!.toUpperCase() + n.slice(1) : n);
    fns[name("regexFindAll")] = sig([S, S, "int"], (r, s, n) => tagType(findAll(re(mode, r), str(s), int(n)).map((m) => m[0]), "[]string"));
    fns[name("regexFind")] = sig([S, S], (r, s) => findString(re(mode, r), str(s)));
    fns[name("regexReplaceAll")] = sig([S, S, S], (r, s, repl) => replaceAll(re(mode, r), str(s), str(repl), false));
    fns[name("regexReplaceAllLiteral")] = sig([S, S, S], (r, s, repl) => replaceAll(re(mode, r), str(s), str(repl), true));
    fns[name("regexSplit")] = sig([S, S, "int"], (r, s, n) => tagType(split(re(mode, r), str(s), int(n)) ?? [], "[]string"));
  }
  return fns;
}
