// The DRBD agent's parsers and the models they return (DESIGN.md: one parse.ts per agent).
export { parseProcDrbd } from "./parse-proc-drbd";
export { parseDrbdStatusText } from "./parse-drbd-status";
export { parseDrbdStatusJson } from "./parse-drbd-status-json";
export { parseDrbdEvents2 } from "./parse-drbd-events2";
export { parseDrbdRes } from "./parse-res";
export * from "./model";
export * from "./res-model";
