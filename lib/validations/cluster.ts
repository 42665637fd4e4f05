import { z } from "zod";

// Cluster names end up in corosync.conf (cluster_name) and in pvecm create, which allow
// letters, digits and '-' up to 15 characters; we apply the stricter rule everywhere.
export const ZClusterName = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9-]{0,14}$/, "1-15 characters: letters, digits and '-', starting with a letter");

export const ZClusterKind = z.enum(["pve", "pacemaker"]);

export const ZCreateClusterInput = z.object({ name: ZClusterName, kind: ZClusterKind });
export type TCreateClusterInput = z.infer<typeof ZCreateClusterInput>;

export const ZDeleteClusterInput = z.object({
  clusterId: z.string().min(1).max(64),
  confirmName: z.string(),
});
