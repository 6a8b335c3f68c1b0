/**
 * The parser of Go's text/template: builds trees for a text and its `define`/`block`
 * templates, with Go's exact parse errors (`template: NAME:LINE: …`).
 */
import { TemplateError, TemplateParseError } from "./errors.js";
import { type Item, Lexer, T, itemString } from "./lex.js";
import {
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type ListNode,
  N,
  type Node,
  type NumberNode,
  type PipeNode,
  type Source,
  type VariableNode,
  isEmptyTree,
  nodeString,
} from "./nodes.js";
import { parseGoFloat, parseGoInt, underscoreOK } from "./value.js";
import { unquote, unquoteCharConstant } from "./unquote.js";

/** A parsed template: its name and body. */
export interface Tree {
  readonly name: string;
  readonly src: Source;
  root: ListNode;
}


class ParseError extends Error {}

/** Per-tree parser state sharing one lexer (definitions share their file's lexer). */
class Parser {
  name: string;
  root: ListNode | null = null;
  private token: Item[] = [null!, null!, null!];
  private peekCount = 0;
  private vars: string[] = ["$"];
  private actionLine = 0;
  private rangeDepth = 0;
  private stackDepth = 0;

  constructor(
    name: string,
    readonly src: Source,
    private readonly lex: Lexer,
    private readonly hasFunction: (name: string) => boolean,
    private readonly treeSet: Map<string, Tree>,
    private readonly maxStackDepth: number,
  ) {
    this.name = name;
  }

  private errorf(msg: string): never {
    this.root = null;
    throw new ParseError(`template: ${this.src.parseName}:${this.token[0]!.line}: ${msg}`);
  }

  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount]!;
  }
  private backup(): void {
    this.peekCount++;
  }
  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }
  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }
  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!;
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }
  private nextNonSpace(): Item {
    let t: Item;
    do t = this.next();
    while (t.typ === T.Space);
    return t;
  }
  private peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }
  private expect(expected: T, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== expected) this.unexpected(t, context);
    return t;
  }
  private expectOneOf(e1: T, e2: T, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== e1 && t.typ !== e2) this.unexpected(t, context);
    return t;
  }
  private unexpected(token: Item, context: string): never {
    if (token.typ === T.Error) {
      let extra = "";
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.src.parseName}:${this.actionLine}`;
        if (token.val.endsWith(" action")) extra = extra.slice(" in action".length);
      }
      this.errorf(token.val + extra);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  private newList(pos: number): ListNode {
    return { k: N.List, pos, src: this.src, nodes: [] };
  }

  /** Adds this tree to the set, as Go's Tree.add does. */
  add(): void {
    const tree = this.treeSet.get(this.name);
    if (tree === undefined || isEmptyTree(tree.root)) {
      this.treeSet.set(this.name, { name: this.name, src: this.src, root: this.root! });
      return;
    }
    if (!isEmptyTree(this.root)) this.errorf(`template: multiple definition of template "${this.name}"`);
  }

  parse(): void {
    this.root = this.newList(this.peek().pos);
    while (this.peek().typ !== T.EOF) {
      if (this.peek().typ === T.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().typ === T.Define) {
          const def = new Parser("definition", this.src, this.lex, this.hasFunction, this.treeSet, this.maxStackDepth);
          def.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.k === N.End || n.k === N.Else) this.errorf(`unexpected ${nodeString(n)}`);
      this.root.nodes.push(n);
    }
  }

  private parseDefinition(): void {
    const context = "define clause";
    const name = this.expectOneOf(T.String, T.RawString, context);
    this.name = this.unquote(name.val);
    this.expect(T.RightDelim, context);
    const [list, end] = this.itemList();
    this.root = list;
    if (end.k !== N.End) this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add();
  }

  private unquote(lit: string): string {
    try {
      return unquote(lit);
    } catch (e) {
      return this.errorf((e as Error).message);
    }
  }

  private itemList(): [ListNode, Node] {
    const list = this.newList(this.peekNonSpace().pos);
    while (this.peekNonSpace().typ !== T.EOF) {
      const n = this.textOrAction();
      if (n.k === N.End || n.k === N.Else) return [list, n];
      list.nodes.push(n);
    }
    this.errorf("unexpected EOF");
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Text:
        return { k: N.Text, pos: token.pos, src: this.src, text: token.val };
      case T.LeftDelim: {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      case T.Comment:
        return { k: N.Comment, pos: token.pos, src: this.src, text: token.val };
      default:
        this.unexpected(token, "input");
    }
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Block:
        return this.blockControl();
      case T.Break:
      case T.Continue:
        return this.loopControl(token);
      case T.Else:
        return this.elseControl();
      case T.End:
        return { k: N.End, pos: this.expect(T.RightDelim, "end").pos, src: this.src, line: 0 };
      case T.If:
        return this.control(N.If, "if");
      case T.Range:
        return this.control(N.Range, "range");
      case T.Template:
        return this.templateControl();
      case T.With:
        return this.control(N.With, "with");
    }
    this.backup();
    const t = this.peek();
    return { k: N.Action, pos: t.pos, src: this.src, line: t.line, pipe: this.pipeline("command", T.RightDelim) };
  }

  private loopControl(token: Item): Node {
    const word = token.typ === T.Break ? "break" : "continue";
    const t = this.nextNonSpace();
    if (t.typ !== T.RightDelim) this.unexpected(t, `{{${word}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${word}}} outside {{range}}`);
    return { k: token.typ === T.Break ? N.Break : N.Continue, pos: token.pos, src: this.src, line: token.line };
  }

  private pipeline(context: string, end: T): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = { k: N.Pipe, pos: token.pos, src: this.src, line: token.line, isAssign: false, decl: [], cmds: [] };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ === T.Variable) {
        this.next();
        const tokenAfterVariable = this.peek();
        const next = this.peekNonSpace();
        if (next.typ === T.Assign || next.typ === T.Declare) {
          pipe.isAssign = next.typ === T.Assign;
          this.nextNonSpace();
          pipe.decl.push(this.newVariable(v.pos, v.val));
          this.vars.push(v.val);
        } else if (next.typ === T.Char && next.val === ",") {
          this.nextNonSpace();
          pipe.decl.push(this.newVariable(v.pos, v.val));
          this.vars.push(v.val);
          if (context === "range" && pipe.decl.length < 2) {
            const p = this.peekNonSpace().typ;
            if (p === T.Variable || p === T.RightDelim || p === T.RightParen) continue decls;
            this.errorf("range can only initialize variables");
          }
          this.errorf(`too many declarations in ${context}`);
        } else if (tokenAfterVariable.typ === T.Space) {
          this.backup3(v, tokenAfterVariable);
        } else {
          this.backup2(v);
        }
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      switch (token.typ) {
        case end:
          this.checkPipeline(pipe, context);
          return pipe;
        case T.Bool:
        case T.CharConstant:
        case T.Complex:
        case T.Dot:
        case T.Field:
        case T.Identifier:
        case T.Number:
        case T.Nil:
        case T.RawString:
        case T.String:
        case T.Variable:
        case T.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const k = pipe.cmds[i]!.args[0]!.k;
      if (k === N.Bool || k === N.Dot || k === N.Nil || k === N.Number || k === N.String)
        this.errorf(`non executable command in pipeline stage ${i + 1}`);
    }
  }

  private control(kind: N.If | N.Range | N.With, context: "if" | "range" | "with"): BranchNode {
    const nvars = this.vars.length;
    try {
      const pipe = this.pipeline(context, T.RightDelim);
      if (kind === N.Range) this.rangeDepth++;
      let [list, next] = this.itemList();
      if (kind === N.Range) this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.k === N.Else) {
        if (context === "if" && this.peek().typ === T.If) {
          this.next();
          elseList = this.newList(next.pos);
          elseList.nodes.push(this.control(N.If, "if"));
        } else if (context === "with" && this.peek().typ === T.With) {
          this.next();
          elseList = this.newList(next.pos);
          elseList.nodes.push(this.control(N.With, "with"));
        } else {
          [elseList, next] = this.itemList();
          if (next.k !== N.End) this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return { k: kind, pos: pipe.pos, src: this.src, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = nvars;
    }
  }

  private elseControl(): Node {
    const peek = this.peekNonSpace();
    if (peek.typ === T.If || peek.typ === T.With) return { k: N.Else, pos: peek.pos, src: this.src, line: peek.line };
    const token = this.expect(T.RightDelim, "else");
    return { k: N.Else, pos: token.pos, src: this.src, line: token.line };
  }

  private blockControl(): Node {
    const context = "block clause";
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, T.RightDelim);
    const block = new Parser(name, this.src, this.lex, this.hasFunction, this.treeSet, this.maxStackDepth);
    const [list, end] = block.itemList();
    block.root = list;
    if (end.k !== N.End) this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    block.add();
    return { k: N.Template, pos: token.pos, src: this.src, line: token.line, name, pipe };
  }

  private templateControl(): Node {
    const context = "template clause";
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== T.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, T.RightDelim);
    }
    return { k: N.Template, pos: token.pos, src: this.src, line: token.line, name, pipe };
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.typ === T.String || token.typ === T.RawString) return this.unquote(token.val);
    this.unexpected(token, context);
  }

  private command(): CommandNode {
    const cmd: CommandNode = { k: N.Command, pos: this.peekNonSpace().pos, src: this.src, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== null) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === T.Space) continue;
      if (token.typ === T.RightDelim || token.typ === T.RightParen) this.backup();
      else if (token.typ !== T.Pipe) this.unexpected(token, "operand");
      break;
    }
    if (cmd.args.length === 0) this.errorf("empty command");
    return cmd;
  }

  private operand(): Node | null {
    let node = this.term();
    if (node === null) return null;
    if (this.peek().typ === T.Field) {
      const chain: ChainNode = { k: N.Chain, pos: this.peek().pos, src: this.src, node, field: [] };
      while (this.peek().typ === T.Field) {
        const f = this.next().val;
        for (const part of f.slice(1).split(".")) chain.field.push(part);
      }
      switch (node.k) {
        case N.Field:
          node = { k: N.Field, pos: chain.pos, src: this.src, ident: [...node.ident, ...chain.field] };
          break;
        case N.Variable:
          node = this.newVariable(chain.pos, [...node.ident, ...chain.field].join("."));
          break;
        case N.Bool:
        case N.String:
        case N.Number:
        case N.Nil:
        case N.Dot:
          this.errorf(`unexpected . after term "${nodeString(node).replace(/["\\]/g, "\\$&")}"`);
        default:
          node = chain;
      }
    }
    return node;
  }

  private term(): Node | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Identifier:
        if (!this.hasFunction(token.val)) this.errorf(`function "${token.val}" not defined`);
        return { k: N.Identifier, pos: token.pos, src: this.src, name: token.val };
      case T.Dot:
        return { k: N.Dot, pos: token.pos, src: this.src };
      case T.Nil:
        return { k: N.Nil, pos: token.pos, src: this.src };
      case T.Variable:
        return this.useVar(token.pos, token.val);
      case T.Field:
        return { k: N.Field, pos: token.pos, src: this.src, ident: token.val.slice(1).split(".") };
      case T.Bool:
        return { k: N.Bool, pos: token.pos, src: this.src, value: token.val === "true" };
      case T.CharConstant:
      case T.Complex:
      case T.Number:
        return this.newNumber(token);
      case T.LeftParen: {
        if (this.stackDepth >= this.maxStackDepth) this.errorf("max expression depth exceeded");
        this.stackDepth++;
        try {
          return this.pipeline("parenthesized pipeline", T.RightParen);
        } finally {
          this.stackDepth--;
        }
      }
      case T.String:
      case T.RawString:
        return { k: N.String, pos: token.pos, src: this.src, quoted: token.val, text: this.unquote(token.val) };
    }
    this.backup();
    return null;
  }

  private newVariable(pos: number, name: string): VariableNode {
    return { k: N.Variable, pos, src: this.src, ident: name.split(".") };
  }

  private useVar(pos: number, name: string): VariableNode {
    const v = this.newVariable(pos, name);
    if (this.vars.includes(v.ident[0]!)) return v;
    this.errorf(`undefined variable "${v.ident[0]}"`);
  }

  private newNumber(token: Item): NumberNode {
    const text = token.val;
    const n: NumberNode = {
      k: N.Number,
      pos: token.pos,
      src: this.src,
      isInt: false,
      isUint: false,
      isFloat: false,
      isComplex: false,
      int64: 0n,
      uint64: 0n,
      float64: 0,
      text,
    };
    if (token.typ === T.CharConstant) {
      let r: number;
      try {
        r = unquoteCharConstant(text);
      } catch (e) {
        return this.errorf((e as Error).message);
      }
      n.int64 = n.uint64 = BigInt(r);
      n.float64 = r;
      n.isInt = n.isUint = n.isFloat = true;
      return n;
    }
    if (token.typ === T.Complex || (text.endsWith("i") && parseGoFloat(text.slice(0, -1)) !== undefined))
      this.errorf(`complex numbers are not supported: ${text}`);
    const i = parseGoInt(text);
    const u = text.startsWith("-") ? undefined : parseGoUint(text);
    if (u !== undefined) {
      n.isUint = true;
      n.uint64 = u;
    }
    if (i !== undefined) {
      n.isInt = true;
      n.int64 = i;
      if (i === 0n) {
        n.isUint = true;
        n.uint64 = 0n;
      }
    }
    if (n.isInt) {
      n.isFloat = true;
      n.float64 = Number(n.int64);
    } else if (n.isUint) {
      n.isFloat = true;
      n.float64 = Number(n.uint64);
    } else {
      const f = parseGoFloat(text);
      if (f !== undefined && !/^[+-]?(inf|infinity|nan)$/i.test(text)) {
        if (!/[.eEpP]/.test(text) || /^[+-]?0[xX][^pP]*$/.test(text)) this.errorf(`integer overflow: "${text}"`);
        n.isFloat = true;
        n.float64 = f;
        if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
          n.isInt = true;
          n.int64 = BigInt(f);
        }
        if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
          n.isUint = true;
          n.uint64 = BigInt(f);
        }
      }
    }
    if (!n.isInt && !n.isUint && !n.isFloat) this.errorf(`illegal number syntax: "${text}"`);
    return n;
  }
}

function parseGoUint(text: string): bigint | undefined {
  const t = text.startsWith("+") ? undefined : text;
  if (t === undefined) return undefined;
  const big = parseGoInt(t);
  if (big !== undefined) return big >= 0n ? big : undefined;
  // Values above int64's range still fit uint64.
  const m = /^(0[xX][0-9a-fA-F_]+|[1-9][0-9_]*)$/.exec(t);
  if (!m || (t.includes("_") && !underscoreOK(t))) return undefined;
  const v = BigInt(t.replace(/_/g, ""));
  return v < 1n << 64n ? v : undefined;
}

/** What {@link parseTemplates} needs. */
export interface ParseOptions {
  /** Whether a function name is defined (an undefined one is a parse error, as in Go). */
  readonly hasFunction: (name: string) => boolean;
  /** @defaultValue `{{` */
  readonly leftDelim?: string;
  /** @defaultValue `}}` */
  readonly rightDelim?: string;
  /** Go's maximum nesting of parenthesized pipelines. @defaultValue 10000 */
  readonly maxExpressionDepth?: number;
}

/**
 * Parses `text` named `name`: returns the trees it defines — the top-level one under `name`
 * and one per `define`/`block` — or throws a {@link TemplateError} with Go's message.
 */
export function parseTemplates(name: string, text: string, options: ParseOptions): Map<string, Tree> {
  const treeSet = new Map<string, Tree>();
  const src: Source = { parseName: name, text };
  const lex = new Lexer(text, options.leftDelim || "{{", options.rightDelim || "}}");
  lex.options = { emitComment: false, breakOK: !options.hasFunction("break"), continueOK: !options.hasFunction("continue") };
  const p = new Parser(name, src, lex, options.hasFunction, treeSet, options.maxExpressionDepth ?? 10000);
  try {
    p.parse();
    p.add();
  } catch (e) {
    if (e instanceof ParseError) throw new TemplateParseError(e.message);
    throw e;
  }
  return treeSet;
}
