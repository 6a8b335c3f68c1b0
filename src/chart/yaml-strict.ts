import type { Issue } from "../model/issue.js";

// What go-yaml's reader accepts (YAML 1.1 "printable"): tab, LF, CR, 0x20–0x7E, NEL, 0xA0–0xD7FF,
// 0xE000–0xFFFD and the astral planes. Anything else is a control character it rejects.
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * What Helm's YAML parser (go-yaml) rejects and the `yaml` package accepts: control characters
 * anywhere in the text, and a `%YAML` directive of a version other than 1.1 or 1.2 (or given twice
 * in one document). Returns one issue per problem, with its line.
 */
export function yamlStrictnessIssues(text: string, source: string): Issue[] {
  const issues: Issue[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  let versionDirectives = 0;
  lines.forEach((line, i) => {
    const bad = NOT_PRINTABLE.exec(line);
    if (bad) {
      const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      issues.push({ source, line: i + 1, message: `control character U+${code} at column ${bad.index + 1} is not allowed in YAML; remove it (escape it inside a double-quoted string, e.g. "\\u${code}")` });
    }
    if (line.startsWith("---")) versionDirectives = 0;
    const directive = /^%YAML(?:\s+(\S*))?/.exec(line);
    if (directive) {
      versionDirectives++;
      const version = directive[1] ?? "";
      if (version !== "1.1" && version !== "1.2") issues.push({ source, line: i + 1, message: `%YAML ${version} is not a supported YAML version; use %YAML 1.1 or remove the directive` });
      else if (versionDirectives > 1) issues.push({ source, line: i + 1, message: "a second %YAML directive for one document; keep one" });
    }
  });
  return issues;
}
