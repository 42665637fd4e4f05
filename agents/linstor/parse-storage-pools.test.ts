import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseLinstorStoragePoolsJson } from "./parse-storage-pools";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseLinstorStoragePoolsJson", () => {
  it("reads pools, KiB capacities, backing pools and error reports", () => {
    const { storagePools } = parseLinstorStoragePoolsJson(fixture("storage-pools-m-list.json"));
    expect(storagePools).toEqual([
      {
        pool: "DfltDisklessStorPool",
        node: "pve1",
        providerKind: "DISKLESS",
        backingPool: null,
        // Long.MAX_VALUE means unlimited.
        freeCapacityKib: null,
        totalCapacityKib: null,
        supportsSnapshots: false,
        sharedSpace: null,
        errors: [],
      },
      {
        pool: "drbdpool",
        node: "pve1",
        providerKind: "LVM_THIN",
        backingPool: "pve/drbdpool",
        freeCapacityKib: 829423616,
        totalCapacityKib: 838860800,
        supportsSnapshots: true,
        sharedSpace: null,
        errors: [],
      },
      {
        pool: "zfspool",
        node: "pve2",
        providerKind: "ZFS_THIN",
        backingPool: "tank/linstor",
        freeCapacityKib: null,
        totalCapacityKib: null,
        supportsSnapshots: true,
        sharedSpace: null,
        errors: ["Node 'pve2' is offline"],
      },
    ]);
  });

  it("reads the pre-1.0 client's stor_pools with driver and free_space", () => {
    const { storagePools } = parseLinstorStoragePoolsJson(
      '[{"stor_pools": [{"stor_pool_name": "drbdpool", "node_name": "pve1", "driver": "LvmThinDriver", "free_space": {"free_capacity": 838860800, "total_capacity": 838860800}}]}]',
    );
    expect(storagePools[0]).toMatchObject({ pool: "drbdpool", providerKind: "LvmThinDriver", freeCapacityKib: 838860800, totalCapacityKib: 838860800 });
  });

  it.each([
    ["empty input", ""],
    ["truncated JSON", '[[{"storage_pool_name": "x"'],
    ["a resource list", '[[{"name": "vm-100-disk-1", "node_name": "pve1"}]]'],
  ])("throws ParseError on %s", (_label, input) => {
    expect(() => parseLinstorStoragePoolsJson(input)).toThrow(ParseError);
  });
});
