import { describe, expect, it } from "vitest";
import { usableCapacityAfterHostLoss } from "./capacity";
import type { TCephOsdDf, TCephOsdTree } from "./model";

const TIB = 2 ** 40;
const osd = (id: number, weight: number, extra: Partial<{ reweight: number; exists: boolean }> = {}) => ({
  id,
  name: `osd.${id}`,
  status: "up",
  class: "ssd",
  weight,
  reweight: extra.reweight ?? 1,
  exists: extra.exists ?? true,
});
const tree = (...hosts: number[][]): TCephOsdTree => ({
  hosts: hosts.map((weights, h) => ({ name: `pve${h + 1}`, bucketType: "host", osds: weights.map((w, k) => osd(h * 10 + k, w)) })),
  stray: [],
});

describe("usableCapacityAfterHostLoss", () => {
  it("three equal hosts, size 3: one host's worth before, no room to restore replicas after", () => {
    const r = usableCapacityAfterHostLoss({ tree: tree([1, 1], [1, 1], [1, 1]), poolSize: 3, fullRatio: 1 });
    expect(r.source).toBe("crush-weight");
    expect(r.rawBytesBefore).toBe(6 * TIB);
    expect(r.usableBytesBefore).toBe(2 * TIB);
    expect(r.lostHost).toBe("pve1");
    expect(r.hostsAfter).toBe(2);
    expect(r.usableBytesAfter).toBe(0);
    expect(r.canRestoreReplicas).toBe(false);
  });

  it("four hosts, size 3: losing the largest leaves what the three smaller hosts can hold", () => {
    const r = usableCapacityAfterHostLoss({ tree: tree([1], [4], [2], [2]), poolSize: 3, fullRatio: 1 });
    expect(r.lostHost).toBe("pve2");
    // before: min(9/3, 5/2, 3/1) = 2.5 TiB; after (2,2,1): min(5/3, 3/2, 1/1) = 1 TiB.
    expect(r.usableBytesBefore).toBe(2.5 * TIB);
    expect(r.usableBytesAfter).toBe(1 * TIB);
    expect(r.canRestoreReplicas).toBe(true);
  });

  it("uses osd df sizes when given, ignores out and non-existent OSDs, applies the full ratio", () => {
    const t: TCephOsdTree = {
      hosts: [
        { name: "a", bucketType: "host", osds: [osd(0, 9), osd(1, 9, { reweight: 0 })] },
        { name: "b", bucketType: "host", osds: [osd(2, 9), osd(3, 9, { exists: false })] },
        { name: "c", bucketType: "host", osds: [osd(4, 9)] },
      ],
      stray: [],
    };
    const usage = (id: number, sizeBytes: number) => ({
      id,
      class: null,
      weight: null,
      reweight: null,
      sizeBytes,
      usedBytes: null,
      availBytes: null,
      utilization: null,
      variance: null,
      pgs: null,
      status: null,
    });
    const df: TCephOsdDf = {
      osds: [usage(0, 1000), usage(1, 1000), usage(2, 800), usage(3, 800), usage(4, 600)],
      total: { sizeBytes: 4200, usedBytes: 300, availBytes: 3900, utilization: 7.1 },
      minVar: null,
      maxVar: null,
      stddev: null,
    };
    const r = usableCapacityAfterHostLoss({ tree: t, df, poolSize: 2, fullRatio: 0.5 });
    expect(r.source).toBe("osd-df");
    expect(r.rawBytesBefore).toBe(2400);
    expect(r.lostHost).toBe("a");
    expect(r.rawBytesAfter).toBe(1400);
    // after (800, 600), size 2: min(1400/2, 600/1) = 600, times 0.5.
    expect(r.usableBytesAfter).toBe(300);
    expect(r.rawUsedBytes).toBe(300);
  });

  it("handles an empty tree and rejects a bad pool size", () => {
    const r = usableCapacityAfterHostLoss({ tree: { hosts: [], stray: [] }, poolSize: 2 });
    expect([r.lostHost, r.usableBytesBefore, r.usableBytesAfter, r.canRestoreReplicas]).toEqual([null, 0, 0, false]);
    expect(() => usableCapacityAfterHostLoss({ tree: tree([1]), poolSize: 0 })).toThrow(RangeError);
  });
});
