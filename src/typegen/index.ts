export { generateValuesTypes } from "./generate.js";
export type { GenerateValuesTypesOptions } from "./generate.js";
export { TypegenError } from "./errors.js";
export type { TypegenErrorCode } from "./errors.js";
