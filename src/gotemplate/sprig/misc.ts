import { kindOf, typeName, type GoFunc } from "../value.js";
import { dictArg, sig, str, taggedType } from "./conv.js";
import { b32dec, b32enc, b64dec, b64enc } from "./encoding.js";
import { deepEqual } from "./equal.js";
import { fail } from "./errors.js";
import { base, clean, dir, ext, isAbs } from "./paths.js";
import { urlJoin, urlParse } from "./url.js";

const S = "string" as const;

/** Sprig's reflection, path, encoding, URL and network functions. */
export function miscFunctions(): Record<string, GoFunc> {
  const typeOf = (v: unknown): string => (v === null || v === undefined ? "<nil>" : taggedType(v) ?? typeName(v));
  return {
    hello: sig([], () => "Hello!"),
    typeOf: sig(["any"], typeOf),
    typeIs: sig([S, "any"], (t, v) => str(t) === typeOf(v)),
    typeIsLike: sig([S, "any"], (t, v) => str(t) === typeOf(v) || "*" + str(t) === typeOf(v)),
    kindOf: sig(["any"], (v) => kindOf(v)),
    kindIs: sig([S, "any"], (t, v) => str(t) === kindOf(v)),
    deepEqual: sig(["any", "any"], (a, b) => deepEqual(a, b)),
    base: sig([S], (p) => base(str(p))),
    dir: sig([S], (p) => dir(str(p))),
    clean: sig([S], (p) => clean(str(p))),
    ext: sig([S], (p) => ext(str(p))),
    isAbs: sig([S], (p) => isAbs(str(p))),
    osBase: sig([S], (p) => base(str(p))),
    osDir: sig([S], (p) => dir(str(p))),
    osClean: sig([S], (p) => clean(str(p))),
    osExt: sig([S], (p) => ext(str(p))),
    osIsAbs: sig([S], (p) => isAbs(str(p))),
    b64enc: sig([S], (s) => b64enc(str(s))),
    b64dec: sig([S], (s) => b64dec(str(s))),
    b32enc: sig([S], (s) => b32enc(str(s))),
    b32dec: sig([S], (s) => b32dec(str(s))),
    urlParse: sig([S], (s) => urlParse(str(s))),
    urlJoin: sig(["map[string]interface {}"], (d) => urlJoin(dictArg(d) ?? {})),
    // A renderer does no network lookups: only localhost resolves; anything else gives "".
    getHostByName: sig([S], (h) => (str(h) === "localhost" ? "127.0.0.1" : "")),
    fail: sig([S], (m) => fail(str(m))),
  };
}

