import { basicAuth, httpFetch, type HttpOptions, type HttpResponse } from "../package/http.js";
import { ChartAuthFailed, ChartSourceUnreachable, type ChartSourceContext } from "../package/errors.js";
import type { RegistryCredentials } from "./credentials.js";
import { isLoopbackRegistry } from "./reference.js";

/** How to reach an OCI registry. */
export interface RegistryAccess extends HttpOptions {
  /** Credentials; none for anonymous access. */
  readonly credentials?: RegistryCredentials;
  /** Use plain HTTP instead of HTTPS. @defaultValue true for loopback hosts (localhost, 127.*), else false */
  readonly plainHttp?: boolean;
}

/**
 * A small client of the OCI distribution API (the parts charts need), with the registry's auth
 * handshake: Basic, or a Bearer token from the realm named in `WWW-Authenticate`.
 */
export class RegistryClient {
  private authorization: string | undefined;
  readonly base: string;

  constructor(readonly registry: string, private readonly access: RegistryAccess, private readonly ctx: Omit<ChartSourceContext, "url">) {
    const plain = access.plainHttp ?? isLoopbackRegistry(registry);
    this.base = `${plain ? "http" : "https"}://${registry}`;
  }

  /** Sends a request to a path under the registry, authenticating when challenged. */
  async request(path: string, init: { method?: string; headers?: Record<string, string>; body?: Uint8Array; scope?: string } = {}): Promise<HttpResponse> {
    const url = path.startsWith("http") ? path : `${this.base}${path}`;
    const send = () => this.fetch(url, { ...init, headers: { ...init.headers, ...(this.authorization ? { authorization: this.authorization } : {}) } });
    let res = await send();
    if (res.status === 401) {
      const challenge = String(res.headers["www-authenticate"] ?? "");
      await this.authenticate(challenge, init.scope);
      res = await send();
      if (res.status === 401) throw this.authError(401);
    }
    if (res.status === 403) throw this.authError(403);
    return res;
  }

  private async fetch(url: string, init: { method?: string; headers?: Record<string, string>; body?: Uint8Array }): Promise<HttpResponse> {
    try {
      return await httpFetch(url, { ...this.access, ...init });
    } catch (e) {
      if (this.access.signal?.aborted) throw e;
      throw new ChartSourceUnreachable(this.context(), `cannot reach registry ${this.base}: ${(e as Error).message}; check the address, TLS (plain HTTP is only used for loopback hosts unless asked) and the CA`, { cause: e });
    }
  }

  private async authenticate(challenge: string, scope: string | undefined): Promise<void> {
    const creds = this.access.credentials;
    if (/^basic/i.test(challenge)) {
      if (!creds) throw this.authError(401);
      this.authorization = basicAuth(creds.username, creds.password);
      return;
    }
    const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!.toLowerCase(), m[2]!]));
    if (!/^bearer/i.test(challenge) || !params["realm"]) throw this.authError(401);
    const token = new URL(params["realm"]);
    if (params["service"]) token.searchParams.set("service", params["service"]);
    const sc = scope ?? params["scope"];
    if (sc) token.searchParams.set("scope", sc);
    const res = await this.fetch(token.toString(), creds ? { headers: { authorization: basicAuth(creds.username, creds.password) } } : {});
    if (res.status !== 200) throw this.authError(res.status);
    const body = JSON.parse(res.body.toString("utf8")) as { token?: string; access_token?: string };
    const t = body.token ?? body.access_token;
    if (!t) throw this.authError(401);
    this.authorization = `Bearer ${t}`;
  }

  private context(): ChartSourceContext {
    return { ...this.ctx, url: `oci://${this.registry}` };
  }

  private authError(status: number): ChartAuthFailed {
    return new ChartAuthFailed(
      this.context(),
      `the registry answered ${status}: ${this.access.credentials ? "the username or password was refused" : "it needs credentials (`berth registry login`, Docker's config.json, or username/password options)"}`,
    );
  }

  /** Checks that the registry accepts the credentials (`GET /v2/`). */
  async ping(): Promise<void> {
    const res = await this.request("/v2/");
    if (res.status !== 200) throw new ChartSourceUnreachable(this.context(), `GET /v2/ answered ${res.status}: is this an OCI registry?`);
  }
}
