/**
 * Go's strconv float formatting ('e', 'f', 'g' with shortest or fixed precision), exact to
 * the byte: shortest digits as JS finds them (both pick the shortest round-tripping digits
 * closest to the value), fixed precision by exact decimal expansion rounded half to even.
 */

/** Decimal digits of |x| without trailing zeros and the decimal point position (value = 0.d × 10^dp). */
interface Digits {
  d: string;
  dp: number;
}

function shortestDigits(x: number): Digits {
  if (x === 0) return { d: "", dp: 0 };
  const s = x.toExponential();
  const e = s.indexOf("e");
  const d = s[1] === "." ? s[0] + s.slice(2, e) : s.slice(0, e);
  return { d, dp: Number(s.slice(e + 1)) + 1 };
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function exactDigits(x: number): Digits {
  if (x === 0) return { d: "", dp: 0 };
  f64[0] = x;
  const bits = u64[0]!;
  let exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (exp === 0) exp = 1;
  else mant |= 1n << 52n;
  exp -= 1075;
  let d: string;
  let dp: number;
  if (exp >= 0) {
    d = (mant << BigInt(exp)).toString();
    dp = d.length;
  } else {
    d = (mant * 5n ** BigInt(-exp)).toString();
    dp = d.length + exp;
  }
  let end = d.length;
  while (end > 0 && d.charCodeAt(end - 1) === 48) end--;
  return { d: d.slice(0, end), dp };
}

/** Rounds to nd digits, half to even (strconv's decimal.Round). */
function roundDigits(a: Digits, nd: number): Digits {
  if (nd < 0 || nd >= a.d.length) return a;
  const c = a.d.charCodeAt(nd);
  let up: boolean;
  if (c === 53 && nd + 1 === a.d.length) up = nd > 0 && (a.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  else up = c >= 53;
  if (!up) {
    let end = nd;
    while (end > 0 && a.d.charCodeAt(end - 1) === 48) end--;
    return { d: a.d.slice(0, end), dp: a.dp };
  }
  for (let i = nd - 1; i >= 0; i--) {
    const ch = a.d.charCodeAt(i);
    if (ch < 57) return { d: a.d.slice(0, i) + String.fromCharCode(ch + 1), dp: a.dp };
  }
  return { d: "1", dp: a.dp + 1 };
}

function fmtE(digs: Digits, prec: number, e: string): string {
  let s = digs.d.length > 0 ? digs.d[0]! : "0";
  if (prec > 0) {
    s += ".";
    const m = Math.min(digs.d.length, prec + 1);
    if (m > 1) s += digs.d.slice(1, m);
    if (prec + 1 > m) s += "0".repeat(prec + 1 - Math.max(m, 1));
  }
  let exp = digs.d.length === 0 ? 0 : digs.dp - 1;
  s += e;
  if (exp < 0) {
    s += "-";
    exp = -exp;
  } else s += "+";
  return s + (exp < 10 ? "0" + exp : String(exp));
}

function fmtF(digs: Digits, prec: number): string {
  let s: string;
  if (digs.dp > 0) {
    const m = Math.min(digs.d.length, digs.dp);
    s = digs.d.slice(0, m);
    if (m < digs.dp) s += "0".repeat(digs.dp - m);
  } else s = "0";
  if (prec > 0) {
    s += ".";
    for (let i = 1; i <= prec; i++) {
      const j = digs.dp + i - 1;
      s += j >= 0 && j < digs.d.length ? digs.d[j] : "0";
    }
  }
  return s;
}

/**
 * strconv.FormatFloat(x, fmt, prec, 64) for fmt in e, E, f, g, G; prec -1 means shortest.
 */
export function formatFloat(x: number, fmt: "e" | "E" | "f" | "g" | "G" | "x" | "X", prec: number): string {
  if (x !== x) return "NaN";
  if (fmt === "x" || fmt === "X") return formatHexFloat(x, fmt, prec);
  if (x === Infinity) return "+Inf";
  if (x === -Infinity) return "-Inf";
  const neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  const shortest = prec < 0;
  let digs: Digits;
  if (shortest) {
    digs = shortestDigits(ax);
    if (fmt === "e" || fmt === "E") prec = Math.max(digs.d.length - 1, 0);
    else if (fmt === "f") prec = Math.max(digs.d.length - digs.dp, 0);
    else prec = digs.d.length;
  } else {
    digs = exactDigits(ax);
    if (fmt === "e" || fmt === "E") digs = roundDigits(digs, prec + 1);
    else if (fmt === "f") digs = roundDigits(digs, digs.dp + prec);
    else {
      if (prec === 0) prec = 1;
      digs = roundDigits(digs, prec);
    }
  }
  const sign = neg ? "-" : "";
  if (fmt === "e" || fmt === "E") return sign + fmtE(digs, prec, fmt);
  if (fmt === "f") return sign + fmtF(digs, prec);
  let eprec = prec;
  if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
  if (shortest) eprec = 6;
  const exp = digs.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > digs.d.length) prec = digs.d.length;
    return sign + fmtE(digs, prec - 1, fmt === "g" ? "e" : "E");
  }
  if (prec > digs.dp) prec = digs.d.length;
  return sign + fmtF(digs, Math.max(prec - digs.dp, 0));
}

/** strconv's %x for floats: -0x1.yyyp±dd (shortest when prec < 0). */
function formatHexFloat(x: number, fmt: "x" | "X", prec: number): string {
  if (x === Infinity) return "+Inf";
  if (x === -Infinity) return "-Inf";
  f64[0] = x;
  const bits = u64[0]!;
  const neg = bits >> 63n === 1n;
  let exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (exp === 0) exp = 1;
  else mant |= 1n << 52n;
  exp -= 1023;
  if (mant === 0n) exp = 0;
  const M60 = 1n << 60n;
  mant <<= 8n;
  while (mant !== 0n && (mant & M60) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & (M60 - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = fmt === "X" ? "0123456789ABCDEF" : "0123456789abcdef";
  const MASK64 = (1n << 64n) - 1n;
  let s = (neg ? "-" : "") + "0" + fmt + String((mant >> 60n) & 1n);
  mant = (mant << 4n) & MASK64;
  if (prec < 0 && mant !== 0n) {
    s += ".";
    while (mant !== 0n) {
      s += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & MASK64;
    }
  } else if (prec > 0) {
    s += ".";
    for (let i = 0; i < prec; i++) {
      s += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & MASK64;
    }
  }
  s += fmt === "X" ? "P" : "p";
  s += exp < 0 ? "-" : "+";
  const e = Math.abs(exp);
  return s + (e < 10 ? "0" + e : String(e));
}
