import type { Driver } from "./driver.js";
import { kubeRecordDriver, type KubeDriverOptions } from "./kube-driver.js";
import type { RecordFormat } from "./record-format.js";

/** Helm 3's Secret type for release records. */
export const HELM_SECRET_TYPE = "helm.sh/release.v1";

const SECRET_FORMAT: RecordFormat = {
  kind: "Secret",
  driverName: "secret",
  extraFields: (part) => ({ type: part ? "berth.dev/release-part.v1" : HELM_SECRET_TYPE }),
  // Helm's payload is already base64 text; Secret data is base64 of the bytes again, as Helm stores it.
  toData: (chunk) => ({ release: Buffer.from(chunk, "utf8").toString("base64") }),
  fromData: (object) => {
    const data = (object as { data?: Record<string, string> }).data?.["release"];
    return data === undefined ? undefined : Buffer.from(data, "base64").toString("utf8");
  },
};

/**
 * The default driver: one Secret per revision in Helm 3's own format, so `helm list`,
 * `helm history`, `helm get` and `helm rollback` work on releases berth deploys, and berth
 * reads releases Helm deployed.
 *
 * Secret `sh.helm.release.v1.<name>.v<revision>`, type `helm.sh/release.v1`, labels `name`,
 * `owner=helm`, `status`, `version`, `createdAt`/`modifiedAt`; `data.release` is
 * base64(gzip(JSON of Helm's release)). berth's extras ride under a `berth` JSON key and
 * `berth.dev/*` annotations, which Helm ignores (and drops when it rewrites a record).
 *
 * A record over ~700 KiB compressed is split: the Secret holds the first chunk and
 * Secrets `<key>.part-<id>-<n>` (labelled `berth.dev/part-of-release`/`-revision`, not `owner=helm`)
 * the rest; annotation `berth.dev/parts` marks the split. Helm cannot read a split record
 * (it skips it when listing).
 */
export function secretDriver(options: KubeDriverOptions): Driver {
  return kubeRecordDriver(SECRET_FORMAT, options);
}
