/**
 * Parse-tree nodes of Go's text/template, and their String() forms (used in error messages).
 */
import { goQuote } from "./quote.js";

/** The source a node came from: the parse name (file) and its full text, for `NAME:LINE:COL`. */
export interface Source {
  readonly parseName: string;
  readonly text: string;
}

/** Node kinds. */
export const enum N {
  Text,
  Action,
  Bool,
  Chain,
  Command,
  Dot,
  Field,
  Identifier,
  If,
  List,
  Nil,
  Number,
  Pipe,
  Range,
  String,
  Template,
  Variable,
  With,
  Comment,
  Break,
  Continue,
  End,
  Else,
}

interface Base {
  pos: number;
  src: Source;
}

export interface ListNode extends Base {
  k: N.List;
  nodes: Node[];
}
export interface TextNode extends Base {
  k: N.Text;
  text: string;
}
export interface CommentNode extends Base {
  k: N.Comment;
  text: string;
}
export interface ActionNode extends Base {
  k: N.Action;
  line: number;
  pipe: PipeNode;
}
export interface PipeNode extends Base {
  k: N.Pipe;
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode extends Base {
  k: N.Command;
  args: Node[];
}
export interface IdentifierNode extends Base {
  k: N.Identifier;
  name: string;
}
export interface VariableNode extends Base {
  k: N.Variable;
  ident: string[];
}
export interface DotNode extends Base {
  k: N.Dot;
}
export interface NilNode extends Base {
  k: N.Nil;
}
export interface FieldNode extends Base {
  k: N.Field;
  ident: string[];
}
export interface ChainNode extends Base {
  k: N.Chain;
  node: Node;
  field: string[];
}
export interface BoolNode extends Base {
  k: N.Bool;
  value: boolean;
}
export interface NumberNode extends Base {
  k: N.Number;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64: bigint;
  uint64: bigint;
  float64: number;
  text: string;
}
export interface StringNode extends Base {
  k: N.String;
  quoted: string;
  text: string;
}
export interface BranchNode extends Base {
  k: N.If | N.Range | N.With;
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}
export interface BreakNode extends Base {
  k: N.Break | N.Continue;
  line: number;
}
export interface TemplateNode extends Base {
  k: N.Template;
  line: number;
  name: string;
  pipe: PipeNode | null;
}
export interface EndNode extends Base {
  k: N.End | N.Else;
  line: number;
}

/** Any parse-tree node. */
export type Node =
  | ListNode
  | TextNode
  | CommentNode
  | ActionNode
  | PipeNode
  | CommandNode
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | BranchNode
  | BreakNode
  | TemplateNode
  | EndNode;

/** Node.String() as Go prints it. */
export function nodeString(n: Node): string {
  const out: string[] = [];
  writeNode(n, out);
  return out.join("");
}

function writePipe(p: PipeNode, out: string[]): void {
  if (p.decl.length > 0) {
    p.decl.forEach((v, i) => {
      if (i > 0) out.push(", ");
      writeNode(v, out);
    });
    out.push(p.isAssign ? " = " : " := ");
  }
  p.cmds.forEach((c, i) => {
    if (i > 0) out.push(" | ");
    writeNode(c, out);
  });
}

function writeNode(n: Node, out: string[]): void {
  switch (n.k) {
    case N.List:
      for (const c of n.nodes) writeNode(c, out);
      return;
    case N.Text:
      out.push(n.text);
      return;
    case N.Comment:
      out.push("{{" + n.text + "}}");
      return;
    case N.Action:
      out.push("{{");
      writePipe(n.pipe, out);
      out.push("}}");
      return;
    case N.Pipe:
      return writePipe(n, out);
    case N.Command:
      n.args.forEach((a, i) => {
        if (i > 0) out.push(" ");
        if (a.k === N.Pipe) {
          out.push("(");
          writePipe(a, out);
          out.push(")");
        } else writeNode(a, out);
      });
      return;
    case N.Identifier:
      out.push(n.name);
      return;
    case N.Variable:
      out.push(n.ident.join("."));
      return;
    case N.Dot:
      out.push(".");
      return;
    case N.Nil:
      out.push("nil");
      return;
    case N.Field:
      for (const f of n.ident) out.push("." + f);
      return;
    case N.Chain:
      if (n.node.k === N.Pipe) {
        out.push("(");
        writePipe(n.node, out);
        out.push(")");
      } else writeNode(n.node, out);
      for (const f of n.field) out.push("." + f);
      return;
    case N.Bool:
      out.push(n.value ? "true" : "false");
      return;
    case N.Number:
      out.push(n.text);
      return;
    case N.String:
      out.push(n.quoted);
      return;
    case N.If:
    case N.Range:
    case N.With:
      out.push("{{" + (n.k === N.If ? "if" : n.k === N.Range ? "range" : "with") + " ");
      writePipe(n.pipe, out);
      out.push("}}");
      writeNode(n.list, out);
      if (n.elseList) {
        out.push("{{else}}");
        writeNode(n.elseList, out);
      }
      out.push("{{end}}");
      return;
    case N.Break:
      out.push("{{break}}");
      return;
    case N.Continue:
      out.push("{{continue}}");
      return;
    case N.Template:
      out.push("{{template " + goQuote(n.name));
      if (n.pipe) {
        out.push(" ");
        writePipe(n.pipe, out);
      }
      out.push("}}");
      return;
    case N.End:
      out.push("{{end}}");
      return;
    case N.Else:
      out.push("{{else}}");
      return;
  }
}

/** Go's `parse.IsEmptyTree`: only whitespace text and comments. */
export function isEmptyTree(n: Node | null): boolean {
  if (n === null) return true;
  switch (n.k) {
    case N.Comment:
      return true;
    case N.List:
      return n.nodes.every(isEmptyTree);
    case N.Text:
      return n.text.trim().length === 0 || /^[ \t\n\r\v\f\u0085\u00a0]*$/.test(n.text);
    default:
      return false;
  }
}

const utf8 = new TextEncoder();

/** `NAME:LINE:COL` of a position (Go's ErrorContext location; COL is a 0-based byte offset). */
export function location(src: Source, pos: number): string {
  const before = src.text.slice(0, pos);
  const nl = before.lastIndexOf("\n");
  let lines = 1;
  for (let i = before.indexOf("\n"); i >= 0; i = before.indexOf("\n", i + 1)) lines++;
  const lineText = nl === -1 ? before : before.slice(nl + 1);
  return `${src.parseName}:${lines}:${utf8.encode(lineText).length}`;
}
