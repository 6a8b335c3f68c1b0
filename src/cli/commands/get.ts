import { CLUSTER_OPTIONS, CLUSTER_OPTIONS_HELP, connectFromArgs } from "../cluster-options.js";
import type { Release } from "../../storage/release.js";
import type { Command } from "../command.js";
import { formatData, integerOption, OUTPUT_HELP, OUTPUT_OPTION, outputFormat, requirePositional, UsageError, type OutputFormat } from "../format/output.js";
import { formatHooks, formatObjects, formatReleaseText, formatValuesText, RELEASE_PARTS, releaseRecordData, type ReleasePart } from "../format/release-record.js";

const HELP = `Usage: berth get <release> [values|manifest|hooks|notes|all] [options]

Prints what a revision recorded (default: the latest revision, all of it). Like helm get;
\`berth get values <release>\` (Helm's order) works too.

  values     the values the user gave, exactly as given (--all: the computed values, chart
             defaults included). This is the way to read values back, secrets included:
             \`berth get app values -o yaml > values.yaml\`
  manifest   the release's objects as multi-document YAML, each after "# Source: <template>"
  hooks      the hook objects, the same way, each with its last run (deploy or test)
  notes      the rendered NOTES.txt
  all        everything above (-o json|yaml: the whole record)

Options:
      --revision <n>        a revision other than the latest (see \`berth history\`)
      --all                 values: print the computed values instead of the user's
${OUTPUT_HELP}                            (values and all; manifest, hooks and notes are text)
  -h, --help                show this help

${CLUSTER_OPTIONS_HELP}`;

const isPart = (s: string | undefined): s is ReleasePart => s !== undefined && (RELEASE_PARTS as readonly string[]).includes(s);

/** Reads `<release> [part]`, or Helm's `<part> <release>`. */
function target(positionals: readonly string[]): { name: string; part: ReleasePart } {
  if (positionals.length > 2) throw new UsageError("get", `unexpected argument "${positionals[2]}"`);
  const [first, second] = positionals;
  if (second === undefined) return { name: requirePositional("get", positionals, 0, "release name"), part: "all" };
  if (isPart(second)) return { name: first!, part: second };
  if (isPart(first)) return { name: second, part: first };
  throw new UsageError("get", `unknown part "${second}"; use one of ${RELEASE_PARTS.join(", ")}`);
}

function render(release: Release, part: ReleasePart, format: OutputFormat, allValues: boolean): string {
  if (part === "values") return format === "table" ? formatValuesText(release, allValues) : formatData(allValues ? release.values : release.config, format);
  if (part === "all") return format === "table" ? formatReleaseText(release) : formatData(releaseRecordData(release), format);
  if (format !== "table") throw new UsageError("get", `${part} is printed as text; -o json|yaml applies to values and all`);
  if (part === "manifest") return formatObjects(release.objects, release.crds);
  if (part === "hooks") return formatHooks(release.hooks);
  return release.notes;
}

/** `berth get <release> [part]`: a revision's values, manifest, hooks or notes. */
export const getCommand: Command = {
  name: "get",
  summary: "Print a revision's values, manifest, hooks or notes",
  help: HELP,
  options: { ...CLUSTER_OPTIONS, ...OUTPUT_OPTION, revision: { type: "string" }, all: { type: "boolean" } },
  async run({ values, positionals }, io) {
    const { name, part } = target(positionals);
    const format = outputFormat("get", values);
    const revision = integerOption("get", values, "revision");
    const cluster = await connectFromArgs(values, io);
    try {
      const release = await cluster.get(name, { ...(revision !== undefined ? { revision } : {}), signal: io.signal });
      io.stdout.write(render(release, part, format, values["all"] === true));
      return 0;
    } finally {
      cluster.close();
    }
  },
};
