/**
 * Executes parsed templates with Go's text/template semantics (exec.go): dot and variables,
 * if/with/range/template, field and method access, function calls with Go's argument checks,
 * and Go's exact error messages (`template: NAME:LINE:COL: executing "NAME" at <…>: …`).
 *
 * Values: `undefined` is Go's invalid value ("no value"), `null` a nil interface{}.
 */
import { BUILTINS, BoxedArg, BuiltinError, type BuiltinParam, call as callBuiltin, isExported } from "./builtins.js";
import { LoopSignal, TemplateExecError } from "./errors.js";
import { formatPrintable, formatValue } from "./fmt.js";
import { formatFloat } from "./float-format.js";
import {
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  N,
  type Node,
  type NumberNode,
  type PipeNode,
  type TemplateNode,
  type VariableNode,
  location,
  nodeString,
} from "./nodes.js";
import type { Tree } from "./parse.js";
import { goQuote } from "./quote.js";
import { GO_METHODS, GoStruct, type GoFunc, type GoFuncMap, type GoParamType, isMap, signatureOf, sortedKeys, truth, typeName } from "./value.js";

/** Go's `missingkey` option. */
export type MissingKey = "default" | "invalid" | "zero" | "error";

/** What execution needs from the template set. */
export interface ExecEnv {
  lookup(name: string): Tree | undefined;
  readonly funcs: GoFuncMap;
  readonly missingKey: MissingKey;
}

/** Go's maximum nesting of {{template}} calls. */
export const MAX_EXEC_DEPTH = 100000;

type ParamType = GoParamType | BuiltinParam | "value";

const MISSING: unique symbol = Symbol("missing");
type Final = unknown | typeof MISSING;

const BREAK = new LoopSignal("break");
const CONTINUE = new LoopSignal("continue");

interface Variable {
  name: string;
  value: unknown;
  boxed: boolean;
}

const HAS_OWN = Object.prototype.hasOwnProperty;

/** JS's "Maximum call stack size exceeded" (checked without regexes: little stack is left). */
function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && e.message.includes("call stack");
}

function goMethod(recv: GoStruct, name: string): ((...a: unknown[]) => unknown) | undefined {
  if (!isExported(name) || HAS_OWN.call(recv, name)) return undefined;
  const m = (recv as unknown as Record<string, unknown>)[name];
  return typeof m === "function" && !(name in Object.prototype) ? (m as (...a: unknown[]) => unknown) : undefined;
}

/** One execution of one template (Go's `state`). */
export class State {
  private node: Node | null = null;
  private vars: Variable[];
  /** Whether the last evalField result has static type interface{} (for Go's type names in errors). */
  private rb = false;
  /** Whether the last evalArg result has static type interface{}. */
  private argBoxed = false;

  constructor(
    private readonly env: ExecEnv,
    private tmplName: string,
    private readonly out: string[],
    dot: unknown,
    private depth = 0,
  ) {
    this.vars = [{ name: "$", value: dot, boxed: false }];
  }

  /** Throws Go's ExecError for the current node. */
  errorf(msg: string, cause?: unknown): never {
    let full: string;
    if (this.node === null) full = `template: ${this.tmplName}: ${msg}`;
    else {
      const loc = location(this.node.src, this.node.pos);
      full = `template: ${loc}: executing ${goQuote(this.tmplName)} at <${nodeString(this.node)}>: ${msg}`;
    }
    throw new TemplateExecError(full, cause === undefined ? undefined : { cause });
  }

  private at(n: Node): void {
    this.node = n;
  }

  walk(dot: unknown, boxed: boolean, node: Node): void {
    this.node = node;
    switch (node.k) {
      case N.Action: {
        const val = this.evalPipeline(dot, boxed, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case N.Text:
        this.out.push(node.text);
        return;
      case N.List:
        for (const n of node.nodes) this.walk(dot, boxed, n);
        return;
      case N.If:
      case N.With:
        return this.walkIfOrWith(dot, boxed, node);
      case N.Range:
        return this.walkRange(dot, boxed, node);
      case N.Template:
        return this.walkTemplate(dot, boxed, node);
      case N.Break:
        throw BREAK;
      case N.Continue:
        throw CONTINUE;
      case N.Comment:
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkIfOrWith(dot: unknown, boxed: boolean, node: BranchNode): void {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, boxed, node.pipe);
      if (truth(val)) {
        if (node.k === N.With) this.walk(val, false, node.list);
        else this.walk(dot, boxed, node.list);
      } else if (node.elseList) this.walk(dot, boxed, node.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: unknown, boxed: boolean, r: BranchNode): void {
    this.at(r);
    const outer = this.vars.length;
    try {
      const val = this.evalPipeline(dot, boxed, r.pipe);
      const mark = this.vars.length;
      const decl = r.pipe.decl;
      const one = (index: unknown, elem: unknown, elemBoxed: boolean): void => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) {
            if (decl.length > 1) this.setVar(decl[0]!.ident[0]!, index, false);
            else this.setVar(decl[0]!.ident[0]!, elem, elemBoxed);
          } else this.setTopVar(1, elem, elemBoxed);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem, elemBoxed);
          else this.setTopVar(2, index, false);
        }
        try {
          this.walk(elem, elemBoxed, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.vars.length = mark;
        }
      };
      let ran = false;
      try {
        if (typeof val === "bigint") {
          if (decl.length > 1) this.errorf(`can't use ${formatValue(val)} to iterate over more than one variable`);
          for (let i = 0n; i < val; i++) {
            ran = true;
            one(undefined, i, false);
          }
        } else if (Array.isArray(val)) {
          for (let i = 0; i < val.length; i++) {
            ran = true;
            const e = val[i];
            one(BigInt(i), e === undefined ? null : e, true);
          }
        } else if (val instanceof Uint8Array) {
          for (let i = 0; i < val.length; i++) {
            ran = true;
            one(BigInt(i), BigInt(val[i]!), false);
          }
        } else if (isMap(val)) {
          for (const k of sortedKeys(val)) {
            ran = true;
            const e = val[k];
            one(k, e === undefined ? null : e, true);
          }
        } else if (val !== undefined && val !== null) {
          this.errorf(`range can't iterate over ${formatPrintable(val)}`);
        }
      } catch (e) {
        if (e !== BREAK) throw e;
        return;
      }
      if (!ran && r.elseList) this.walk(dot, boxed, r.elseList);
    } finally {
      this.vars.length = outer;
    }
  }

  private walkTemplate(dot: unknown, boxed: boolean, t: TemplateNode): void {
    this.at(t);
    const tree = this.env.lookup(t.name);
    if (tree === undefined) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth === MAX_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const newDot = t.pipe ? this.evalPipeline(dot, boxed, t.pipe) : undefined;
    const s = new State(this.env, t.name, this.out, newDot, this.depth + 1);
    try {
      s.walk(newDot, false, tree.root);
    } catch (e) {
      if (isStackOverflow(e)) {
        // JS runs out of stack before Go's depth limit; report it as Go does.
        this.at(t);
        this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
      }
      throw e;
    }
  }

  private evalPipeline(dot: unknown, boxed: boolean, pipe: PipeNode): unknown {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, boxed, cmd, value);
      if (value === null) value = undefined;
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0]!, value, false);
      else this.vars.push({ name: v.ident[0]!, value, boxed: false });
    }
    return value;
  }

  private notAFunction(args: readonly Node[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalCommand(dot: unknown, boxed: boolean, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0]!;
    switch (first.k) {
      case N.Field:
        return this.evalFieldNode(dot, boxed, first, cmd.args, final);
      case N.Chain:
        return this.evalChainNode(dot, boxed, first, cmd.args, final);
      case N.Identifier:
        return this.evalFunction(dot, boxed, first, cmd, cmd.args, final);
      case N.Pipe:
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, boxed, first);
      case N.Variable:
        return this.evalVariableNode(dot, boxed, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.k) {
      case N.Bool:
        return first.value;
      case N.Dot:
        return dot;
      case N.Nil:
        this.errorf("nil is not a command");
      case N.Number:
        return this.idealConstant(first);
      case N.String:
        return first.text;
    }
    this.errorf(`can't evaluate command ${goQuote(nodeString(first))}`);
  }

  private idealConstant(c: NumberNode): unknown {
    this.at(c);
    const t = c.text;
    const hexInt = t.length > 2 && t[0] === "0" && (t[1] === "x" || t[1] === "X") && !/[pP]/.test(t);
    if (c.isFloat && !hexInt && t[0] !== "'" && /[.eEpP]/.test(t)) return c.float64;
    if (c.isInt) return c.int64;
    if (c.isUint) this.errorf(`${t} overflows int`);
    return undefined;
  }

  private evalFieldNode(dot: unknown, boxed: boolean, field: FieldNode, args: readonly Node[], final: Final): unknown {
    this.at(field);
    return this.evalFieldChain(dot, boxed, dot, boxed, field, field.ident, args, final);
  }

  private evalChainNode(dot: unknown, boxed: boolean, chain: ChainNode, args: readonly Node[], final: Final): unknown {
    this.at(chain);
    if (chain.node.k === N.Nil) this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, boxed, undefined, chain.node);
    return this.evalFieldChain(dot, boxed, pipe, false, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: unknown, boxed: boolean, v: VariableNode, args: readonly Node[], final: Final): unknown {
    this.at(v);
    const variable = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      this.rb = variable.boxed;
      return variable.value;
    }
    return this.evalFieldChain(dot, boxed, variable.value, variable.boxed, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: unknown,
    boxed: boolean,
    receiver: unknown,
    recvBoxed: boolean,
    node: Node,
    ident: readonly string[],
    args: readonly Node[],
    final: Final,
  ): unknown {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) {
      receiver = this.evalField(dot, boxed, ident[i]!, node, [], MISSING, receiver, recvBoxed);
      recvBoxed = this.rb;
    }
    return this.evalField(dot, boxed, ident[n - 1]!, node, args, final, receiver, recvBoxed);
  }

  private evalField(
    dot: unknown,
    boxed: boolean,
    fieldName: string,
    node: Node,
    args: readonly Node[],
    final: Final,
    receiver: unknown,
    recvBoxed: boolean,
  ): unknown {
    this.rb = false;
    if (receiver === undefined) {
      if (this.env.missingKey === "error") this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      return undefined;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${fieldName}`);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (typeof receiver === "object") {
      const ms = (receiver as { [GO_METHODS]?: Record<string, unknown> })[GO_METHODS];
      const m = ms !== undefined && isExported(fieldName) && HAS_OWN.call(ms, fieldName) ? ms[fieldName] : undefined;
      if (typeof m === "function") return this.evalCall(dot, boxed, m as GoFunc, m as GoFunc, null, node, fieldName, args, final);
    }
    if (receiver instanceof GoStruct) {
      const method = goMethod(receiver, fieldName);
      if (method) return this.evalCall(dot, boxed, method.bind(receiver), method, null, node, fieldName, args, final);
      if (isExported(fieldName) && HAS_OWN.call(receiver, fieldName)) {
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        const v = (receiver as unknown as Record<string, unknown>)[fieldName];
        this.rb = v === null || v === undefined;
        return v === undefined ? null : v;
      }
      this.errorf(`can't evaluate field ${fieldName} in type ${recvBoxed ? "interface {}" : receiver.goTypeName()}`);
    }
    if (isMap(receiver)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      const v = HAS_OWN.call(receiver, fieldName) ? receiver[fieldName] : undefined;
      if (v !== undefined) {
        this.rb = true;
        return v;
      }
      switch (this.env.missingKey) {
        case "zero":
          this.rb = true;
          return null;
        case "error":
          this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
        default:
          return undefined;
      }
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${recvBoxed ? "interface {}" : typeName(receiver)}`);
  }

  private evalFunction(dot: unknown, boxed: boolean, node: IdentifierNode, cmd: Node, args: readonly Node[] | null, final: Final): unknown {
    this.at(node);
    const name = node.name;
    const fn = this.env.funcs[name];
    if (typeof fn === "function") return this.evalCall(dot, boxed, fn, fn, null, cmd, name, args, final);
    const b = BUILTINS.get(name);
    if (b) return this.evalCall(dot, boxed, b.fn, null, b, cmd, name, args, final);
    this.errorf(`${goQuote(name)} is not a defined function`);
  }

  private evalCall(
    dot: unknown,
    boxed: boolean,
    fn: (...a: unknown[]) => unknown,
    signed: ((...a: unknown[]) => unknown) | null,
    builtin: { params: readonly BuiltinParam[]; variadic?: BuiltinParam } | null,
    node: Node,
    name: string,
    argNodes: readonly Node[] | null,
    final: Final,
  ): unknown {
    const args = argNodes ? argNodes.slice(1) : [];
    const sig = builtin ?? (signed ? signatureOf(signed) : undefined);
    const params: readonly ParamType[] = sig ? sig.params : [];
    const variadic: ParamType | undefined = sig ? sig.variadic : "any";
    let numIn = args.length;
    if (final !== MISSING) numIn++;
    let numFixed = args.length;
    if (variadic !== undefined) {
      numFixed = params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${params.length} got ${args.length}`);
    } else if (numIn !== params.length) this.errorf(`wrong number of args for ${name}: want ${params.length} got ${numIn}`);

    if (builtin && (name === "and" || name === "or")) {
      let v: unknown = undefined;
      for (const a of args) {
        v = this.evalArg(dot, boxed, "value", a);
        if (truth(v) === (name === "or")) return v;
      }
      if (final !== MISSING) v = this.validateType(final, "value");
      return v;
    }

    const argv: unknown[] = new Array(numIn);
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv[i] = this.evalArg(dot, boxed, params[i]!, args[i]!);
    if (variadic !== undefined)
      for (; i < args.length; i++) {
        argv[i] = this.evalArg(dot, boxed, variadic, args[i]!);
        if (builtin && name === "slice" && this.argBoxed && argv[i] !== undefined) argv[i] = new BoxedArg(argv[i]);
      }
    if (final !== MISSING) {
      let t: ParamType;
      if (variadic !== undefined) t = numIn - 1 < numFixed ? params[numIn - 1]! : variadic;
      else t = params[params.length - 1]!;
      argv[i] = this.validateType(final, t);
    }
    if (builtin && name === "call") {
      const calleeName = args.length === 0 ? String(final) : nodeString(args[0]!);
      return this.safeCall(node, name, () => callBuiltin(calleeName, argv[0], ...argv.slice(1)));
    }
    const result = this.safeCall(node, name, () => fn(...argv));
    return result;
  }

  private safeCall(node: Node, name: string, f: () => unknown): unknown {
    try {
      return f();
    } catch (e) {
      if (e instanceof LoopSignal) throw e;
      if (isStackOverflow(e)) throw e;
      this.at(node);
      const msg = e instanceof Error ? e.message : String(e);
      this.errorf(`error calling ${name}: ${msg}`, e instanceof BuiltinError ? undefined : e);
    }
  }

  private validateType(value: unknown, typ: ParamType | undefined): unknown {
    if (value === undefined) {
      if (typ === undefined || typ === "value") return undefined;
      if (typ === "any") return null;
      if (typ === "[]interface {}" || typ === "map[string]interface {}" || typ === "[]string") return null;
      this.errorf(`invalid value; expected ${typ}`);
    }
    if (typ === undefined || typ === "any" || typ === "value") return value;
    if (value === null) this.errorf(`wrong type for value; expected ${typ}; got interface {}`);
    let ok: boolean;
    switch (typ) {
      case "string":
        ok = typeof value === "string";
        break;
      case "int":
      case "int64":
        ok = typeof value === "bigint";
        break;
      case "float64":
        ok = typeof value === "number";
        break;
      case "bool":
        ok = typeof value === "boolean";
        break;
      case "[]interface {}":
        ok = Array.isArray(value);
        break;
      case "[]string":
        ok = Array.isArray(value) && value.every((x) => typeof x === "string");
        break;
      case "map[string]interface {}":
        ok = isMap(value);
        break;
      default:
        ok = true;
    }
    if (!ok) this.errorf(`wrong type for value; expected ${typ}; got ${typeName(value)}`);
    return value;
  }

  private evalArg(dot: unknown, boxed: boolean, typ: ParamType | undefined, n: Node): unknown {
    this.at(n);
    this.argBoxed = false;
    switch (n.k) {
      case N.Dot:
        this.argBoxed = boxed;
        return this.validateType(dot, typ);
      case N.Nil:
        if (typ === undefined || typ === "any" || typ === "value") return typ === "value" ? undefined : null;
        if (typ === "[]interface {}" || typ === "map[string]interface {}" || typ === "[]string") return null;
        this.errorf(`cannot assign nil to ${typ}`);
      case N.Field: {
        const v = this.evalFieldNode(dot, boxed, n, [n], MISSING);
        this.argBoxed = this.rb;
        return this.validateType(v, typ);
      }
      case N.Variable: {
        const v = this.evalVariableNode(dot, boxed, n, [], MISSING);
        this.argBoxed = this.rb;
        return this.validateType(v, typ);
      }
      case N.Pipe:
        return this.validateType(this.evalPipeline(dot, boxed, n), typ);
      case N.Identifier:
        return this.validateType(this.evalFunction(dot, boxed, n, n, null, MISSING), typ);
      case N.Chain: {
        const v = this.evalChainNode(dot, boxed, n, [], MISSING);
        this.argBoxed = this.rb;
        return this.validateType(v, typ);
      }
    }
    switch (typ) {
      case "bool":
        if (n.k === N.Bool) return n.value;
        this.errorf(`expected bool; found ${nodeString(n)}`);
      case "float64":
        if (n.k === N.Number && n.isFloat) return n.float64;
        this.errorf(`expected float; found ${nodeString(n)}`);
      case "int":
      case "int64":
        if (n.k === N.Number && n.isInt) return n.int64;
        this.errorf(`expected integer; found ${nodeString(n)}`);
      case "string":
        if (n.k === N.String) return n.text;
        this.errorf(`expected string; found ${nodeString(n)}`);
      case undefined:
      case "any":
      case "value":
        switch (n.k) {
          case N.Bool:
            return n.value;
          case N.Number:
            return this.idealConstant(n);
          case N.String:
            return n.text;
        }
        this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${typ}`);
  }

  private printValue(n: Node, v: unknown): void {
    this.at(n);
    switch (typeof v) {
      case "string":
        this.out.push(v);
        return;
      case "undefined":
        this.out.push("<no value>");
        return;
      case "number":
        this.out.push(formatFloat(v, "g", -1));
        return;
      case "bigint":
        this.out.push(v.toString());
        return;
      case "boolean":
        this.out.push(v ? "true" : "false");
        return;
      case "function":
        this.errorf(`can't print ${nodeString(n)} of type ${typeName(v)}`);
    }
    this.out.push(formatPrintable(v));
  }

  private varValue(name: string): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!;
    this.errorf(`undefined variable: ${name}`);
  }

  private setVar(name: string, value: unknown, boxed: boolean): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i]!;
      if (v.name === name) {
        v.value = value;
        v.boxed = boxed;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, value: unknown, boxed: boolean): void {
    const v = this.vars[this.vars.length - n]!;
    v.value = value;
    v.boxed = boxed;
  }
}

/** Executes `tree` (named `name`) with `data` as dot; returns the output or throws a TemplateError. */
export function executeTree(env: ExecEnv, name: string, tree: Tree, data: unknown): string {
  const out: string[] = [];
  const dot = data === null ? undefined : data;
  const s = new State(env, name, out, dot);
  try {
    s.walk(dot, false, tree.root);
  } catch (e) {
    if (isStackOverflow(e))
      throw new TemplateExecError(`template: ${name}: exceeded maximum template depth (${MAX_EXEC_DEPTH})`, { cause: e });
    throw e;
  }
  return out.join("");
}
