export { parseSoql } from "./parser";
export { SoqlError } from "./errors";
export { compileSoql } from "./compile";
export type { CompiledQuery } from "./compile";
