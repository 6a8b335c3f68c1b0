import { compareKeys, isMap, kindOf, toInt64, typeName, type GoFunc } from "../value.js";
import { int, sig, strslice, strval, tagType } from "./conv.js";
import { deepEqual, isEmpty } from "./equal.js";
import { fail } from "./errors.js";

/** The elements of a Go slice/array value, or undefined when it is not one. */
function elems(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return Array.from(v, (b) => BigInt(b));
  return undefined;
}

const NIL_DEREF = "runtime error: invalid memory address or nil pointer dereference";

/** reflect.TypeOf(nil).Kind() panics in Go; other kinds give Sprig's "Cannot X on type K". */
function listOf(v: unknown, msg: string): unknown[] {
  if (v === null || v === undefined) fail(NIL_DEREF);
  const e = elems(v);
  if (e === undefined) fail(`${msg} ${kindOf(v)}`);
  return e;
}

function inList(list: unknown[], x: unknown): boolean {
  for (const h of list) if (deepEqual(x, h)) return true;
  return false;
}

function chunk(size: number, list: unknown[]): unknown[][] {
  const l = list.length;
  const cs = Math.floor((l - 1) / size) + 1;
  if (!Number.isFinite(cs) || cs < 0) fail("runtime error: makeslice: len out of range");
  const out: unknown[][] = [];
  for (let i = 0; i < cs; i++) {
    let clen = size;
    if (i === cs - 1) {
      clen = Math.floor(l % size);
      if (clen === 0) clen = size;
    }
    if (clen < 0) fail("runtime error: makeslice: len out of range");
    const row: unknown[] = [];
    for (let j = 0; j < clen; j++) {
      const ix = i * size + j;
      if (ix >= l) fail(`runtime error: index out of range [${ix}] with length ${l}`);
      row.push(list[ix]);
    }
    out.push(row);
  }
  return out;
}

function slice(list: unknown, indices: unknown[], msg: string): unknown {
  const l = listOf(list, msg);
  if (l.length === 0) return null;
  const start = indices.length > 0 ? Number(toInt64(indices[0])) : 0;
  const end = indices.length < 2 ? l.length : Number(toInt64(indices[1]));
  if (start < 0 || end < start || end > l.length) fail(`reflect: slice index out of range`);
  return list instanceof Uint8Array ? list.slice(start, end) : l.slice(start, end);
}

/** Sprig's `untilStep`. */
export function untilStep(start: number, stop: number, step: number): bigint[] {
  const v: bigint[] = tagType([], "[]int");
  if (stop < start) {
    if (step >= 0) return v;
    for (let i = start; i > stop; i += step) v.push(BigInt(i));
    return v;
  }
  if (step <= 0) return v;
  for (let i = start; i < stop; i += step) v.push(BigInt(i));
  return v;
}

function seq(...params: unknown[]): string {
  const p = params.map(int);
  const fmtList = (l: bigint[]): string => l.join(" ");
  switch (p.length) {
    case 1: {
      const end = p[0]!;
      const inc = end < 1 ? -1 : 1;
      return fmtList(untilStep(1, end + inc, inc));
    }
    case 2: {
      const [start, end] = p as [number, number];
      const step = end < start ? -1 : 1;
      return fmtList(untilStep(start, end + step, step));
    }
    case 3: {
      const [start, step, end] = p as [number, number, number];
      let inc = 1;
      if (end < start) {
        inc = -1;
        if (step > 0) return "";
      }
      return fmtList(untilStep(start, end + inc, step));
    }
  }
  return "";
}

/** Sprig's list functions. `mustX` variants return errors; `X` panics (both become template errors). */
export function listFunctions(): Record<string, GoFunc> {
  const A = "any" as const;
  const fns: Record<string, GoFunc> = {
    list: sig([], (...v) => v, A),
    tuple: sig([], (...v) => v, A),
    concat: sig(
      [],
      (...lists) => {
        const res: unknown[] = [];
        for (const l of lists) {
          if (l === null || l === undefined) fail(NIL_DEREF);
          const e = elems(l);
          if (e === undefined) fail(`Cannot concat type ${kindOf(l)} as list`);
          res.push(...e);
        }
        return res;
      },
      A,
    ),
    sortAlpha: sig([A], (list) => {
      if (elems(list) !== undefined) return tagType(strslice(list).sort(compareKeys), "[]string");
      return tagType([strval(list)], "[]string");
    }),
    until: sig(["int"], (n) => {
      const c = int(n);
      return untilStep(0, c, c < 0 ? -1 : 1);
    }),
    untilStep: sig(["int", "int", "int"], (a, b, c) => untilStep(int(a), int(b), int(c))),
    seq: sig([], seq, "int"),
    dig: sig(
      [],
      (...ps) => {
        if (ps.length < 3) fail("dig needs at least three arguments");
        let dict = ps[ps.length - 1];
        const def = ps[ps.length - 2];
        const keys = ps.slice(0, -2).map((k) => (typeof k === "string" ? k : fail(`interface conversion: interface {} is ${kindName(k)}, not string`)));
        for (let i = 0; i < keys.length; i++) {
          if (!isMap(dict))
            fail(`interface conversion: interface {} is ${kindName(dict)}, not map[string]interface {}`);
          const d = dict as Record<string, unknown>;
          if (!Object.prototype.hasOwnProperty.call(d, keys[i]!)) return def;
          dict = d[keys[i]!];
          if (i === keys.length - 1) return dict;
        }
        return def;
      },
      A,
    ),
  };
  for (const must of [true, false]) {
    const name = (n: string): string => (must ? "must" + n[0]!.toUpperCase() + n.slice(1) : n);
    const push = sig([A, A], (l, v) => [...listOf(l, "Cannot push on type"), v]);
    fns[name("append")] = push;
    fns[name("push")] = push;
    fns[name("prepend")] = sig([A, A], (l, v) => [v, ...listOf(l, "Cannot prepend on type")]);
    fns[name("chunk")] = sig(["int", A], (n, l) => chunk(int(n), listOf(l, "Cannot chunk type")));
    fns[name("last")] = sig([A], (l) => {
      const e = listOf(l, "Cannot find last on type");
      return e.length === 0 ? null : e[e.length - 1];
    });
    fns[name("first")] = sig([A], (l) => {
      const e = listOf(l, "Cannot find first on type");
      return e.length === 0 ? null : e[0];
    });
    fns[name("rest")] = sig([A], (l) => {
      const e = listOf(l, "Cannot find rest on type");
      return e.slice(1);
    });
    fns[name("initial")] = sig([A], (l) => {
      const e = listOf(l, "Cannot find initial on type");
      return e.slice(0, -1);
    });
    fns[name("reverse")] = sig([A], (l) => [...listOf(l, "Cannot find reverse on type")].reverse());
    fns[name("compact")] = sig([A], (l) => listOf(l, "Cannot compact on type").filter((x) => !isEmpty(x)));
    fns[name("uniq")] = sig([A], (l) => {
      const dest: unknown[] = [];
      for (const x of listOf(l, "Cannot find uniq on type")) if (!inList(dest, x)) dest.push(x);
      return dest;
    });
    fns[name("without")] = sig(
      [A],
      (l, ...omit) => listOf(l, "Cannot find without on type").filter((x) => !inList(omit, x)),
      A,
    );
    fns[name("has")] = sig([A, A], (needle, hay) => {
      if (hay === null || hay === undefined) return false;
      const e = elems(hay);
      if (e === undefined) fail(`Cannot find has on type ${kindOf(hay)}`);
      return inList(e, needle);
    });
    fns[name("slice")] = sig([A], (l, ...idx) => slice(l, idx, "list should be type of slice or array but"), A);
  }
  return fns;
}

function kindName(v: unknown): string {
  return v === null || v === undefined ? "nil" : typeName(v);
}
