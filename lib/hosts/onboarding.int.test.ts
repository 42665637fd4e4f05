import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hostFactsJobFor } from "@/lib/jobs/host-facts";
import { registerJobKind, unregisterJobKind } from "@/lib/jobs/registry";
import { closeAuditedPool, runnerForHost } from "@/lib/jobs/runner-for-host";
import { JobWorker } from "@/lib/jobs/worker";
import { ReportError } from "@/lib/reports/report";
import { startSshd, type TTestSshd } from "@/lib/testing/sshd";
import { createTempDb } from "@/lib/testing/temp-db";
import { ZAddHostInput } from "@/lib/validations/host";
import { readStoredFacts } from "./facts";
import { loadHostDetail, loadHostsPage } from "./host-view";
import {
  addHost,
  bootstrapWithPassword,
  enqueueHostFacts,
  fetchReplacementKey,
  repinHostKey,
  setHostPrivateKey,
  trustHostKey,
} from "./onboarding";
import { PANEL_KEY_CREDENTIAL_ID } from "./panel-key";

// Onboarding end to end against real OpenSSH servers and a migrated temp database: add, fetch
// the key, trust it, attach a credential, read facts through the job worker; a changed host
// key; the one-time password that must not land in any row.

let tmp: ReturnType<typeof createTempDb>;
let db: PrismaClient;
let keyHost: TTestSshd;
let passwordHost: TTestSshd;
let worker: JobWorker;
let adminId: string;
const WRONG_PASSWORD = `wrong-${randomBytes(9).toString("base64url")}`;

async function reportOf(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await work;
  } catch (err) {
    if (err instanceof ReportError) return { code: err.report.code, message: err.message };
    throw err;
  }
  throw new Error("expected the call to be refused");
}

async function runJobs(): Promise<void> {
  // Facts jobs end while planning: one tick claims, plans (probes) and finishes them.
  await worker.tick();
  await worker.idle();
}

const add = (name: string, sshd: TTestSshd) =>
  addHost(db, adminId, ZAddHostInput.parse({ name, address: sshd.address, sshPort: sshd.port }));

async function everyRowAsText(): Promise<string> {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
  );
  const dumps: string[] = [];
  for (const { name } of tables) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${name}"`);
    dumps.push(`${name}: ${JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`);
  }
  expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["Host", "Credential", "Job", "JobLog", "AuditEvent"]));
  return dumps.join("\n");
}

beforeAll(async () => {
  process.env.PANEL_SECRET_KEY = randomBytes(32).toString("base64");
  tmp = createTempDb();
  db = tmp.db;
  keyHost = await startSshd();
  passwordHost = await startSshd({ passwordAuthentication: true, authorizeClientKey: false });
  adminId = (await db.user.create({ data: { username: "ada", passwordHash: "x", role: "admin" } })).id;
  unregisterJobKind("host.facts");
  registerJobKind(hostFactsJobFor(async () => db));
  worker = new JobWorker({ db, runnerFactory: (host, ctx) => runnerForHost(db, host, ctx), owner: "hosts-test", pollMs: 20, flushMs: 20 });
});

afterAll(async () => {
  await worker?.stop();
  closeAuditedPool(db);
  await keyHost?.stop();
  await passwordHost?.stop();
  await tmp?.cleanup();
});

describe("host onboarding over SSH", () => {
  it("adds a host with its presented key, untrusted", async () => {
    const { hostId } = await add("pve1", keyHost);
    const host = await db.host.findUniqueOrThrow({ where: { id: hostId } });
    expect(host).toMatchObject({ hostKeyFingerprint: null, hostKeyAlgorithm: null, hostKeyPinnedAt: null, credentialId: null });
    expect(host.hostKeyOffer).toMatchObject({
      algorithm: "ssh-ed25519",
      fingerprint: keyHost.hostKey.fingerprint,
      verifyCommand: "ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub",
    });
    expect((await loadHostDetail(db, hostId))?.keyState).toBe("not-trusted");
  });

  it("stores nothing for a host nobody answers on", async () => {
    const closed = keyHost.port === 1 ? 2 : 1;
    const r = await reportOf(addHost(db, adminId, ZAddHostInput.parse({ name: "ghost", address: "127.0.0.1", sshPort: closed })));
    expect(r.code).toBe("SSH_UNREACHABLE");
    expect(r.message).toContain(`127.0.0.1:${closed}`);
    expect(await db.host.findUnique({ where: { name: "ghost" } })).toBeNull();
  });

  it("sends no credential before the key is trusted, and pins only the fingerprint the admin saw", async () => {
    const host = await db.host.findUniqueOrThrow({ where: { name: "pve1" } });
    expect((await reportOf(setHostPrivateKey(db, adminId, { hostId: host.id, privateKey: keyHost.clientKey.privateKey }))).code).toBe("HOST_KEY_NOT_PINNED");
    const other = `SHA256:${"Q".repeat(43)}`;
    expect((await reportOf(trustHostKey(db, adminId, { hostId: host.id, fingerprint: other }))).code).toBe("HOST_KEY_OFFER_STALE");

    expect(await trustHostKey(db, adminId, { hostId: host.id, fingerprint: keyHost.hostKey.fingerprint })).toEqual({ fingerprint: keyHost.hostKey.fingerprint });
    const pinned = await db.host.findUniqueOrThrow({ where: { id: host.id } });
    expect(pinned).toMatchObject({ hostKeyAlgorithm: "ssh-ed25519", hostKeyFingerprint: keyHost.hostKey.fingerprint, hostKeyOffer: null });
    expect(pinned.hostKeyPinnedAt).toBeInstanceOf(Date);
    expect(await db.auditEvent.count({ where: { action: "host.pin", hostId: host.id } })).toBe(1);
  });

  it("takes a pasted key, encrypts it and reads the host's facts with it", async () => {
    const host = await db.host.findUniqueOrThrow({ where: { name: "pve1" } });
    const r = await setHostPrivateKey(db, adminId, { hostId: host.id, privateKey: keyHost.clientKey.privateKey });
    expect(r.fingerprint).toBe(keyHost.clientKey.fingerprint);
    const withKey = await db.host.findUniqueOrThrow({ where: { id: host.id }, include: { credential: true } });
    expect(withKey.credential?.publicKey).toBe(keyHost.clientKey.publicKey.split(" ").slice(0, 2).join(" "));
    expect(withKey.credential?.ciphertext).toMatch(/^v1:/);
    expect(withKey.credential?.ciphertext).not.toContain("PRIVATE KEY");

    await runJobs();
    const job = await db.job.findUniqueOrThrow({ where: { id: r.jobId } });
    expect(job.state).toBe("succeeded");
    const after = await db.host.findUniqueOrThrow({ where: { id: host.id } });
    const facts = readStoredFacts(after.facts);
    const osId = /^ID=(.*)$/m.exec(readFileSync("/etc/os-release", "utf8"))?.[1]?.replace(/"/g, "");
    expect(facts?.hostname?.name).toBe(os.hostname());
    expect(facts?.os?.id).toBe(osId);
    expect(facts?.kernel).toBe(os.release());
    expect(after.factsAt).toBeInstanceOf(Date);
    expect(after.lastConnection).toMatchObject({ report: null });
    expect(await db.auditEvent.count({ where: { jobId: r.jobId, action: "command" } })).toBeGreaterThan(10);
  });

  it("installs the panel's key with a one-time password that no row keeps", async () => {
    const { hostId } = await add("pve2", passwordHost);
    await trustHostKey(db, adminId, { hostId, fingerprint: passwordHost.hostKey.fingerprint });

    const refused = await reportOf(bootstrapWithPassword(db, adminId, { hostId, password: WRONG_PASSWORD }));
    expect(refused.code).toBe("SSH_AUTH_FAILED");
    expect(refused.message).toContain("refused the password for root");
    expect((await db.host.findUniqueOrThrow({ where: { id: hostId } })).credentialId).toBeNull();

    const { jobId } = await bootstrapWithPassword(db, adminId, { hostId, password: passwordHost.password });
    const panelKey = await db.credential.findUniqueOrThrow({ where: { id: PANEL_KEY_CREDENTIAL_ID } });
    expect(readFileSync(passwordHost.authorizedKeysPath, "utf8")).toContain(panelKey.publicKey);
    expect((await db.host.findUniqueOrThrow({ where: { id: hostId } })).credentialId).toBe(PANEL_KEY_CREDENTIAL_ID);

    await runJobs();
    expect((await db.job.findUniqueOrThrow({ where: { id: jobId } })).state).toBe("succeeded");
    expect(readStoredFacts((await db.host.findUniqueOrThrow({ where: { id: hostId } })).facts)?.hostname?.name).toBe(os.hostname());

    const everything = await everyRowAsText();
    expect(everything).not.toContain(passwordHost.password);
    expect(everything).not.toContain(WRONG_PASSWORD);
    expect(everything).not.toContain("PRIVATE KEY");
  });

  it("refuses a changed host key, shows it, and re-pins only on a deliberate confirmation", async () => {
    const host = await db.host.findUniqueOrThrow({ where: { name: "pve1" } });
    const oldFingerprint = keyHost.hostKey.fingerprint;
    await keyHost.restart({ newHostKey: true });
    const newFingerprint = keyHost.hostKey.fingerprint;
    expect(newFingerprint).not.toBe(oldFingerprint);

    const jobId = await enqueueHostFacts(db, adminId, host.id);
    await runJobs();
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.state).toBe("failed");
    expect(job.reports).toEqual([expect.objectContaining({ code: "SSH_HOST_KEY_CHANGED" })]);
    const detail = await loadHostDetail(db, host.id);
    expect(detail?.keyState).toBe("changed");
    expect(detail?.keyChange).toMatchObject({ expected: oldFingerprint, presented: newFingerprint });

    // Trusting anew is not the way back: the pinned key stays until a deliberate re-pin.
    expect((await reportOf(trustHostKey(db, adminId, { hostId: host.id, fingerprint: newFingerprint }))).code).toBe("HOST_KEY_ALREADY_PINNED");
    expect(await fetchReplacementKey(db, adminId, host.id)).toEqual({ changed: true, fingerprint: newFingerprint });
    expect((await db.host.findUniqueOrThrow({ where: { id: host.id } })).hostKeyFingerprint).toBe(oldFingerprint);
    expect((await reportOf(repinHostKey(db, adminId, { hostId: host.id, fingerprint: newFingerprint, confirmName: "pve" }))).code).toBe("HOST_CONFIRM_NAME");

    const repinned = await repinHostKey(db, adminId, { hostId: host.id, fingerprint: newFingerprint, confirmName: "pve1" });
    expect(repinned.fingerprint).toBe(newFingerprint);
    expect((await loadHostDetail(db, host.id))?.keyState).toBe("trusted");
    await runJobs();
    expect((await db.job.findUniqueOrThrow({ where: { id: repinned.jobId! } })).state).toBe("succeeded");
  });

  it("refuses to trust a key the host no longer presents", async () => {
    const { hostId } = await add("pve3", keyHost);
    const seen = keyHost.hostKey.fingerprint;
    await keyHost.restart({ newHostKey: true });
    const r = await reportOf(trustHostKey(db, adminId, { hostId, fingerprint: seen }));
    expect(r.code).toBe("SSH_HOST_KEY_CHANGED");
    expect((await db.host.findUniqueOrThrow({ where: { id: hostId } })).hostKeyPinnedAt).toBeNull();
  });

  it("gives the pages no private key and no ciphertext", async () => {
    const list = JSON.stringify(await loadHostsPage(db));
    const hosts = await db.host.findMany({ select: { id: true } });
    const details = JSON.stringify(await Promise.all(hosts.map((h) => loadHostDetail(db, h.id))));
    const ciphertexts = (await db.credential.findMany({ select: { ciphertext: true } })).map((c) => c.ciphertext);
    expect(ciphertexts.length).toBe(2);
    for (const text of [list, details]) {
      expect(text).not.toContain("PRIVATE KEY");
      for (const c of ciphertexts) expect(text).not.toContain(c);
    }
    expect(list).toContain("ssh-ed25519 ");
  });
});
