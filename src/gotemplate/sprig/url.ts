// net/url Parse and URL.String as Sprig's urlParse / urlJoin use them (common cases of Go's rules).
import { fail } from "./errors.js";

type Mode = "path" | "host" | "user" | "query" | "fragment";

function shouldEscape(c: string, mode: Mode): boolean {
  if (/[A-Za-z0-9\-_.~]/.test(c)) return false;
  if (mode === "host" && /[!$&'()*+,;=:[\]<>"]/.test(c)) return false;
  if ("$&+,/:;=?@".includes(c)) {
    if (mode === "path") return c === "?";
    if (mode === "user") return c === "@" || c === "/" || c === "?" || c === ":";
    if (mode === "query") return true;
    if (mode === "fragment") return false;
  }
  if (mode === "fragment" && "!()*".includes(c)) return false;
  return true;
}

function escape(s: string, mode: Mode): string {
  let out = "";
  for (const b of Buffer.from(s, "utf8")) {
    const c = String.fromCharCode(b);
    if (b >= 0x80 && mode === "host") {
      out += c;
      continue;
    }
    out += b < 0x80 && !shouldEscape(c, mode) ? c : "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return mode === "host" ? Buffer.from(out, "latin1").toString("utf8") : out;
}

function unescape(s: string): string {
  const m = /%(?![0-9A-Fa-f]{2})/.exec(s);
  if (m) fail(`invalid URL escape ${JSON.stringify(s.slice(m.index, m.index + 3))}`);
  try {
    return decodeURIComponent(s);
  } catch {
    return Buffer.from(s.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");
  }
}

interface Url {
  scheme: string;
  opaque: string;
  user: { name: string; password?: string } | null;
  host: string;
  path: string;
  rawQuery: string;
  fragment: string;
  forceQuery: boolean;
}

function parse(raw: string): Url {
  const u: Url = { scheme: "", opaque: "", user: null, host: "", path: "", rawQuery: "", fragment: "", forceQuery: false };
  const hash = raw.indexOf("#");
  let rest = raw;
  if (hash >= 0) {
    u.fragment = unescape(raw.slice(hash + 1));
    rest = raw.slice(0, hash);
  }
  if (/[\x00-\x1f\x7f]/.test(rest)) fail(`parse ${JSON.stringify(raw)}: net/url: invalid control character in URL`);
  if (rest === "") return u;
  const sm = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (rest.startsWith(":")) fail(`parse ${JSON.stringify(raw)}: missing protocol scheme`);
  if (sm) {
    u.scheme = sm[1]!.toLowerCase();
    rest = rest.slice(sm[0].length);
  }
  if (rest.endsWith("?") && rest.split("?").length === 2) {
    u.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf("?");
    if (q >= 0) (u.rawQuery = rest.slice(q + 1)), (rest = rest.slice(0, q));
  }
  if (!rest.startsWith("/")) {
    if (u.scheme !== "") {
      u.opaque = rest;
      return u;
    }
    const seg = rest.split("/")[0]!;
    if (seg.includes(":")) fail(`parse ${JSON.stringify(raw)}: first path segment in URL cannot contain colon`);
  }
  if ((u.scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
    let auth = rest.slice(2);
    const slash = auth.indexOf("/");
    rest = slash >= 0 ? auth.slice(slash) : "";
    if (slash >= 0) auth = auth.slice(0, slash);
    const at = auth.lastIndexOf("@");
    let host = auth;
    if (at >= 0) {
      const ui = auth.slice(0, at);
      if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(ui)) fail(`parse ${JSON.stringify(raw)}: net/url: invalid userinfo`);
      host = auth.slice(at + 1);
      const colon = ui.indexOf(":");
      u.user = colon < 0 ? { name: unescape(ui) } : { name: unescape(ui.slice(0, colon)), password: unescape(ui.slice(colon + 1)) };
    }
    const port = /:([^\]]*)$/.exec(host.startsWith("[") ? host.slice(host.indexOf("]") + 1) : host);
    if (port && !/^[0-9]*$/.test(port[1]!)) fail(`parse ${JSON.stringify(raw)}: invalid port ${JSON.stringify(":" + port[1])} after host`);
    u.host = unescape(host);
  }
  u.path = unescape(rest);
  return u;
}

function hostname(host: string): string {
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    return end >= 0 ? host.slice(1, end) : host;
  }
  const colon = host.lastIndexOf(":");
  return colon >= 0 ? host.slice(0, colon) : host;
}

function userString(user: NonNullable<Url["user"]>): string {
  return escape(user.name, "user") + (user.password !== undefined ? ":" + escape(user.password, "user") : "");
}

function toString(u: Url): string {
  let buf = u.scheme ? u.scheme + ":" : "";
  if (u.opaque) buf += u.opaque;
  else {
    if (u.scheme !== "" || u.host !== "" || u.user !== null) {
      if (u.host !== "" || u.path !== "" || u.user !== null) buf += "//";
      if (u.user) buf += userString(u.user) + "@";
      if (u.host) buf += escape(u.host, "host");
    }
    const path = escape(u.path, "path");
    if (path !== "" && path[0] !== "/" && u.host !== "") buf += "/";
    if (buf === "" && path.split("/")[0]!.includes(":")) buf += "./";
    buf += path;
  }
  if (u.forceQuery || u.rawQuery !== "") buf += "?" + u.rawQuery;
  if (u.fragment !== "") buf += "#" + escape(u.fragment, "fragment");
  return buf;
}

/** Sprig's urlParse: a dict of scheme, host, hostname, path, query, opaque, fragment, userinfo. */
export function urlParse(v: string): Record<string, unknown> {
  let u: Url;
  try {
    u = parse(v);
  } catch (e) {
    fail(`unable to parse url: ${(e as Error).message}`);
  }
  return {
    scheme: u.scheme,
    host: u.host,
    hostname: hostname(u.host),
    path: u.path,
    query: u.rawQuery,
    opaque: u.opaque,
    fragment: u.fragment,
    userinfo: u.user ? userString(u.user) : "",
  };
}

/** Sprig's urlJoin: a URL string from a urlParse-shaped dict. */
export function urlJoin(d: Record<string, unknown>): string {
  const get = (k: string): string => {
    if (!Object.prototype.hasOwnProperty.call(d, k)) return "";
    const v = d[k];
    if (typeof v !== "string") fail(`unable to parse ${k} key, must be of type string, but ${v === null || v === undefined ? "invalid" : typeof v === "number" ? "float64" : typeof v} found`);
    return v;
  };
  const u: Url = { scheme: get("scheme"), host: get("host"), path: get("path"), rawQuery: get("query"), opaque: get("opaque"), fragment: get("fragment"), user: null, forceQuery: false };
  const ui = get("userinfo");
  if (ui !== "") {
    try {
      u.user = parse(`proto://${ui}@host`).user;
    } catch (e) {
      fail(`unable to parse userinfo in dict: ${(e as Error).message}`);
    }
  }
  return toString(u);
}
