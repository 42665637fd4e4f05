import "server-only";
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { ZSeverity } from "@/lib/reports/report";
import { blindTo } from "./alert-blind";
import { advanceAlerts, ALERT_STATES, type TAlertEvent, type TAlertRecord } from "./alert-state";
import type { TClusterHealth } from "./model";

const ZParams = z.record(z.string(), z.unknown());

type TAlertRow = Awaited<ReturnType<PrismaClient["alert"]["findFirstOrThrow"]>>;

function recordOf(row: TAlertRow): TAlertRecord {
  return {
    id: row.id,
    key: row.key,
    code: row.code,
    severity: ZSeverity.catch("warning").parse(row.severity),
    message: row.message,
    params: ZParams.catch({}).parse(row.params),
    state: z.enum(ALERT_STATES).catch("firing").parse(row.state),
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    firedAt: row.firedAt,
    resolvedAt: row.resolvedAt,
    seenRounds: row.seenRounds,
    missingRounds: row.missingRounds,
  };
}

const json = (v: Record<string, unknown>) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

// One round's alerts: advance the cluster's open records with what the round saw and store
// the result in one transaction. Returns what happened (fired, resolved, escalated) with the
// stored ids, for notifications.
export async function recordAlerts(db: PrismaClient, clusterId: string, health: TClusterHealth, now: Date): Promise<TAlertEvent[]> {
  const rows = await db.alert.findMany({ where: { clusterId, state: { in: ["pending", "firing"] } } });
  const step = advanceAlerts(rows.map(recordOf), health.alerts, now, blindTo(health));
  await db.$transaction(async (tx) => {
    if (step.dropped.length) await tx.alert.deleteMany({ where: { id: { in: step.dropped.flatMap((d) => (d.id ? [d.id] : [])) } } });
    for (const rec of step.upserts) {
      const data = {
        key: rec.key,
        code: rec.code,
        severity: rec.severity,
        message: rec.message,
        params: json(rec.params),
        state: rec.state,
        firstSeenAt: rec.firstSeenAt,
        lastSeenAt: rec.lastSeenAt,
        firedAt: rec.firedAt,
        resolvedAt: rec.resolvedAt,
        seenRounds: rec.seenRounds,
        missingRounds: rec.missingRounds,
      };
      if (rec.id) await tx.alert.update({ where: { id: rec.id }, data });
      else rec.id = (await tx.alert.create({ data: { ...data, clusterId }, select: { id: true } })).id;
    }
  });
  return step.events;
}

// Keys silenced right now for a cluster.
export async function silencedKeys(db: PrismaClient, clusterId: string, now: Date): Promise<Set<string>> {
  const rows = await db.alertSilence.findMany({ where: { clusterId, until: { gt: now } }, select: { key: true } });
  return new Set(rows.map((r) => r.key));
}

// Resolved alerts are the timeline; keep a bounded history per cluster.
export async function pruneAlerts(db: PrismaClient, clusterId: string, now: Date, maxAgeMs = 30 * 24 * 3600_000): Promise<void> {
  const cutoff = new Date(now.getTime() - maxAgeMs);
  await db.alert.deleteMany({ where: { clusterId, state: "resolved", resolvedAt: { lt: cutoff } } });
  await db.alertSilence.deleteMany({ where: { clusterId, until: { lt: now } } });
}
