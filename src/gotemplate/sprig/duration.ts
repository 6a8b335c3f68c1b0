// Go's time.Duration: ParseDuration and String.
import { fail } from "./errors.js";

const UNITS: [string, bigint][] = [["h", 3600000000000n], ["m", 60000000000n], ["s", 1000000000n], ["ms", 1000000n], ["µs", 1000n], ["us", 1000n], ["ns", 1n]];

/** time.ParseDuration → nanoseconds. */
export function parseDuration(s: string): bigint {
  const orig = s;
  const bad = (): never => fail(`time: invalid duration ${JSON.stringify(orig)}`);
  let neg = false;
  if (s[0] === "-" || s[0] === "+") (neg = s[0] === "-"), (s = s.slice(1));
  if (s === "0") return 0n;
  if (s === "") bad();
  let exact = 0n;
  while (s !== "") {
    const m = /^([0-9]*)(\.([0-9]*))?/.exec(s)!;
    if (m[0] === "" || m[0] === "." || (m[1] === "" && (m[3] ?? "") === "")) bad();
    s = s.slice(m[0].length);
    const um = /^(ns|us|µs|μs|ms|s|m|h)/.exec(s);
    if (!um) fail(um === null && s === "" ? `time: missing unit in duration ${JSON.stringify(orig)}` : `time: unknown unit ${JSON.stringify(s.replace(/[0-9.].*$/, ""))} in duration ${JSON.stringify(orig)}`);
    const unit = UNITS.find(([n]) => n === (um![0] === "μs" ? "µs" : um![0]))![1];
    s = s.slice(um![0].length);
    const whole = BigInt(m[1] || "0") * unit;
    const fracDigits = m[3] ?? "";
    let frac = 0n;
    if (fracDigits) frac = (BigInt(fracDigits) * unit) / 10n ** BigInt(fracDigits.length);
    exact += whole + frac;
  }
  if (exact > (1n << 63n) - 1n) bad();
  return neg ? -exact : exact;
}

function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let digits = "";
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) digits = digit.toString() + digits;
    v /= 10n;
  }
  return [print ? "." + digits : "", v];
}

/** time.Duration.String */
export function durationString(d: bigint): string {
  if (d === 0n) return "0s";
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  if (u < 1000000000n) {
    let prec: number;
    let unit: string;
    if (u < 1000n) return (neg ? "-" : "") + u + "ns";
    if (u < 1000000n) (prec = 3), (unit = "µs");
    else (prec = 6), (unit = "ms");
    const [frac, w] = fmtFrac(u, prec);
    out = w.toString() + frac + unit;
  } else {
    const [frac, secs] = fmtFrac(u, 9);
    u = secs;
    out = (u % 60n).toString() + frac + "s";
    u /= 60n;
    if (u > 0n) {
      out = (u % 60n).toString() + "m" + out;
      u /= 60n;
      if (u > 0n) out = u.toString() + "h" + out;
    }
  }
  return (neg ? "-" : "") + out;
}
