import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readStoredFacts } from "@/lib/hosts/facts";
import { errorReport, ReportError } from "@/lib/reports/report";
import { wizardHostOf } from "./hosts";
import { readDraft, type TWizardContext, type TWizardDraft } from "./model";

// The wizard's view of the database: the cluster, every inventory host as a candidate, and
// the saved draft (Cluster.wizard). Shared by the page and the actions so both judge a draft
// against the same facts.

export async function loadWizard(db: PrismaClient, clusterId: string): Promise<{ ctx: TWizardContext; draft: TWizardDraft }> {
  const cluster = await db.cluster.findUnique({ where: { id: clusterId }, select: { id: true, name: true, kind: true, wizard: true } });
  if (!cluster) throw new ReportError(errorReport("CLUSTER_UNKNOWN", "That cluster no longer exists.", { clusterId }));
  const rows = await db.host.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      address: true,
      clusterId: true,
      cluster: { select: { name: true } },
      hostKeyFingerprint: true,
      hostKeyPinnedAt: true,
      lastConnection: true,
      credentialId: true,
      facts: true,
      factsAt: true,
    },
  });
  return {
    ctx: {
      clusterId: cluster.id,
      clusterName: cluster.name,
      kind: cluster.kind === "pve" ? "pve" : "pacemaker",
      hosts: rows.map((r) => wizardHostOf(r, readStoredFacts(r.facts))),
    },
    draft: readDraft(cluster.wizard),
  };
}
