export * from "./schema.js";
export * from "./status.js";
