import { generateKeyPairSync, randomBytes } from "node:crypto";

/** Credentials generated for one local cluster run: an admin bearer token and the service-account signing key pair. */
export interface LocalCredentials {
  readonly adminToken: string;
  /** `token,user,uid,"groups"` lines for `--token-auth-file`. */
  readonly tokenFile: string;
  readonly serviceAccountKey: string;
  readonly serviceAccountPublicKey: string;
}

/** Generates fresh credentials (nothing is reused across runs). */
export function generateCredentials(): LocalCredentials {
  const adminToken = randomBytes(24).toString("hex");
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    adminToken,
    tokenFile: `${adminToken},berth-admin,berth-admin,"system:masters"\n`,
    serviceAccountKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    serviceAccountPublicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** An admin kubeconfig for the local cluster (token auth, the apiserver's self-signed CA). */
export function adminKubeconfig(server: string, caPem: string, token: string): string {
  const ca = Buffer.from(caPem).toString("base64");
  return `apiVersion: v1
kind: Config
clusters:
- name: berth-local
  cluster:
    server: ${server}
    certificate-authority-data: ${ca}
users:
- name: berth-admin
  user:
    token: ${token}
contexts:
- name: berth-local
  context:
    cluster: berth-local
    user: berth-admin
    namespace: default
current-context: berth-local
`;
}
