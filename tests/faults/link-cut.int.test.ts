// Fault: a host's network cable is pulled while a job's step runs on it (lab `cut`). Expected:
// the step fails within its own timeout with a report naming the host, the job ends failed (not
// running), the finished step is kept for undo, and after `heal` undo works. Uses the real job
// worker and the panel's SSH runner against a lab host. Fails (never skips) without the lab.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLab, labFault, type TLabStatus } from "@/e2e/lab/lab-env";
import { labRunner, SshPool } from "@/e2e/lab/lab-runner";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { confirmJobRow, undoJobRow } from "@/lib/jobs/control";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { registerJobKind, unregisterJobKind } from "@/lib/jobs/registry";
import { JobWorker } from "@/lib/jobs/worker";
import { createTempDb } from "@/lib/testing/temp-db";
import { waitFor } from "@/lib/testing/wait-for";
import { FAULT_KIND, faultKind } from "./fault-kinds";

const HOST = "lab3";
const DIR = "/root/panel-fault-cut";
const STEP_TIMEOUT_MS = 8_000;

let lab: TLabStatus;
let tmp: ReturnType<typeof createTempDb>;
let db: PrismaClient;
let worker: JobWorker;
const pool = new SshPool({ connectTimeoutMs: 5_000 });

const jobOf = (jobId: string) => db.job.findUniqueOrThrow({ where: { id: jobId }, include: { steps: { orderBy: { index: "asc" } } } });
const onHost = async (argv: string[]) => (await labRunner(pool, lab, HOST).run(argv, { okCodes: "any" })).stdout;

beforeAll(async () => {
  lab = await ensureLab({ mode: "cluster", nodes: 3 });
  tmp = createTempDb();
  db = tmp.db;
  registerJobKind(faultKind);
  const clusterId = (await db.cluster.create({ data: { name: "labclu", kind: "pacemaker" } })).id;
  await db.host.create({ data: { name: HOST, address: "10.99.0.13", clusterId } });
  worker = new JobWorker({ db, runnerFactory: (host) => labRunner(pool, lab, host.name), owner: "cut-test", pollMs: 100, flushMs: 50 });
  worker.start();
  await onHost(["rm", "-rf", DIR]);
  await onHost(["mkdir", "-p", DIR]);
}, 300_000);

afterAll(async () => {
  await labFault("heal", HOST);
  await worker?.stop();
  unregisterJobKind(FAULT_KIND);
  await onHost(["rm", "-rf", DIR]).catch(() => undefined);
  await pool.closeAll();
  await tmp?.cleanup();
}, 60_000);

describe("fault: a host's link is cut during a job's step", () => {
  it("the step fails within its timeout with a report naming the host; after heal, undo works", async () => {
    const admin = { id: (await db.user.create({ data: { username: "alice", passwordHash: "x", role: "admin" } })).id, role: "admin" };
    const jobId = await enqueueJob(db, { clusterId: (await db.cluster.findFirstOrThrow()).id, kind: FAULT_KIND, input: { dir: DIR, slowSeconds: 60, slowTimeoutMs: STEP_TIMEOUT_MS }, createdById: admin.id });
    await waitFor("the plan", 30_000, async () => (await jobOf(jobId)).state === "awaiting-confirmation", 100);
    await confirmJobRow(db, admin, { jobId, confirmName: "", force: false });
    await waitFor("the slow step to run", 30_000, async () => (await jobOf(jobId)).steps[1]?.state === "running", 100);
    const stepStarted = Date.now();
    await labFault("cut", HOST);
    const cutAt = Date.now();
    await waitFor("the job to end", STEP_TIMEOUT_MS + 20_000, async () => !["running", "confirmed"].includes((await jobOf(jobId)).state), 200);
    const failedAfterMs = Date.now() - cutAt;
    const job = await jobOf(jobId);
    expect(job.state).toBe("failed");
    expect(job.leaseOwner).toBeNull();
    expect(job.steps.map((s) => s.state)).toEqual(["done", "failed", "pending"]);
    const report = (job.reports as { code: string; message: string; params: Record<string, unknown> }[])[0];
    expect(report).toMatchObject({ code: "STEP_FAILED", params: expect.objectContaining({ host: HOST, stepId: "slow" }) });
    expect(["SSH_COMMAND_TIMEOUT", "SSH_CONNECTION_LOST"]).toContain(report?.params.cause);
    expect(report?.message).toContain(HOST);
    // Bounded by the step's timeout plus the close grace, counted from the step's start.
    expect(Date.now() - stepStarted).toBeLessThan(STEP_TIMEOUT_MS + 10_000);
    console.log(`fault figure: link cut → step failed after ${failedAfterMs} ms (step timeout ${STEP_TIMEOUT_MS} ms): ${report?.message}`);

    await labFault("heal", HOST);
    await undoJobRow(db, admin, jobId);
    await waitFor("the undo", 60_000, async () => ["undone", "failed"].includes((await jobOf(jobId)).state), 200);
    expect((await jobOf(jobId)).state).toBe("undone");
    expect((await onHost(["ls", "-A", DIR])).trim()).toBe("");
  }, 90_000);
});
