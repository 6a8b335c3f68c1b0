import type { Driver } from "./driver.js";
import { kubeRecordDriver, type KubeDriverOptions } from "./kube-driver.js";
import type { RecordFormat } from "./record-format.js";

const CONFIGMAP_FORMAT: RecordFormat = {
  kind: "ConfigMap",
  driverName: "configmap",
  extraFields: () => ({}),
  toData: (chunk) => ({ release: chunk }),
  fromData: (object) => (object as { data?: Record<string, string> }).data?.["release"],
};

/**
 * Helm 3's ConfigMap driver layout (`HELM_DRIVER=configmap`): ConfigMap
 * `sh.helm.release.v1.<name>.v<revision>` with labels `name`, `owner=helm`, `status`,
 * `version`, and `data.release` = base64(gzip(JSON)) (encoded once: ConfigMap data is text).
 * Large records are split as by {@link secretDriver}. Note that ConfigMaps are not secret:
 * values are readable by anyone who can read ConfigMaps in the namespace.
 */
export function configMapDriver(options: KubeDriverOptions): Driver {
  return kubeRecordDriver(CONFIGMAP_FORMAT, options);
}
