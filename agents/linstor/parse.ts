export { parseLinstorNodesJson } from "./parse-nodes";
export { parseLinstorResourcesJson } from "./parse-resources";
export { parseLinstorResourcesTable } from "./parse-resources-table";
export { parseLinstorStoragePoolsJson } from "./parse-storage-pools";
export * from "./model";
