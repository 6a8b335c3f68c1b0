// Go's time.Time (a GoStruct), layouts (Format/Parse) and time.Duration String/Parse.
import { GoStruct } from "../value.js";
import { fail } from "./errors.js";
import { zoneAbbreviation } from "./zoneinfo.js";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** A zone: "Local", "UTC" or an IANA name. */
function zoneInfo(zone: string, ms: number): { offset: number; abbr: string } {
  if (zone === "UTC") return { offset: 0, abbr: "UTC" };
  if (zone === "Local") {
    const offset = -new Date(ms).getTimezoneOffset() * 60;
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return { offset, abbr: tz === "UTC" || tz === "Etc/UTC" ? "UTC" : abbrFor(tz, ms, offset) };
  }
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(new Date(ms));
  const name = parts.find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d\d):(\d\d)/.exec(name);
  const offset = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
  return { offset, abbr: abbrFor(zone, ms, offset) };
}

function abbrFor(zone: string, ms: number, offset: number): string {
  const fromDb = zoneAbbreviation(zone, Math.floor(ms / 1000), offset);
  if (fromDb !== undefined) return fromDb;
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" }).formatToParts(new Date(ms));
  const name = parts.find((p) => p.type === "timeZoneName")?.value ?? "";
  if (/^[A-Z]{3,5}$/.test(name)) return name;
  // Go prints numeric abbreviations like "+03" when the zone database has no letters.
  const sign = offset < 0 ? "-" : "+";
  const a = Math.abs(offset);
  const h = String(Math.floor(a / 3600)).padStart(2, "0");
  const mm = Math.floor((a % 3600) / 60);
  return sign + h + (mm ? String(mm).padStart(2, "0") : "");
}

/** Checks an IANA zone name as time.LoadLocation does (undefined when unknown). */
export function loadLocation(name: string): string | undefined {
  if (name === "" || name === "UTC") return "UTC";
  if (name === "Local") return "Local";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return name;
  } catch {
    return undefined;
  }
}

/** Go's time.Time: an instant (ms + extra ns) in a location. */
export class GoTime extends GoStruct {
  /**
   * @param ms - Unix milliseconds
   * @param nsExtra - nanoseconds within the millisecond
   * @param zone - "Local", "UTC" or an IANA zone
   * @param fixed - a fixed zone (offset seconds and name) from parsing
   * @param mono - the monotonic clock reading (ns since process start) time.Now attaches
   */
  constructor(
    readonly ms: number,
    readonly nsExtra: number,
    readonly zone: string,
    readonly fixed?: { offset: number; abbr: string },
    readonly mono?: bigint,
  ) {
    super();
  }
  override goTypeName(): string {
    return "time.Time";
  }
  /** Offset (seconds east of UTC) and abbreviation. */
  zoneAt(): { offset: number; abbr: string } {
    return this.fixed ?? zoneInfo(this.zone, this.ms);
  }
  /** Time.In */
  In(zone: string): GoTime {
    return new GoTime(this.ms, this.nsExtra, zone);
  }
  /** Time.UTC */
  UTC(): GoTime {
    return this.In("UTC");
  }
  /** Time.Local */
  Local(): GoTime {
    return this.In("Local");
  }
  /** Time.Unix (a Go int64) */
  Unix(): bigint {
    return BigInt(Math.floor(this.ms / 1000));
  }
  /** Time.UnixNano */
  UnixNano(): bigint {
    return BigInt(this.ms) * 1000000n + BigInt(this.nsExtra);
  }
  /** Time.Nanosecond */
  nanos(): number {
    return (((this.ms % 1000) + 1000) % 1000) * 1e6 + this.nsExtra;
  }
  /** Wall clock fields in the time's zone. */
  fields(): { y: number; mo: number; d: number; h: number; mi: number; s: number; wd: number; yd: number; off: number; abbr: string } {
    const { offset, abbr } = this.zoneAt();
    const t = new Date(this.ms + offset * 1000);
    const y = t.getUTCFullYear();
    const yd = Math.floor((Date.UTC(y, t.getUTCMonth(), t.getUTCDate()) - Date.UTC(y, 0, 1)) / 86400000) + 1;
    return { y, mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), wd: t.getUTCDay(), yd, off: offset, abbr };
  }
  /** Time.Year */
  Year(): bigint {
    return BigInt(this.fields().y);
  }
  /** Time.Format */
  Format(layout: string): string {
    return formatTime(this, layout);
  }
  /** Time.Add (a Duration in nanoseconds) */
  Add(d: bigint): GoTime {
    const total = BigInt(this.nsExtra) + BigInt.asIntN(64, d);
    const msDelta = total / 1000000n - (total % 1000000n < 0n ? 1n : 0n);
    const rest = Number(total - msDelta * 1000000n);
    return new GoTime(this.ms + Number(msDelta), rest, this.zone, this.fixed, this.mono === undefined ? undefined : this.mono + BigInt.asIntN(64, d));
  }
  /** Time.String: "2006-01-02 15:04:05.999999999 -0700 MST", plus " m=±s.fffffffff" for time.Now values */
  String(): string {
    const s = formatTime(this, "2006-01-02 15:04:05.999999999 -0700 MST");
    if (this.mono === undefined) return s;
    const neg = this.mono < 0n;
    const a = neg ? -this.mono : this.mono;
    return `${s} m=${neg ? "-" : "+"}${a / 1000000000n}.${String(a % 1000000000n).padStart(9, "0")}`;
  }
  /** The value encoding/json writes (Time.MarshalJSON: RFC 3339 with nanoseconds). */
  jsonValue(): unknown {
    return formatTime(this, "2006-01-02T15:04:05.999999999Z07:00");
  }
}

const START = process.hrtime.bigint();

/** time.Now (with a monotonic reading, as Go prints it: `m=+0.000123456`). */
export function now(): GoTime {
  const hr = process.hrtime.bigint();
  return new GoTime(Date.now(), Number(hr % 1000000n), "Local", undefined, hr - START);
}

type Chunk = { lit: string } | { std: string; n?: number; sep?: string };

const STD = /^(January|Jan|Monday|Mon|MST|2006|002|__2|_2|01|02|03|04|05|06|15|1|2|3|4|5|PM|pm|Z070000|Z07:00:00|Z0700|Z07:00|Z07|-070000|-07:00:00|-0700|-07:00|-07)/;

function chunks(layout: string): Chunk[] {
  const out: Chunk[] = [];
  let lit = "";
  for (let i = 0; i < layout.length; ) {
    const rest = layout.slice(i);
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(rest);
    if (frac) {
      if (lit) out.push({ lit }), (lit = "");
      out.push({ std: frac[1]![0] === "0" ? "frac0" : "frac9", n: frac[1]!.length, sep: rest[0]! });
      i += frac[0].length;
      continue;
    }
    const m = STD.exec(rest);
    if (m && !(m[0] === "_2" && rest.startsWith("_2006"))) {
      if (lit) out.push({ lit }), (lit = "");
      out.push({ std: m[0] });
      i += m[0].length;
      continue;
    }
    lit += layout[i];
    i++;
  }
  if (lit) out.push({ lit });
  return out;
}

const pad = (n: number, w: number): string => String(n).padStart(w, "0");

function tz(off: number, std: string): string {
  if (std.startsWith("Z") && off === 0) return "Z";
  const sign = off < 0 ? "-" : "+";
  const a = Math.abs(off);
  const h = pad(Math.floor(a / 3600), 2);
  const m = pad(Math.floor((a % 3600) / 60), 2);
  const s = pad(a % 60, 2);
  const body = std.replace(/^[Z-]/, "");
  switch (body) {
    case "07":
      return sign + h;
    case "0700":
      return sign + h + m;
    case "07:00":
      return sign + h + ":" + m;
    case "070000":
      return sign + h + m + s;
    default:
      return sign + h + ":" + m + ":" + s;
  }
}

/** Time.Format with a Go layout. */
export function formatTime(t: GoTime, layout: string): string {
  const f = t.fields();
  let out = "";
  for (const c of chunks(layout)) {
    if ("lit" in c) {
      out += c.lit;
      continue;
    }
    switch (c.std) {
      case "January": out += MONTHS[f.mo - 1]; break;
      case "Jan": out += MONTHS[f.mo - 1]!.slice(0, 3); break;
      case "Monday": out += DAYS[f.wd]; break;
      case "Mon": out += DAYS[f.wd]!.slice(0, 3); break;
      case "MST": out += f.abbr || tz(f.off, "-0700"); break;
      case "2006": out += f.y < 0 ? "-" + pad(-f.y, 4) : pad(f.y, 4); break;
      case "06": out += pad(((f.y % 100) + 100) % 100, 2); break;
      case "01": out += pad(f.mo, 2); break;
      case "1": out += f.mo; break;
      case "02": out += pad(f.d, 2); break;
      case "_2": out += String(f.d).padStart(2, " "); break;
      case "2": out += f.d; break;
      case "002": out += pad(f.yd, 3); break;
      case "__2": out += String(f.yd).padStart(3, " "); break;
      case "15": out += pad(f.h, 2); break;
      case "3": out += f.h % 12 === 0 ? 12 : f.h % 12; break;
      case "03": out += pad(f.h % 12 === 0 ? 12 : f.h % 12, 2); break;
      case "4": out += f.mi; break;
      case "04": out += pad(f.mi, 2); break;
      case "5": out += f.s; break;
      case "05": out += pad(f.s, 2); break;
      case "PM": out += f.h >= 12 ? "PM" : "AM"; break;
      case "pm": out += f.h >= 12 ? "pm" : "am"; break;
      case "frac0": out += c.sep + pad(t.nanos(), 9).slice(0, c.n); break;
      case "frac9": {
        const digits = pad(t.nanos(), 9).slice(0, c.n).replace(/0+$/, "");
        if (digits) out += c.sep + digits;
        break;
      }
      default: out += tz(f.off, c.std);
    }
  }
  return out;
}

/** time.ParseInLocation for the usual layout elements; throws Go-like errors. */
export function parseTime(layout: string, value: string, zone: string): GoTime {
  let y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0, ns = 0, pm: boolean | undefined;
  let off: number | undefined;
  let abbr = "";
  let v = value;
  const bad = (): never => fail(`parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(v)} as ${JSON.stringify(layout)}`);
  const num = (min: number, max: number): number => {
    const m = new RegExp(`^[0-9]{${min},${max}}`).exec(v);
    if (!m) bad();
    v = v.slice(m![0].length);
    return Number(m![0]);
  };
  const cs = chunks(layout);
  for (let ci = 0; ci < cs.length; ci++) {
    const c = cs[ci]!;
    if ("lit" in c) {
      if (!v.startsWith(c.lit)) bad();
      v = v.slice(c.lit.length);
      continue;
    }
    switch (c.std) {
      case "2006": y = num(4, 4); break;
      case "06": y = num(2, 2); y += y >= 69 ? 1900 : 2000; break;
      case "01": case "1": mo = num(c.std === "01" ? 2 : 1, 2); break;
      case "02": case "2": d = num(c.std === "02" ? 2 : 1, 2); break;
      case "_2": if (v.startsWith(" ")) v = v.slice(1); d = num(1, 2); break;
      case "15": h = num(1, 2); break;
      case "3": case "03": h = num(c.std === "03" ? 2 : 1, 2); break;
      case "4": case "04": mi = num(c.std === "04" ? 2 : 1, 2); break;
      case "5": case "05": {
        s = num(c.std === "05" ? 2 : 1, 2);
        const next = cs[ci + 1];
        const fm = next && "std" in next && next.std.startsWith("frac") ? null : /^[.,]([0-9]+)/.exec(v);
        if (fm) (ns = Number(fm[1]!.slice(0, 9).padEnd(9, "0"))), (v = v.slice(fm[0].length));
        break;
      }
      case "frac0": case "frac9": {
        const fm = /^[.,]([0-9]*)/.exec(v);
        if (fm) (ns = Number((fm[1] || "0").slice(0, 9).padEnd(9, "0"))), (v = v.slice(fm[0].length));
        else if (c.std === "frac0") bad();
        break;
      }
      case "PM": case "pm": {
        const m = /^(AM|PM|am|pm)/.exec(v);
        if (!m) bad();
        pm = m![0].toUpperCase() === "PM";
        v = v.slice(2);
        break;
      }
      case "January": case "Jan": case "Monday": case "Mon": {
        const list = c.std.startsWith("J") ? MONTHS : DAYS;
        const long = c.std.length > 3;
        const idx = list.findIndex((n) => v.toLowerCase().startsWith((long ? n : n.slice(0, 3)).toLowerCase()));
        if (idx < 0) bad();
        v = v.slice(long ? list[idx]!.length : 3);
        if (list === MONTHS) mo = idx + 1;
        break;
      }
      case "MST": {
        const m = /^[A-Z]{3,5}|^[+-][0-9]{2,4}/.exec(v);
        if (!m) bad();
        abbr = m![0];
        if (abbr === "UTC" || abbr === "GMT") off = 0;
        v = v.slice(abbr.length);
        break;
      }
      default: {
        if (c.std.startsWith("Z") && v.startsWith("Z")) {
          off = 0;
          abbr = "UTC";
          v = v.slice(1);
          break;
        }
        const m = /^([+-])([0-9]{2})(?::?([0-9]{2}))?(?::?([0-9]{2}))?/.exec(v);
        if (!m) bad();
        off = (m![1] === "-" ? -1 : 1) * (Number(m![2]) * 3600 + Number(m![3] ?? 0) * 60 + Number(m![4] ?? 0));
        v = v.slice(m![0].length);
      }
    }
  }
  if (v !== "") fail(`parsing time ${JSON.stringify(value)}: extra text: ${JSON.stringify(v)}`);
  if (pm === true && h < 12) h += 12;
  if (pm === false && h === 12) h = 0;
  if (mo < 1 || mo > 12) fail(`parsing time ${JSON.stringify(value)}: month out of range`);
  const wd = new Date(0);
  wd.setUTCFullYear(y, mo - 1, d);
  wd.setUTCHours(h, mi, s, 0);
  const wall = wd.getTime();
  if (wd.getUTCDate() !== d) fail(`parsing time ${JSON.stringify(value)}: day out of range`);
  const msPart = Math.floor(ns / 1e6);
  const extra = ns % 1e6;
  if (off !== undefined) {
    const fixed = off === 0 && (abbr === "UTC" || abbr === "") ? undefined : { offset: off, abbr: abbr || "" };
    return new GoTime(wall - off * 1000 + msPart, extra, off === 0 && !fixed ? "UTC" : zone, fixed);
  }
  // Wall time in the zone: find the offset at that instant (two passes settle DST edges).
  let guess = wall - zoneInfo(zone, wall).offset * 1000;
  guess = wall - zoneInfo(zone, guess).offset * 1000;
  return new GoTime(guess + msPart, extra, zone);
}

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
