import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { loadHostDetail } from "@/lib/hosts/host-view";
import { errorReport, ReportError } from "@/lib/reports/report";
import { newHostStage, type TNewHost } from "./new-host";

// A host being added from the wizard, read the way its host page reads it (never a secret).
export async function loadNewHost(db: PrismaClient, hostId: string): Promise<TNewHost> {
  const h = await loadHostDetail(db, hostId);
  if (!h) throw new ReportError(errorReport("HOST_UNKNOWN", "That host is no longer in the inventory.", { hostId }));
  const { stage, error } = newHostStage({
    pinned: h.pinned !== null,
    offer: h.offer !== null,
    keyChange: h.keyChange?.message ?? null,
    hasCredential: h.credential !== null,
    hasFacts: h.factsAt !== null,
    factsJobState: h.factsJob?.state ?? null,
    lastError: h.lastConnection?.report?.message ?? null,
  });
  return {
    id: h.id,
    name: h.name,
    address: h.address,
    sshUser: h.sshUser,
    stage,
    error,
    offer: h.offer && !h.pinned ? { algorithm: h.offer.algorithm, fingerprint: h.offer.fingerprint, verifyCommand: h.offer.verifyCommand } : null,
  };
}
