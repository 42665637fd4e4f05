import { z } from "zod";
import { bucketMsFor, bucketStart, mergePoints, rebucket, type THistoryEvent, type THistoryPoint, type THistoryValues } from "./history";
import { ZHealthStatus } from "./model";

// Long-term history: the collector folds every round into 1-minute buckets (kept 7 days) and
// 15-minute buckets (kept 90 days), each holding the worst of its rounds. The chart's ranges
// read the finest tier that still covers them and fold it again into about 120 points. Pure.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const HISTORY_TIERS = [
  { resolutionMs: MINUTE, keepMs: 7 * DAY },
  { resolutionMs: 15 * MINUTE, keepMs: 90 * DAY },
] as const;

export const ZHistoryRange = z.enum(["15m", "1h", "24h", "7d", "90d"]);
export type THistoryRange = z.infer<typeof ZHistoryRange>;

export const HISTORY_RANGE_LABEL: Record<THistoryRange, string> = { "15m": "15 minutes", "1h": "1 hour", "24h": "24 hours", "7d": "7 days", "90d": "90 days" };

// The window of a range and where it is read from: the stored rounds (null, an hour at most)
// or a tier of buckets.
export function rangeSource(range: THistoryRange): { windowMs: number; resolutionMs: number | null } {
  switch (range) {
    case "15m":
      return { windowMs: 15 * MINUTE, resolutionMs: null };
    case "1h":
      return { windowMs: 60 * MINUTE, resolutionMs: null };
    case "24h":
      return { windowMs: DAY, resolutionMs: MINUTE };
    case "7d":
      return { windowMs: 7 * DAY, resolutionMs: MINUTE };
    case "90d":
      return { windowMs: 90 * DAY, resolutionMs: 15 * MINUTE };
  }
}

// The bucket size the chart shows for a range: about 120 points, never finer than the source.
export const chartBucketMs = (range: THistoryRange, roundMs: number) => {
  const { windowMs, resolutionMs } = rangeSource(range);
  return bucketMsFor(windowMs / MINUTE, resolutionMs ?? roundMs);
};

// A bucket as stored: the status is a plain string column.
export type TBucketRow = Omit<THistoryValues, "status"> & { status: string; at: Date; rounds: number };

// A stored row as a chart point; a status written by another panel version counts as unknown.
export function rowPoint(r: TBucketRow): THistoryPoint {
  return {
    at: r.at.toISOString(),
    status: ZHealthStatus.catch("unknown").parse(r.status),
    quorate: r.quorate,
    votes: r.votes,
    expected: r.expected,
    hostsDown: r.hostsDown,
    drbdSyncKiBps: r.drbdSyncKiBps,
    replicationLagSeconds: r.replicationLagSeconds,
    rounds: r.rounds,
  };
}

// One round folded into the tier's bucket it falls in (`prev` is that bucket as stored, if any).
export function foldRound(prev: TBucketRow | null, round: THistoryValues, takenAt: Date, resolutionMs: number): THistoryPoint {
  const at = new Date(bucketStart(takenAt.getTime(), resolutionMs)).toISOString();
  return prev ? mergePoints(rowPoint(prev), { ...round, rounds: 1 }) : { ...round, at, rounds: 1 };
}

// The oldest bucket start each tier keeps.
export const tierCutoff = (now: Date, keepMs: number) => new Date(now.getTime() - keepMs);

// Over days the rounds are gone: quorum lost and regained are read from the buckets (a loss
// shorter than a bucket still shows, as the bucket keeps quorate=false).
export function bucketQuorumEvents(points: readonly THistoryPoint[]): THistoryEvent[] {
  const events: THistoryEvent[] = [];
  let prev: boolean | null = null;
  for (const p of points) {
    if (prev !== false && p.quorate === false) events.push({ at: p.at, text: `quorum lost (${p.votes ?? "?"} of ${p.expected ?? "?"} votes at worst)` });
    if (prev === false && p.quorate === true) events.push({ at: p.at, text: "quorum regained" });
    if (p.quorate !== null) prev = p.quorate;
  }
  return events;
}

export const chartPoints = (rows: readonly THistoryPoint[], bucketMs: number) => rebucket(rows, bucketMs);
