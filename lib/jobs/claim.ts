import type { PrismaClient, Prisma } from "@/lib/generated/prisma/client";
import { errorReport } from "@/lib/reports/report";
import { CLAIM_TRANSITIONS, CLAIMABLE_STATES, LEASED_STATES, type TClaimableState } from "./job-state";

// Work is claimed through the database, so several panel instances can share one queue:
// every claim is a conditional UPDATE (state and lease checked in its WHERE), which the
// database applies atomically on SQLite and PostgreSQL alike. Whoever's update counts one
// row owns the job; everyone else moves on.

export type TClaimedJob = {
  id: string;
  kind: string;
  clusterId: string | null;
  from: TClaimableState;
  state: (typeof CLAIM_TRANSITIONS)[TClaimableState];
  // Whether this claim holds the cluster's job lock (mutating work).
  holdsClusterLock: boolean;
  leaseUntil: Date;
};

const expired = (now: Date): Prisma.JobWhereInput => ({ OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] });

// The cluster lock: at most one mutating job per cluster at a time. Taken like a job, with a
// conditional update on the cluster row: free, expired, or already ours.
export async function takeClusterLock(db: PrismaClient, clusterId: string, jobId: string, now: Date, until: Date): Promise<boolean> {
  const r = await db.cluster.updateMany({
    where: { id: clusterId, OR: [{ jobLockId: null }, { jobLockUntil: null }, { jobLockUntil: { lt: now } }, { jobLockId: jobId }] },
    data: { jobLockId: jobId, jobLockUntil: until },
  });
  return r.count === 1;
}

export async function releaseClusterLock(db: PrismaClient, clusterId: string, jobId: string): Promise<void> {
  await db.cluster.updateMany({ where: { id: clusterId, jobLockId: jobId }, data: { jobLockId: null, jobLockUntil: null } });
}

export async function claimJobs(
  db: PrismaClient,
  opts: { owner: string; now: Date; leaseMs: number; limit: number; isMutating: (kind: string) => boolean },
): Promise<TClaimedJob[]> {
  const { owner, now, leaseMs, limit, isMutating } = opts;
  if (limit <= 0) return [];
  const until = new Date(now.getTime() + leaseMs);
  const candidates = await db.job.findMany({
    where: { state: { in: [...CLAIMABLE_STATES] }, ...expired(now) },
    orderBy: { createdAt: "asc" },
    take: limit * 4,
    select: { id: true, kind: true, clusterId: true, state: true, startedAt: true },
  });
  const claimed: TClaimedJob[] = [];
  for (const c of candidates) {
    if (claimed.length >= limit) break;
    const from = c.state as TClaimableState;
    const state = CLAIM_TRANSITIONS[from];
    const needsLock = state !== "planning" && c.clusterId !== null && isMutating(c.kind);
    if (needsLock && c.clusterId && !(await takeClusterLock(db, c.clusterId, c.id, now, until))) continue;
    const r = await db.job.updateMany({
      where: { id: c.id, state: from, ...expired(now) },
      data: { state, leaseOwner: owner, leaseUntil: until, ...(state === "running" && !c.startedAt ? { startedAt: now } : {}) },
    });
    if (r.count !== 1) {
      if (needsLock && c.clusterId) await releaseClusterLock(db, c.clusterId, c.id);
      continue;
    }
    claimed.push({ id: c.id, kind: c.kind, clusterId: c.clusterId, from, state, holdsClusterLock: needsLock, leaseUntil: until });
  }
  return claimed;
}

// Returns false once the lease is no longer ours (it expired and another instance marked the
// job interrupted): the caller stops before the next step.
export async function renewLease(db: PrismaClient, job: TClaimedJob, owner: string, until: Date): Promise<boolean> {
  const r = await db.job.updateMany({ where: { id: job.id, leaseOwner: owner, state: job.state }, data: { leaseUntil: until } });
  if (r.count !== 1) return false;
  if (job.holdsClusterLock && job.clusterId) {
    await db.cluster.updateMany({ where: { id: job.clusterId, jobLockId: job.id }, data: { jobLockUntil: until } });
  }
  return true;
}

export type TExpiredJob = { id: string; from: string; to: "interrupted" | "queued" };

// Jobs whose worker stopped renewing: running/undoing ones become interrupted (they may have
// changed hosts half-way; an admin decides to resume or undo), planning ones go back to the
// queue (planning only reads).
export async function expireLeases(db: PrismaClient, now: Date): Promise<TExpiredJob[]> {
  const stale = await db.job.findMany({
    where: { state: { in: [...LEASED_STATES] }, leaseUntil: { lt: now } },
    select: { id: true, state: true, reports: true, leaseOwner: true },
  });
  const out: TExpiredJob[] = [];
  for (const j of stale) {
    const to = j.state === "planning" ? "queued" : "interrupted";
    const report = errorReport(
      "JOB_INTERRUPTED",
      `The worker running this job (${j.leaseOwner ?? "unknown"}) stopped while the job was ${j.state}: the panel restarted or lost its database. ` +
        "Resume it (finished steps are detected and skipped) or undo the finished steps.",
      { worker: j.leaseOwner, state: j.state },
    );
    const reports = Array.isArray(j.reports) ? j.reports : [];
    const r = await db.job.updateMany({
      where: { id: j.id, state: j.state, leaseUntil: { lt: now } },
      data: {
        state: to,
        leaseOwner: null,
        leaseUntil: null,
        ...(to === "interrupted" ? { reports: [...reports, report] as Prisma.InputJsonValue } : {}),
      },
    });
    if (r.count === 1) out.push({ id: j.id, from: j.state, to });
  }
  return out;
}
