import { BerthError, type BerthErrorCode } from "../../errors.js";

/** What a chart reference pointed at, as errors name it (credentials are never included). */
export interface ChartSourceContext {
  /** The chart's name, when known. */
  readonly chart?: string;
  /** The version or range asked for, when one was. */
  readonly version?: string;
  /** The repository, registry or file the chart was to come from. */
  readonly url: string;
}

/** Drops user:password from a URL so it can appear in messages. */
export function safeUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1");
}

function describe(ctx: ChartSourceContext): string {
  const what = ctx.chart ? `chart ${ctx.chart}${ctx.version ? ` version ${ctx.version}` : ""}` : "chart";
  return `${what} from ${safeUrl(ctx.url)}`;
}

/** The base of the errors met while finding, fetching or verifying a chart package. */
export abstract class ChartSourceError extends BerthError {
  /** The chart's name, when known. */
  readonly chart: string | undefined;
  /** The version or range asked for. */
  readonly version: string | undefined;
  /** The repository, registry or file (without credentials). */
  readonly url: string;

  /**
   * @param code - the stable failure code
   * @param ctx - the chart, version and URL involved
   * @param problem - what went wrong and how to fix it
   */
  constructor(code: BerthErrorCode, ctx: ChartSourceContext, problem: string, options?: { cause?: unknown }) {
    super(code, `${describe(ctx)}: ${problem}`, options);
    this.chart = ctx.chart;
    this.version = ctx.version;
    this.url = safeUrl(ctx.url);
  }
}

/** A chart reference that cannot be understood (bad URL, unknown repository name, bad range). */
export class ChartReferenceInvalid extends ChartSourceError {
  constructor(ctx: ChartSourceContext, problem: string, options?: { cause?: unknown }) {
    super("ChartReferenceInvalid", ctx, problem, options);
  }
}

/** The repository or registry has no such chart, or no version that satisfies the range. */
export class ChartNotFound extends ChartSourceError {
  /** The versions that do exist, newest first (empty when the chart itself is missing). */
  readonly available: readonly string[];
  constructor(ctx: ChartSourceContext, problem: string, available: readonly string[] = []) {
    super("ChartNotFound", ctx, problem);
    this.available = available;
  }
}

/** The repository or registry could not be reached or answered with an unexpected error. */
export class ChartSourceUnreachable extends ChartSourceError {
  constructor(ctx: ChartSourceContext, problem: string, options?: { cause?: unknown }) {
    super("ChartSourceUnreachable", ctx, problem, options);
  }
}

/** The repository or registry refused the credentials (or needs some). */
export class ChartAuthFailed extends ChartSourceError {
  constructor(ctx: ChartSourceContext, problem: string) {
    super("ChartAuthFailed", ctx, problem);
  }
}

/** Downloaded bytes do not have the digest the index, manifest or lock file promised. */
export class ChartDigestMismatch extends ChartSourceError {
  /** The digest that was expected (`sha256:<hex>`). */
  readonly expected: string;
  /** The digest of what arrived. */
  readonly actual: string;
  constructor(ctx: ChartSourceContext, expected: string, actual: string) {
    super("ChartDigestMismatch", ctx, `digest mismatch: expected ${expected}, got ${actual}; the package was changed or corrupted in transit, nothing was used`);
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * The same chart version now has a different digest than the one recorded before (in the
 * release, the lock file or the local digest record): a published version was replaced.
 */
export class ChartDigestChanged extends ChartSourceError {
  /** The digest recorded before. */
  readonly recorded: string;
  /** The digest now served. */
  readonly actual: string;
  constructor(ctx: ChartSourceContext, recorded: string, actual: string, where: string) {
    super(
      "ChartDigestChanged",
      ctx,
      `the same version now has digest ${actual} but ${where} recorded ${recorded}; a published chart version was replaced. Check the source; if the change is expected, bump the version or forget the recorded digest`,
    );
    this.recorded = recorded;
    this.actual = actual;
  }
}

/** A file is not a chart archive (not gzip, not tar, no `Chart.yaml` under one top folder). */
export class ChartArchiveInvalid extends ChartSourceError {
  constructor(ctx: ChartSourceContext, problem: string, options?: { cause?: unknown }) {
    super("ChartArchiveInvalid", ctx, problem, options);
  }
}

/** `Chart.lock` does not match `Chart.yaml`'s dependencies (run `berth dependency update`). */
export class ChartLockOutdated extends ChartSourceError {
  constructor(ctx: ChartSourceContext, problem: string) {
    super("ChartLockOutdated", ctx, problem);
  }
}

/** Provenance verification failed: no `.prov`, a bad signature, an unknown key, or a package digest the `.prov` does not vouch for. */
export class ChartProvenanceInvalid extends ChartSourceError {
  constructor(ctx: ChartSourceContext, problem: string) {
    super("ChartProvenanceInvalid", ctx, problem);
  }
}
