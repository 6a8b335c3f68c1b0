/**
 * libyaml (go-yaml v2) does not check the indentation of continuation lines inside flow
 * collections and multi-line quoted scalars; the YAML spec (and the `yaml` package) does. Charts
 * rely on the leniency (`command: [ "a",\n  "b" ]` under-indented). Since leading whitespace of such
 * continuation lines is folded away, indenting them further keeps the value and makes the text
 * acceptable to a spec parser.
 */

function indentOf(line: string): number {
  let i = 0;
  while (line[i] === " ") i++;
  return i;
}

/** Re-indents under-indented continuation lines of flow collections and quoted scalars. */
export function reindentContinuations(text: string): string {
  const lines = text.split("\n");
  let flow = 0;
  let quote: string | undefined;
  let ownerIndent = 0;
  let blockIndent = -1;
  for (let li = 0; li < lines.length; li++) {
    let line = lines[li]!;
    if (blockIndent >= 0) {
      if (line.trim() === "" || indentOf(line) > blockIndent) continue;
      blockIndent = -1;
    }
    const continuing = flow > 0 || quote !== undefined;
    if (continuing && line.trim() !== "" && indentOf(line) <= ownerIndent) {
      line = " ".repeat(ownerIndent + 1 - indentOf(line)) + line;
      lines[li] = line;
    }
    if (!continuing) ownerIndent = indentOf(line);
    let atScalarStart = true;
    let lastSignificant = "";
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quote === '"') {
        if (c === "\\") i++;
        else if (c === '"') quote = undefined;
        continue;
      }
      if (quote === "'") {
        if (c === "'" && line[i + 1] === "'") i++;
        else if (c === "'") quote = undefined;
        continue;
      }
      if (c === "#" && (i === 0 || line[i - 1] === " " || line[i - 1] === "\t")) break;
      if ((c === '"' || c === "'") && atScalarStart) {
        quote = c;
        continue;
      }
      if (c === "[" || c === "{") {
        if (atScalarStart || flow > 0) flow++;
        atScalarStart = true;
        lastSignificant = c;
        continue;
      }
      if ((c === "]" || c === "}") && flow > 0) flow--;
      if (c === " " || c === "\t") {
        if (lastSignificant === ":" || lastSignificant === "-" || lastSignificant === "?" || lastSignificant === ",") atScalarStart = true;
        continue;
      }
      if (c === "," && flow > 0) {
        atScalarStart = true;
        lastSignificant = c;
        continue;
      }
      atScalarStart = false;
      lastSignificant = c;
    }
    if (flow === 0 && quote === undefined && /(?:^|[\s:-])[|>][-+0-9]*\s*(#.*)?$/.test(line.replace(/^\s*-\s+/, "- "))) blockIndent = indentOf(line);
  }
  return lines.join("\n");
}
