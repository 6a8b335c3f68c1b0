import type { KubeObject } from "../model/object.js";
import type { TemplateContext } from "./context.js";
import type { ProvenanceSigner } from "./package/provenance.js";

/** An `application` chart renders objects; a `library` chart only contributes partials. */
export type ChartType = "application" | "library";

/**
 * The template language of a chart: `gotemplate` — Go templates with Sprig and Helm's functions,
 * rendered as `helm template` renders them (every Helm chart) — or `mustache`, berth's structural
 * mustache (a chart directory whose `Chart.yaml` has the annotation `berth.dev/engine: mustache`,
 * and charts defined in code).
 */
export type ChartEngine = "gotemplate" | "mustache";

/** A chart's identity, as in `Chart.yaml`. */
export interface ChartMetadata {
  /** `v2` for charts written for Helm 3 and berth. */
  readonly apiVersion: string;
  /** The chart's name. */
  readonly name: string;
  /** A SemVer 2 version, e.g. `1.4.2`. */
  readonly version: string;
  /** The version of the application the chart deploys; free text. */
  readonly appVersion?: string;
  /** A one-line description of the chart. */
  readonly description?: string;
  /** Whether the chart renders objects (`application`) or only contributes partials (`library`). @defaultValue "application" */
  readonly type: ChartType;
}

/** A JSON Schema (draft-07 or draft 2020-12, chosen by its `$schema`). */
export type JsonSchema = Readonly<Record<string, unknown>> | boolean;

/** A problem a custom values validator found. */
export interface ValuesViolation {
  /** Dotted value path, e.g. `image.tag`; empty for the root. */
  readonly path: string;
  /** What is wrong with the value. */
  readonly message: string;
}

/** A values check written in code; returns every violation (none when valid). */
export type ValuesValidator = (values: unknown) => readonly ValuesViolation[];

/** What a template function may return; `null`/`undefined` render nothing. */
export type TemplateOutput = KubeObject | readonly KubeObject[] | null | undefined;

/** A template written in code: a typed function from the context to objects. */
export type TemplateFunction<V> = (ctx: TemplateContext<V>) => TemplateOutput;

/** A template: mustache text (YAML with structural interpolation) or a function. */
export type TemplateSource<V> = string | TemplateFunction<V>;

/** A subchart of a chart. */
export interface ChartDependency {
  /** The subchart. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a subchart's values type is its own
  readonly chart: Chart<any>;
  /** The name the subchart's values live under; @defaultValue the subchart's name */
  readonly alias?: string;
  /** Comma-separated value paths; the first that is set (a boolean) enables the subchart. */
  readonly condition?: string;
  /** Enabled when any `tags.<tag>` value is true (a `condition` that is set wins). */
  readonly tags?: readonly string[];
}

/**
 * A chart, loaded from a directory ({@link loadChart}) or defined in code ({@link defineChart}).
 *
 * @typeParam V - the type of the chart's values
 */
export interface Chart<V = Record<string, unknown>> {
  /** The chart's identity (`Chart.yaml`). */
  readonly metadata: ChartMetadata;
  /** The default values (`values.yaml`). */
  readonly values: V;
  /** Validates the coalesced values: `values.schema.json` or a schema/validator given in code. */
  readonly schema?: JsonSchema | ValuesValidator;
  /** Templates by path under `templates/`, e.g. `deployment.yaml`, in render order. */
  readonly templates: Readonly<Record<string, TemplateSource<V>>>;
  /** Mustache partials by name (`templates/_labels.mustache` is `labels`). */
  readonly partials: Readonly<Record<string, string>>;
  /** `templates/NOTES.txt`, mustache text. */
  readonly notes?: string;
  /** CRD manifests by file name under `crds/`; applied first, never templated. */
  readonly crds: Readonly<Record<string, string>>;
  /** Subcharts, in declaration order. */
  readonly dependencies: readonly ChartDependency[];
  /** The directory the chart was loaded from, when it was (for packages: where they were unpacked). */
  readonly directory?: string;
  /** Where a chart loaded by reference came from, with its package digest (absent for plain directories). */
  readonly source?: ChartPackageSource;
  /**
   * The template engine. A Helm chart's Go templates are not in `templates`/`partials` (those are
   * mustache); they are rendered from the chart's files. @defaultValue "mustache"
   */
  readonly engine?: ChartEngine;
}

/** Where a chart package came from and its digest. */
export interface ChartPackageSource {
  /** `directory`, `archive` (a `.tgz`), `repository` (index.yaml) or `oci`. */
  readonly kind: "directory" | "archive" | "repository" | "oci";
  /** The reference as given. */
  readonly ref: string;
  /** Where the package was downloaded from. */
  readonly url?: string;
  /** `sha256:<hex>` of the package. */
  readonly digest: string;
  /** For OCI: the manifest digest. */
  readonly manifestDigest?: string;
  /** Who signed the package, when it was loaded with `verify`. */
  readonly signer?: ProvenanceSigner;
}
