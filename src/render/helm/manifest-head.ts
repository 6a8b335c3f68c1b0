/**
 * A quick reader of a rendered document's head (apiVersion, kind, metadata.name and annotations)
 * for the plain block YAML templates render — mappings and sequences by indentation, one-line
 * plain and quoted scalars, block scalars, `{}`/`[]`, comment lines. Helm reads every document
 * whole (a YAML error anywhere fails the render), and the full YAML parser costs most of the
 * render of a chart with large CRDs. This reader walks the whole document too, and answers only
 * when every line is of a form it knows to be valid; anything else (flow collections, anchors,
 * tags, multi-line plain or quoted scalars, comments after values, tabs, unusual characters, a
 * head value that is not a string) makes it decline, and the full parser decides.
 */
import { resolvePlain } from "../../chart/helm/yaml-resolve.js";

/** The head fields Helm reads into releaseutil.SimpleHead. */
export interface ManifestHead {
  readonly kind: string;
  readonly apiVersion: string;
  readonly metadataName: string;
  readonly annotations: Readonly<Record<string, string>>;
}

/** Characters outside printable ASCII and plain Unicode (control characters, NEL, LS, PS, BOM…) → decline. */
const UNUSUAL = /[^\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]/;
const KEY_LINE = /^([A-Za-z0-9_$./][^\s:#[\]{},]*|"[^"\\]+"|'[^']+'):(?: +(.*))?$/;
const BLOCK_SCALAR = /^[|>][-+]?$/;
const PLAIN_START = /^[^-?:,[\]{}#&*!|>'"%@`\s]|^-\S/;

/** Paths of head fields join keys with NUL (no key has one); other nodes' paths end with `/`. */
const SEP = "\u0000";
const MD_NAME = `metadata${SEP}name`;
const MD_ANN = `metadata${SEP}annotations`;
const ANN_PREFIX = `${MD_ANN}${SEP}`;

interface Frame {
  readonly indent: number;
  readonly kind: "map" | "seq";
  readonly path: string;
  readonly indentless: boolean;
}

class Decline extends Error {}
const decline = (): never => {
  throw new Decline();
};

/** A one-line scalar's value, or a decline. Plain scalars resolve as go-yaml's do (`str` or not). */
function scalar(text: string): { value: string; plain: boolean } {
  if (text.startsWith('"')) {
    const end = text.indexOf('"', 1);
    const body = text.slice(1, end);
    if (end < 0 || body.includes("\\") || text.slice(end + 1).trim() !== "") decline();
    return { value: body, plain: false };
  }
  if (text.startsWith("'")) {
    let i = 1;
    let out = "";
    for (;;) {
      const q = text.indexOf("'", i);
      if (q < 0) decline();
      out += text.slice(i, q);
      if (text[q + 1] === "'") {
        out += "'";
        i = q + 2;
        continue;
      }
      if (text.slice(q + 1).trim() !== "") decline();
      return { value: out, plain: false };
    }
  }
  if (!PLAIN_START.test(text) || text.includes(": ") || text.endsWith(":") || text.includes("#") || text.startsWith("---") || text.startsWith("...")) decline();
  return { value: text.trimEnd(), plain: true };
}

/** A head value: a string scalar (go-yaml resolves a plain one to `str`). */
function headString(text: string): string {
  const s = scalar(text);
  if (s.plain && resolvePlain(s.value).tag !== "str") decline();
  return s.value;
}

function mapKey(text: string): string {
  const s = scalar(text);
  if (s.value === "" || s.value === "__proto__" || s.value === "<<" || s.value.length > 1000) decline();
  if (s.plain && resolvePlain(s.value).tag === "null") decline();
  return s.value;
}

/** The head of a document, or undefined when the full YAML parser must read it. */
export function quickManifestHead(doc: string): ManifestHead | undefined {
  if (UNUSUAL.test(doc)) return undefined;
  try {
    return walk(doc.split("\n"));
  } catch (e) {
    if (e instanceof Decline) return undefined;
    throw e;
  }
}

function walk(lines: string[]): ManifestHead {
  const head = { kind: "", apiVersion: "", metadataName: "" };
  const annotations: Record<string, string> = {};
  const stack: Frame[] = [];
  let pending: { indent: number; path: string } | undefined;
  let i = 0;
  /** Skips a block scalar's lines: blank, or indented deeper than its parent at `parent`. */
  const blockScalar = (parent: number): void => {
    let content = false;
    while (i + 1 < lines.length) {
      const next = lines[i + 1]!;
      const trimmed = next.trimStart();
      if (trimmed === "") {
        if (!content && next.length > 0) decline();
        i++;
        continue;
      }
      if (next.length - trimmed.length <= parent) return;
      content = true;
      i++;
    }
  };
  const seen = new Set<string>();
  const isHeadScalar = (path: string): boolean => path === "kind" || path === "apiVersion" || path === MD_NAME || path.startsWith(ANN_PREFIX);
  /** The value after `key:` or `- ` at `indent` (the key's or the dash's column) of the node at `path`. */
  const value = (text: string, indent: number, path: string): void => {
    if (!path.endsWith("/")) {
      // A head field given twice: the full parser knows which one wins.
      if (seen.has(path)) decline();
      seen.add(path);
    }
    if (text === "") {
      if (isHeadScalar(path)) decline();
      pending = { indent, path };
      return;
    }
    if (path === "metadata" || path === MD_ANN) {
      if (text !== "{}") decline();
      return;
    }
    if (isHeadScalar(path)) {
      const v = headString(text);
      if (path === "kind") head.kind = v;
      else if (path === "apiVersion") head.apiVersion = v;
      else if (path === MD_NAME) head.metadataName = v;
      else annotations[path.slice(ANN_PREFIX.length)] = v;
      return;
    }
    if (BLOCK_SCALAR.test(text)) blockScalar(indent);
    else if (text !== "{}" && text !== "[]") scalar(text);
  };
  const keyLine = (rest: string, indent: number, parent: string): void => {
    const m = KEY_LINE.exec(rest) ?? decline();
    const key = mapKey(m[1]!);
    const path = parent === "" ? key : parent === "metadata" || parent === MD_ANN ? `${parent}${SEP}${key}` : `${parent}${SEP}/`;
    value((m[2] ?? "").trimEnd(), indent, path);
  };
  let started = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const rest = line.trimStart();
    if (rest === "" || rest.startsWith("#")) continue;
    const indent = line.length - rest.length;
    const dash = rest === "-" || rest.startsWith("- ");
    if (pending !== undefined) {
      const p = pending;
      pending = undefined;
      const container = p.path === "metadata" || p.path === MD_ANN;
      if (indent > p.indent) {
        if (dash && container) decline();
        stack.push({ indent, kind: dash ? "seq" : "map", path: p.path, indentless: false });
      } else if (indent === p.indent && dash && stack.at(-1)?.kind === "map") {
        if (container) decline();
        stack.push({ indent, kind: "seq", path: p.path, indentless: true });
      }
    }
    while (stack.length > 0) {
      const top = stack.at(-1)!;
      if (indent < top.indent || (indent === top.indent && top.indentless && !dash)) stack.pop();
      else break;
    }
    if (stack.length === 0) {
      if (indent !== 0 || started) decline();
      started = true;
      stack.push({ indent: 0, kind: "map", path: "", indentless: false });
    }
    const top = stack.at(-1)!;
    if (indent !== top.indent) decline();
    if (top.kind === "map") {
      if (dash) decline();
      keyLine(rest, indent, top.path);
      continue;
    }
    if (!dash) decline();
    const item = rest.slice(1).trimStart();
    const column = indent + (rest.length - item.length);
    if (item === "") {
      pending = { indent, path: `${top.path}${SEP}/` };
      continue;
    }
    if (item === "-" || item.startsWith("- ")) decline();
    if (KEY_LINE.test(item)) {
      stack.push({ indent: column, kind: "map", path: `${top.path}${SEP}/`, indentless: false });
      keyLine(item, column, `${top.path}${SEP}/`);
      continue;
    }
    value(item, indent, `${top.path}${SEP}/`);
  }
  if (!started) decline();
  return { ...head, annotations };
}
