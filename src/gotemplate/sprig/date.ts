import { typeName, type GoFunc } from "../value.js";
import { sig, str } from "./conv.js";
import { fail } from "./errors.js";
import { durationString, parseDuration } from "./duration.js";
import { GoTime, loadLocation, now } from "./gotime.js";
import { parseTime } from "./time-parse.js";

const A = "any" as const;
const S = "string" as const;

/** The zero time.Time (0001-01-01 00:00:00 UTC). */
function zeroTime(): GoTime {
  const d = new Date(0);
  d.setUTCFullYear(1, 0, 1);
  return new GoTime(d.getTime(), 0, "UTC");
}

function timeArg(v: unknown): GoTime {
  if (v instanceof GoTime) return v;
  fail(`wrong type for value; expected time.Time; got ${v === null || v === undefined ? "<nil>" : typeName(v)}`);
}

function asTime(v: unknown): GoTime {
  if (v instanceof GoTime) return v;
  if (typeof v === "bigint") return new GoTime(Number(v) * 1000, 0, "Local");
  return now();
}

function dateInZone(layout: string, date: unknown, zone: string): string {
  const loc = loadLocation(zone) ?? "UTC";
  return asTime(date).In(loc).Format(layout);
}

function roundSecond(ns: bigint): bigint {
  const s = 1000000000n;
  const r = ns % s;
  const abs = r < 0n ? -r : r;
  let q = ns - r;
  if (abs + abs >= s) q += ns < 0n ? -s : s;
  return q;
}

function since(t: GoTime): bigint {
  return now().UnixNano() - t.UnixNano();
}

function durationRound(v: unknown): string {
  let d = 0n;
  if (typeof v === "string") {
    try {
      d = parseDuration(v);
    } catch {
      d = 0n;
    }
  } else if (typeof v === "bigint") d = v;
  else if (v instanceof GoTime) d = since(v);
  let u = d < 0n ? -d : d;
  u = BigInt.asUintN(64, u);
  const hour = 3600000000000n;
  const units: [bigint, string][] = [[hour * 24n * 365n, "y"], [hour * 24n * 30n, "mo"], [hour * 24n, "d"], [hour, "h"], [60000000000n, "m"], [1000000000n, "s"]];
  for (const [size, name] of units) if (u > size) return (u / size).toString() + name;
  return "0s";
}

/** Sprig's date functions (Go layouts, time.Time values as {@link GoTime}). */
export function dateFunctions(): Record<string, GoFunc> {
  const modify = (must: boolean) => (f: unknown, d: unknown) => {
    const t = timeArg(d);
    try {
      return t.Add(parseDuration(str(f)));
    } catch (e) {
      if (must) throw e;
      return t;
    }
  };
  const toDate = (must: boolean) => (layout: unknown, s: unknown) => {
    try {
      return parseTime(str(layout), str(s), "Local");
    } catch (e) {
      if (must) throw e;
      return zeroTime();
    }
  };
  return {
    now: sig([], () => now()),
    ago: sig([A], (d) => durationString(roundSecond(since(asTime(d))))),
    date: sig([S, A], (f, d) => dateInZone(str(f), d, "Local")),
    dateInZone: sig([S, A, S], (f, d, z) => dateInZone(str(f), d, str(z))),
    date_in_zone: sig([S, A, S], (f, d, z) => dateInZone(str(f), d, str(z))),
    htmlDate: sig([A], (d) => dateInZone("2006-01-02", d, "Local")),
    htmlDateInZone: sig([A, S], (d, z) => dateInZone("2006-01-02", d, str(z))),
    dateModify: sig([S, A], modify(false)),
    date_modify: sig([S, A], modify(false)),
    mustDateModify: sig([S, A], modify(true)),
    must_date_modify: sig([S, A], modify(true)),
    duration: sig([A], (v) => {
      let n = 0n;
      if (typeof v === "string") n = /^[+-]?[0-9]+$/.test(v) ? BigInt(v) : 0n;
      else if (typeof v === "bigint") n = v;
      return durationString(BigInt.asIntN(64, n * 1000000000n));
    }),
    durationRound: sig([A], durationRound),
    toDate: sig([S, S], toDate(false)),
    mustToDate: sig([S, S], toDate(true)),
    unixEpoch: sig([A], (d) => timeArg(d).Unix().toString()),
  };
}
