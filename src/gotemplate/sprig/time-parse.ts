// Go's time.ParseInLocation for the layout elements of time-layout.ts.
import { fail } from "./errors.js";
import { GoTime, zoneInfo } from "./gotime.js";
import { chunks, DAYS, MONTHS } from "./time-layout.js";

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
