// Random templates (a fixed seed, so the same every run) over the oracle's data set "d":
// combinations of fields, literals, builtins, test functions, pipelines and control structures.
/** Returns `count` generated template cases for the oracle. */
export function fuzzCases(seedIn, count) {
let seed = seedIn;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (a) => a[Math.floor(rnd() * a.length)];
const fields = [".S", ".I", ".F", ".B", ".Zero", ".SI", ".SII", ".MSI", ".MSI.one", ".Nil", ".nope", ".Nested.a", ".Nested.a.b.c", ".Values.image.tag", ".Values.replicas", ".Values.list", ".Values.ports", ".Mixed", ".Quote", ".Uni", ".Big", ".Small", ".P.Name", ".V", ".Bytes", ".SS", ".Values.nilval", ".Values.nope.x", "$.S", ".S"];
const lits = ["1", "0", "-2", "3.5", "1e3", "\"a\"", "`b`", "true", "false", "'x'", "0x10", "\"\"", "nil"];
const funcs1 = ["len", "not", "print", "println", "html", "js", "urlquery", "upper", "echo", "isNil", "list", "half"];
const funcs2 = ["eq", "ne", "lt", "le", "gt", "ge", "and", "or", "index", "slice", "printf", "join", "repeat", "add", "dict", "print"];
const fmts = ['"%v"', '"%d"', '"%s"', '"%q"', '"%5.2f"', '"%x"', '"%T"', '"%v-%v"', '"%-4s|"', '"%t"', '"%e"', '"%g"'];
function arg(d) {
  const r = rnd();
  if (r < 0.45 || d > 2) return pick(fields);
  if (r < 0.75) return pick(lits);
  return "(" + expr(d + 1) + ")";
}
function expr(d = 0) {
  const r = rnd();
  if (r < 0.25) return arg(d);
  if (r < 0.45) return pick(funcs1) + " " + arg(d);
  if (r < 0.8) { const f = pick(funcs2); return f + " " + (f === "printf" ? pick(fmts) : arg(d)) + " " + arg(d) + (rnd() < 0.3 ? " " + arg(d) : ""); }
  return arg(d) + " | " + pick(funcs1);
}
function block(d = 0) {
  const r = rnd();
  if (r < 0.5 || d > 2) return "{{" + pick(["", "- "]) + expr() + pick(["", " -"]) + "}}";
  if (r < 0.65) return `{{if ${expr()}}}A${block(d + 1)}{{else}}B${block(d + 1)}{{end}}`;
  if (r < 0.8) return `{{with ${expr()}}}<${block(d + 1)}>{{else}}W{{end}}`;
  if (r < 0.9) return `{{range $i, $v := ${pick(fields.filter((f) => f !== ".Bytes"))}}}[{{$i}}:${block(d + 1)}]{{else}}E{{end}}`;
  return `{{$x := ${expr()}}}{{$x}}`;
}
const cases = [];
for (let i = 0; i < count; i++) {
  const n = 1 + Math.floor(rnd() * 3);
  let t = "";
  for (let j = 0; j < n; j++) t += block() + pick([" ", "\n", "", "x"]);
  cases.push({ name: "fuzz" + i, tpl: t, data: "d", missingkey: pick(["", "", "zero", "error"]) || undefined });
}
return cases;
}
