/**
 * A set of named templates sharing one function map, like Go's `*template.Template` and its
 * associated templates: parse many texts into one set, execute any of them by name, clone
 * the set cheaply (Helm's `tpl` does), look templates up (`include`).
 */
import { BUILTINS } from "./builtins.js";
import { TemplateNotDefined } from "./errors.js";
import { type ExecEnv, type MissingKey, executeTree } from "./exec.js";
import { type Tree, parseTemplates } from "./parse.js";
import { isEmptyTree } from "./nodes.js";
import { goQuote } from "./quote.js";
import type { GoFuncMap } from "./value.js";

/** Options of a {@link TemplateSet}. */
export interface TemplateSetOptions {
  /**
   * Go's `missingkey` option: `default`/`invalid` print `<no value>` for a missing map key,
   * `zero` gives nil, `error` fails.
   * @defaultValue "default"
   */
  readonly missingKey?: MissingKey;
  /** The set's own (root) template name, used in "no template associated" errors. @defaultValue "" */
  readonly name?: string;
  /** @defaultValue `{{` */
  readonly leftDelim?: string;
  /** @defaultValue `}}` */
  readonly rightDelim?: string;
}

/** Parsed texts by (delimiters, function names, template name) then by text. */
const parseCache = new Map<string, Map<string, Map<string, Tree>>>();
let parseCacheSize = 0;
const PARSE_CACHE_MAX = 20000;

/** Short ids of the sorted function-name lists (the parse cache's keys stay short to hash). */
const funcNamesIds = new Map<string, string>();
let funcNamesNext = 0;

function funcNamesId(names: string): string {
  let id = funcNamesIds.get(names);
  if (id === undefined) {
    if (funcNamesIds.size >= PARSE_CACHE_MAX) funcNamesIds.clear();
    funcNamesIds.set(names, (id = `f${funcNamesNext++}`));
  }
  return id;
}

/**
 * Forgets every parsed text (benchmarks time renders as if each chart were seen for the first
 * time; parsing is otherwise cached across sets for the life of the process).
 * @internal
 */
export function clearParseCache(): void {
  parseCache.clear();
  parseCacheSize = 0;
}

/**
 * A set of named Go templates.
 *
 * @example
 * ```ts
 * const set = new TemplateSet({ upper: (s) => String(s).toUpperCase() }, { missingKey: "zero" });
 * set.parse("a.yaml", '{{define "x"}}hi {{.}}{{end}}{{template "x" .name | upper}}');
 * set.execute("a.yaml", { name: "bob" }); // "hi BOB"
 * ```
 */
export class TemplateSet implements ExecEnv {
  private readonly trees: Map<string, Tree>;
  private funcMap: GoFuncMap;
  private funcsKey: string | undefined;
  /** Go's missingkey option for executions of this set. */
  missingKey: MissingKey;
  /** The root template's name. */
  readonly name: string;
  private readonly leftDelim: string;
  private readonly rightDelim: string;

  /**
   * @param funcs - the template functions (Go's FuncMap); builtins need not be given
   * @param options - missingkey option, root name, delimiters
   */
  constructor(funcs: GoFuncMap = {}, options: TemplateSetOptions = {}) {
    this.trees = new Map();
    this.funcMap = { ...funcs };
    this.missingKey = options.missingKey ?? "default";
    this.name = options.name ?? "";
    this.leftDelim = options.leftDelim ?? "{{";
    this.rightDelim = options.rightDelim ?? "}}";
  }

  /** The function map (read-only view). */
  get funcs(): GoFuncMap {
    return this.funcMap;
  }

  /** Adds or replaces functions (Go's `Funcs`); affects later parses and executions. */
  addFuncs(funcs: GoFuncMap): this {
    // Replacing functions keeps the names, and so the parse cache's key (Helm's `tpl` replaces include and tpl).
    const renames = Object.keys(funcs).some((k) => !Object.hasOwn(this.funcMap, k));
    this.funcMap = { ...this.funcMap, ...funcs };
    if (renames) this.funcsKey = undefined;
    return this;
  }

  private hasFunction = (name: string): boolean => typeof this.funcMap[name] === "function" || BUILTINS.has(name);

  private cacheFor(name: string): Map<string, Map<string, Tree>> {
    if (this.funcsKey === undefined) this.funcsKey = funcNamesId(Object.keys(this.funcMap).sort().join(","));
    const key = `${this.leftDelim}\u0000${this.rightDelim}\u0000${this.funcsKey}\u0000${name}`;
    let m = parseCache.get(key);
    if (m === undefined) parseCache.set(key, (m = new Map()));
    return m;
  }

  /**
   * Parses `text` as the template `name` (Go's `t.New(name).Parse(text)`), adding it and every
   * template it defines to the set. A later non-empty definition replaces an earlier one; an
   * empty one never replaces an existing template. Throws a TemplateError with Go's message.
   */
  parse(name: string, text: string): this {
    const cache = this.cacheFor(name);
    let trees = cache.get(text);
    if (trees === undefined) {
      trees = parseTemplates(name, text, { hasFunction: this.hasFunction, leftDelim: this.leftDelim, rightDelim: this.rightDelim });
      if (++parseCacheSize > PARSE_CACHE_MAX) {
        parseCache.clear();
        parseCacheSize = 1;
      }
      cache.set(text, trees);
    }
    for (const [n, tree] of trees) {
      const old = this.trees.get(n);
      if (old !== undefined && isEmptyTree(tree.root)) continue;
      this.trees.set(n, tree);
    }
    return this;
  }

  /** The template named `name`, if the set has it. */
  lookup(name: string): Tree | undefined {
    return this.trees.get(name);
  }

  /** The names of all templates in the set, sorted. */
  names(): string[] {
    return [...this.trees.keys()].sort();
  }

  /** Go's `DefinedTemplates()`: `; defined templates are: "a", "b"` or "". */
  definedTemplates(): string {
    const names = this.names();
    return names.length === 0 ? "" : "; defined templates are: " + names.map(goQuote).join(", ");
  }

  /**
   * Executes the template `name` with `data` as dot (Go's ExecuteTemplate) and returns the text.
   * Throws a TemplateError (`TemplateNotDefined` when the set has no such template).
   */
  execute(name: string, data: unknown): string {
    const tree = this.trees.get(name);
    if (tree === undefined)
      throw new TemplateNotDefined(`template: no template ${goQuote(name)} associated with template ${goQuote(this.name)}`);
    return executeTree(this, name, tree, data);
  }

  /** A copy of the set (Go's Clone): same templates and functions; later changes stay apart. */
  clone(): TemplateSet {
    const c = new TemplateSet(this.funcMap, {
      missingKey: this.missingKey,
      name: this.name,
      leftDelim: this.leftDelim,
      rightDelim: this.rightDelim,
    });
    for (const [k, v] of this.trees) c.trees.set(k, v);
    c.funcsKey = this.funcsKey;
    return c;
  }
}
