import type { Issue } from "../model/issue.js";

// What go-yaml's reader accepts (YAML 1.1 "printable"): tab, LF, CR, 0x20–0x7E, NEL, 0xA0–0xD7FF,
// 0xE000–0xFFFD and the astral planes. Anything else is a control character it rejects.
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** One thing go-yaml rejects, at a 1-based line and the character offset in the text where that line starts. */
export interface StrictnessProblem {
  readonly line: number;
  readonly lineOffset: number;
  readonly message: string;
}

/**
 * What Helm's YAML parser (go-yaml) rejects and the `yaml` package accepts: control characters
 * anywhere in the text, and a `%YAML` directive of a version other than 1.1 or 1.2 (or given twice
 * in one document). One problem per line at most, in text order.
 */
export function yamlStrictnessProblems(text: string): StrictnessProblem[] {
  if (!NOT_PRINTABLE.test(text) && !text.includes("%YAML")) return [];
  const problems: StrictnessProblem[] = [];
  let versionDirectives = 0;
  let lineOffset = 0;
  const lines = text.split(/(\r\n|\n|\r)/);
  for (let i = 0; i < lines.length; i += 2) {
    const line = lines[i]!;
    const at = { line: i / 2 + 1, lineOffset };
    lineOffset += line.length + (lines[i + 1]?.length ?? 0);
    const bad = NOT_PRINTABLE.exec(line);
    if (bad) {
      const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      problems.push({ ...at, message: `control character U+${code} at column ${bad.index + 1} is not allowed in YAML; remove it (escape it inside a double-quoted string, e.g. "\\u${code}")` });
    }
    if (line.startsWith("---")) versionDirectives = 0;
    const directive = /^%YAML(?:\s+(\S*))?/.exec(line);
    if (directive) {
      versionDirectives++;
      const version = directive[1] ?? "";
      if (version !== "1.1" && version !== "1.2") problems.push({ ...at, message: `%YAML ${version.slice(0, 20)} is not a supported YAML version; use %YAML 1.1 or remove the directive` });
      else if (versionDirectives > 1) problems.push({ ...at, message: "a second %YAML directive for one document; keep one" });
    }
  }
  return problems;
}

/** {@link yamlStrictnessProblems} as issues of the file `source`, with their lines. */
export function yamlStrictnessIssues(text: string, source: string): Issue[] {
  return yamlStrictnessProblems(text).map((p) => ({ source, line: p.line, message: p.message }));
}
