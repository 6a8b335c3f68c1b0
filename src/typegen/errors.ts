import { BerthError } from "../errors.js";

/** Why typegen could not describe a chart's values. */
export type TypegenErrorCode = "TypegenRefUnresolved" | "TypegenTypeNameInvalid";

/**
 * Typegen failed: a `$ref` in `values.schema.json` that does not point into the same file
 * (`TypegenRefUnresolved`), or a `typeName` that is not a TypeScript identifier (`TypegenTypeNameInvalid`).
 */
export abstract class TypegenError extends BerthError {
  /** Which failure: see {@link TypegenErrorCode}. */
  declare readonly code: TypegenErrorCode;

  /**
   * @param code - the failure
   * @param message - what went wrong and how to fix it
   */
  constructor(code: TypegenErrorCode, message: string) {
    super(code, message);
  }
}

/** A `$ref` in `values.schema.json` does not point into the same file. */
export class TypegenRefUnresolved extends TypegenError {
  /** @param message - what went wrong and how to fix it */
  constructor(message: string) {
    super("TypegenRefUnresolved", message);
  }
}

/** A `typeName` is not a TypeScript identifier. */
export class TypegenTypeNameInvalid extends TypegenError {
  /** @param message - what went wrong and how to fix it */
  constructor(message: string) {
    super("TypegenTypeNameInvalid", message);
  }
}
