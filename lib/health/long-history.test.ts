import { describe, expect, it } from "vitest";
import type { THistoryPoint, THistoryValues } from "./history";
import { bucketQuorumEvents, chartBucketMs, chartPoints, foldRound, rangeSource, rowPoint, tierCutoff } from "./long-history";

const ok: THistoryValues = { status: "ok", quorate: true, votes: 3, expected: 3, hostsDown: 0, drbdSyncKiBps: null, replicationLagSeconds: 120 };
const at = (iso: string) => new Date(iso);

describe("foldRound", () => {
  it("starts a bucket at the start of its minute and keeps the worst of every round", () => {
    const first = foldRound(null, ok, at("2026-11-21T10:00:07Z"), 60_000);
    expect(first).toEqual({ ...ok, at: "2026-11-21T10:00:00.000Z", rounds: 1 });
    const bad = { ...ok, status: "critical" as const, quorate: false, votes: 1, hostsDown: 2, drbdSyncKiBps: 4096, replicationLagSeconds: 60 };
    const second = foldRound({ ...first, at: at(first.at) }, bad, at("2026-11-21T10:00:12Z"), 60_000);
    const third = foldRound({ ...second, at: at(second.at) }, ok, at("2026-11-21T10:00:17Z"), 60_000);
    expect(third).toEqual({
      at: "2026-11-21T10:00:00.000Z",
      status: "critical",
      quorate: false,
      votes: 1,
      expected: 3,
      hostsDown: 2,
      drbdSyncKiBps: 4096,
      replicationLagSeconds: 120,
      rounds: 3,
    });
  });
  it("puts a round into its 15-minute bucket", () => {
    expect(foldRound(null, ok, at("2026-11-21T10:44:59Z"), 900_000).at).toBe("2026-11-21T10:30:00.000Z");
  });
});

describe("ranges", () => {
  it("reads an hour from the rounds, a day and a week from 1-minute buckets, 90 days from 15-minute buckets", () => {
    expect(rangeSource("1h")).toEqual({ windowMs: 3_600_000, resolutionMs: null });
    expect(rangeSource("24h")).toEqual({ windowMs: 86_400_000, resolutionMs: 60_000 });
    expect(rangeSource("7d")).toEqual({ windowMs: 604_800_000, resolutionMs: 60_000 });
    expect(rangeSource("90d")).toEqual({ windowMs: 7_776_000_000, resolutionMs: 900_000 });
  });
  it("shows about 120 points per range", () => {
    expect([chartBucketMs("1h", 5000), chartBucketMs("24h", 5000), chartBucketMs("7d", 5000), chartBucketMs("90d", 5000)]).toEqual([30_000, 720_000, 5_040_000, 64_800_000]);
  });
  it("keeps 1-minute buckets 7 days", () => {
    expect(tierCutoff(at("2026-11-21T00:00:00Z"), 7 * 86_400_000)).toEqual(at("2026-11-14T00:00:00Z"));
  });
});

const point = (iso: string, o: Partial<THistoryPoint> = {}): THistoryPoint => ({ at: iso, ...ok, rounds: 12, ...o });

describe("chartPoints", () => {
  it("folds 1-minute buckets into 12-minute ones, worst first", () => {
    const rows = [point("2026-11-21T10:00:00Z"), point("2026-11-21T10:05:00Z", { status: "warning", hostsDown: 1 }), point("2026-11-21T10:13:00Z")];
    expect(chartPoints(rows, 720_000).map((p) => [p.at, p.status, p.hostsDown, p.rounds])).toEqual([
      ["2026-11-21T10:00:00.000Z", "warning", 1, 24],
      ["2026-11-21T10:12:00.000Z", "ok", 0, 12],
    ]);
  });
});

describe("bucketQuorumEvents", () => {
  it("says when quorum was lost and regained, across buckets without data", () => {
    const pts = [
      point("2026-11-21T10:00:00Z"),
      point("2026-11-21T10:01:00Z", { quorate: false, votes: 1 }),
      point("2026-11-21T10:02:00Z", { quorate: null, votes: null }),
      point("2026-11-21T10:03:00Z", { quorate: false, votes: 1 }),
      point("2026-11-21T10:04:00Z"),
    ];
    expect(bucketQuorumEvents(pts)).toEqual([
      { at: "2026-11-21T10:01:00Z", text: "quorum lost (1 of 3 votes at worst)" },
      { at: "2026-11-21T10:04:00Z", text: "quorum regained" },
    ]);
  });
});

describe("rowPoint", () => {
  it("reads an unknown status as unknown", () => {
    expect(rowPoint({ ...ok, status: "purple", at: at("2026-11-21T10:00:00Z"), rounds: 1 }).status).toBe("unknown");
  });
});
