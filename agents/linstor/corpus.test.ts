import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseLinstorNodesJson } from "./parse-nodes";
import { parseLinstorResourcesJson } from "./parse-resources";
import { parseLinstorResourcesTable } from "./parse-resources-table";

// Real outputs from ../shared/corpus (read in place, never copied: they are others' data).
const CORPUS = path.resolve(import.meta.dirname, "../..", "../shared/corpus");
if (!fs.existsSync(CORPUS)) throw new Error(`../shared/corpus is missing (looked in ${CORPUS}); the corpus test needs it`);
const read = (file: string) => fs.readFileSync(path.join(CORPUS, "linstor", file), "utf8");

describe("corpus: linstor", () => {
  it("linstor-resource-list-table-unicode-synctarget.txt", () => {
    const { resources } = parseLinstorResourcesTable(read("linstor-resource-list-table-unicode-synctarget.txt"));
    expect(resources.map((r) => [r.name, r.node, r.state, r.diskless, r.inUse, r.syncPercent, r.port])).toEqual([
      ["one-vm-7707-disk-0", "m10c41", "UpToDate", false, false, null, 7737],
      ["one-vm-7707-disk-0", "m11c4", "Diskless", true, true, null, 7737],
      ["one-vm-7707-disk-0", "m15c44", "SyncTarget", false, false, 97.93, 7737],
    ]);
    expect(resources.every((r) => r.connectionsOk === true)).toBe(true);
    expect(resources[2]?.createdAt).toBe("2020-12-05 15:27:38");
  });

  it("linstor-m-node-list-TRUNCATED-opennebula19.txt is cut off mid-object: a ParseError, not a crash", () => {
    const parse = () => parseLinstorNodesJson(read("linstor-m-node-list-TRUNCATED-opennebula19.txt"));
    expect(parse).toThrow(ParseError);
    expect(parse).toThrow(/not valid JSON/);
  });

  // A single Volume object (GET .../resources/{r}/volumes/0), not a list any format covers: it is
  // read as the volume of a resource wrapped around it, which is how the resource lists carry it.
  it("golinstor-rest-volume-uptodate.json, as a resource's volume", () => {
    const volume: unknown = JSON.parse(read("golinstor-rest-volume-uptodate.json"));
    const { resources } = parseLinstorResourcesJson(JSON.stringify([[{ name: "pvc-b5be6893", node_name: "demo1", volumes: [volume] }]]));
    expect(resources[0]?.state).toBe("UpToDate");
    expect(resources[0]?.diskless).toBe(false);
    expect(resources[0]?.volumes).toEqual([
      {
        volume: 0,
        storagePool: "thinpool",
        providerKind: "LVM_THIN",
        devicePath: "/dev/drbd1000",
        minor: 1000,
        diskState: "UpToDate",
        syncPercent: null,
        allocatedKib: 206,
        usableKib: null,
      },
    ]);
  });

  // REFERENCE-linstor-server-rest_v1_openapi-1.28.0.yaml is the REST specification, not an output:
  // the fixtures in __fixtures__ follow its Resource/Volume/Node/StoragePool schemas (see model.ts).
  it("the OpenAPI reference names the fields the parsers read", () => {
    const spec = read("REFERENCE-linstor-server-rest_v1_openapi-1.28.0.yaml");
    for (const field of ["node_name:", "layer_object:", "disk_state:", "replication_states:", "connection_status:", "free_capacity:", "total_capacity:", "in_use:", "done_percentage:"]) {
      expect(spec).toContain(field);
    }
  });
});
