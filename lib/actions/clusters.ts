"use server";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { auditEvent } from "@/lib/audit";
import { ZCreateClusterInput, ZDeleteClusterInput } from "@/lib/validations/cluster";
import { ActionDenied, adminAction } from "./safe-action";

export const createCluster = adminAction.inputSchema(ZCreateClusterInput).action(async ({ parsedInput, ctx }) => {
  const exists = await db.cluster.findUnique({ where: { name: parsedInput.name } });
  if (exists) throw new ActionDenied(`A cluster named ${parsedInput.name} already exists.`);
  const cluster = await db.cluster.create({ data: parsedInput });
  await auditEvent("cluster.create", ctx.user.id, { clusterId: cluster.id, ...parsedInput });
  revalidatePath("/");
  return { clusterId: cluster.id };
});

// Removes the panel's record only; nothing on the hosts changes. The typed name guards
// against deleting the wrong row from a long list.
export const deleteCluster = adminAction.inputSchema(ZDeleteClusterInput).action(async ({ parsedInput, ctx }) => {
  const cluster = await db.cluster.findUnique({ where: { id: parsedInput.clusterId } });
  if (!cluster) throw new ActionDenied("That cluster no longer exists.");
  if (cluster.name !== parsedInput.confirmName) throw new ActionDenied(`Type ${cluster.name} to confirm.`);
  await db.cluster.delete({ where: { id: cluster.id } });
  await auditEvent("cluster.delete", ctx.user.id, { clusterId: cluster.id, name: cluster.name });
  revalidatePath("/");
  return { ok: true };
});
