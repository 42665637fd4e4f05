import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { buildPlan, commandStep, writeFileStep } from "@/lib/plan/build";
import { startSshd, type TTestSshd } from "@/lib/testing/sshd";
import { createTempDb } from "@/lib/testing/temp-db";
import { confirmJobRow } from "./control";
import { enqueueJob } from "./enqueue";
import { defineJobKind } from "./kind";
import { registerJobKind, unregisterJobKind } from "./registry";
import { closeAuditedPool, credentialSecretContext, runnerForHost } from "./runner-for-host";
import { JobWorker } from "./worker";

// End to end over a real OpenSSH server: a Host row with a pinned key and an encrypted
// credential, a job that writes a secret file and pipes a secret on stdin, and the audit
// rows it leaves. No secret may reach AuditEvent or JobLog.

const FILE_SECRET = `file-secret-${randomBytes(8).toString("hex")}`;
const STDIN_SECRET = `stdin-secret-${randomBytes(8).toString("hex")}`;
// Already on the host: the write reads it (to keep it for undo), which must not copy it into the audit log.
const OLD_SECRET = `old-secret-${randomBytes(8).toString("hex")}`;

let tmp: ReturnType<typeof createTempDb>;
let db: PrismaClient;
let sshd: TTestSshd;
let dir: string;
let worker: JobWorker;
let adminId: string;

const secretJob = defineJobKind({
  kind: "test.secrets",
  title: "Install secrets",
  requiresConfirmation: true,
  role: "operator",
  inputSchema: z.object({ dir: z.string() }),
  plan: ({ input, hosts }) => {
    const host = hosts[0]?.name ?? "";
    const key = writeFileStep({ id: "key", title: "Install the key file", host, path: `${input.dir}/authkey`, content: FILE_SECRET, observed: null, mode: "0600", sensitive: true });
    return buildPlan({
      title: "secrets",
      steps: [
        key.step,
        commandStep({ id: "token", title: "Store the token", host, argv: ["/bin/sh", "-c", 'cat > "$1"', "--", `${input.dir}/token`], stdin: STDIN_SECRET, undo: { kind: "command", argv: ["rm", "-f", `${input.dir}/token`] } }),
        commandStep({ id: "list", title: "List the directory", host, argv: ["ls", input.dir] }),
      ],
      diffs: [key.diff],
    });
  },
});

beforeAll(async () => {
  process.env.PANEL_SECRET_KEY = randomBytes(32).toString("base64");
  const { encryptSecret } = await import("@/lib/secrets/secrets");
  tmp = createTempDb();
  db = tmp.db;
  sshd = await startSshd();
  dir = mkdtempSync(path.join(os.tmpdir(), "panel-ssh-job-"));
  writeFileSync(path.join(dir, "authkey"), OLD_SECRET, { mode: 0o600 });
  registerJobKind(secretJob);
  adminId = (await db.user.create({ data: { username: "alice", passwordHash: "x", role: "admin" } })).id;
  const cluster = await db.cluster.create({ data: { name: "lab", kind: "pve" } });
  const credentialId = "cred-lab";
  await db.credential.create({
    data: { id: credentialId, kind: "private-key", label: "panel key", ciphertext: encryptSecret(sshd.clientKey.privateKey, credentialSecretContext(credentialId)) },
  });
  await db.host.create({
    data: {
      name: "pve1",
      address: sshd.address,
      sshPort: sshd.port,
      clusterId: cluster.id,
      credentialId,
      hostKeyAlgorithm: sshd.hostKey.algorithm,
      hostKeyFingerprint: sshd.hostKey.fingerprint,
      hostKeyPinnedAt: new Date(),
    },
  });
  worker = new JobWorker({ db, runnerFactory: (host, ctx) => runnerForHost(db, host, ctx), owner: "ssh-test", pollMs: 20, flushMs: 20 });
});
afterAll(async () => {
  await worker?.stop();
  unregisterJobKind(secretJob.kind);
  if (db) closeAuditedPool(db);
  await sshd?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  await tmp?.cleanup();
});

async function runUntil(jobId: string, states: string[]): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await worker.tick();
    await worker.idle();
    const { state } = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    if (states.includes(state)) return state;
    if (Date.now() > deadline) throw new Error(`job is ${state}`);
  }
}

// The SSH runner hands events to the audit listener without waiting for it.
async function auditRows(jobId: string, atLeast: number) {
  for (let i = 0; i < 100; i++) {
    const rows = await db.auditEvent.findMany({ where: { jobId }, orderBy: { id: "asc" } });
    if (rows.length >= atLeast) return rows;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("audit rows did not arrive");
}

describe("a job over real SSH", () => {
  it("runs, audits every command with who/where/exit code, and keeps secrets out of audit and log rows", async () => {
    const jobId = await enqueueJob(db, { clusterId: (await db.cluster.findFirstOrThrow()).id, kind: "test.secrets", input: { dir }, createdById: adminId });
    expect(await runUntil(jobId, ["awaiting-confirmation"])).toBe("awaiting-confirmation");
    await confirmJobRow(db, { id: adminId, role: "admin" }, { jobId, confirmName: "", force: false });
    expect(await runUntil(jobId, ["succeeded", "failed"])).toBe("succeeded");
    expect(readFileSync(path.join(dir, "authkey"), "utf8")).toBe(FILE_SECRET);
    expect(readFileSync(path.join(dir, "token"), "utf8")).toBe(STDIN_SECRET);

    // check + read + write + move for the file; check-less token; ls
    const rows = await auditRows(jobId, 6);
    expect(rows.every((r) => r.action === "command" && r.userId === adminId && r.hostName === "pve1" && r.jobId === jobId)).toBe(true);
    const ls = rows.find((r) => JSON.stringify(r.argv) === JSON.stringify(["ls", dir]));
    expect(ls).toMatchObject({ exitCode: 0, output: "authkey\ntoken\n" });
    expect(ls?.durationMs).toBeGreaterThanOrEqual(0);
    const token = rows.find((r) => Array.isArray(r.argv) && r.argv.includes(`${dir}/token`));
    expect(token?.detail).toMatchObject({ stdinBytes: STDIN_SECRET.length });

    const logs = await db.jobLog.findMany({ where: { jobId } });
    const everything = JSON.stringify({ rows, logs });
    expect(everything).not.toContain(FILE_SECRET);
    expect(everything).not.toContain(STDIN_SECRET);
    expect(everything).not.toContain(OLD_SECRET);
    const keyBody = sshd.clientKey.privateKey.split("\n")[1] ?? "missing";
    expect(everything).not.toContain(keyBody);

    // At rest the sensitive step's content, and the file content it replaced, are sealed tokens.
    const steps = await db.jobStep.findMany({ where: { jobId }, orderBy: { index: "asc" } });
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    const stored = JSON.stringify({ plan: job.plan, input: job.input, steps });
    expect(stored).not.toContain(FILE_SECRET);
    expect(stored).not.toContain(OLD_SECRET);
    expect(steps[0]?.undo).toMatchObject({ previous: expect.stringMatching(/^panel-sealed:/), changed: true });

    // Undo opens the sealed previous content and puts it back.
    await db.job.update({ where: { id: jobId }, data: { state: "undo-requested" } });
    expect(await runUntil(jobId, ["undone", "failed"])).toBe("undone");
    expect(readFileSync(path.join(dir, "authkey"), "utf8")).toBe(OLD_SECRET);
  });
});
