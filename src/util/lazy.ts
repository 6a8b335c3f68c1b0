/**
 * Defines `key` on `target` as a value computed on its first read (then kept as a plain data
 * property), so that decoding a record does not pay for fields nobody reads. The property is
 * enumerable like any other: spreading, `JSON.stringify` or a deep comparison read (and compute) it.
 * An error thrown by `compute` reaches whoever reads the property, on every read until it succeeds.
 * Assigning the property before reading it replaces the computation.
 * @param target - the object to define the property on
 * @param key - the property
 * @param compute - computes the value, called at most once when it succeeds
 */
export function defineLazy<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  const settle = (value: T[K]) => {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => settle(compute()),
    set: (value: T[K]) => void settle(value),
  });
}
