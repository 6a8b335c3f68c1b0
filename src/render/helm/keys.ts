/**
 * RSA keys ahead of template execution. genCA, genSignedCert, genSelfSignedCert and
 * `genPrivateKey "rsa"` each make a fresh RSA key; generating one costs 50–200 ms. So before
 * validating values and parsing templates, the renderer estimates from the template sources how
 * many keys the chart makes and requests them; they are generated in parallel in the background
 * while it works, and the template functions take them (waiting for one still under way). Fewer
 * estimated than used: the rest are generated when asked; more: the unused keys stay for later
 * renders of the process.
 */
import type { HelmChart } from "../../chart/helm/chart.js";
import { requestKeys } from "../../gotemplate/sprig/keypool.js";

/** The most keys of one size prepared for a render. */
const MAX_KEYS = 8;

const KEY_FUNCS = ["genCA", "genSignedCert", "genSelfSignedCert", "genPrivateKey"];
const KEY_CALL = /\bgen(?:CA|SignedCert|SelfSignedCert)\b|\bgenPrivateKey\s+"(?:rsa)?"/g;
const DEFINE = /\{\{-?\s*define\s+"([^"]+)"\s*-?\}\}/g;
const CALL_DEFINE = /\b(?:include|template)\s+"([^"]+)"/g;
/** `include (print $.Template.BasePath "/secret.yaml") .` — a checksum of another template. */
const FILE_LITERAL = /"\/?([^"\s]+\.(?:ya?ml|tpl|txt|json))"/g;

interface Unit {
  readonly keys: Map<number, number>;
  readonly defines: string[];
  readonly files: string[];
}

function unit(text: string): Unit {
  const keys = new Map<number, number>();
  for (const m of text.matchAll(KEY_CALL)) {
    const bits = m[0].startsWith("genPrivateKey") ? 4096 : 2048;
    keys.set(bits, (keys.get(bits) ?? 0) + 1);
  }
  return { keys, defines: [...text.matchAll(CALL_DEFINE)].map((m) => m[1]!), files: [...text.matchAll(FILE_LITERAL)].map((m) => m[1]!) };
}

/**
 * How many RSA keys of each size executing these templates likely makes: the key calls of every
 * executed (non-partial) template, counting the `define`s it includes and the templates it
 * includes by path (a checksum annotation renders a secret's template a second time) as often as
 * it names them. Calls in loops count once; calls under a false condition count too.
 */
export function estimateTemplateKeys(templates: readonly { readonly name: string; readonly text: string }[]): Map<number, number> {
  const defines = new Map<string, Unit>();
  const files = new Map<string, Unit>();
  for (const { name, text } of templates) {
    const starts = [...text.matchAll(DEFINE)];
    files.set(name, unit(starts.length > 0 ? text.slice(0, starts[0]!.index) : text));
    starts.forEach((m, i) => defines.set(m[1]!, unit(text.slice(m.index + m[0].length, starts[i + 1]?.index ?? text.length))));
  }
  // Templates by base name: a path literal names a template when it ends the template's path.
  const byBase = new Map<string, [string, Unit][]>();
  for (const [name, u] of files) {
    const base = name.slice(name.lastIndexOf("/") + 1);
    byBase.set(base, [...(byBase.get(base) ?? []), [name, u]]);
  }
  const byPath = (path: string): Unit | undefined =>
    byBase.get(path.slice(path.lastIndexOf("/") + 1))?.find(([name]) => name === path || name.endsWith(`/${path}`))?.[1];
  const total = new Map<number, number>();
  const add = (u: Unit | undefined, depth: number): void => {
    if (u === undefined || depth > 8) return;
    for (const [bits, n] of u.keys) total.set(bits, (total.get(bits) ?? 0) + n);
    for (const d of u.defines) add(defines.get(d), depth + 1);
    for (const f of u.files) add(byPath(f), depth + 1);
  };
  for (const { name } of templates) if (!(name.split("/").pop() ?? "").startsWith("_")) add(files.get(name), 0);
  for (const [bits, n] of total) total.set(bits, Math.min(n, MAX_KEYS));
  return total;
}

/**
 * Requests, for background generation, the RSA keys the chart tree's templates likely make (see
 * {@link estimateTemplateKeys}). Returns at once.
 */
export function requestTemplateKeys(chart: HelmChart): void {
  const files: { name: string; bytes: Buffer }[] = [];
  const visit = (c: HelmChart): void => {
    const base = c.chartFullPath();
    for (const t of c.templates) files.push({ name: `${base}/${t.name}`, bytes: Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength) });
    for (const d of c.dependencies()) visit(d);
  };
  visit(chart);
  if (!files.some((f) => KEY_FUNCS.some((name) => f.bytes.includes(name)))) return;
  const templates = files.map((f) => ({ name: f.name, text: f.bytes.toString("latin1") }));
  for (const [bits, count] of estimateTemplateKeys(templates)) requestKeys(bits, count);
}
