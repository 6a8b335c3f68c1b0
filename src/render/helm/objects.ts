/**
 * The Go structs Helm hands to templates: `.Chart` (chart.Metadata plus IsRoot) and
 * `.Capabilities` (KubeVersion, APIVersions, HelmVersion).
 */
import { GoStruct } from "../../gotemplate/value.js";
import type { HelmDependency, HelmMaintainer, HelmMetadata } from "../../chart/helm/metadata.js";
import { GO_METHODS } from "./files.js";
import { DEFAULT_API_VERSIONS } from "./api-versions.js";

/** `*chart.Maintainer`. */
export class MaintainerValue extends GoStruct {
  Name: string;
  Email: string;
  URL: string;
  constructor(m: HelmMaintainer) {
    super();
    this.Name = m.Name;
    this.Email = m.Email;
    this.URL = m.URL;
  }
  override goTypeName(): string {
    return "*chart.Maintainer";
  }
  jsonValue(): unknown {
    return omitEmpty({ name: this.Name, email: this.Email, url: this.URL });
  }
}

/** `*chart.Dependency`. */
export class DependencyValue extends GoStruct {
  Name: string;
  Version: string;
  Repository: string;
  Condition: string;
  Tags: string[];
  Enabled: boolean;
  ImportValues: unknown[];
  Alias: string;
  constructor(d: HelmDependency) {
    super();
    this.Name = d.Name;
    this.Version = d.Version;
    this.Repository = d.Repository;
    this.Condition = d.Condition;
    this.Tags = [...d.Tags];
    this.Enabled = d.Enabled;
    this.ImportValues = d.ImportValues;
    this.Alias = d.Alias;
  }
  override goTypeName(): string {
    return "*chart.Dependency";
  }
  jsonValue(): unknown {
    return {
      name: this.Name,
      ...omitEmpty({ version: this.Version }),
      repository: this.Repository,
      ...omitEmpty({ condition: this.Condition, tags: this.Tags, enabled: this.Enabled, "import-values": this.ImportValues, alias: this.Alias }),
    };
  }
}

function omitEmpty(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === "" || v === false || v === null || v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === "object" && !Array.isArray(v) && Object.keys(v as object).length === 0) continue;
    out[k] = v;
  }
  return out;
}

/** `.Chart`: Go's `struct{ chart.Metadata; IsRoot bool }`. */
export class ChartValue extends GoStruct {
  Name: string;
  Home: string;
  Sources: string[];
  Version: string;
  Description: string;
  Keywords: string[];
  Maintainers: (MaintainerValue | null)[];
  Icon: string;
  APIVersion: string;
  Condition: string;
  Tags: string;
  AppVersion: string;
  Deprecated: boolean;
  Annotations: Record<string, string>;
  KubeVersion: string;
  Dependencies: (DependencyValue | null)[];
  Type: string;
  IsRoot: boolean;

  constructor(md: HelmMetadata, isRoot: boolean) {
    super();
    this.Name = md.Name;
    this.Home = md.Home;
    this.Sources = [...md.Sources];
    this.Version = md.Version;
    this.Description = md.Description;
    this.Keywords = [...md.Keywords];
    this.Maintainers = md.Maintainers.map((m) => (m ? new MaintainerValue(m) : null));
    this.Icon = md.Icon;
    this.APIVersion = md.APIVersion;
    this.Condition = md.Condition;
    this.Tags = md.Tags;
    this.AppVersion = md.AppVersion;
    this.Deprecated = md.Deprecated;
    this.Annotations = { ...(md.Annotations ?? {}) };
    this.KubeVersion = md.KubeVersion;
    this.Dependencies = (md.Dependencies ?? []).map((d) => (d ? new DependencyValue(d) : null));
    this.Type = md.Type;
    this.IsRoot = isRoot;
  }
  override goTypeName(): string {
    return "struct { chart.Metadata; IsRoot bool }";
  }
  /** encoding/json view: the embedded Metadata's fields (json tags, omitempty) plus IsRoot. */
  jsonValue(): unknown {
    return {
      ...omitEmpty({
        name: this.Name, home: this.Home, sources: this.Sources, version: this.Version, description: this.Description,
        keywords: this.Keywords, maintainers: this.Maintainers, icon: this.Icon, apiVersion: this.APIVersion,
        condition: this.Condition, tags: this.Tags, appVersion: this.AppVersion, deprecated: this.Deprecated,
        annotations: this.Annotations, kubeVersion: this.KubeVersion, dependencies: this.Dependencies, type: this.Type,
      }),
      IsRoot: this.IsRoot,
    };
  }
}

/** `chartutil.KubeVersion`. */
export class KubeVersionValue extends GoStruct {
  Version: string;
  Major: string;
  Minor: string;
  constructor(version: string, major: string, minor: string) {
    super();
    this.Version = version;
    this.Major = major;
    this.Minor = minor;
  }
  override goTypeName(): string {
    return "chartutil.KubeVersion";
  }
  /** KubeVersion.GitVersion(): the version (`v1.37.0`). */
  GitVersion(): string {
    return this.Version;
  }
}

/** `version.BuildInfo` of the helm binary we emulate. */
export class HelmBuildInfo extends GoStruct {
  Version = "v3.22.0";
  GitCommit = "";
  GitTreeState = "clean";
  GoVersion = "go1.26.0";
  override goTypeName(): string {
    return "version.BuildInfo";
  }
  jsonValue(): unknown {
    return omitEmpty({ version: this.Version, git_commit: this.GitCommit, git_tree_state: this.GitTreeState, go_version: this.GoVersion });
  }
}

/** `*chartutil.Capabilities`. */
export class CapabilitiesValue extends GoStruct {
  KubeVersion: KubeVersionValue;
  APIVersions: string[];
  HelmVersion: HelmBuildInfo;
  constructor(kube: KubeVersionValue, apiVersions: readonly string[]) {
    super();
    this.KubeVersion = kube;
    const list = [...apiVersions];
    Object.defineProperty(list, GO_METHODS, { value: { Has: (v: unknown) => list.includes(String(v)) }, enumerable: false });
    this.APIVersions = list;
    this.HelmVersion = new HelmBuildInfo();
  }
  override goTypeName(): string {
    return "*chartutil.Capabilities";
  }
}

/** chartutil.ParseKubeVersion: `1.20` / `v1.20.3` → KubeVersion; undefined when invalid. */
export function parseKubeVersion(v: string): KubeVersionValue | undefined {
  const m = /^\s*v?(\d+)\.(\d+)(?:\.(\d+))?([-+].*)?\s*$/.exec(v);
  if (!m) return undefined;
  const patch = m[3] ?? "0";
  return new KubeVersionValue(`v${Number(m[1])}.${Number(m[2])}.${Number(patch)}${m[4] ?? ""}`, String(Number(m[1])), String(Number(m[2])));
}

/** The capabilities `helm template` uses: kube v1.37.0 unless told otherwise, client-go's API versions plus extras. */
export function templateCapabilities(kubeVersion?: string, extraApiVersions: readonly string[] = []): CapabilitiesValue {
  const kv = kubeVersion ? parseKubeVersion(kubeVersion) : new KubeVersionValue("v1.37.0", "1", "37");
  if (!kv) throw new Error(`invalid kube version '${kubeVersion}'`);
  return new CapabilitiesValue(kv, [...DEFAULT_API_VERSIONS, ...extraApiVersions]);
}
