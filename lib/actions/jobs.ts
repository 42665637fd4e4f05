"use server";
import { revalidatePath } from "next/cache";
import { auditEvent } from "@/lib/audit";
import { db } from "@/lib/db";
import { ZConfirmJobInput, ZJobIdInput } from "@/lib/jobs/confirm";
import { cancelJobRow, confirmJobRow, resumeJobRow, undoJobRow } from "@/lib/jobs/control";
import { operatorAction } from "./safe-action";

// Job buttons. Each validates and updates the job row; the worker picks the change up.
// operatorAction is the floor: kinds that need an admin (and destructive plans) are checked
// against the job in lib/jobs/control.ts.

export const confirmJob = operatorAction.inputSchema(ZConfirmJobInput).action(async ({ parsedInput, ctx }) => {
  await confirmJobRow(db, ctx.user, parsedInput);
  await auditEvent("job.confirm", ctx.user.id, { jobId: parsedInput.jobId, force: parsedInput.force });
  revalidatePath(`/jobs/${parsedInput.jobId}`);
  return { ok: true };
});

export const cancelJob = operatorAction.inputSchema(ZJobIdInput).action(async ({ parsedInput, ctx }) => {
  await cancelJobRow(db, ctx.user, parsedInput.jobId);
  await auditEvent("job.cancel", ctx.user.id, { jobId: parsedInput.jobId });
  revalidatePath(`/jobs/${parsedInput.jobId}`);
  return { ok: true };
});

export const resumeJob = operatorAction.inputSchema(ZJobIdInput).action(async ({ parsedInput, ctx }) => {
  await resumeJobRow(db, ctx.user, parsedInput.jobId);
  await auditEvent("job.resume", ctx.user.id, { jobId: parsedInput.jobId });
  revalidatePath(`/jobs/${parsedInput.jobId}`);
  return { ok: true };
});

export const undoJob = operatorAction.inputSchema(ZJobIdInput).action(async ({ parsedInput, ctx }) => {
  await undoJobRow(db, ctx.user, parsedInput.jobId);
  await auditEvent("job.undo", ctx.user.id, { jobId: parsedInput.jobId });
  revalidatePath(`/jobs/${parsedInput.jobId}`);
  return { ok: true };
});
