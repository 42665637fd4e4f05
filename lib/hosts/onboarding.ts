import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { auditCommandListener } from "@/lib/jobs/audit";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { HOST_FACTS_KIND } from "@/lib/jobs/host-facts";
import { credentialSecretContext } from "@/lib/jobs/runner-for-host";
import { errorReport, ReportError } from "@/lib/reports/report";
import { encryptSecret } from "@/lib/secrets/secrets";
import { installPanelKey } from "@/lib/ssh/bootstrap";
import { hostKeyChanged, SshError } from "@/lib/ssh/errors";
import { fetchHostKey } from "@/lib/ssh/host-key";
import type { ZAddHostInput, ZBootstrapInput, ZRepinHostKeyInput, ZSetPrivateKeyInput, ZTrustHostKeyInput } from "@/lib/validations/host";
import { readHostKeyOffer, type THostKeyOffer } from "./host-state";
import { ensurePanelKey, PANEL_KEY_CREDENTIAL_ID } from "./panel-key";
import { readPrivateKey } from "./private-key";

// Host onboarding: add → fetch the host key → the admin compares and trusts it → a credential
// (a pasted key, or the panel's key installed with a one-time password) → facts. Functions take
// the database so integration tests run them against a temp database and a real sshd.

export type TOnboardingDeps = { fetchHostKey: typeof fetchHostKey; installPanelKey: typeof installPanelKey };
const REAL_DEPS: TOnboardingDeps = { fetchHostKey, installPanelKey };

// The key fetch is a handshake without authentication; a live host answers in ~100 ms.
export const KEY_FETCH_TIMEOUT_MS = 5_000;
// Bootstrap runs inside the request (see docs/hosts.md), so it is bounded: connect 8 s plus
// one short command, and a hard stop at 20 s whatever happens.
export const BOOTSTRAP_TIMEOUT_MS = 20_000;
const BOOTSTRAP_POOL = { connectTimeoutMs: 8_000, connectAttempts: 1, commandTimeoutMs: 10_000 } as const;

const refuse = (code: string, message: string, params: Record<string, unknown> = {}) => new ReportError(errorReport(code, message, params));
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;

async function audit(db: PrismaClient, action: string, userId: string | null, host: { id: string; name: string }, detail: Record<string, unknown>) {
  await db.auditEvent.create({ data: { action, userId, hostId: host.id, hostName: host.name, detail: json(detail) } });
}

async function hostOrRefuse(db: PrismaClient, hostId: string) {
  const host = await db.host.findUnique({ where: { id: hostId } });
  if (!host) throw refuse("HOST_UNKNOWN", "That host is no longer in the inventory.", { hostId });
  return host;
}

type THost = Awaited<ReturnType<typeof hostOrRefuse>>;

function pinnedKeyOrRefuse(host: THost): { algorithm: string; fingerprint: string } {
  if (!host.hostKeyAlgorithm || !host.hostKeyFingerprint || !host.hostKeyPinnedAt) {
    throw refuse("HOST_KEY_NOT_PINNED", `Trust ${host.name}'s host key first: credentials are only sent to a host whose key you confirmed.`, {
      host: host.name,
    });
  }
  return { algorithm: host.hostKeyAlgorithm, fingerprint: host.hostKeyFingerprint };
}

async function presentedKey(deps: TOnboardingDeps, host: { address: string; sshPort: number }): Promise<THostKeyOffer> {
  const key = await deps.fetchHostKey({ address: host.address, port: host.sshPort, timeoutMs: KEY_FETCH_TIMEOUT_MS });
  return { ...key, seenAt: new Date().toISOString() };
}

// The admin trusts the fingerprint they saw on the page; the host must still present exactly it.
function checkStillPresented(host: THost, wanted: string, presented: THostKeyOffer): void {
  if (presented.fingerprint !== wanted) {
    throw hostKeyChanged(`${host.address}:${host.sshPort}`, wanted, presented.fingerprint, presented.algorithm);
  }
}

function checkOffer(host: THost, fingerprint: string): THostKeyOffer {
  const offer = readHostKeyOffer(host.hostKeyOffer);
  if (!offer || offer.fingerprint !== fingerprint) {
    throw refuse("HOST_KEY_OFFER_STALE", `The fingerprint you confirmed is not the one on record for ${host.name}; reload the page and compare again.`, {
      host: host.name,
    });
  }
  return offer;
}

export async function addHost(db: PrismaClient, userId: string | null, input: z.output<typeof ZAddHostInput>, deps = REAL_DEPS): Promise<{ hostId: string }> {
  if (await db.host.findUnique({ where: { name: input.name }, select: { id: true } })) {
    throw refuse("HOST_NAME_TAKEN", `A host named ${input.name} already exists.`, { name: input.name });
  }
  if (input.clusterId && !(await db.cluster.findUnique({ where: { id: input.clusterId }, select: { id: true } }))) {
    throw refuse("CLUSTER_UNKNOWN", "That cluster no longer exists.", { clusterId: input.clusterId });
  }
  // Nothing is stored when the host cannot be reached: the error goes back to the form.
  const offer = await presentedKey(deps, { address: input.address, sshPort: input.sshPort });
  try {
    const host = await db.host.create({
      data: {
        name: input.name,
        address: input.address,
        sshPort: input.sshPort,
        sshUser: input.sshUser,
        clusterId: input.clusterId,
        hostKeyOffer: json(offer),
      },
    });
    await audit(db, "host.add", userId, host, { address: host.address, port: host.sshPort, user: host.sshUser, presented: offer.fingerprint });
    return { hostId: host.id };
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw refuse("HOST_NAME_TAKEN", `A host named ${input.name} already exists.`, { name: input.name });
    }
    throw err;
  }
}

export async function trustHostKey(db: PrismaClient, userId: string | null, input: z.output<typeof ZTrustHostKeyInput>, deps = REAL_DEPS) {
  const host = await hostOrRefuse(db, input.hostId);
  if (host.hostKeyPinnedAt) {
    throw refuse("HOST_KEY_ALREADY_PINNED", `${host.name} already has a trusted key; use "re-pin" to replace it deliberately.`, { host: host.name });
  }
  const offer = checkOffer(host, input.fingerprint);
  const presented = await presentedKey(deps, host);
  checkStillPresented(host, offer.fingerprint, presented);
  const pinned = await db.host.updateMany({
    where: { id: host.id, hostKeyPinnedAt: null },
    data: {
      hostKeyAlgorithm: presented.algorithm,
      hostKeyFingerprint: presented.fingerprint,
      hostKeyPinnedAt: new Date(),
      hostKeyOffer: Prisma.DbNull,
      lastConnection: Prisma.DbNull,
    },
  });
  if (pinned.count !== 1) throw refuse("HOST_KEY_ALREADY_PINNED", `Someone else trusted ${host.name}'s key meanwhile; reload the page.`, { host: host.name });
  await audit(db, "host.pin", userId, host, { algorithm: presented.algorithm, fingerprint: presented.fingerprint });
  return { fingerprint: presented.fingerprint };
}

// First half of a re-pin: look at what the host presents now and keep it as an offer for the
// admin to compare. The pinned key stays in force until they confirm.
export async function fetchReplacementKey(db: PrismaClient, userId: string | null, hostId: string, deps = REAL_DEPS) {
  const host = await hostOrRefuse(db, hostId);
  const pinned = pinnedKeyOrRefuse(host);
  const presented = await presentedKey(deps, host);
  if (presented.fingerprint === pinned.fingerprint) {
    await db.host.update({ where: { id: host.id }, data: { hostKeyOffer: Prisma.DbNull } });
    return { changed: false, fingerprint: presented.fingerprint };
  }
  await db.host.update({ where: { id: host.id }, data: { hostKeyOffer: json(presented) } });
  await audit(db, "host.key-fetch", userId, host, { pinned: pinned.fingerprint, presented: presented.fingerprint });
  return { changed: true, fingerprint: presented.fingerprint };
}

export async function repinHostKey(db: PrismaClient, userId: string | null, input: z.output<typeof ZRepinHostKeyInput>, deps = REAL_DEPS) {
  const host = await hostOrRefuse(db, input.hostId);
  const old = pinnedKeyOrRefuse(host);
  if (input.confirmName !== host.name) throw refuse("HOST_CONFIRM_NAME", `Type ${host.name} to confirm the new key.`, { host: host.name });
  const offer = checkOffer(host, input.fingerprint);
  const presented = await presentedKey(deps, host);
  checkStillPresented(host, offer.fingerprint, presented);
  await db.host.update({
    where: { id: host.id },
    data: {
      hostKeyAlgorithm: presented.algorithm,
      hostKeyFingerprint: presented.fingerprint,
      hostKeyPinnedAt: new Date(),
      hostKeyOffer: Prisma.DbNull,
      lastConnection: Prisma.DbNull,
    },
  });
  await audit(db, "host.repin", userId, host, { old: old.fingerprint, new: presented.fingerprint, algorithm: presented.algorithm });
  const jobId = host.credentialId ? await enqueueHostFacts(db, userId, host.id) : null;
  return { fingerprint: presented.fingerprint, jobId };
}

// Swaps the host's credential; a pasted key that no other host uses goes with it, so no
// orphaned secret stays in the database.
async function attachCredential(db: PrismaClient, host: THost, credentialId: string): Promise<void> {
  await db.host.update({ where: { id: host.id }, data: { credentialId } });
  const previous = host.credentialId;
  if (previous && previous !== credentialId && previous !== PANEL_KEY_CREDENTIAL_ID) {
    const users = await db.host.count({ where: { credentialId: previous } });
    if (users === 0) await db.credential.deleteMany({ where: { id: previous } });
  }
}

export async function setHostPrivateKey(db: PrismaClient, userId: string | null, input: z.output<typeof ZSetPrivateKeyInput>) {
  const host = await hostOrRefuse(db, input.hostId);
  pinnedKeyOrRefuse(host);
  const key = readPrivateKey(input.privateKey);
  const id = randomUUID();
  await db.credential.create({
    data: {
      id,
      kind: "private-key",
      label: `Key for ${host.name}`,
      ciphertext: encryptSecret(`${input.privateKey.trim()}\n`, credentialSecretContext(id)),
      publicKey: key.publicKey,
    },
  });
  await attachCredential(db, host, id);
  await audit(db, "host.credential", userId, host, { kind: "private-key", algorithm: key.algorithm, fingerprint: key.fingerprint });
  return { fingerprint: key.fingerprint, jobId: await enqueueHostFacts(db, userId, host.id) };
}

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

// The password lives only in this call: it is not in any row, argv, log line or job input
// (a job's input is stored, which is why this is not a job). Errors carry ssh2's message,
// which never contains it.
export async function bootstrapWithPassword(db: PrismaClient, userId: string | null, input: z.output<typeof ZBootstrapInput>, deps = REAL_DEPS) {
  const host = await hostOrRefuse(db, input.hostId);
  const hostKey = pinnedKeyOrRefuse(host);
  const panelKey = await ensurePanelKey(db);
  const audited = auditCommandListener(db);
  const label = `${host.sshUser}@${host.address}:${host.sshPort}`;
  try {
    await withTimeout(
      deps.installPanelKey({
        address: host.address,
        port: host.sshPort,
        username: host.sshUser,
        password: input.password,
        hostKey,
        publicKey: panelKey.publicKey,
        settings: BOOTSTRAP_POOL,
        onCommand: (event) => audited({ ...event, hostId: host.id, context: { ...event.context, hostName: host.name, ...(userId ? { userId } : {}) } }),
      }),
      BOOTSTRAP_TIMEOUT_MS,
      () => new SshError("SSH_COMMAND_TIMEOUT", `Installing the panel's key on ${label} did not finish within ${BOOTSTRAP_TIMEOUT_MS / 1000} s.`, { host: label }),
    );
  } catch (err) {
    if (err instanceof SshError && err.code === "SSH_AUTH_FAILED") {
      throw new SshError("SSH_AUTH_FAILED", `${label} refused the password for ${host.sshUser}. Nothing was stored; check the password and that the host allows password logins for ${host.sshUser}.`, {
        host: label,
      });
    }
    throw err;
  }
  await attachCredential(db, host, panelKey.credentialId);
  await audit(db, "host.credential", userId, host, { kind: "panel-key", fingerprint: panelKey.fingerprint, installedWith: "one-time password" });
  return { jobId: await enqueueHostFacts(db, userId, host.id) };
}

// For a panel key an admin installed by hand: nothing to check here; the facts job that follows
// logs in with it and records SSH_AUTH_FAILED on the host if the key is not there.
export async function attachPanelKey(db: PrismaClient, userId: string | null, hostId: string) {
  const host = await hostOrRefuse(db, hostId);
  pinnedKeyOrRefuse(host);
  const panelKey = await ensurePanelKey(db);
  await attachCredential(db, host, panelKey.credentialId);
  await audit(db, "host.credential", userId, host, { kind: "panel-key", fingerprint: panelKey.fingerprint, installedWith: "by hand" });
  return { jobId: await enqueueHostFacts(db, userId, host.id) };
}

// One pending facts job per host is enough: a second click returns the one already waiting.
export async function enqueueHostFacts(db: PrismaClient, userId: string | null, hostId: string): Promise<string> {
  const host = await hostOrRefuse(db, hostId);
  const pending = await db.job.findMany({
    where: { kind: HOST_FACTS_KIND, state: { in: ["queued", "planning"] } },
    select: { id: true, input: true },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  const same = pending.find((j) => typeof j.input === "object" && j.input !== null && "hostId" in j.input && j.input.hostId === host.id);
  if (same) return same.id;
  return enqueueJob(db, { clusterId: host.clusterId, kind: HOST_FACTS_KIND, input: { hostId: host.id }, createdById: userId });
}
