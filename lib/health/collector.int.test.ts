import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLab, labFault, type TLabStatus } from "@/e2e/lab/lab-env";
import { createTempDb } from "@/lib/testing/temp-db";
import { seedDemo } from "@/scripts/demo-seed";
import { HealthManager } from "./collector";
import { snapshotView, ZStoredSnapshot } from "./snapshot";
import type { THealthSnapshotView } from "./model";

// The collector against the real lab (cluster mode, 3 hosts) added to a temp database the way
// `npm run demo` adds it.
const INTERVAL = 2_000;
const tmp = createTempDb();
const { db } = tmp;
let lab: TLabStatus;
let clusterId: string;
const managers: HealthManager[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function manager(owner: string): HealthManager {
  const m = new HealthManager({ db, owner, intervalMs: INTERVAL });
  managers.push(m);
  return m;
}

async function snapshotsSince(since: Date) {
  const rows = await db.healthSnapshot.findMany({ where: { clusterId, takenAt: { gt: since } }, orderBy: { takenAt: "asc" } });
  return rows.map((r) => ({ view: snapshotView(r) as THealthSnapshotView, collector: ZStoredSnapshot.parse(r.data).collector, takenAt: r.takenAt }));
}

// The first snapshot taken after `since` that satisfies `ok`, or a failure naming the last one seen.
async function waitForSnapshot(since: Date, timeoutMs: number, ok: (v: THealthSnapshotView) => boolean): Promise<THealthSnapshotView & { at: Date }> {
  const deadline = Date.now() + timeoutMs;
  let last: THealthSnapshotView | null = null;
  while (Date.now() < deadline) {
    for (const s of await snapshotsSince(since)) {
      last = s.view;
      if (ok(s.view)) return { ...s.view, at: s.takenAt };
    }
    await sleep(200);
  }
  throw new Error(`no matching snapshot within ${timeoutMs} ms; last: ${JSON.stringify(last?.model.alerts ?? null)}`);
}

const otherThanFencing = (v: THealthSnapshotView) => v.model.alerts.filter((a) => a.code !== "STONITH_DISABLED_WITH_RESOURCES");

beforeAll(async () => {
  process.env.PANEL_SECRET_KEY = randomBytes(32).toString("base64");
  lab = await ensureLab({ mode: "cluster", nodes: 3 });
  ({ clusterId } = await seedDemo(db, lab));
});

afterAll(async () => {
  await Promise.all(managers.map((m) => m.stop()));
  await tmp.cleanup();
});

describe("health collector on the lab", () => {
  it("one round: quorate, three members, three Pacemaker nodes online, every host reachable; no audit rows", async () => {
    const auditBefore = await db.auditEvent.count({ where: { action: "command" } });
    const start = new Date();
    manager("A").start();
    const s = await waitForSnapshot(start, 20_000, () => true);
    // The lab seeds stonith-enabled=false: with resources left by other tests that is the one warning.
    expect(otherThanFencing(s)).toEqual([]);
    expect(s.status).toBe(s.model.alerts.length === 0 ? "ok" : "warning");
    expect(s.model.quorum).toMatchObject({ quorate: true, votes: 3, expected: 3, needed: 2, members: ["lab1", "lab2", "lab3"] });
    expect(s.model.pacemaker?.nodes.map((n) => [n.name, n.online])).toEqual([["lab1", true], ["lab2", true], ["lab3", true]]);
    expect(s.model.hosts.map((h) => [h.name, h.reachable])).toEqual([["lab1", true], ["lab2", true], ["lab3", true]]);
    expect(s.model.links.map((l) => l.links[0]?.status)).toEqual(["ok", "ok", "ok"]);
    await sleep(INTERVAL);
    expect(await db.auditEvent.count({ where: { action: "command" } })).toBe(auditBefore);
  });

  it("cut lab3: unreachable within interval + 2 s, membership 2 once corosync notices; heal: ok again", async () => {
    const cutAt = new Date();
    await labFault("cut", "lab3");
    try {
      const down = await waitForSnapshot(cutAt, INTERVAL + 4_000, (v) => v.model.alerts.some((a) => a.code === "HOST_UNREACHABLE" && a.params.host === "lab3"));
      expect(down.at.getTime() - cutAt.getTime()).toBeLessThan(INTERVAL + 2_000 + 1_000);
      expect(down.model.hosts.find((h) => h.name === "lab3")?.reachable).toBe(false);
      expect(down.model.hosts.filter((h) => h.reachable).map((h) => h.name)).toEqual(["lab1", "lab2"]);
      const split = await waitForSnapshot(cutAt, 30_000, (v) => v.model.quorum?.members.length === 2);
      expect(split.model.quorum).toMatchObject({ quorate: true, votes: 2, members: ["lab1", "lab2"] });
      expect(split.status).toBe("warning");
      // The long-term buckets that hold the cut keep it (worst of their rounds), in both tiers.
      for (const resolutionMs of [60_000, 900_000]) {
        const at = new Date(Math.floor(down.at.getTime() / resolutionMs) * resolutionMs);
        const bucket = await db.healthHistoryBucket.findUnique({ where: { clusterId_resolutionMs_at: { clusterId, resolutionMs, at } } });
        expect([bucket?.hostsDown, bucket?.status === "ok"]).toEqual([1, false]);
      }
    } finally {
      await labFault("heal", "lab3");
    }
    const healedAt = new Date();
    const healed = await waitForSnapshot(healedAt, 60_000, (v) => otherThanFencing(v).length === 0 && v.model.quorum?.members.length === 3);
    expect(healed.model.pacemaker?.nodes.every((n) => n.online)).toBe(true);
  });

  it("two managers: only the lease holder polls; the other takes over when it stops", async () => {
    const a = managers[0] as HealthManager;
    const b = manager("B");
    const since = new Date();
    b.start();
    await sleep(5 * INTERVAL);
    const window = await snapshotsSince(since);
    expect(a.polling()).toEqual([clusterId]);
    expect(b.polling()).toEqual([]);
    expect(new Set(window.map((s) => s.collector))).toEqual(new Set(["A"]));
    // One snapshot per interval, not two.
    expect(window.length).toBeGreaterThanOrEqual(4);
    expect(window.length).toBeLessThanOrEqual(6);

    const stoppedAt = new Date();
    await a.stop();
    const taken = await waitForSnapshot(stoppedAt, 3 * INTERVAL, () => true);
    expect(b.polling()).toEqual([clusterId]);
    expect((await snapshotsSince(stoppedAt)).every((s) => s.collector === "B")).toBe(true);
    expect(taken.status).not.toBe("unknown");
  });
});
