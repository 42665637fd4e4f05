import { readFileSync } from "node:fs";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { addHost, setHostPrivateKey, trustHostKey } from "@/lib/hosts/onboarding";
import type { TLabStatus } from "@/e2e/lab/lab-env";

export const DEMO_CLUSTER = "labclu";

// Puts the lab into the panel the way an admin would: a cluster, then each host added by
// address, its host key trusted (the fingerprint the lab reports, which is what an admin
// would compare on the console), the lab key attached, facts read by the worker.
// Re-running keeps hosts whose pinned key still matches; a host the lab re-created (new
// keys) is removed and added again, as its old pin would be refused.
// Browser tests seed clusters of their own name and kind; a host another cluster holds moves over.
export async function seedDemo(
  db: PrismaClient,
  lab: TLabStatus,
  opts: { name?: string; kind?: "pacemaker" | "pve" } = {},
): Promise<{ clusterId: string; added: string[] }> {
  const name = opts.name ?? DEMO_CLUSTER;
  const cluster =
    (await db.cluster.findUnique({ where: { name } })) ?? (await db.cluster.create({ data: { name, kind: opts.kind ?? "pacemaker" } }));
  const privateKey = readFileSync(lab.keyPath, "utf8");
  const added: string[] = [];
  for (const node of lab.nodes) {
    const existing = await db.host.findUnique({ where: { name: node.name } });
    if (existing?.hostKeyFingerprint === node.hostKeyFingerprints.ed25519 && existing.credentialId) {
      if (existing.clusterId !== cluster.id) await db.host.update({ where: { id: existing.id }, data: { clusterId: cluster.id } });
      continue;
    }
    if (existing) await db.host.delete({ where: { id: existing.id } });
    const { hostId } = await addHost(db, null, {
      name: node.name,
      address: node.address,
      sshPort: node.sshPort,
      sshUser: "root",
      clusterId: cluster.id,
    });
    const offer = await db.host.findUniqueOrThrow({ where: { id: hostId }, select: { hostKeyOffer: true } });
    const presented = (offer.hostKeyOffer as { fingerprint?: string } | null)?.fingerprint;
    if (presented !== node.hostKeyFingerprints.ed25519) {
      throw new Error(`${node.name} presents ${presented ?? "no key"}, the lab says ${node.hostKeyFingerprints.ed25519}: not trusting it`);
    }
    await trustHostKey(db, null, { hostId, fingerprint: presented });
    await setHostPrivateKey(db, null, { hostId, privateKey });
    added.push(node.name);
  }
  return { clusterId: cluster.id, added };
}
