import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { template } from "../../actions/template.js";
import { engineAt, loadChart } from "../../chart/load.js";
import { helmTemplate } from "../../render/helm/helm-template.js";
import { formatManifests, matchesAny } from "../../render/manifest.js";
import type { Command } from "../command.js";
import { ACCESS_HELP, ACCESS_OPTIONS, VERIFY_HELP, VERIFY_OPTIONS, loadChartArg } from "./chart-env.js";

const HELP = `Usage: berth template [release-name] <chart> [options]

Renders a chart locally and prints the objects as multi-document YAML, each preceded by
"# Source: <chart>/templates/<file>". No cluster is needed. <chart> is a chart directory, a .tgz,
oci://host/path/name, <repo>/<chart> of an added repository, or a chart name with --repo <url>.
A Helm chart prints exactly what \`helm template\` (v3) prints; a berth mustache chart
(berth.dev/engine: mustache in Chart.yaml) prints CRDs, objects in install order, then hooks.

Options:
  -f, --values <file>        a values file; repeat to layer several (later wins)
      --set <k=v[,k=v]>      set values (Helm syntax: a.b=c, list[0]=x, l={a,b}, a\\.b=c); repeatable
      --set-string <k=v>     like --set, every value a string (Helm charts); repeatable
      --release-name <name>  the release name (default: release-name)
  -n, --namespace <ns>       the release namespace (default: default)
  -s, --show-only <file>     only objects from this template (e.g. templates/deployment.yaml); repeatable
      --include-crds         print the charts' CRDs too (Helm charts; mustache charts always do)
      --skip-tests           leave out test hooks (Helm charts)
      --lenient              render missing values as empty instead of failing (mustache charts)
      --kube-version <v>     Capabilities.KubeVersion (default: helm's v1.37.0 for Helm charts, v1.31.0 for mustache)
  -a, --api-versions <gv>    an available API version for Capabilities; repeatable
      --version <range>      the chart version or range, for charts from repositories/registries
      --repo <url>           the chart repository URL (then <chart> is the chart's name)
${ACCESS_HELP}
${VERIFY_HELP}
  -h, --help                 show this help
`;

/** `berth template`: render a chart directory to YAML. */
export const templateCommand: Command = {
  name: "template",
  summary: "Render a chart locally and print the YAML",
  help: HELP,
  options: {
    values: { type: "string", short: "f", multiple: true },
    set: { type: "string", multiple: true },
    "set-string": { type: "string", multiple: true },
    "include-crds": { type: "boolean" },
    "skip-tests": { type: "boolean" },
    "release-name": { type: "string" },
    namespace: { type: "string", short: "n" },
    "show-only": { type: "string", short: "s", multiple: true },
    lenient: { type: "boolean" },
    "kube-version": { type: "string" },
    "api-versions": { type: "string", short: "a", multiple: true },
    version: { type: "string" },
    repo: { type: "string" },
    ...ACCESS_OPTIONS, ...VERIFY_OPTIONS,
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1 && positionals.length !== 2) {
      io.stderr.write(`berth template: expected a chart (optionally after a release name)\n\n${HELP}`);
      return 1;
    }
    const arg = positionals[positionals.length - 1]!;
    const local = resolve(io.cwd, arg);
    // A local chart is read once, by the renderer of its engine; a reference is fetched (and verified) first.
    const byReference = values.repo !== undefined || values.version !== undefined || values.verify === true || !existsSync(local);
    const loaded = byReference ? await loadChartArg(io, arg, values) : undefined;
    const path = loaded?.directory ?? local;
    const strings = (name: string) => (values[name] as string[] | undefined) ?? [];
    const releaseName = (values["release-name"] as string | undefined) ?? (positionals.length === 2 ? positionals[0]! : "release-name");
    const kubeVersion = values["kube-version"] as string | undefined;
    const apiVersions = strings("api-versions");
    if ((loaded ? loaded.engine : await engineAt(path)) === "gotemplate") {
      io.stdout.write(await helmTemplate(path, {
        releaseName,
        namespace: (values.namespace as string | undefined) ?? "default",
        valuesFiles: strings("values").map((f) => resolve(io.cwd, f)),
        set: strings("set"),
        setString: strings("set-string"),
        showOnly: strings("show-only"),
        ...(kubeVersion !== undefined && { kubeVersion }),
        apiVersions,
        includeCrds: values["include-crds"] === true,
        skipTests: values["skip-tests"] === true,
      }));
      return 0;
    }
    const chart = loaded ?? (await loadChart(path));
    const result = await template(
      chart,
      {
        release: releaseName,
        namespace: (values.namespace as string | undefined) ?? "default",
        valueFiles: strings("values").map((f) => resolve(io.cwd, f)),
        set: strings("set"),
      },
      {
        strict: !values.lenient,
        capabilities: { ...(kubeVersion && { kubeVersion }), ...(apiVersions.length > 0 && { apiVersions }) },
      },
    );
    const showOnly = strings("show-only");
    const sources = [...result.crds, ...result.objects, ...result.hooks].map((o) => o.source);
    const unmatched = showOnly.filter((p) => !sources.some((s) => matchesAny(s, [p])));
    if (unmatched.length > 0) {
      io.stderr.write(`berth template: no objects rendered from ${unmatched.join(", ")}; templates that rendered: ${[...new Set(sources)].join(", ")}\n`);
      return 1;
    }
    for (const warning of result.warnings) {
      io.stderr.write(`warning: ${warning.source}${warning.line ? `:${warning.line}` : ""}: ${warning.message}\n`);
    }
    io.stdout.write(formatManifests(result, showOnly.length > 0 ? { showOnly } : {}));
    return 0;
  },
};
