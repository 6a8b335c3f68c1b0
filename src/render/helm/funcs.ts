/**
 * Helm's template functions on top of Sprig (engine/funcs.go + engine.go's initFunMap):
 * toYaml/fromYaml/toJson/fromJson/toToml…, and the per-render include, tpl, required, fail, lookup.
 */
import { GoStruct, isMap, withSignature, type GoFunc, type GoFuncMap } from "../../gotemplate/value.js";
import { TemplateSet } from "../../gotemplate/template.js";
import { TemplateError, TemplateExecError } from "../../gotemplate/errors.js";
import { goQuote } from "../../gotemplate/quote.js";
import { sprigFunctions } from "../../gotemplate/sprig/index.js";
import { goJson } from "../../gotemplate/sprig/json.js";
import { structJson, toYaml } from "./to-yaml.js";
import { readYamlArray, readYamlMap } from "../../chart/helm/yaml-read.js";
import { toToml } from "./toml.js";

/** Marks a message as Helm's `required`/`fail` text so errors show it alone (warnWrap). */
export const WARN_START = "HELM_ERR_START";
/** End marker of {@link WARN_START}. */
export const WARN_END = "HELM_ERR_END";

const RECURSION_MAX = 1000;

/** `lookup(apiVersion, kind, namespace, name)`: an empty map in `helm template`. */
export type LookupFunc = (apiVersion: string, kind: string, namespace: string, name: string) => Record<string, unknown>;

const S = "string" as const;
const A = "any" as const;

/** Replaces structs by their encoding/json view, for json.Marshal. */
function jsonPrepare(v: unknown): unknown {
  if (v instanceof GoStruct) return jsonPrepare(structJson(v));
  if (Array.isArray(v)) return v.map(jsonPrepare);
  if (isMap(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = jsonPrepare(v[k]);
    return out;
  }
  return v;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** json.Unmarshal into interface{}: numbers are float64. */
function jsonUnmarshal(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch (e) {
    throw new Error(s.trim() === "" ? "unexpected end of JSON input" : errorText(e));
  }
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v !== null && typeof v === "object") return "object";
  return typeof v === "string" ? "string" : typeof v === "boolean" ? "bool" : "number";
}

/** The functions Helm adds to Sprig that need no render state. */
export function helmStaticFunctions(): GoFuncMap {
  return {
    toYaml: withSignature({ params: [A] }, (v) => toYaml(v)),
    toYamlPretty: withSignature({ params: [A] }, (v) => toYaml(v)),
    fromYaml: withSignature({ params: [S] }, (s) => {
      try {
        return readYamlMap(String(s));
      } catch (e) {
        return { Error: errorText(e) };
      }
    }),
    fromYamlArray: withSignature({ params: [S] }, (s) => {
      try {
        return readYamlArray(String(s));
      } catch (e) {
        return [errorText(e)];
      }
    }),
    toJson: withSignature({ params: [A] }, (v) => {
      try {
        return goJson(jsonPrepare(v));
      } catch {
        return "";
      }
    }),
    fromJson: withSignature({ params: [S] }, (s) => {
      try {
        const v = jsonUnmarshal(String(s));
        if (v === null) return {};
        if (!isMap(v)) return { Error: `json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}` };
        return v;
      } catch (e) {
        return { Error: errorText(e) };
      }
    }),
    fromJsonArray: withSignature({ params: [S] }, (s) => {
      try {
        const v = jsonUnmarshal(String(s));
        if (v === null) return [];
        if (!Array.isArray(v)) return [`json: cannot unmarshal ${jsonKind(v)} into Go value of type []interface {}`];
        return v;
      } catch (e) {
        return [errorText(e)];
      }
    }),
    toToml: withSignature({ params: [A] }, (v) => toToml(v)),
    fromToml: withSignature({ params: [S] }, () => ({ Error: "fromToml is not supported" })),
    getHostByName: withSignature({ params: [S] }, () => ""),
  };
}

/** Sprig (minus env/expandenv) plus Helm's static functions. */
export function helmBaseFunctions(): GoFuncMap {
  const f = sprigFunctions();
  delete f["env"];
  delete f["expandenv"];
  return { ...f, ...helmStaticFunctions() };
}

/** Per-render state of include/tpl (Go's includedNames). */
export interface RenderFuncState {
  readonly included: Map<string, number>;
  readonly lookup: LookupFunc;
}

function includeFunc(t: TemplateSet, state: RenderFuncState): GoFunc {
  return withSignature({ params: [S, A] }, (name, data) => {
    const n = String(name);
    const count = state.included.get(n);
    if (count !== undefined) {
      if (count > RECURSION_MAX) throw new Error(`rendering template has a nested reference name: ${n}: unable to execute template`);
      state.included.set(n, count + 1);
    } else state.included.set(n, 1);
    try {
      return t.execute(n, data);
    } finally {
      state.included.set(n, state.included.get(n)! - 1);
    }
  });
}

function tplFunc(parent: TemplateSet, state: RenderFuncState): GoFunc {
  return withSignature({ params: [S, A] }, (text, vals) => {
    const t = parent.clone();
    t.missingKey = "zero";
    t.addFuncs({ include: includeFunc(t, state), tpl: tplFunc(t, state) });
    const src = String(text);
    try {
      t.parse(parent.name, src);
    } catch (e) {
      throw new Error(`cannot parse template ${goQuote(src)}: ${errorText(e)}`, { cause: e });
    }
    let out: string;
    try {
      out = t.execute(parent.name, vals);
    } catch (e) {
      throw new Error(`error during tpl function execution for ${goQuote(src)}: ${errorText(e)}`, { cause: e });
    }
    return out.replaceAll("<no value>", "");
  });
}

/** Installs Helm's per-render functions (include, tpl, required, fail, lookup) on a template set. */
export function installRenderFunctions(t: TemplateSet, state: RenderFuncState): void {
  t.addFuncs({
    include: includeFunc(t, state),
    tpl: tplFunc(t, state),
    required: withSignature({ params: [S, A] }, (warn, val) => {
      if (val === null || val === undefined || val === "") throw new Error(WARN_START + String(warn) + WARN_END);
      return val;
    }),
    fail: withSignature({ params: [S] }, (msg) => {
      throw new Error(WARN_START + String(msg) + WARN_END);
    }),
    lookup: withSignature({ params: [S, S, S, S] }, (a, k, ns, n) => state.lookup(String(a), String(k), String(ns), String(n))),
    ...fromYamlFunctions(),
  });
}

/** Texts longer than this are parsed each time (they are rarely repeated). */
const FROM_YAML_CACHE_TEXT_MAX = 64 * 1024;
/** At most this many parsed texts are kept per render. */
const FROM_YAML_CACHE_MAX = 512;

/** A copy of fromYaml's result (plain maps, arrays and JSON scalars only): templates may modify it. */
function copyJsonValue(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(copyJsonValue);
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(src)) out[k] = copyJsonValue(src[k]);
  return out;
}

/**
 * fromYaml and fromYamlArray for one render, remembering each text's result: library charts
 * (bitnami's `common`) parse the same included labels and values many times per render. Each call
 * returns a fresh copy, as Go returns a fresh map.
 */
function fromYamlFunctions(): GoFuncMap {
  const cached = (read: (text: string) => unknown, failed: (e: unknown) => unknown): GoFunc => {
    const results = new Map<string, unknown>();
    return withSignature({ params: [S] }, (s) => {
      const text = String(s);
      let v = results.get(text);
      if (v === undefined) {
        try {
          v = read(text);
        } catch (e) {
          v = failed(e);
        }
        if (text.length <= FROM_YAML_CACHE_TEXT_MAX && results.size < FROM_YAML_CACHE_MAX) results.set(text, v);
        else return v;
      }
      return copyJsonValue(v);
    });
  };
  return {
    fromYaml: cached(readYamlMap, (e) => ({ Error: errorText(e) })),
    fromYamlArray: cached(readYamlArray, (e) => [errorText(e)]),
  };
}

/** Helm's cleanupExecError: a required/fail message becomes `execution error at (file:line:col): msg`. */
export function cleanupExecError(filename: string, e: unknown): Error {
  if (!(e instanceof TemplateError) || e.code !== "TemplateExecError") return e instanceof Error ? e : new Error(String(e));
  const tokens = e.message.split(": ");
  if (tokens.length < 3) return new TemplateExecError(`execution error in (${filename}): ${e.message}`, { cause: e });
  const location = tokens[1]!;
  const rest = tokens.slice(2).join(": ");
  const m = new RegExp(`${WARN_START}([\\s\\S]*)${WARN_END}`).exec(rest);
  if (m) return new TemplateExecError(`execution error at (${location}): ${m[1]}`, { cause: e });
  return e;
}
