import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ZPlan } from "@/lib/plan/plan";
import { errorReport, ReportError } from "@/lib/reports/report";
import { hasRole } from "@/lib/auth/roles";
import { confirmationProblems, requiredRole, type TConfirmJobInput } from "./confirm";
import { CANCELLABLE_STATES, RESUMABLE_STATES, UNDOABLE_STATES } from "./job-state";
import { getJobKind } from "./registry";

// What the job buttons do, as row updates. Each is one conditional update on the job's
// state, so a click that races the worker (or another admin) changes nothing instead of
// half of something. The worker does the actual work.

type TActor = { id: string; role: string };

const refuse = (code: string, message: string, params: Record<string, unknown> = {}) => new ReportError(errorReport(code, message, params));

async function loadJob(db: PrismaClient, jobId: string) {
  const job = await db.job.findUnique({ where: { id: jobId }, include: { cluster: { select: { name: true } } } });
  if (!job) throw refuse("JOB_NOT_FOUND", "That job does not exist (any more).", { jobId });
  const parsed = job.plan === null ? null : ZPlan.safeParse(job.plan);
  return { job, plan: parsed?.success ? parsed.data : null, kind: getJobKind(job.kind) };
}

async function transition(db: PrismaClient, jobId: string, from: readonly string[], data: Parameters<PrismaClient["job"]["updateMany"]>[0]["data"], what: string) {
  const r = await db.job.updateMany({ where: { id: jobId, state: { in: [...from] } }, data });
  if (r.count !== 1) throw refuse("JOB_STATE_CHANGED", `The job is no longer in a state where it can be ${what}; reload the page.`, { jobId });
}

export async function confirmJobRow(db: PrismaClient, actor: TActor, input: TConfirmJobInput): Promise<void> {
  const { job, plan, kind } = await loadJob(db, input.jobId);
  if (job.state !== "awaiting-confirmation" || !plan) throw refuse("JOB_NOT_AWAITING", `The job is ${job.state}, not waiting for confirmation.`, { state: job.state });
  const problems = confirmationProblems({
    jobId: job.id,
    kind,
    plan,
    clusterName: job.cluster?.name ?? null,
    userRole: actor.role,
    confirmName: input.confirmName,
    force: input.force,
  });
  const first = problems[0];
  if (first) throw new ReportError({ ...first, message: problems.map((p) => p.message).join(" ") });
  await transition(db, job.id, ["awaiting-confirmation"], { state: "confirmed", confirmedAt: new Date(), confirmedById: actor.id, force: input.force }, "confirmed");
}

export async function cancelJobRow(db: PrismaClient, actor: TActor, jobId: string): Promise<void> {
  const { plan, kind } = await loadJob(db, jobId);
  if (!hasRole(actor.role, requiredRole(kind, plan))) throw refuse("JOB_ROLE_REQUIRED", `Cancelling this job needs the ${requiredRole(kind, plan)} role.`);
  await transition(db, jobId, CANCELLABLE_STATES, { state: "cancelled", finishedAt: new Date() }, "cancelled");
}

export async function resumeJobRow(db: PrismaClient, actor: TActor, jobId: string): Promise<void> {
  const { job, plan, kind } = await loadJob(db, jobId);
  const role = requiredRole(kind, plan);
  if (!hasRole(actor.role, role)) throw refuse("JOB_ROLE_REQUIRED", `Resuming this job needs the ${role} role.`, { role });
  // A job interrupted while planning has no plan: it plans again.
  const state = plan ? "confirmed" : "queued";
  await transition(db, job.id, RESUMABLE_STATES, { state, confirmedById: actor.id, finishedAt: null }, "resumed");
}

export async function undoJobRow(db: PrismaClient, actor: TActor, jobId: string): Promise<void> {
  const { job, plan, kind } = await loadJob(db, jobId);
  const role = requiredRole(kind, plan);
  if (!hasRole(actor.role, role)) throw refuse("JOB_ROLE_REQUIRED", `Undoing this job needs the ${role} role.`, { role });
  if (!plan) throw refuse("JOB_NOTHING_TO_UNDO", "This job never got a plan, so nothing ran.");
  await transition(db, job.id, UNDOABLE_STATES, { state: "undo-requested", confirmedById: actor.id, finishedAt: null }, "undone");
}
