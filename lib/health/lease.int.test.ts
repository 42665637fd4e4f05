import { afterAll, describe, expect, it } from "vitest";
import { createTempDb } from "@/lib/testing/temp-db";
import { claimClusterLease, releaseClusterLease } from "./lease";
import { pruneSnapshots } from "./retention";

// The lease and retention queries on a real migrated database (no hosts needed).
const tmp = createTempDb();
const { db } = tmp;
afterAll(() => tmp.cleanup());

const at = (s: number) => new Date(Date.UTC(2026, 10, 21, 12, 0, s));

describe("cluster lease", () => {
  it("one owner at a time; renewable by its owner; taken over once expired; released at once", async () => {
    const { id } = await db.cluster.create({ data: { name: "c1", kind: "pacemaker" } });
    const [a, b] = await Promise.all([claimClusterLease(db, id, "A", at(0), 10_000), claimClusterLease(db, id, "B", at(0), 10_000)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const holder = a ? "A" : "B";
    const other = a ? "B" : "A";
    expect(await claimClusterLease(db, id, other, at(5), 10_000)).toBe(false);
    expect(await claimClusterLease(db, id, holder, at(5), 10_000)).toBe(true);
    expect((await db.clusterLease.findUniqueOrThrow({ where: { clusterId: id } })).until).toEqual(at(15));
    // The holder stopped renewing: after expiry the other takes over and the old holder is out.
    expect(await claimClusterLease(db, id, other, at(16), 10_000)).toBe(true);
    expect(await claimClusterLease(db, id, holder, at(17), 10_000)).toBe(false);
    await releaseClusterLease(db, id, holder);
    expect((await db.clusterLease.findUniqueOrThrow({ where: { clusterId: id } })).owner).toBe(other);
    await releaseClusterLease(db, id, other);
    expect(await claimClusterLease(db, id, holder, at(18), 10_000)).toBe(true);
  });

  it("refuses a cluster that does not exist", async () => {
    expect(await claimClusterLease(db, "no-such-cluster", "A", at(0), 10_000)).toBe(false);
  });
});

describe("pruneSnapshots", () => {
  it("keeps the newest N and nothing older than the age limit", async () => {
    const { id } = await db.cluster.create({ data: { name: "c2", kind: "pacemaker" } });
    const { id: otherId } = await db.cluster.create({ data: { name: "c3", kind: "pacemaker" } });
    const rows = [0, 10, 20, 30, 40].map((s) => ({ clusterId: id, takenAt: at(s), status: "ok", data: {} }));
    await db.healthSnapshot.createMany({ data: [...rows, { clusterId: otherId, takenAt: at(0), status: "ok", data: {} }] });
    expect(await pruneSnapshots(db, id, at(40), { maxAgeMs: 3600_000, maxPerCluster: 3 })).toBe(2);
    expect((await db.healthSnapshot.findMany({ where: { clusterId: id }, orderBy: { takenAt: "asc" } })).map((r) => r.takenAt)).toEqual([at(20), at(30), at(40)]);
    expect(await pruneSnapshots(db, id, at(40), { maxAgeMs: 15_000, maxPerCluster: 3 })).toBe(1);
    expect(await db.healthSnapshot.count({ where: { clusterId: otherId } })).toBe(1);
  });
});
