import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { readStoredFacts, type TStoredHostFacts } from "./facts";
import {
  credentialStateOf,
  hostKeyChangeOf,
  hostKeyStateOf,
  readHostKeyOffer,
  readLastConnection,
  type TCredentialState,
  type THostKeyOffer,
  type THostKeyState,
  type TLastConnection,
} from "./host-state";
import { HOST_FACTS_KIND } from "@/lib/jobs/host-facts";
import { ensurePanelKey, PANEL_KEY_CREDENTIAL_ID, type TPanelPublicKey } from "./panel-key";

// What the host pages render. Every query names its columns: a credential's ciphertext is
// never selected, so it cannot reach a page by accident (tests scan these results).

const HOST_FIELDS = {
  id: true,
  name: true,
  address: true,
  sshPort: true,
  sshUser: true,
  clusterId: true,
  hostKeyAlgorithm: true,
  hostKeyFingerprint: true,
  hostKeyPinnedAt: true,
  hostKeyOffer: true,
  lastConnection: true,
  credentialId: true,
  factsAt: true,
  cluster: { select: { id: true, name: true } },
} as const;

export type THostListRow = {
  id: string;
  name: string;
  address: string;
  sshPort: number;
  sshUser: string;
  cluster: { id: string; name: string } | null;
  keyState: THostKeyState;
  credentialState: TCredentialState;
  factsAt: Date | null;
};

// What the list shows of a host; the detail page shows the same and more.
function listRowOf(h: Prisma.HostGetPayload<{ select: typeof HOST_FIELDS }>): THostListRow {
  return {
    id: h.id,
    name: h.name,
    address: h.address,
    sshPort: h.sshPort,
    sshUser: h.sshUser,
    cluster: h.cluster,
    keyState: hostKeyStateOf(h),
    credentialState: credentialStateOf(h, PANEL_KEY_CREDENTIAL_ID),
    factsAt: h.factsAt,
  };
}

export async function loadHostsPage(db: PrismaClient): Promise<{ panelKey: TPanelPublicKey; hosts: THostListRow[] }> {
  const panelKey = await ensurePanelKey(db);
  const rows = await db.host.findMany({ orderBy: { name: "asc" }, select: HOST_FIELDS });
  return {
    panelKey,
    hosts: rows.map(listRowOf),
  };
}

export type THostDetail = THostListRow & {
  pinned: { algorithm: string; fingerprint: string; pinnedAt: Date } | null;
  offer: THostKeyOffer | null;
  keyChange: { expected: string; presented: string; message: string } | null;
  lastConnection: TLastConnection | null;
  credential: { label: string; publicKey: string | null } | null;
  facts: TStoredHostFacts | null;
  factsJob: { id: string; state: string; createdAt: Date } | null;
  panelKey: TPanelPublicKey;
};

export async function loadHostDetail(db: PrismaClient, hostId: string): Promise<THostDetail | null> {
  const h = await db.host.findUnique({
    where: { id: hostId },
    select: { ...HOST_FIELDS, facts: true, credential: { select: { label: true, publicKey: true } } },
  });
  if (!h) return null;
  const panelKey = await ensurePanelKey(db);
  const jobs = await db.job.findMany({
    where: { kind: HOST_FACTS_KIND },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, state: true, createdAt: true, input: true },
  });
  const job = jobs.find((j) => typeof j.input === "object" && j.input !== null && "hostId" in j.input && j.input.hostId === h.id);
  const change = hostKeyChangeOf(h);
  return {
    ...listRowOf(h),
    pinned:
      h.hostKeyAlgorithm && h.hostKeyFingerprint && h.hostKeyPinnedAt
        ? { algorithm: h.hostKeyAlgorithm, fingerprint: h.hostKeyFingerprint, pinnedAt: h.hostKeyPinnedAt }
        : null,
    offer: readHostKeyOffer(h.hostKeyOffer),
    keyChange: change ? { expected: change.expected, presented: change.presented, message: change.report.message } : null,
    lastConnection: readLastConnection(h.lastConnection),
    credential: h.credential,
    facts: readStoredFacts(h.facts),
    factsJob: job ? { id: job.id, state: job.state, createdAt: job.createdAt } : null,
    panelKey,
  };
}
