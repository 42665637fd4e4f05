import type { TClusterHealth, THealthStatus } from "./model";

// History for the charts: snapshots (one per round) folded into buckets, each keeping the
// worst of its rounds, so a 5-second outage still shows in a one-minute bucket. Pure.

export type THistoryPoint = {
  at: string;
  status: THealthStatus;
  quorate: boolean | null;
  // The fewest votes seen in the bucket, against the expected count.
  votes: number | null;
  expected: number | null;
  hostsDown: number;
  // Total resync speed over every DRBD resource, the highest of the bucket.
  drbdSyncKiBps: number | null;
  // The oldest last sync of any replication job, the highest of the bucket.
  replicationLagSeconds: number | null;
  rounds: number;
};

export type THistoryEvent = { at: string; text: string };

const RANK: Record<THealthStatus, number> = { unknown: 0, ok: 1, warning: 2, critical: 3 };

const maxOrNull = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
const minOrNull = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

export type THistoryValues = Omit<THistoryPoint, "at" | "rounds">;

export function pointOf(m: TClusterHealth): THistoryValues {
  const speeds = m.drbd.map((r) => r.sync?.speedKiBps ?? null).filter((s): s is number => s !== null);
  const lags = (m.pve?.replication ?? []).map((j) => j.lagSeconds).filter((s): s is number => s !== null);
  return {
    status: m.status,
    quorate: m.quorum?.quorate ?? null,
    votes: m.quorum?.votes ?? null,
    expected: m.quorum?.expected ?? null,
    hostsDown: m.hosts.filter((h) => !h.reachable).length,
    drbdSyncKiBps: speeds.length ? speeds.reduce((a, b) => a + b, 0) : null,
    replicationLagSeconds: lags.length ? Math.max(...lags) : null,
  };
}

// Two points of one bucket folded into one: the worst of each value, rounds added up.
export function mergePoints(prev: THistoryPoint, p: THistoryValues & { rounds: number }): THistoryPoint {
  return {
    at: prev.at,
    status: RANK[p.status] > RANK[prev.status] ? p.status : prev.status,
    quorate: prev.quorate === false || p.quorate === false ? false : (prev.quorate ?? p.quorate),
    votes: minOrNull(prev.votes, p.votes),
    expected: maxOrNull(prev.expected, p.expected),
    hostsDown: Math.max(prev.hostsDown, p.hostsDown),
    drbdSyncKiBps: maxOrNull(prev.drbdSyncKiBps, p.drbdSyncKiBps),
    replicationLagSeconds: maxOrNull(prev.replicationLagSeconds, p.replicationLagSeconds),
    rounds: prev.rounds + p.rounds,
  };
}

export const bucketStart = (t: number, bucketMs: number) => Math.floor(t / bucketMs) * bucketMs;

export function downsampleHealth(snapshots: readonly { takenAt: Date; model: TClusterHealth }[], bucketMs: number): THistoryPoint[] {
  return rebucket(
    snapshots.map((s) => ({ at: s.takenAt.toISOString(), ...pointOf(s.model), rounds: 1 })),
    bucketMs,
  );
}

// Points (rounds, or finer buckets) folded into buckets of bucketMs, oldest first.
export function rebucket(points: readonly THistoryPoint[], bucketMs: number): THistoryPoint[] {
  const buckets = new Map<number, THistoryPoint>();
  for (const p of [...points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    const key = bucketStart(Date.parse(p.at), bucketMs);
    const prev = buckets.get(key);
    buckets.set(key, prev ? mergePoints(prev, p) : { ...p, at: new Date(key).toISOString() });
  }
  return [...buckets.values()];
}

// Quorum events for the timeline, from every round (not the buckets, which would hide a flap):
// quorum lost or regained, and membership changes.
export function quorumEvents(snapshots: readonly { takenAt: Date; model: TClusterHealth }[]): THistoryEvent[] {
  const events: THistoryEvent[] = [];
  let prev: TClusterHealth["quorum"] | undefined;
  for (const s of [...snapshots].sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime())) {
    const q = s.model.quorum;
    const at = s.takenAt.toISOString();
    if (prev !== undefined) {
      if (prev?.quorate !== false && q?.quorate === false) events.push({ at, text: "quorum lost" });
      if (prev?.quorate === false && q?.quorate === true) events.push({ at, text: "quorum regained" });
      const before = new Set(prev?.members ?? []);
      const now = new Set(q?.members ?? []);
      const left = [...before].filter((m) => !now.has(m));
      const joined = [...now].filter((m) => !before.has(m));
      if (q && prev && left.length) events.push({ at, text: `${left.join(", ")} left the membership (${q.votes ?? "?"} of ${q.expected ?? "?"} votes)` });
      if (q && prev && joined.length) events.push({ at, text: `${joined.join(", ")} joined the membership (${q.votes ?? "?"} of ${q.expected ?? "?"} votes)` });
    }
    prev = q;
  }
  return events;
}

// A bucket size giving at most about `points` points over the window, never finer than a round.
export function bucketMsFor(windowMinutes: number, intervalMs: number, points = 120): number {
  return Math.max(intervalMs, Math.ceil((windowMinutes * 60_000) / points / 1000) * 1000);
}
