import { formatValue } from "../fmt.js";
import { toFloat64, toInt64, wrapInt64, type GoFunc } from "../value.js";
import { int, sig } from "./conv.js";
import { fail } from "./errors.js";

const A = "any" as const;

/** A decimal c × 10^e (shopspring/decimal, as Sprig's addf/subf/mulf/divf use it). */
interface Dec {
  c: bigint;
  e: number;
}

function decFromFloat(f: number): Dec {
  if (!Number.isFinite(f)) fail(`Cannot create a Decimal from ${f !== f ? "NaN" : f > 0 ? "+Inf" : "-Inf"}`);
  const [mant, exp] = String(f).split("e") as [string, string | undefined];
  const [ip, fp = ""] = mant.split(".") as [string, string | undefined];
  return { c: BigInt(ip + fp), e: Number(exp ?? 0) - fp.length };
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const e = Math.min(a.e, b.e);
  return [a.c * pow10(a.e - e), b.c * pow10(b.e - e), e];
}

const decOps: Record<string, (a: Dec, b: Dec) => Dec> = {
  add: (a, b) => {
    const [x, y, e] = align(a, b);
    return { c: x + y, e };
  },
  sub: (a, b) => {
    const [x, y, e] = align(a, b);
    return { c: x - y, e };
  },
  mul: (a, b) => ({ c: a.c * b.c, e: a.e + b.e }),
  // DivRound(b, 16): rounded half away from zero to 16 decimal places.
  div: (a, b) => {
    if (b.c === 0n) fail("decimal division by zero");
    const shift = a.e - b.e + 16;
    let num = a.c;
    let den = b.c;
    if (shift >= 0) num *= pow10(shift);
    else den *= pow10(-shift);
    let q = num / den;
    const r = num % den;
    const abs = (x: bigint): bigint => (x < 0n ? -x : x);
    if (2n * abs(r) >= abs(den)) q += (num < 0n) !== (den < 0n) ? -1n : 1n;
    return { c: q, e: -16 };
  },
};

function decimalOp(op: string, a: unknown, rest: unknown[]): number {
  let acc = decFromFloat(toFloat64(a));
  for (const x of rest) acc = decOps[op]!(acc, decFromFloat(toFloat64(x)));
  const v = Number(`${acc.c}e${acc.e}`);
  return v === 0 ? 0 : v;
}

function round(a: unknown, p: unknown, ...opt: unknown[]): number {
  const roundOn = opt.length > 0 ? toFloat64(opt[0]) : 0.5;
  const val = toFloat64(a);
  const pow = Math.pow(10, int(p));
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

/** strconv.Atoi as Sprig wraps it: 0 on syntax errors, clamped on range errors. */
function atoi(s: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(s)) return 0n;
  const n = BigInt(s);
  const max = (1n << 63n) - 1n;
  return n > max ? max : n < -max - 1n ? -max - 1n : n;
}

function toDecimal(v: unknown): bigint {
  const s = formatValue(v);
  if (!/^[+-]?[0-7]+$/.test(s)) return 0n;
  const neg = s.startsWith("-");
  const n = BigInt("0o" + s.replace(/^[+-]/, ""));
  const r = neg ? -n : n;
  return r > (1n << 63n) - 1n || r < -(1n << 63n) ? 0n : r;
}

function divide(a: bigint, b: bigint, what: string): bigint {
  if (b === 0n) fail("runtime error: integer divide by zero");
  return wrapInt64(what === "div" ? a / b : a % b);
}

/** Sprig's numeric functions: int64 math (bigint results), float math (number results), casts. */
export function numericFunctions(): Record<string, GoFunc> {
  const i64 = toInt64;
  return {
    atoi: sig(["string"], (s) => atoi(String(s))),
    int64: sig([A], (v) => i64(v)),
    int: sig([A], (v) => i64(v)),
    float64: sig([A], (v) => toFloat64(v)),
    toDecimal: sig([A], toDecimal),
    add1: sig([A], (v) => wrapInt64(i64(v) + 1n)),
    add: sig([], (...v) => v.reduce<bigint>((a, b) => wrapInt64(a + i64(b)), 0n), A),
    sub: sig([A, A], (a, b) => wrapInt64(i64(a) - i64(b))),
    div: sig([A, A], (a, b) => divide(i64(a), i64(b), "div")),
    mod: sig([A, A], (a, b) => divide(i64(a), i64(b), "mod")),
    mul: sig([A], (a, ...v) => v.reduce<bigint>((acc, b) => wrapInt64(acc * i64(b)), i64(a)), A),
    randInt: sig(["int", "int"], (lo, hi) => {
      const n = int(hi) - int(lo);
      if (n <= 0) fail("invalid argument to Intn");
      return BigInt(Math.floor(Math.random() * n) + int(lo));
    }),
    add1f: sig([A], (v) => decimalOp("add", v, [1n])),
    addf: sig([], (...v) => decimalOp("add", 0, v), A),
    subf: sig([A], (a, ...v) => decimalOp("sub", a, v), A),
    divf: sig([A], (a, ...v) => decimalOp("div", a, v), A),
    mulf: sig([A], (a, ...v) => decimalOp("mul", a, v), A),
    biggest: sig([A], (a, ...v) => v.reduce<bigint>((m, b) => (i64(b) > m ? i64(b) : m), i64(a)), A),
    max: sig([A], (a, ...v) => v.reduce<bigint>((m, b) => (i64(b) > m ? i64(b) : m), i64(a)), A),
    min: sig([A], (a, ...v) => v.reduce<bigint>((m, b) => (i64(b) < m ? i64(b) : m), i64(a)), A),
    maxf: sig([A], (a, ...v) => v.reduce<number>((m, b) => Math.max(m, toFloat64(b)), toFloat64(a)), A),
    minf: sig([A], (a, ...v) => v.reduce<number>((m, b) => Math.min(m, toFloat64(b)), toFloat64(a)), A),
    floor: sig([A], (v) => Math.floor(toFloat64(v))),
    ceil: sig([A], (v) => Math.ceil(toFloat64(v))),
    round: sig([A, "int"], round, "float64"),
  };
}
