"use server";
import { revalidatePath } from "next/cache";
import { auditEvent } from "@/lib/audit";
import { db } from "@/lib/db";
import { ZHostIdInput } from "@/lib/validations/host";
import { ZSaveWizardInput, ZWizardClusterInput, ZWizardRetryInput } from "@/lib/validations/wizard";
import { continueToStage2, continueToStage3, planStage1, retryStage, saveDraft, startPrecheck } from "@/lib/wizard/flow";
import { loadNewHost } from "@/lib/wizard/new-host-status";
import { adminAction } from "./safe-action";

// The setup wizard. Building a cluster is an admin's job, so every button needs the admin
// role; the jobs it starts still need their own confirmation (typed cluster name).

const refresh = (clusterId: string) => revalidatePath(`/clusters/${clusterId}/setup`);

export const saveWizard = adminAction.inputSchema(ZSaveWizardInput).action(async ({ parsedInput }) => {
  const { draft, issues } = await saveDraft(db, parsedInput.clusterId, parsedInput.draft);
  return { step: draft.step, issues };
});

export const runWizardPrecheck = adminAction.inputSchema(ZSaveWizardInput).action(async ({ parsedInput, ctx }) => {
  const jobId = await startPrecheck(db, ctx.user.id, parsedInput.clusterId, parsedInput.draft);
  refresh(parsedInput.clusterId);
  return { jobId };
});

export const planWizard = adminAction.inputSchema(ZSaveWizardInput).action(async ({ parsedInput, ctx }) => {
  const jobId = await planStage1(db, ctx.user.id, parsedInput.clusterId, parsedInput.draft);
  await auditEvent("wizard.plan", ctx.user.id, { clusterId: parsedInput.clusterId, jobId });
  refresh(parsedInput.clusterId);
  return { jobId };
});

export const continueWizard = adminAction.inputSchema(ZWizardClusterInput).action(async ({ parsedInput, ctx }) => {
  const jobId = await continueToStage2(db, ctx.user.id, parsedInput.clusterId);
  refresh(parsedInput.clusterId);
  return { jobId };
});

export const continueWizardStorage = adminAction.inputSchema(ZWizardClusterInput).action(async ({ parsedInput, ctx }) => {
  const jobId = await continueToStage3(db, ctx.user.id, parsedInput.clusterId);
  refresh(parsedInput.clusterId);
  return { jobId };
});

export const retryWizardStage = adminAction.inputSchema(ZWizardRetryInput).action(async ({ parsedInput, ctx }) => {
  const jobId = await retryStage(db, ctx.user.id, parsedInput.clusterId, parsedInput.stage);
  await auditEvent("wizard.retry", ctx.user.id, { clusterId: parsedInput.clusterId, stage: parsedInput.stage, jobId });
  refresh(parsedInput.clusterId);
  return { jobId };
});

// Read-only: where a host added from the Hosts step stands (key, credential, facts). The
// changes themselves go through the Hosts pages' actions (lib/actions/hosts.ts).
export const wizardNewHost = adminAction.inputSchema(ZHostIdInput).action(async ({ parsedInput }) => loadNewHost(db, parsedInput.hostId));
