// Rendered Helm template files → YAML documents, as Helm's releaseutil splits and reads them
// (SplitManifests, then sigs.k8s.io/yaml), so berth deploys the objects helm would deploy.
import type { Issue } from "../model/issue.js";
import { HelmYamlInvalid, jsonRoundTrip, readYamlRaw } from "../chart/helm/yaml-read.js";
import type { SourcedValue } from "./objects.js";
import type { RenderWarning } from "../model/rendered.js";
// Helm 3's hook events; an object naming any other (Helm 2's crd-install…) is left out, as Helm does.
import { HOOK_ANNOTATION, HOOK_EVENT_NAMES } from "../hooks/parse.js";

/** One rendered template file: its path in the chart tree (`web/templates/x.yaml`) and its text. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
}

/** The documents of a Helm chart's rendered files, its notes, and what was wrong. */
export interface HelmDocuments {
  readonly documents: SourcedValue[];
  readonly notes: string;
  readonly issues: Issue[];
  readonly warnings: RenderWarning[];
}

/** Helm's document separator: `---` at the start or after a line break, with the blanks around it. */
const SEPARATOR = /(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/g;

/**
 * Splits and reads the rendered files of a Helm chart: partials (`_*`) and whitespace-only files
 * are skipped, the top chart's `templates/NOTES.txt` is the notes (other charts' notes are dropped,
 * as `helm install` does), every other file is split on `---` and each document read as
 * sigs.k8s.io/yaml reads it; documents that are empty or only comments are skipped.
 *
 * @param chartName - the top chart's name, whose NOTES.txt is kept
 */
export function readHelmManifests(files: readonly RenderedFile[], chartName: string): HelmDocuments {
  const out: HelmDocuments = { documents: [], notes: "", issues: [], warnings: [] };
  for (const file of files) {
    const base = file.path.slice(file.path.lastIndexOf("/") + 1);
    if (base === "NOTES.txt") {
      if (file.path === `${chartName}/templates/NOTES.txt`) (out as { notes: string }).notes = file.content;
      continue;
    }
    if (base.startsWith("_") || file.content.trim() === "") continue;
    for (const doc of splitManifest(file.content)) readDocument(file.path, doc, out);
  }
  return out;
}

/** A document of a file and the 1-based line of the file it starts on. */
interface Piece {
  readonly text: string;
  readonly line: number;
}

/** Helm's SplitManifests, keeping where each document starts. */
export function splitManifest(content: string): Piece[] {
  const lead = content.length - content.trimStart().length;
  const text = content.trim();
  const pieces: Piece[] = [];
  let from = 0;
  const push = (end: number) => {
    const raw = text.slice(from, end);
    if (raw === "") return;
    const skipped = raw.length - raw.trimStart().length;
    pieces.push({ text: raw.trim(), line: lineAt(content, lead + from + skipped) });
  };
  for (const match of text.matchAll(SEPARATOR)) {
    push(match.index);
    from = match.index + match[0].length;
  }
  push(text.length);
  return pieces;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

function readDocument(source: string, piece: Piece, out: HelmDocuments): void {
  let value: unknown;
  try {
    value = jsonRoundTrip(readYamlRaw(piece.text));
  } catch (e) {
    if (!(e instanceof HelmYamlInvalid)) throw e;
    const at = /yaml: line (\d+):/.exec(e.message);
    const line = at ? piece.line + Number(at[1]) - 1 : piece.line;
    out.issues.push({ source, line, message: `YAML parse error (the rendered output is not YAML): ${e.message}` });
    return;
  }
  if (value === null || value === undefined) return;
  const hook = hookEvents(value);
  if (hook && hook.some((e) => !HOOK_EVENT_NAMES.has(e))) {
    out.warnings.push({ code: "HookIgnored", source, line: piece.line, message: `an object with hook events ${JSON.stringify(hook.join(","))} is left out: Helm 3 knows none of ${hook.filter((e) => !HOOK_EVENT_NAMES.has(e)).join(", ")}` });
    return;
  }
  out.documents.push({ value, template: source, at: { source, line: piece.line } });
}

/** The hook events an object's annotation names (lower-cased, as Helm reads them); undefined when it is no hook. */
function hookEvents(value: unknown): string[] | undefined {
  const annotations = (value as { metadata?: { annotations?: Record<string, unknown> } })?.metadata?.annotations;
  const hook = annotations && typeof annotations === "object" ? annotations[HOOK_ANNOTATION] : undefined;
  return typeof hook === "string" ? hook.split(",").map((e) => e.trim().toLowerCase()) : undefined;
}
