import { z } from "zod";
import { hasRole, type TRole } from "@/lib/auth/roles";
import { isPlanDestructive, planReports, type TPlan } from "@/lib/plan/plan";
import { blockingReports, errorReport, type TReport } from "@/lib/reports/report";
import type { TJobKind } from "./kind";

// The rules a confirmation must pass, checked on the server whatever the form did: errors in
// the plan block it, warnings need an explicit force, destructive plans need an admin and the
// cluster's name typed out.

export const ZJobIdInput = z.object({ jobId: z.string().min(1).max(64) });
export const ZConfirmJobInput = ZJobIdInput.extend({
  confirmName: z.string().max(100).default(""),
  force: z.boolean().default(false),
});
export type TConfirmJobInput = z.infer<typeof ZConfirmJobInput>;

export function isDestructive(kind: Pick<TJobKind, "destructive"> | null, plan: TPlan | null): boolean {
  return Boolean(kind?.destructive) || (plan !== null && isPlanDestructive(plan));
}

// Who may confirm, resume or undo this job. An unknown kind (a row from a newer or older
// panel) is left to admins.
export function requiredRole(kind: Pick<TJobKind, "destructive" | "role"> | null, plan: TPlan | null): TRole {
  if (!kind || isDestructive(kind, plan)) return "admin";
  return kind.role;
}

// The word to type for a destructive plan: the cluster's name, or the job id for a job that
// belongs to no cluster yet.
export const confirmWord = (clusterName: string | null, jobId: string) => clusterName ?? jobId;

export function confirmationProblems(opts: {
  jobId: string;
  kind: Pick<TJobKind, "destructive" | "role"> | null;
  plan: TPlan;
  clusterName: string | null;
  userRole: string;
  confirmName: string;
  force: boolean;
}): TReport[] {
  const { jobId, kind, plan, clusterName, userRole, confirmName, force } = opts;
  const problems: TReport[] = [];
  const role = requiredRole(kind, plan);
  if (!hasRole(userRole, role)) {
    problems.push(errorReport("JOB_ROLE_REQUIRED", `Confirming this plan needs the ${role} role.`, { role }));
  }
  const blocking = blockingReports(planReports(plan), force);
  const errors = blocking.filter((r) => r.severity === "error");
  if (errors.length > 0) {
    problems.push(
      errorReport("JOB_PLAN_HAS_ERRORS", `The plan has ${errors.length} error(s) and cannot run: ${errors.map((e) => e.message).join("; ")}`, {
        codes: errors.map((e) => e.code),
      }),
    );
  } else if (blocking.length > 0) {
    problems.push(
      errorReport("JOB_FORCE_REQUIRED", `The plan has ${blocking.length} warning(s); tick "run despite the warnings" to go ahead.`, {
        codes: blocking.map((w) => w.code),
      }),
    );
  }
  const word = confirmWord(clusterName, jobId);
  if (isDestructive(kind, plan) && confirmName.trim() !== word) {
    problems.push(errorReport("JOB_CONFIRM_NAME", `This plan is destructive: type ${word} to confirm.`, { expected: word }));
  }
  return problems;
}
