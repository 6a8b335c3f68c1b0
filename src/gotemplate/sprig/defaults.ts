import type { GoFunc } from "../value.js";
import { sig, str } from "./conv.js";
import { deepCopy, isEmpty } from "./equal.js";
import { fail } from "./errors.js";
import { goJson, goJsonParse } from "./json.js";

const A = "any" as const;

function tryOr<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

function copyOrPanic(v: unknown): unknown {
  if (v === null || v === undefined) fail("reflect: call of reflect.Value.Type on zero Value");
  return deepCopy(v);
}

/** Sprig's defaults, flow and JSON functions (`default`, `empty`, `coalesce`, `ternary`, `toJson`…). */
export function defaultFunctions(): Record<string, GoFunc> {
  return {
    default: sig([A], (d, ...given) => (given.length === 0 || isEmpty(given[0]) ? d : given[0]), A),
    empty: sig([A], (v) => isEmpty(v)),
    coalesce: sig([], (...v) => v.find((x) => !isEmpty(x)) ?? null, A),
    all: sig([], (...v) => v.every((x) => !isEmpty(x)), A),
    any: sig([], (...v) => v.some((x) => !isEmpty(x)), A),
    ternary: sig([A, A, "bool"], (t, f, c) => (c === true ? t : f)),
    fromJson: sig(["string"], (s) => tryOr(() => goJsonParse(str(s)), null)),
    mustFromJson: sig(["string"], (s) => goJsonParse(str(s))),
    toJson: sig([A], (v) => tryOr(() => goJson(v), "")),
    mustToJson: sig([A], (v) => goJson(v)),
    toPrettyJson: sig([A], (v) => tryOr(() => goJson(v, { indent: "  " }), "")),
    mustToPrettyJson: sig([A], (v) => goJson(v, { indent: "  " })),
    toRawJson: sig([A], (v) => goJson(v, { escapeHTML: false })),
    mustToRawJson: sig([A], (v) => goJson(v, { escapeHTML: false })),
    deepCopy: sig([A], copyOrPanic),
    mustDeepCopy: sig([A], copyOrPanic),
  };
}
