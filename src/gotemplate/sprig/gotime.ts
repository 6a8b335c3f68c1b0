// Go's time.Time as a GoStruct: zones (Local, UTC, IANA), time.Now with its monotonic reading.
import { GoStruct } from "../value.js";
import { formatTime } from "./time-layout.js";
import { zoneAbbreviation } from "./zoneinfo.js";

/** Offset and abbreviation of a zone ("Local", "UTC" or an IANA name) at an instant. */
export function zoneInfo(zone: string, ms: number): { offset: number; abbr: string } {
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
