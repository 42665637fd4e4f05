export { parseCephHealthJson, parseCephHealthText } from "./parse-health";
export { parseCephOsdDfJson, parseCephOsdDfText } from "./parse-osd-df";
export { parseCephOsdTreeJson } from "./parse-osd-tree";
export { parseCephOsdTreeText } from "./parse-osd-tree-text";
export { parseCephStatusJson } from "./parse-status-json";
export { parseCephStatusText } from "./parse-status-text";
export { usableCapacityAfterHostLoss, type THostLossCapacity } from "./capacity";
export * from "./model";
