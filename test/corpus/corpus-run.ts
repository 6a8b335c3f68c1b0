/**
 * Runs `helm template` rows of the Helm chart corpus (../shared/helm-charts) through berth's
 * renderer and compares with the goldens: byte for byte, nondeterministic documents by shape,
 * expected failures must throw a typed error.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { helmTemplateSync, type HelmTemplateOptions } from "../../src/render/helm/helm-template.js";
import { BerthError } from "../../src/errors.js";
import { TemplateSet } from "../../src/gotemplate/template.js";
import { sprigFunctions } from "../../src/gotemplate/sprig/index.js";

/** The corpus root. */
export const CORPUS = join(import.meta.dirname, "..", "..", "..", "shared", "helm-charts");

/** One render to check. */
export interface CorpusCase {
  readonly id: string;
  readonly command: string;
  readonly exitCode: number;
  /** The expected stdout file (absolute). */
  readonly golden: string;
  /** Documents (by `# Source:` path) that differ between two helm runs. */
  readonly nondeterministic: ReadonlySet<string>;
  /** For an expected failure: helm's stderr file (absolute), when the index names one. */
  readonly stderr?: string;
}

/** The outcome of one case. */
export interface CaseResult {
  readonly id: string;
  readonly ok: boolean;
  readonly detail?: string;
}

function shellWords(cmd: string): string[] {
  const out: string[] = [];
  let cur: string | undefined;
  let quote: string | undefined;
  for (const ch of cmd) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      cur ??= "";
    } else if (/\s/.test(ch)) {
      if (cur !== undefined) out.push(cur);
      cur = undefined;
    } else cur = (cur ?? "") + ch;
  }
  if (cur !== undefined) out.push(cur);
  return out;
}

/** Parses a `helm template …` command line into a chart path and options. */
export function parseCommand(cmd: string): { chart: string | undefined; opts: HelmTemplateOptions } {
  const w = shellWords(cmd).slice(2);
  const positional: string[] = [];
  const valuesFiles: string[] = [];
  const set: string[] = [];
  const setString: string[] = [];
  const showOnly: string[] = [];
  const apiVersions: string[] = [];
  const o: Record<string, unknown> = {};
  let nameTemplate: string | undefined;
  for (let i = 0; i < w.length; i++) {
    let a = w[i]!;
    let val: string | undefined;
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    if (eq > 0) {
      val = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const next = (): string => val ?? w[++i]!;
    switch (a) {
      case "--namespace":
      case "-n":
        o["namespace"] = next();
        break;
      case "-f":
      case "--values":
        valuesFiles.push(join(CORPUS, next()));
        break;
      case "--set":
        set.push(next());
        break;
      case "--set-string":
        setString.push(next());
        break;
      case "--kube-version":
        o["kubeVersion"] = next();
        break;
      case "--api-versions":
      case "-a":
        apiVersions.push(...next().split(","));
        break;
      case "--show-only":
      case "-s":
        showOnly.push(next());
        break;
      case "--include-crds":
        o["includeCrds"] = true;
        break;
      case "--skip-tests":
        o["skipTests"] = true;
        break;
      case "--debug":
        break;
      case "--name-template":
        nameTemplate = next();
        break;
      default:
        positional.push(a);
    }
  }
  let releaseName: string | undefined;
  let chart: string | undefined;
  if (positional.length >= 2) [releaseName, chart] = positional;
  else if (positional.length === 1) {
    chart = positional[0];
    if (nameTemplate !== undefined) {
      releaseName = new TemplateSet(sprigFunctions(), { name: "name-template" }).parse("name-template", nameTemplate).execute("name-template", null);
    }
  }
  const opts: HelmTemplateOptions = {
    ...o,
    ...(releaseName !== undefined ? { releaseName } : {}),
    valuesFiles,
    set,
    setString,
    showOnly,
    apiVersions,
  };
  return { chart: chart === undefined ? undefined : join(CORPUS, chart), opts };
}

/** The v3.22.0 rows of golden/index.tsv. */
export function indexCases(): CorpusCase[] {
  const nd = new Map<string, Set<string>>();
  for (const line of readFileSync(join(CORPUS, "golden", "nondeterministic.tsv"), "utf8").split("\n").slice(1)) {
    if (!line.trim()) continue;
    const [chart, variant, docs] = line.split("\t");
    nd.set(`${chart}@${variant}`, new Set((docs ?? "").split(" ").filter(Boolean)));
  }
  const out: CorpusCase[] = [];
  const lines = readFileSync(join(CORPUS, "golden", "index.tsv"), "utf8").split("\n");
  const head = lines[0]!.split("\t");
  const col = (name: string): number => head.indexOf(name);
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const f = line.split("\t");
    if (f[col("helm")] !== "v3.22.0") continue;
    const id = `${f[col("chart")]}@${f[col("variant")]}`;
    out.push({
      id,
      command: f[col("command")]!,
      exitCode: Number(f[col("exit_code")]),
      golden: join(CORPUS, f[col("golden")]!),
      nondeterministic: nd.get(id) ?? new Set(),
      ...(f[col("stderr")] ? { stderr: join(CORPUS, f[col("stderr")]!) } : {}),
    });
  }
  return out;
}

/** Helm's upstream goldens (golden/helm-v3/upstream/cases.tsv), run with --kube-version 1.20.0 where they need it. */
export function upstreamCases(): CorpusCase[] {
  const dir = join(CORPUS, "golden", "helm-v3", "upstream");
  const out: CorpusCase[] = [];
  const lines = readFileSync(join(dir, "cases.tsv"), "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#"));
  for (const line of lines.slice(1)) {
    const [name, command, golden, exit, identical, with120] = line.split("\t");
    const exitCode = Number(exit);
    if (exitCode === 0 && identical !== "yes" && with120 !== "yes") continue;
    const cmd = identical === "yes" || exitCode !== 0 ? command! : `${command} --kube-version 1.20.0`;
    out.push({ id: `upstream:${name}`, command: cmd, exitCode, golden: join(dir, golden!.replace(/^upstream\//, "")), nondeterministic: new Set() });
  }
  return out;
}

function docsBySource(text: string): { source: string; body: string }[] {
  return text
    .split(/^---\n/m)
    .filter((d) => d !== "")
    .map((d) => ({ source: /^# Source: (.*)$/m.exec(d)?.[1] ?? "", body: d }));
}

const KEY = /^(\s*(?:-\s+)?[^:\s]+:)(.*)$/;
const B64 = /^[A-Za-z0-9+/=_-]*$/;

function unquote(v: string): string {
  return v.trim().replace(/^["']|["']$/g, "");
}

/**
 * What two runs of a random template share: the same lines, except values that differ in
 * content but not in shape (same key, same length, or both base64 — certificates and keys).
 */
function sameShape(a: string, b: string): boolean {
  const la = a.split("\n");
  const lb = b.split("\n");
  if (la.length !== lb.length) return false;
  for (let i = 0; i < la.length; i++) {
    const x = la[i]!;
    const y = lb[i]!;
    if (x === y) continue;
    const mx = KEY.exec(x);
    const my = KEY.exec(y);
    const vx = unquote(mx ? mx[2]! : x);
    const vy = unquote(my ? my[2]! : y);
    if ((mx?.[1] ?? "") !== (my?.[1] ?? "")) return false;
    if (vx.length === vy.length) continue;
    if (B64.test(vx) && B64.test(vy)) continue;
    return false;
  }
  return true;
}

function compare(actual: string, expected: string, nd: ReadonlySet<string>): string | undefined {
  if (actual === expected) return undefined;
  if (nd.size > 0) {
    const da = docsBySource(actual);
    const de = docsBySource(expected);
    if (da.length === de.length && da.every((d, i) => d.source === de[i]!.source && (d.body === de[i]!.body || (nd.has(d.source) && sameShape(d.body, de[i]!.body))))) {
      return undefined;
    }
  }
  const a = actual.split("\n");
  const e = expected.split("\n");
  let i = 0;
  while (i < a.length && i < e.length && a[i] === e[i]) i++;
  return `first difference at line ${i + 1}:\n  expected: ${JSON.stringify(e[i])}\n  actual:   ${JSON.stringify(a[i])}`;
}

/**
 * The places helm's error names, which ours must name too: a template's `file:line` of an
 * execution or parse error, the file of a YAML parse error of rendered output.
 */
export function expectedLocations(stderrFile: string | undefined): string[] {
  if (stderrFile === undefined) return [];
  const text = readFileSync(stderrFile, "utf8");
  const out = new Set<string>();
  for (const m of text.matchAll(/template: ([^\s:]+):(\d+):\d+: /g)) out.add(`${m[1]}:${m[2]}`);
  for (const m of text.matchAll(/parse error at \(([^\s:]+):(\d+)\)/g)) out.add(`${m[1]}:${m[2]}`);
  for (const m of text.matchAll(/YAML parse error on (\S+?):/g)) out.add(m[1]!);
  return [...out];
}

/** Runs one case. */
export function runCase(c: CorpusCase): CaseResult {
  const { chart, opts } = parseCommand(c.command);
  let out: string;
  try {
    if (chart === undefined) throw new BerthError("HelmNotRenderable", "\"helm template\" requires at least 1 argument");
    out = helmTemplateSync(chart, opts);
  } catch (e) {
    if (c.exitCode !== 0) {
      if (!(e instanceof BerthError)) return { id: c.id, ok: false, detail: `untyped error: ${String(e)}` };
      const missing = expectedLocations(c.stderr).filter((loc) => !e.message.includes(loc));
      return missing.length === 0 ? { id: c.id, ok: true } : { id: c.id, ok: false, detail: `${e.code} does not name ${missing.join(", ")}: ${e.message.slice(0, 300)}` };
    }
    return { id: c.id, ok: false, detail: `threw ${e instanceof BerthError ? e.code : "untyped"}: ${(e as Error).message?.slice(0, 400)}` };
  }
  if (c.exitCode !== 0) return { id: c.id, ok: false, detail: "expected a failure, rendered fine" };
  if (!existsSync(c.golden)) return { id: c.id, ok: false, detail: `no golden ${c.golden}` };
  const diff = compare(out, readFileSync(c.golden, "utf8"), c.nondeterministic);
  return diff ? { id: c.id, ok: false, detail: diff } : { id: c.id, ok: true };
}
