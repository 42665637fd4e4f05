import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { WIZARD_CLUSTER_KIND } from "@/lib/jobs/kinds/wizard-cluster";
import { WIZARD_PACEMAKER_KIND } from "@/lib/jobs/kinds/wizard-pacemaker";
import { WIZARD_PRECHECK_KIND } from "@/lib/jobs/kinds/wizard-precheck";
import { WIZARD_STORAGE_KIND } from "@/lib/jobs/kinds/wizard-storage";
import { WIZARD_PVE_HA_KIND } from "@/lib/jobs/kinds/wizard-pve-ha";
import { errorReport, ReportError } from "@/lib/reports/report";
import { isSealedToken, isSecretParamName } from "@/lib/secrets/sealed-token";
import { sealSecret } from "@/lib/secrets/secrets";
import { loadWizard } from "./context";
import { wizardDesired } from "./desired";
import { pveStage1FromDraft, pveStage2FromDraft, ringAddressesOf } from "./desired-pve";
import { precheckHostsOf, witnessOf, type TParam, type TWizardContext, type TWizardDraft, type TWizardIssue } from "./model";
import { reachableStep } from "./phase";
import { wizardStorageInput } from "./storage-plan";
import { validateWizardUpTo } from "./validate";

// What the wizard's buttons do on the server: save the draft on the cluster row, start the
// prechecks, plan stage 1 (corosync + Pacemaker running), then stage 2 (the CIB) once stage 1
// has run. Every entry point re-validates the draft with the same checks the browser ran.

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
const refuse = (code: string, message: string, params: Record<string, unknown> = {}) => new ReportError(errorReport(code, message, params));

// A job the wizard may replace: it never ran, or it ended without changing anything left.
const REPLACEABLE = ["queued", "awaiting-confirmation", "failed", "cancelled", "undone", "succeeded"];
const WAITING = ["queued", "awaiting-confirmation"];
const DEAD = ["failed", "cancelled", "undone"];

async function store(db: PrismaClient, clusterId: string, draft: TWizardDraft): Promise<void> {
  await db.cluster.update({ where: { id: clusterId }, data: { wizard: json(draft) } });
}

// The browser's copy never decides which jobs belong to the wizard: those ids are the server's.
function merge(stored: TWizardDraft, incoming: TWizardDraft): TWizardDraft {
  return { ...incoming, precheckJobId: stored.precheckJobId, precheckHosts: stored.precheckHosts, stage1JobId: stored.stage1JobId, stage2JobId: stored.stage2JobId, stage3JobId: stored.stage3JobId };
}

// Fence passwords are sealed as soon as they reach the server, so the draft, the job's input,
// its plan and the CIB patch shown for review carry a token; the apply engine opens it.
function sealFenceSecrets(d: TWizardDraft): TWizardDraft {
  const seal = (p: TParam): TParam => (isSecretParamName(p.name) && p.value !== "" && !isSealedToken(p.value) ? { ...p, value: sealSecret(p.value) } : p);
  return { ...d, ha: { ...d.ha, fenceParams: d.ha.fenceParams.map(seal) } };
}

export async function saveDraft(db: PrismaClient, clusterId: string, incoming: TWizardDraft): Promise<{ draft: TWizardDraft; issues: TWizardIssue[] }> {
  const { ctx, draft: stored } = await loadWizard(db, clusterId);
  const draft = sealFenceSecrets(merge(stored, incoming));
  const issues = validateWizardUpTo(6, draft, ctx);
  // Review and apply stay reachable once a plan exists, even if a host's facts moved since.
  const step = draft.step >= 7 && draft.stage1JobId ? draft.step : reachableStep(draft.step, issues);
  const saved = { ...draft, step };
  await store(db, clusterId, saved);
  return { draft: saved, issues };
}

export async function startPrecheck(db: PrismaClient, userId: string, clusterId: string, incoming: TWizardDraft): Promise<string> {
  const { draft } = await saveDraft(db, clusterId, incoming);
  if (draft.nodes.length === 0) throw refuse("WIZARD_NO_HOSTS", "Pick the hosts to check first.");
  const witness = witnessOf(draft);
  const { ctx } = await loadWizard(db, clusterId);
  const stack = ctx.kind === "pve" ? "proxmox" : "pacemaker";
  const jobId = await enqueueJob(db, { clusterId, kind: WIZARD_PRECHECK_KIND, input: { nodes: draft.nodes, witness, stack }, createdById: userId });
  await store(db, clusterId, { ...draft, precheckJobId: jobId, precheckHosts: precheckHostsOf(draft) });
  return jobId;
}

async function cancelWaiting(db: PrismaClient, jobIds: readonly (string | null)[]): Promise<void> {
  const ids = jobIds.filter((id): id is string => id !== null);
  if (ids.length === 0) return;
  await db.job.updateMany({ where: { id: { in: ids }, state: { in: WAITING } }, data: { state: "cancelled", finishedAt: new Date() } });
}

async function jobState(db: PrismaClient, jobId: string | null): Promise<string | null> {
  if (!jobId) return null;
  return (await db.job.findUnique({ where: { id: jobId }, select: { state: true } }))?.state ?? null;
}

function requireValid(draft: TWizardDraft, ctx: TWizardContext): void {
  const issues = validateWizardUpTo(6, draft, ctx);
  const first = issues[0];
  if (first) {
    throw refuse("WIZARD_DRAFT_INVALID", `Step ${first.step} is not complete: ${issues.map((i) => i.message).join(" ")}`, { step: first.step, path: first.path });
  }
}

// Review: plan stage 1 against the hosts as they are now. A running job is never replaced.
export async function planStage1(db: PrismaClient, userId: string, clusterId: string, incoming: TWizardDraft): Promise<string> {
  const { draft } = await saveDraft(db, clusterId, incoming);
  const { ctx } = await loadWizard(db, clusterId);
  requireValid(draft, ctx);
  for (const id of [draft.stage1JobId, draft.stage2JobId, draft.stage3JobId]) {
    const state = await jobState(db, id);
    if (state && !REPLACEABLE.includes(state)) throw refuse("WIZARD_JOB_ACTIVE", `A wizard job is ${state}; wait for it to end (or resume or undo it) before planning again.`, { jobId: id });
  }
  await cancelWaiting(db, [draft.stage1JobId, draft.stage2JobId, draft.stage3JobId]);
  const desired = ctx.kind === "pve" ? null : wizardDesired(draft, ctx);
  const input = desired ? { corosync: desired.corosync, qdevice: desired.qdevice } : pveStage1FromDraft(draft, ctx);
  const jobId = await enqueueJob(db, { clusterId, kind: WIZARD_CLUSTER_KIND, input, createdById: userId });
  await store(db, clusterId, { ...draft, step: 7, stage1JobId: jobId, stage2JobId: null, stage3JobId: null });
  return jobId;
}

// Once stage 1 has succeeded (ran, or found nothing to change) the cluster exists: its nodes
// join the cluster's inventory (so the dashboard polls them) and stage 2 is planned against
// the live CIB. Safe to call twice: an existing, live stage 2 job is returned as it is.
const continuing = new Map<string, Promise<string>>();

export function continueToStage2(db: PrismaClient, userId: string, clusterId: string, opts: { retry?: boolean } = {}): Promise<string> {
  // One panel process serialises this per cluster, so a double click plans stage 2 once.
  const running = continuing.get(clusterId);
  if (running) return running;
  const work = (async () => {
    const { ctx, draft } = await loadWizard(db, clusterId);
    if ((await jobState(db, draft.stage1JobId)) !== "succeeded") throw refuse("WIZARD_STAGE1_NOT_DONE", "Stage 1 (corosync and Pacemaker) has not succeeded yet.");
    const current = await jobState(db, draft.stage2JobId);
    if (draft.stage2JobId && current && !(opts.retry ? DEAD : ["cancelled"]).includes(current)) return draft.stage2JobId;
    requireValid(draft, ctx);
    const nodes = draft.nodes;
    const first = nodes[0];
    if (!first) throw refuse("WIZARD_NO_HOSTS", "The draft has no nodes.");
    await db.host.updateMany({ where: { name: { in: nodes } }, data: { clusterId } });
    for (const node of nodes) await db.host.update({ where: { name: node }, data: { ringAddresses: ringAddressesOf(draft, node) } });
    const jobId =
      ctx.kind === "pve"
        ? await enqueueJob(db, { clusterId, kind: WIZARD_PVE_HA_KIND, input: pveStage2FromDraft(draft), createdById: userId })
        : await enqueueJob(db, { clusterId, kind: WIZARD_PACEMAKER_KIND, input: { desired: wizardDesired(draft, ctx).pacemaker, via: first }, createdById: userId });
    await store(db, clusterId, { ...draft, step: 8, stage2JobId: jobId });
    return jobId;
  })().finally(() => continuing.delete(clusterId));
  continuing.set(clusterId, work);
  return work;
}

// "Retry from here": plan the failed stage again. Steps that ran are found done by their
// checks and skipped, so the new job starts at the step that failed.
export async function retryStage(db: PrismaClient, userId: string, clusterId: string, stage: 1 | 2 | 3): Promise<string> {
  const { draft } = await loadWizard(db, clusterId);
  const id = stage === 1 ? draft.stage1JobId : stage === 2 ? draft.stage2JobId : draft.stage3JobId;
  const state = await jobState(db, id);
  if (!state || !DEAD.includes(state)) throw refuse("WIZARD_NOTHING_TO_RETRY", `Stage ${stage} has not failed; nothing to retry.`, { state });
  if (stage === 2) return continueToStage2(db, userId, clusterId, { retry: true });
  if (stage === 3) return continueToStage3(db, userId, clusterId, { retry: true });
  // The new plan is confirmed on the Review step like the first one.
  return planStage1(db, userId, clusterId, draft);
}

// Stage 3, the storage, once stage 2 has succeeded: planned by the storage agents against the
// running cluster. With storage "none" there is no stage 3. Safe to call twice, like stage 2.
const storing = new Map<string, Promise<string>>();

export function continueToStage3(db: PrismaClient, userId: string, clusterId: string, opts: { retry?: boolean } = {}): Promise<string> {
  const running = storing.get(clusterId);
  if (running) return running;
  const work = (async () => {
    const { ctx, draft } = await loadWizard(db, clusterId);
    if ((await jobState(db, draft.stage2JobId)) !== "succeeded") throw refuse("WIZARD_STAGE2_NOT_DONE", "Stage 2 has not succeeded yet.");
    const current = await jobState(db, draft.stage3JobId);
    if (draft.stage3JobId && current && !(opts.retry ? DEAD : ["cancelled"]).includes(current)) return draft.stage3JobId;
    requireValid(draft, ctx);
    const input = wizardStorageInput(draft, ctx);
    if (!input) throw refuse("WIZARD_NO_STORAGE", "No storage was chosen on the Storage step: there is no stage 3.");
    const jobId = await enqueueJob(db, { clusterId, kind: WIZARD_STORAGE_KIND, input, createdById: userId });
    await store(db, clusterId, { ...draft, step: 8, stage3JobId: jobId });
    return jobId;
  })().finally(() => storing.delete(clusterId));
  storing.set(clusterId, work);
  return work;
}
