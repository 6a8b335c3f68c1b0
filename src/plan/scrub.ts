import { scrubText } from "./sensitive.js";

/** Replaces every sensitive string in text with `(sensitive)`. */
export type Scrubber = (text: string) => string;

/** A scrubber for a plan's sensitive strings (`payload.sensitive`); the identity when there are none. */
export function scrubberOf(strings: readonly string[] | undefined): Scrubber {
  if (!strings || strings.length === 0) return (text) => text;
  const s = { roots: [], strings };
  return (text) => scrubText(text, s);
}

/**
 * Scrubs an error in place, so whoever prints it (message, stack, a server's response `body`, its
 * causes) sees no secret: the server's rejection of an apply may quote the value it rejected.
 * Returns the same error.
 */
export function scrubError<E>(error: E, scrub: Scrubber, depth = 0): E {
  if (depth > 5 || typeof error !== "object" || error === null) return error;
  const e = error as Record<string, unknown>;
  for (const key of ["message", "stack", "body", "reason", "logs"]) {
    const value = e[key];
    if (typeof value === "string") {
      const clean = scrub(value);
      if (clean !== value) Object.defineProperty(error, key, { value: clean, writable: true, configurable: true, enumerable: Object.prototype.propertyIsEnumerable.call(error, key) });
    } else if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
      e[key] = value.map(scrub);
    }
  }
  if ("cause" in e) scrubError(e["cause"], scrub, depth + 1);
  return error;
}

/** An event listener that receives events with every string in them scrubbed. */
export function scrubbingListener<T>(listener: ((event: T) => void) | undefined, scrub: Scrubber): ((event: T) => void) | undefined {
  if (!listener) return undefined;
  const deep = (value: unknown, depth: number): unknown => {
    if (typeof value === "string") return scrub(value);
    if (depth > 6 || typeof value !== "object" || value === null) return value;
    if (Array.isArray(value)) return value.map((v) => deep(v, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v, depth + 1)]));
  };
  return (event) => listener(deep(event, 0) as T);
}
