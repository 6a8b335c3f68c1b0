// A chart defined in code: a ConfigMap from a mustache template and a Deployment from a typed function.
import { defineChart } from "berth";

/** The quickstart chart's values. */
export interface HelloValues {
  message: string;
  replicas: number;
  image: { repository: string; tag: string };
}

export const hello = defineChart<HelloValues>({
  name: "hello",
  version: "0.1.0",
  appVersion: "1.0.0",
  values: { message: "hello from berth", replicas: 2, image: { repository: "nginx", tag: "1.27" } },
  templates: {
    "configmap.yaml": `
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{Release.Name}}-config
data:
  message: {{Values.message}}
`,
    "deployment.yaml": ({ Release, Values }) => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: Release.Name },
      spec: {
        replicas: Values.replicas,
        selector: { matchLabels: { app: Release.Name } },
        template: {
          metadata: { labels: { app: Release.Name } },
          spec: { containers: [{ name: "web", image: `${Values.image.repository}:${Values.image.tag}` }] },
        },
      },
    }),
  },
});
