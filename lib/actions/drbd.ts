"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { auditEvent } from "@/lib/audit";
import { db } from "@/lib/db";
import { ZDrbdSplitBrainInput } from "@/lib/health/split-brain";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { DRBD_SPLIT_BRAIN_KIND } from "@/lib/jobs/kinds/drbd-split-brain";
import { ActionDenied, adminAction } from "./safe-action";

const ZStartSplitBrainRecovery = ZDrbdSplitBrainInput.extend({ clusterId: z.string().min(1).max(64) });

// The split-brain assistant's button: only enqueues the recovery job, which re-reads the hosts,
// plans, and waits for an admin to confirm. The typed name is checked here too, so a mistyped
// one is said at once rather than as a refused plan.
export const startSplitBrainRecovery = adminAction.inputSchema(ZStartSplitBrainRecovery).action(async ({ parsedInput, ctx }) => {
  const { clusterId, ...input } = parsedInput;
  const cluster = await db.cluster.findUnique({ where: { id: clusterId }, select: { id: true } });
  if (!cluster) throw new ActionDenied("That cluster no longer exists.");
  if (input.confirmation !== input.resource) throw new ActionDenied(`Type the resource name ${input.resource} exactly to go on.`);
  const jobId = await enqueueJob(db, { clusterId, kind: DRBD_SPLIT_BRAIN_KIND, input, createdById: ctx.user.id });
  await auditEvent("drbd.split-brain", ctx.user.id, { clusterId, jobId, resource: input.resource, victim: input.victim });
  revalidatePath(`/clusters/${clusterId}`);
  return { jobId };
});
