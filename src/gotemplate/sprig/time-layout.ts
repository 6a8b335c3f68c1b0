// Go's time layouts ("2006-01-02T15:04:05Z07:00"): Time.Format (parsing is in time-parse.ts).

/** Go's month names. */
export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/** Go's weekday names. */
export const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** What formatting reads of a time (GoTime has it). */
export interface LayoutTime {
  /** Wall clock fields in the time's zone. */
  fields(): { y: number; mo: number; d: number; h: number; mi: number; s: number; wd: number; yd: number; off: number; abbr: string };
  /** The nanosecond within the second. */
  nanos(): number;
}

/** One element of a layout: literal text or a standard element (`2006`, `Jan`, `.000`, …). */
export type Chunk = { lit: string } | { std: string; n?: number; sep?: string };

const STD = /^(January|Jan|Monday|Mon|MST|2006|002|__2|_2|01|02|03|04|05|06|15|1|2|3|4|5|PM|pm|Z070000|Z07:00:00|Z0700|Z07:00|Z07|-070000|-07:00:00|-0700|-07:00|-07)/;

/** Splits a layout into literal text and standard elements. */
export function chunks(layout: string): Chunk[] {
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
export function formatTime(t: LayoutTime, layout: string): string {
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
