import type { Values } from "../model/values.js";

/** True for a plain mapping (not an array, not null, not a Date or other class instance). */
export function isPlainObject(value: unknown): value is Values {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Stacks two layers of user values: `upper` wins, maps merge deeply, arrays replace,
 * and a `null` is kept (it will delete the default when the stack is applied).
 */
export function stackOverrides(lower: Values, upper: Values): Values {
  const out: Values = { ...lower };
  for (const [key, value] of Object.entries(upper)) {
    const below = out[key];
    out[key] = isPlainObject(value) && isPlainObject(below) ? stackOverrides(below, value) : clone(value);
  }
  return out;
}

/**
 * Applies overrides to defaults like Helm: maps merge deeply, arrays and scalars replace,
 * and `null` in the overrides deletes the key. A `null` in the defaults themselves is kept.
 */
export function applyOverrides(defaults: Values, overrides: Values): Values {
  const out: Values = clone(defaults);
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) {
      delete out[key];
      continue;
    }
    const below = out[key];
    out[key] = isPlainObject(value) && isPlainObject(below) ? applyOverrides(below, value) : stripNulls(value);
  }
  return out;
}

/** A deep copy of plain data (maps and arrays); other objects are shared. */
export function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (!isPlainObject(value)) return value;
  const out: Values = {};
  for (const [key, item] of Object.entries(value)) out[key] = clone(item);
  return out as T;
}

/** A new map without `null` entries: nothing below them to delete, so they would only leak through. */
function stripNulls(value: unknown): unknown {
  if (!isPlainObject(value)) return clone(value);
  const out: Values = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== null) out[key] = stripNulls(item);
  }
  return out;
}
