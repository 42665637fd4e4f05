// Fault: the panel process dies (SIGKILL, power loss of the panel's machine) while a job's step
// runs on a host, and comes back. The job worker runs in a child process exactly as the panel
// runs it (lib/jobs/worker.ts + runnerForHost over real SSH to a real OpenSSH server on
// loopback); the test kills it mid-step and starts a new one on the same database.
// Also: a job against a host whose SSH host key changed since it was pinned.
// Never skipped: without root (sshd) or tsx the file fails.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { confirmJobRow, resumeJobRow, undoJobRow } from "@/lib/jobs/control";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { registerJobKind, unregisterJobKind } from "@/lib/jobs/registry";
import { closeAuditedPool, credentialSecretContext, runnerForHost } from "@/lib/jobs/runner-for-host";
import { JobWorker } from "@/lib/jobs/worker";
import { startSshd, type TTestSshd } from "@/lib/testing/sshd";
import { createTempDb } from "@/lib/testing/temp-db";
import { waitFor } from "@/lib/testing/wait-for";
import { FAULT_KIND, faultKind } from "./fault-kinds";

const root = path.resolve(import.meta.dirname, "../..");
const SECRET_KEY = randomBytes(32).toString("base64");
const LEASE_MS = 3_000;

let tmp: ReturnType<typeof createTempDb>;
let db: PrismaClient;
let sshd: TTestSshd;
let clusterId: string;
let admin: { id: string; role: string };
const children: ChildProcess[] = [];
const dirs: string[] = [];

function startWorkerChild(name: string): ChildProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/faults/worker-child.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: tmp.url, PANEL_SECRET_KEY: SECRET_KEY, FAULT_WORKER_OWNER: name, FAULT_LEASE_MS: String(LEASE_MS), NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
  child.on("exit", (code, signal) => {
    if (code !== 0 && signal === null) console.error(`worker child ${name} exited ${code}:\n${err}`);
  });
  children.push(child);
  return child;
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

const jobOf = (jobId: string) => db.job.findUniqueOrThrow({ where: { id: jobId }, include: { steps: { orderBy: { index: "asc" } } } });
const logOf = async (jobId: string) => (await db.jobLog.findMany({ where: { jobId }, orderBy: { seq: "asc" } })).map((l) => l.line);
const markers = (dir: string) => readdirSync(dir).sort();

async function waitForState(jobId: string, states: string[], ms: number): Promise<string> {
  let state = "";
  await waitFor(`job ${jobId} to be ${states.join("|")}`, ms, async () => states.includes((state = (await jobOf(jobId)).state)), 100);
  return state;
}

async function newMarkerJob(slowSeconds: number, slowTimeoutMs?: number): Promise<{ jobId: string; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "panel-fault-"));
  dirs.push(dir);
  const jobId = await enqueueJob(db, { clusterId, kind: FAULT_KIND, input: { dir, slowSeconds, ...(slowTimeoutMs ? { slowTimeoutMs } : {}) }, createdById: admin.id });
  return { jobId, dir };
}

beforeAll(async () => {
  process.env.PANEL_SECRET_KEY = SECRET_KEY;
  const { encryptSecret } = await import("@/lib/secrets/secrets");
  tmp = createTempDb();
  db = tmp.db;
  sshd = await startSshd();
  registerJobKind(faultKind);
  admin = { id: (await db.user.create({ data: { username: "alice", passwordHash: "x", role: "admin" } })).id, role: "admin" };
  clusterId = (await db.cluster.create({ data: { name: "faults", kind: "pacemaker" } })).id;
  const credentialId = "cred-faults";
  await db.credential.create({
    data: { id: credentialId, kind: "private-key", label: "panel key", ciphertext: encryptSecret(sshd.clientKey.privateKey, credentialSecretContext(credentialId)) },
  });
  await db.host.create({
    data: {
      name: "node1",
      address: sshd.address,
      sshPort: sshd.port,
      clusterId,
      credentialId,
      hostKeyAlgorithm: sshd.hostKey.algorithm,
      hostKeyFingerprint: sshd.hostKey.fingerprint,
      hostKeyPinnedAt: new Date(),
    },
  });
}, 60_000);

afterEach(async () => {
  await Promise.all(children.splice(0).map(kill9));
});

afterAll(async () => {
  unregisterJobKind(FAULT_KIND);
  if (db) closeAuditedPool(db);
  await sshd?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await tmp?.cleanup();
});

describe("fault: the panel is killed mid-job and restarted", () => {
  it("the job is found interrupted with its log kept, and resume finishes it on the host", async () => {
    const { jobId, dir } = await newMarkerJob(12);
    const first = startWorkerChild("panel-a");
    await waitForState(jobId, ["awaiting-confirmation"], 30_000);
    await confirmJobRow(db, admin, { jobId, confirmName: "", force: false });
    await waitFor("the slow step to run", 30_000, async () => (await jobOf(jobId)).steps[1]?.state === "running", 100);
    // Let the log writer flush what the first step printed (it flushes every 50 ms in the child).
    await new Promise((r) => setTimeout(r, 300));
    await kill9(first);
    const killedAt = Date.now();

    const dead = await jobOf(jobId);
    expect(dead.state).toBe("running");
    expect(markers(dir)).toEqual(["first"]);
    const logBefore = await logOf(jobId);
    expect(logBefore).toEqual(expect.arrayContaining(["Running the plan.", `[1/3] Create the first marker (on node1)`, `$ touch ${dir}/first`, `[2/3] Create the slow marker (on node1)`]));

    startWorkerChild("panel-b");
    await waitForState(jobId, ["interrupted"], 20_000);
    const detectedMs = Date.now() - killedAt;
    const interrupted = await jobOf(jobId);
    expect(interrupted.reports).toEqual([expect.objectContaining({ code: "JOB_INTERRUPTED", params: { worker: "panel-a", state: "running" } })]);
    expect(interrupted.steps.map((s) => s.state)).toEqual(["done", "pending", "pending"]);
    expect(interrupted.steps[1]?.note).toMatch(/interrupted while running/);
    expect(interrupted.leaseOwner).toBeNull();
    // The dead worker's cluster lock ran out with its lease: nothing blocks the next job.
    const lock = await db.cluster.findUniqueOrThrow({ where: { id: clusterId } });
    expect(lock.jobLockUntil === null || lock.jobLockUntil.getTime() < Date.now()).toBe(true);
    const logAfter = await logOf(jobId);
    // Nothing written before the kill is lost; the restart adds the interruption.
    expect(logAfter.slice(0, logBefore.length)).toEqual(logBefore);
    expect(logAfter.at(-1)).toBe("Interrupted: the worker running this job stopped. Resume it or undo the finished steps.");
    // The lease (3 s here, 30 s in the panel) plus one poll bounds the detection.
    expect(detectedMs).toBeLessThan(LEASE_MS + 5_000);
    console.log(`fault figure: panel killed → job interrupted after ${detectedMs} ms (lease ${LEASE_MS} ms)`);

    await resumeJobRow(db, admin, jobId);
    await waitForState(jobId, ["succeeded", "failed"], 60_000);
    const done = await jobOf(jobId);
    expect(done.state).toBe("succeeded");
    expect(done.steps.map((s) => s.state)).toEqual(["done", "done", "done"]);
    expect(markers(dir)).toEqual(["first", "last", "slow"]);
    const resumed = await logOf(jobId);
    // The finished first step did not run again.
    expect(resumed.filter((l) => l === `$ touch ${dir}/first`)).toHaveLength(1);
    expect(resumed).toEqual(expect.arrayContaining(["Resuming: finished steps are checked and skipped.", "slow step started", "Job succeeded."]));
  }, 90_000);

  it("undo after the restart takes back the finished steps, last first", async () => {
    const { jobId, dir } = await newMarkerJob(12);
    const first = startWorkerChild("panel-c");
    await waitForState(jobId, ["awaiting-confirmation"], 30_000);
    await confirmJobRow(db, admin, { jobId, confirmName: "", force: false });
    await waitFor("the slow step to run", 30_000, async () => (await jobOf(jobId)).steps[1]?.state === "running", 100);
    await kill9(first);
    expect(markers(dir)).toEqual(["first"]);

    startWorkerChild("panel-d");
    await waitForState(jobId, ["interrupted"], 20_000);
    await undoJobRow(db, admin, jobId);
    await waitForState(jobId, ["undone", "failed"], 30_000);
    const undone = await jobOf(jobId);
    expect(undone.state).toBe("undone");
    expect(undone.steps.map((s) => s.state)).toEqual(["undone", "pending", "pending"]);
    expect(markers(dir)).toEqual([]);
    expect(await logOf(jobId)).toEqual(expect.arrayContaining(["Undoing the finished steps, last first.", `$ rm -f ${dir}/first`, "Undo finished."]));
  }, 90_000);
});

describe("fault: the host's SSH key changed since it was pinned", () => {
  it("the job fails with SSH_HOST_KEY_CHANGED naming the host and both fingerprints; nothing runs on it", async () => {
    const worker = new JobWorker({ db, runnerFactory: (host, ctx) => runnerForHost(db, host, ctx), owner: "in-test", pollMs: 50, flushMs: 20 });
    const { jobId, dir } = await newMarkerJob(0);
    const pinned = sshd.hostKey.fingerprint;
    try {
      await worker.tick();
      await worker.idle();
      expect(await waitForState(jobId, ["awaiting-confirmation"], 10_000)).toBe("awaiting-confirmation");
      await confirmJobRow(db, admin, { jobId, confirmName: "", force: false });
      // A reinstall (or someone in the middle): same address, new host key. Open connections go.
      closeAuditedPool(db);
      await sshd.restart({ newHostKey: true });
      expect(sshd.hostKey.fingerprint).not.toBe(pinned);
      await worker.tick();
      await worker.idle();
      expect(await waitForState(jobId, ["failed", "succeeded"], 30_000)).toBe("failed");
    } finally {
      await worker.stop();
    }
    const failed = await jobOf(jobId);
    const report = (failed.reports as { code: string; message: string; params: Record<string, unknown> }[])[0];
    expect(report).toMatchObject({ code: "STEP_FAILED", params: expect.objectContaining({ host: "node1", cause: "SSH_HOST_KEY_CHANGED" }) });
    expect(report?.message).toContain(pinned);
    expect(report?.message).toContain(sshd.hostKey.fingerprint);
    expect(failed.steps.map((s) => s.state)).toEqual(["failed", "pending", "pending"]);
    expect(markers(dir)).toEqual([]);
    expect(existsSync(path.join(dir, "first"))).toBe(false);
    // Planning ran nothing on the host; after the key change no command reached it.
    const ran = await db.auditEvent.findMany({ where: { jobId, exitCode: { not: null } } });
    expect(ran).toEqual([]);
  }, 60_000);
});
