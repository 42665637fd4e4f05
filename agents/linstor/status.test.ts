import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseLinstorNodesJson } from "./parse-nodes";
import { parseLinstorDefinitionsJson, parseLinstorGroupsJson, parseLinstorNodePropsJson, parseLinstorPropsJson } from "./parse-objects";
import { parseLinstorResourcesJson } from "./parse-resources";
import { parseLinstorStoragePoolsJson } from "./parse-storage-pools";
import type { TLinstorNode, TLinstorResource, TLinstorStoragePool } from "./model";
import { summarizeLinstor } from "./status";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("summarizeLinstor", () => {
  const fromFixtures = () =>
    summarizeLinstor(
      parseLinstorNodesJson(fixture("nodes-m-list.json")).nodes,
      parseLinstorStoragePoolsJson(fixture("storage-pools-m-list.json")).storagePools,
      parseLinstorResourcesJson(fixture("resources-m-list.json")).resources,
    );

  it("lists each resource's replicas by node with disk state, sync progress and broken links", () => {
    const s = fromFixtures();
    expect(s.offlineNodes).toEqual(["pve2", "pve3"]);
    expect(s.resources.map((r) => [r.name, r.diskful, r.upToDate, r.healthy])).toEqual([
      ["raw-scratch", 1, 0, true],
      ["vm-100-disk-1", 2, 1, false],
      ["vm-101-disk-0", 1, 0, false],
    ]);
    expect(s.resources[1]?.replicas).toEqual([
      { node: "pve1", disk: "UpToDate", diskless: false, syncPercent: null, disconnectedFrom: [], inUse: true },
      { node: "pve2", disk: "SyncTarget", diskless: false, syncPercent: 45.52, disconnectedFrom: [], inUse: false },
      { node: "pve3", disk: "Diskless", diskless: true, syncPercent: null, disconnectedFrom: [], inUse: false },
    ]);
    expect(s.resources[2]?.replicas[0]?.disconnectedFrom).toEqual([{ peer: "pve1", state: "StandAlone" }]);
  });

  it("reports an offline satellite once, not again for its replicas and pools", () => {
    const s = fromFixtures();
    expect(s.problems.map((p) => [p.code, p.node, p.resource])).toEqual([
      ["LINSTOR_SATELLITE_OFFLINE", "pve2", null],
      ["LINSTOR_SATELLITE_OFFLINE", "pve3", null],
    ]);
    expect(s.problems[1]?.message).toBe("Satellite pve3 is VERSION_MISMATCH: its replicas are not served or kept up to date.");
    expect(s.ok).toBe(false);
  });

  const row = (node: string, over: Partial<TLinstorResource> = {}): TLinstorResource => ({
    name: "vm-100-disk-1", node, state: "UpToDate", diskless: false, tieBreaker: false, inUse: false, syncPercent: null, flags: [], port: 7000,
    connectionsOk: true, connections: [], createdAt: null, volumes: [], ...over,
  });
  const online = (name: string): TLinstorNode => ({ name, type: "SATELLITE", connectionStatus: "ONLINE", online: true, flags: [], netInterfaces: [] });

  it("three UpToDate replicas with their connections up are healthy, with no problems", () => {
    const s = summarizeLinstor(["pve1", "pve2", "pve3"].map(online), [], ["pve1", "pve2", "pve3"].map((n) => row(n)));
    expect(s).toEqual({
      offlineNodes: [],
      poolErrors: [],
      problems: [],
      ok: true,
      resources: [
        {
          name: "vm-100-disk-1",
          diskful: 3,
          upToDate: 3,
          healthy: true,
          replicas: ["pve1", "pve2", "pve3"].map((node) => ({ node, disk: "UpToDate", diskless: false, syncPercent: null, disconnectedFrom: [], inUse: false })),
        },
      ],
    });
  });

  it("a sync in progress is a warning, an Outdated replica that lost its peer an error", () => {
    const s = summarizeLinstor(["pve1", "pve2", "pve3"].map(online), [], [
      row("pve1"),
      row("pve2", { state: "SyncTarget", syncPercent: 12.5 }),
      row("pve3", { state: "Outdated", connectionsOk: false, connections: [{ peer: "pve1", connected: false, message: "Connecting" }] }),
    ]);
    expect(s.problems).toEqual([
      { code: "LINSTOR_REPLICA_NOT_UP_TO_DATE", severity: "warning", node: "pve2", resource: "vm-100-disk-1", message: "vm-100-disk-1 on pve2 is SyncTarget (12.5% synced), not UpToDate." },
      { code: "LINSTOR_REPLICA_NOT_UP_TO_DATE", severity: "error", node: "pve3", resource: "vm-100-disk-1", message: "vm-100-disk-1 on pve3 is Outdated, not UpToDate." },
      { code: "LINSTOR_REPLICA_DISCONNECTED", severity: "error", node: "pve3", resource: "vm-100-disk-1", message: "vm-100-disk-1 on pve3 is not connected to pve1 (Connecting)." },
    ]);
    expect(s.resources[0]).toMatchObject({ diskful: 3, upToDate: 1, healthy: false });
    expect(s.ok).toBe(false);
  });

  it("a pool error on an online node is a problem; a diskless-only resource is not healthy", () => {
    const pool: TLinstorStoragePool = {
      pool: "drbdpool", node: "pve1", providerKind: "LVM_THIN", backingPool: "pve/drbdpool", freeCapacityKib: null, totalCapacityKib: null,
      supportsSnapshots: true, sharedSpace: null, errors: ["Volume group 'pve' not found"],
    };
    const s = summarizeLinstor([online("pve1")], [pool], [row("pve1", { state: "Diskless", diskless: true })]);
    expect(s.problems).toEqual([
      { code: "LINSTOR_STORAGE_POOL_ERROR", severity: "error", node: "pve1", resource: null, message: "Storage pool drbdpool on pve1: Volume group 'pve' not found" },
    ]);
    expect(s.resources[0]?.healthy).toBe(false);
  });
});

describe("planning readers of linstor -m", () => {
  it("reads resource definitions with their group, and resource groups from select_filter", () => {
    expect(parseLinstorDefinitionsJson('[[{"name": "vm-100-disk-1", "props": {"DrbdOptions/Resource/quorum": "majority"}, "resource_group_name": "pve_rg"}]]')).toEqual([
      { name: "vm-100-disk-1", resourceGroup: "pve_rg", props: { "DrbdOptions/Resource/quorum": "majority" } },
    ]);
    expect(parseLinstorGroupsJson('[[{"name": "pve_rg", "select_filter": {"place_count": 3, "storage_pool": "drbdpool"}}, {"name": "DfltRscGrp", "select_filter": {"place_count": 2}}]]')).toEqual([
      { name: "pve_rg", placeCount: 3, storagePools: ["drbdpool"], props: {} },
      { name: "DfltRscGrp", placeCount: 2, storagePools: [], props: {} },
    ]);
  });
  it("reads node and controller properties in the client's and REST's shapes", () => {
    expect(parseLinstorNodePropsJson(fixture("nodes-m-list.json")).pve1).toEqual({ CurStltConnName: "default", NodeUname: "pve1" });
    expect(parseLinstorPropsJson('[[{"key": "DrbdOptions/Net/max-buffers", "value": "36864"}]]')).toEqual({ "DrbdOptions/Net/max-buffers": "36864" });
    expect(parseLinstorPropsJson('{"DrbdOptions/Net/after-sb-0pri": "discard-zero-changes"}')).toEqual({ "DrbdOptions/Net/after-sb-0pri": "discard-zero-changes" });
  });
  it("an error reply instead of a list is a ParseError", () => {
    expect(() => parseLinstorDefinitionsJson('[[{"ret_code": -4611686018427387903, "message": "Controller not reachable"}]]')).toThrow(/instead of a list/);
  });
});
