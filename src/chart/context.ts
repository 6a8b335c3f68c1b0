/** `Release` in templates: the release being rendered. */
export interface ReleaseInfo {
  /** The release name. */
  readonly Name: string;
  /** The release's namespace. */
  readonly Namespace: string;
  /** The revision being rendered, starting at 1. */
  readonly Revision: number;
  /** True when the release has no deployed revision yet. */
  readonly IsInstall: boolean;
  /** True when a release with a deployed revision is upgraded. */
  readonly IsUpgrade: boolean;
  /** Always `"berth"` (Helm says `"Helm"`). */
  readonly Service: "berth";
}

/** `Chart` in templates: the metadata of the chart the template belongs to. */
export interface ChartInfo {
  /** The chart's name. */
  readonly Name: string;
  /** The chart's SemVer version. */
  readonly Version: string;
  /** The chart's `appVersion`; `undefined` when it has none. */
  readonly AppVersion: string | undefined;
}

/**
 * `Capabilities` in templates: what the target cluster offers.
 *
 * @remarks
 * Mustache looks names up by property, so `APIVersions.has` is a table, not a function.
 * It holds each available group/version (and `group/version/Kind` when kinds are known)
 * twice: as written (`networking.k8s.io/v1`, for code) and with dots as underscores
 * (`networking_k8s_io/v1`, because mustache splits names on dots):
 *
 * ```mustache
 * {{#Capabilities.APIVersions.has.networking_k8s_io/v1}}apiVersion: networking.k8s.io/v1{{/Capabilities.APIVersions.has.networking_k8s_io/v1}}
 * ```
 * ```ts
 * if (ctx.Capabilities.APIVersions.has["networking.k8s.io/v1"]) { ... }
 * ```
 */
export interface Capabilities {
  /** The API server's version: `Version` as `v1.31.0`, `Major` and `Minor` as strings. */
  readonly KubeVersion: { readonly Version: string; readonly Major: string; readonly Minor: string };
  /** The group/versions the cluster serves. */
  readonly APIVersions: {
    /** Every available group/version, sorted. */
    readonly list: readonly string[];
    /** `true` for every available group/version, under both spellings (see above). */
    readonly has: Readonly<Record<string, boolean>>;
  };
}

/** `Template` in templates: the template being rendered. */
export interface TemplateInfo {
  /** e.g. `web/templates/deployment.yaml`. */
  readonly Name: string;
  /** e.g. `web/templates`. */
  readonly BasePath: string;
}

/** What every template sees: mustache names and the argument of template functions. */
export interface TemplateContext<V> {
  /** The computed values of this chart (defaults ← user values). */
  readonly Values: V;
  /** The release being rendered. */
  readonly Release: ReleaseInfo;
  /** The chart the template belongs to. */
  readonly Chart: ChartInfo;
  /** What the target cluster offers. */
  readonly Capabilities: Capabilities;
  /** The template being rendered. */
  readonly Template: TemplateInfo;
}
