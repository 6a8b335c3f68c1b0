/** A tree of values, as in `values.yaml`. */
export type Values = Record<string, unknown>;

/** Every property optional, recursively: what a user passes to override a chart's defaults. */
export type DeepPartial<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer U)[]
    ? readonly DeepPartial<U>[]
    : T extends object
      ? { [K in keyof T]?: DeepPartial<T[K]> | null }
      : T;
