"use server";
import { revalidatePath } from "next/cache";
import { explainingLines, migrationLogPath, migrationResult, pollMigration, progressOf } from "@/agents/proxmox/migrate/run";
import { auditEvent } from "@/lib/audit";
import { db } from "@/lib/db";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { GUEST_HA_ENROLL_KIND } from "@/lib/jobs/kinds/guest-ha-enroll";
import { GUEST_MIGRATE_KIND } from "@/lib/jobs/kinds/guest-migrate";
import { NODE_MAINTENANCE_KIND } from "@/lib/jobs/kinds/node-maintenance";
import { runnerForHost } from "@/lib/jobs/runner-for-host";
import { ZPlan } from "@/lib/plan/plan";
import {
  MIN_FORCE_REASON,
  ZGuestMigrateInput,
  ZMigrationProgressAction,
  ZStartHaEnrollAction,
  ZStartMaintenanceAction,
  ZStartMigrationAction,
} from "@/lib/validations/guests";
import { ActionDenied, operatorAction, viewerAction } from "./safe-action";

// Guest actions only enqueue jobs: the job re-runs the preflight against the cluster as it is
// when it plans, and nothing runs before an operator confirms that plan.

async function pveCluster(clusterId: string) {
  const cluster = await db.cluster.findUnique({ where: { id: clusterId }, select: { id: true, kind: true } });
  if (!cluster) throw new ActionDenied("That cluster no longer exists.");
  if (cluster.kind !== "pve") throw new ActionDenied("Guests live on Proxmox VE clusters only.");
  return cluster;
}

async function enqueue(action: string, clusterId: string, kind: string, input: Record<string, unknown>, userId: string) {
  await pveCluster(clusterId);
  const jobId = await enqueueJob(db, { clusterId, kind, input, createdById: userId });
  await auditEvent(action, userId, { clusterId, jobId, ...input });
  revalidatePath(`/clusters/${clusterId}/guests`);
  return { jobId };
}

export const startGuestMigration = operatorAction.inputSchema(ZStartMigrationAction).action(async ({ parsedInput, ctx }) => {
  const { clusterId, ...input } = parsedInput;
  return enqueue("guest.migrate", clusterId, GUEST_MIGRATE_KIND, input, ctx.user.id);
});

export const startGuestHaEnroll = operatorAction.inputSchema(ZStartHaEnrollAction).action(async ({ parsedInput, ctx }) => {
  const { clusterId, ...input } = parsedInput;
  return enqueue("guest.ha-enroll", clusterId, GUEST_HA_ENROLL_KIND, input, ctx.user.id);
});

export const startNodeMaintenance = operatorAction.inputSchema(ZStartMaintenanceAction).action(async ({ parsedInput, ctx }) => {
  const { clusterId, ...input } = parsedInput;
  if (input.force && (input.reason ?? "").length < MIN_FORCE_REASON) throw new ActionDenied(`Forcing needs a written reason (at least ${MIN_FORCE_REASON} characters).`);
  return enqueue("node.maintenance", clusterId, NODE_MAINTENANCE_KIND, input, ctx.user.id);
});

export type TMigrationProgressView = {
  started: boolean;
  finished: boolean;
  percent: number | null;
  tail: string[];
  ok: boolean | null;
  durationSeconds: number | null;
  downtimeMs: number | null;
  explaining: string[];
  haRequested: boolean;
};

const NOT_STARTED: TMigrationProgressView = { started: false, finished: false, percent: null, tail: [], ok: null, durationSeconds: null, downtimeMs: null, explaining: [], haRequested: false };

// The progress bar's source: the migration's task log on the source node (one read-only
// command per poll). Before the start step has run the log may be an older migration's.
export const migrationProgress = viewerAction.inputSchema(ZMigrationProgressAction).action(async ({ parsedInput, ctx }): Promise<TMigrationProgressView> => {
  const job = await db.job.findUnique({ where: { id: parsedInput.jobId }, include: { steps: { orderBy: { index: "asc" } } } });
  if (!job || job.kind !== GUEST_MIGRATE_KIND) throw new ActionDenied("That is not a migration job.");
  const input = ZGuestMigrateInput.parse(job.input);
  const start = job.steps[0];
  if (!start || start.state !== "done") return NOT_STARTED;
  const plan = ZPlan.parse(job.plan);
  const source = plan.steps[0]?.host;
  const host = source ? await db.host.findUnique({ where: { name: source } }) : null;
  if (!host) throw new ActionDenied(`The migration's source node ${source ?? "?"} is not in the inventory.`);
  const runner = await runnerForHost(db, host, { userId: ctx.user.id, jobId: job.id });
  const { exitCode, lines } = await pollMigration(runner, migrationLogPath(input.vmid));
  const progress = progressOf(lines);
  if (exitCode === null) return { ...NOT_STARTED, started: true, percent: progress.percent, tail: lines.slice(-4) };
  const result = migrationResult(exitCode, lines, input);
  return {
    started: true,
    finished: true,
    percent: result.ok ? 100 : progress.percent,
    tail: lines.slice(-4),
    ok: result.ok,
    durationSeconds: result.durationSeconds,
    downtimeMs: result.downtimeMs,
    explaining: result.ok ? [] : explainingLines(lines),
    haRequested: result.haRequested,
  };
});
