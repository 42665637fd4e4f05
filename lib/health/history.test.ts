import { describe, expect, it } from "vitest";
import { bucketMsFor, downsampleHealth, quorumEvents } from "./history";
import { ZClusterHealth, type TClusterHealth, type THealthStatus } from "./model";

const T0 = Date.parse("2026-11-21T10:00:00Z");
const host = (name: string, reachable: boolean) => ({ name, reachable, lastError: null, durationMs: 10, clockOffsetMs: null });

function snap(sec: number, o: { status?: THealthStatus; votes?: number; quorate?: boolean; members?: string[]; down?: string[]; syncKiBps?: number[] }) {
  const members = o.members ?? ["lab1", "lab2", "lab3"];
  const model: TClusterHealth = ZClusterHealth.parse({
    status: o.status ?? "ok",
    quorum: { quorate: o.quorate ?? true, votes: o.votes ?? members.length, expected: 3, needed: 2, members, qdevice: null, seenFrom: "lab1" },
    hosts: ["lab1", "lab2", "lab3"].map((h) => host(h, !(o.down ?? []).includes(h))),
    links: [],
    pacemaker: null,
    drbd: (o.syncKiBps ?? []).map((k, i) => ({ resource: `r${i}`, health: "syncing", hosts: [], sync: { percent: 10, speedKiBps: k, etaSeconds: 60, outOfSyncKiB: 1000 }, alerts: [] })),
    alerts: [],
  });
  return { takenAt: new Date(T0 + sec * 1000), model };
}

describe("health history", () => {
  it("keeps the worst of each minute: a 5-second outage still shows", () => {
    const rounds = [
      snap(0, {}),
      snap(5, { status: "critical", votes: 2, members: ["lab1", "lab2"], down: ["lab3"] }),
      snap(10, {}),
      snap(65, { syncKiBps: [2048, 1024] }),
      snap(70, { syncKiBps: [4096] }),
    ];
    const points = downsampleHealth(rounds, 60_000);
    expect(points).toEqual([
      { at: "2026-11-21T10:00:00.000Z", status: "critical", quorate: true, votes: 2, expected: 3, hostsDown: 1, drbdSyncKiBps: null, replicationLagSeconds: null, rounds: 3 },
      { at: "2026-11-21T10:01:00.000Z", status: "ok", quorate: true, votes: 3, expected: 3, hostsDown: 0, drbdSyncKiBps: 4096, replicationLagSeconds: null, rounds: 2 },
    ]);
  });

  it("a bucket with one inquorate round is inquorate; rounds out of order are sorted first", () => {
    const points = downsampleHealth([snap(20, {}), snap(10, { quorate: false, votes: 1 }), snap(0, {})], 60_000);
    expect(points.map((p) => [p.quorate, p.votes, p.rounds])).toEqual([[false, 1, 3]]);
  });

  it("names quorum events from every round, even a flap inside one bucket", () => {
    const events = quorumEvents([
      snap(0, {}),
      snap(5, { votes: 2, members: ["lab1", "lab2"] }),
      snap(10, { quorate: false, votes: 1, members: ["lab1"] }),
      snap(15, { votes: 3 }),
      snap(20, { votes: 3 }),
    ]);
    expect(events).toEqual([
      { at: "2026-11-21T10:00:05.000Z", text: "lab3 left the membership (2 of 3 votes)" },
      { at: "2026-11-21T10:00:10.000Z", text: "quorum lost" },
      { at: "2026-11-21T10:00:10.000Z", text: "lab2 left the membership (1 of 3 votes)" },
      { at: "2026-11-21T10:00:15.000Z", text: "quorum regained" },
      { at: "2026-11-21T10:00:15.000Z", text: "lab2, lab3 joined the membership (3 of 3 votes)" },
    ]);
  });

  it("sizes buckets to about 120 points, never finer than a round", () => {
    expect([bucketMsFor(60, 5_000), bucketMsFor(5, 5_000), bucketMsFor(1440, 5_000)]).toEqual([30_000, 5_000, 720_000]);
  });
});
