// Time zone abbreviations from the system zoneinfo database (TZif), as Go's time package reads them.
import { readFileSync } from "node:fs";

interface Zone {
  times: number[]; // transition instants, Unix seconds
  idx: number[]; // ttinfo index per transition
  types: { off: number; abbr: string }[];
  footer: { std: string; stdOff: number; dst?: string } | undefined;
}

const cache = new Map<string, Zone | null>();

function parseFooter(tz: string): Zone["footer"] {
  const m = /^(<[^>]+>|[A-Za-z]+)([+-]?\d+(?::\d+){0,2})(<[^>]+>|[A-Za-z]+)?/.exec(tz);
  if (!m) return undefined;
  const name = (s: string): string => s.replace(/^<|>$/g, "");
  const [h = "0", mi = "0", se = "0"] = m[2]!.replace(/^[+-]/, "").split(":");
  const sign = m[2]!.startsWith("-") ? 1 : -1; // POSIX offsets are west-positive
  const stdOff = sign * (Number(h) * 3600 + Number(mi) * 60 + Number(se));
  return { std: name(m[1]!), stdOff, ...(m[3] ? { dst: name(m[3]) } : {}) };
}

function load(name: string): Zone | null {
  if (!/^[A-Za-z0-9_+\-/]+$/.test(name) || name.includes("..")) return null;
  let buf: Buffer;
  try {
    buf = readFileSync(`/usr/share/zoneinfo/${name}`);
  } catch {
    return null;
  }
  if (buf.toString("latin1", 0, 4) !== "TZif") return null;
  const counts = (off: number): number[] => [0, 1, 2, 3, 4, 5].map((i) => buf.readUInt32BE(off + 20 + i * 4));
  let [isut, isstd, leap, timecnt, typecnt, charcnt] = counts(0) as [number, number, number, number, number, number];
  let off = 44;
  let wide = false;
  if (buf[4]! >= 0x32) {
    off += timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isut;
    [isut, isstd, leap, timecnt, typecnt, charcnt] = counts(off) as [number, number, number, number, number, number];
    off += 44;
    wide = true;
  }
  const times: number[] = [];
  for (let i = 0; i < timecnt; i++) times.push(wide ? Number(buf.readBigInt64BE(off + i * 8)) : buf.readInt32BE(off + i * 4));
  off += timecnt * (wide ? 8 : 4);
  const idx = Array.from(buf.subarray(off, off + timecnt));
  off += timecnt;
  const raw: { off: number; ai: number }[] = [];
  for (let i = 0; i < typecnt; i++) raw.push({ off: buf.readInt32BE(off + i * 6), ai: buf[off + i * 6 + 5]! });
  off += typecnt * 6;
  const chars = buf.toString("latin1", off, off + charcnt);
  const types = raw.map((t) => ({ off: t.off, abbr: chars.slice(t.ai, chars.indexOf("\0", t.ai)) }));
  off += charcnt + leap * (wide ? 12 : 8) + isstd + isut;
  const footer = wide ? parseFooter(buf.toString("latin1", off).trim()) : undefined;
  return { times, idx, types, footer };
}

/** The zone abbreviation (e.g. "IST", "CEST") at an instant with a known UTC offset; undefined when unknown. */
export function zoneAbbreviation(name: string, unixSeconds: number, offset: number): string | undefined {
  let z = cache.get(name);
  if (z === undefined) {
    z = load(name);
    cache.set(name, z);
  }
  if (!z) return undefined;
  const last = z.times.length - 1;
  if (z.footer && (last < 0 || unixSeconds >= z.times[last]!)) {
    return offset === z.footer.stdOff || !z.footer.dst ? z.footer.std : z.footer.dst;
  }
  let i = 0;
  while (i <= last && z.times[i]! <= unixSeconds) i++;
  const t = i === 0 ? z.types.find((_, k) => !z!.idx.includes(k)) ?? z.types[0] : z.types[z.idx[i - 1]!];
  return t?.abbr;
}
