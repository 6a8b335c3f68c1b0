// The stack's web app, defined in code: a Deployment wired to the database through its Service and
// Secret, a Service, and a pre-upgrade Job hook that migrates the schema before the new version rolls out.
import { defineChart } from "berth";

/** The app chart's values. */
export interface AppValues {
  /** The app version being rolled out (shown in the pod env and by the migration). */
  version: string;
  replicas: number;
  image: { repository: string; tag: string };
  /** Where the database is: its Service name and port, and the Secret with its credentials. */
  database: { host: string; port: number; secretName: string };
}

export const app = defineChart<AppValues>({
  name: "app",
  version: "0.1.0",
  appVersion: "1.0.0",
  values: {
    version: "1.0.0",
    replicas: 2,
    image: { repository: "nginx", tag: "1.27" },
    database: { host: "database", port: 5432, secretName: "database-credentials" },
  },
  templates: {
    "deployment.yaml": ({ Release, Values }) => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: Release.Name, labels: { app: Release.Name } },
      spec: {
        replicas: Values.replicas,
        selector: { matchLabels: { app: Release.Name } },
        template: {
          metadata: { labels: { app: Release.Name } },
          spec: {
            containers: [{
              name: "app",
              image: `${Values.image.repository}:${Values.image.tag}`,
              ports: [{ name: "http", containerPort: 80 }],
              env: [
                { name: "APP_VERSION", value: Values.version },
                { name: "DATABASE_HOST", value: Values.database.host },
                { name: "DATABASE_PORT", value: String(Values.database.port) },
              ],
              envFrom: [{ secretRef: { name: Values.database.secretName } }],
            }],
          },
        },
      },
    }),
    "service.yaml": `
apiVersion: v1
kind: Service
metadata:
  name: {{Release.Name}}
spec:
  selector: { app: {{Release.Name}} }
  ports:
    - { name: http, port: 80, targetPort: http }
`,
    // Runs before an upgrade's objects are applied; a failure stops the upgrade.
    "migrate-job.yaml": `
apiVersion: batch/v1
kind: Job
metadata:
  name: {{Release.Name}}-migrate
  annotations:
    helm.sh/hook: pre-upgrade
    helm.sh/hook-weight: "0"
    helm.sh/hook-delete-policy: before-hook-creation
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: "postgres:16.4"
          command: [sh, -c, 'echo "migrating $POSTGRES_DB on $PGHOST to {{Values.version}}"']
          env:
            - { name: PGHOST, value: {{Values.database.host}} }
            - { name: PGPORT, value: "{{Values.database.port}}" }
          envFrom:
            - secretRef: { name: {{Values.database.secretName}} }
`,
  },
});
