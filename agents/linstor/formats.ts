import { parseLinstorNodesJson } from "./parse-nodes";
import { parseLinstorResourcesJson } from "./parse-resources";
import { parseLinstorResourcesTable } from "./parse-resources-table";
import { parseLinstorStoragePoolsJson } from "./parse-storage-pools";

// The contract format (../shared/contracts/parse-cli.md "LINSTOR") first, then the extras.
export const linstorFormats = {
  "linstor-resources-json": parseLinstorResourcesJson,
  "linstor-nodes-json": parseLinstorNodesJson,
  "linstor-storage-pools-json": parseLinstorStoragePoolsJson,
  "linstor-resources-table": parseLinstorResourcesTable,
} satisfies Record<string, (text: string) => unknown>;
