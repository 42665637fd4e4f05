import { describe, expect, it } from "vitest";
import { blockingReports } from "@/lib/reports/report";
import type { TCephDesiredInput } from "./desired";
import { parseCephDesired, validateCephDesired } from "./validate";

const base: TCephDesiredInput = {
  nodes: ["pve1", "pve2", "pve3"],
  network: "10.10.10.0/24",
  monitors: ["pve1", "pve2", "pve3"],
  managers: ["pve1", "pve2", "pve3"],
  osds: [{ host: "pve1", disk: "/dev/sdb" }],
  pools: [{ name: "vmpool", size: 3, minSize: 2 }],
};

function check(input: unknown) {
  const { desired, reports } = parseCephDesired(input);
  return desired ? validateCephDesired(desired) : reports;
}
const codes = (input: unknown) => check(input).map((r) => [r.severity, r.code, r.params.field]);

describe("validateCephDesired", () => {
  it("a three-node cluster with size 3 / min_size 2 passes", () => {
    expect(check(base)).toEqual([]);
  });

  it("refuses min_size 1 without force, naming the field and the data-loss risk", () => {
    const r = check({ ...base, pools: [{ name: "fast", size: 2, minSize: 1 }] });
    expect(r.map((x) => [x.code, x.params.field])).toEqual([["CEPH_POOL_MIN_SIZE_ONE", "pools.0.minSize"]]);
    expect(r[0]?.severity).toBe("error");
    expect(r[0]?.message).toContain("lost for good");
  });

  it("refuses min_size 1 with force but no written reason, and with a blank one", () => {
    expect(codes({ ...base, pools: [{ name: "fast", size: 2, minSize: 1, force: true }] })).toEqual([["error", "CEPH_POOL_MIN_SIZE_ONE", "pools.0.minSize"]]);
    expect(codes({ ...base, pools: [{ name: "fast", size: 2, minSize: 1, force: true, forceReason: "   " }] })).toEqual([["error", "CEPH_POOL_MIN_SIZE_ONE", "pools.0.minSize"]]);
  });

  it("accepts min_size 1 forced with a reason, recording the reason as info", () => {
    const r = check({ ...base, pools: [{ name: "scratch", size: 2, minSize: 1, force: true, forceReason: "CI cache, rebuilt nightly" }] });
    expect(r.map((x) => [x.severity, x.code, x.params.reason])).toEqual([["info", "CEPH_POOL_MIN_SIZE_ONE_FORCED", "CI cache, rebuilt nightly"]]);
    expect(blockingReports(r, false)).toEqual([]);
  });

  it("refuses size equal to or below min_size", () => {
    expect(codes({ ...base, pools: [{ name: "a", size: 2, minSize: 2 }] })).toEqual([["error", "CEPH_POOL_SIZE_NOT_ABOVE_MIN_SIZE", "pools.0.size"]]);
    expect(codes({ ...base, pools: [{ name: "a", size: 2, minSize: 3 }] })).toEqual([["error", "CEPH_POOL_SIZE_NOT_ABOVE_MIN_SIZE", "pools.0.size"]]);
  });

  it("size 1 is both size ≤ min_size and min_size 1", () => {
    expect(codes({ ...base, pools: [{ name: "a", size: 1, minSize: 1 }] })).toEqual([
      ["error", "CEPH_POOL_SIZE_NOT_ABOVE_MIN_SIZE", "pools.0.size"],
      ["error", "CEPH_POOL_MIN_SIZE_ONE", "pools.0.minSize"],
    ]);
  });

  it("warns on two nodes and an even number of monitors", () => {
    expect(codes({ ...base, nodes: ["pve1", "pve2"], monitors: ["pve1", "pve2"], managers: ["pve1", "pve2"], pools: [] })).toEqual([
      ["warning", "CEPH_TWO_NODES", "nodes"],
      ["warning", "CEPH_EVEN_MONITORS", "monitors"],
    ]);
  });

  it("refuses daemons and OSDs on hosts outside the cluster, and duplicates", () => {
    expect(
      codes({
        ...base,
        managers: ["pve1", "pve1"],
        osds: [
          { host: "pve4", disk: "/dev/sdb" },
          { host: "pve1", disk: "/dev/sdb" },
          { host: "pve1", disk: "/dev/sdb" },
        ],
      }),
    ).toEqual([
      ["error", "CEPH_HOST_NOT_IN_CLUSTER", "osds.0.host"],
      ["error", "CEPH_DUPLICATE_HOST", "managers.1"],
      ["error", "CEPH_DUPLICATE_OSD", "osds.2.disk"],
    ]);
  });

  it("refuses hostile identifiers before anything is planned", () => {
    expect(codes({ ...base, osds: [{ host: "pve1", disk: "/dev/sdb; rm -rf /" }], pools: [{ name: "-x", size: 3, minSize: 2 }] })).toEqual([
      ["error", "CEPH_DESIRED_INVALID", "osds.0.disk"],
      ["error", "CEPH_DESIRED_INVALID", "pools.0.name"],
    ]);
    expect(codes({ ...base, network: "10.0.0.0/33" })).toEqual([["error", "CEPH_DESIRED_INVALID", "network"]]);
  });

  it("refuses one node and a pool or storage id listed twice", () => {
    expect(
      codes({
        ...base,
        nodes: ["pve1"],
        monitors: ["pve1"],
        managers: ["pve1"],
        osds: [],
        pools: [
          { name: "a", size: 3, minSize: 2, storage: { id: "rbd" } },
          { name: "a", size: 3, minSize: 2, storage: { id: "rbd" } },
        ],
      }),
    ).toEqual([
      ["error", "CEPH_NODE_COUNT", "nodes"],
      ["error", "CEPH_DUPLICATE_POOL", "pools.1.name"],
      ["error", "CEPH_DUPLICATE_STORAGE_ID", "pools.1.storage.id"],
    ]);
  });
});
