import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { buildPlan, commandStep } from "@/lib/plan/build";
import { CommandFailedError, type Runner, type TRunResult } from "@/lib/ssh/runner";
import { createTempDb } from "@/lib/testing/temp-db";
import { claimJobs } from "./claim";
import { confirmJobRow, resumeJobRow, undoJobRow } from "./control";
import { enqueueJob } from "./enqueue";
import { defineJobKind } from "./kind";
import { registerJobKind, unregisterJobKind } from "./registry";
import { JobWorker, type TRunnerFactory } from "./worker";
import { z } from "zod";

// The worker against a real migrated SQLite database. Hosts are stand-ins that keep a set of
// "installed" markers, so checks, resume and undo have real state to look at.

let tmp: ReturnType<typeof createTempDb>;
let db: PrismaClient;
let clusterId: string;
let adminId: string;
const workers: JobWorker[] = [];

// Per host: which markers exist; `touch X` adds, `rm X` removes, `test -e X` checks.
const hostState = new Map<string, Set<string>>();
const ran: string[] = [];
let gate: Promise<void> | null = null;
let failOn: string | null = null;

const fakeFactory: TRunnerFactory = (host): Runner => ({
  async run(argv) {
    const markers = hostState.get(host.name) ?? new Set<string>();
    hostState.set(host.name, markers);
    const [cmd, arg = ""] = argv;
    ran.push(`${host.name}: ${argv.join(" ")}`);
    const ok = (stdout = ""): TRunResult => ({ code: 0, stdout, stderr: "", durationMs: 1 });
    if (cmd === "test") return markers.has(argv[2] ?? "") ? ok() : { code: 1, stdout: "", stderr: "", durationMs: 1 };
    if (cmd === "block") await gate;
    if (cmd === "touch") {
      if (failOn === arg) throw new CommandFailedError(argv, { code: 1, stdout: "", stderr: `touch: cannot touch '${arg}': Read-only file system`, durationMs: 1 });
      markers.add(arg);
    }
    if (cmd === "rm") markers.delete(arg);
    return ok(`${cmd} done\n`);
  },
});

const markerKind = defineJobKind({
  kind: "test.markers",
  title: "Create markers",
  requiresConfirmation: true,
  role: "operator",
  inputSchema: z.object({ markers: z.array(z.string()), block: z.boolean().default(false) }),
  plan: ({ input, hosts }) =>
    buildPlan({
      title: "markers",
      steps: [
        ...(input.block ? [commandStep({ id: "block", title: "Wait for the test", host: hosts[0]?.name ?? "", argv: ["block"] })] : []),
        ...input.markers.map((m) =>
          commandStep({
            id: m,
            title: `Create ${m}`,
            host: hosts[0]?.name ?? "",
            argv: ["touch", m],
            check: { kind: "command", argv: ["test", "-e", m] },
            undo: { kind: "command", argv: ["rm", m] },
          }),
        ),
      ],
    }),
});

function newWorker(owner: string, opts: { leaseMs?: number; database?: PrismaClient } = {}): JobWorker {
  const w = new JobWorker({ db: opts.database ?? db, runnerFactory: fakeFactory, owner, leaseMs: opts.leaseMs ?? 5_000, pollMs: 20, flushMs: 20 });
  workers.push(w);
  return w;
}

async function waitForState(jobId: string, states: string[], ms = 5_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    if (states.includes(job.state)) return job.state;
    if (Date.now() > deadline) throw new Error(`job ${jobId} is ${job.state}, expected ${states.join("|")}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const admin = () => ({ id: adminId, role: "admin" });

beforeAll(async () => {
  tmp = createTempDb();
  db = tmp.db;
  registerJobKind(markerKind);
  adminId = (await db.user.create({ data: { username: "alice", passwordHash: "x", role: "admin" } })).id;
});
afterAll(async () => {
  unregisterJobKind(markerKind.kind);
  await tmp?.cleanup();
});
beforeEach(async () => {
  hostState.clear();
  ran.length = 0;
  gate = null;
  failOn = null;
  const cluster = await db.cluster.create({ data: { name: `c${Date.now() % 1e8}${Math.floor(Math.random() * 1000)}`, kind: "pve" } });
  clusterId = cluster.id;
  await db.host.create({ data: { name: `pve1-${cluster.id}`, address: "10.99.0.11", clusterId } });
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});

describe("job worker", () => {
  it("plans, waits for confirmation, runs, and leaves steps and log rows", async () => {
    const jobId = await enqueueJob(db, { clusterId, kind: "test.markers", input: { markers: ["a", "b"] }, createdById: adminId });
    const w = newWorker("w1");
    await w.tick();
    await w.idle();
    expect(await waitForState(jobId, ["awaiting-confirmation"])).toBe("awaiting-confirmation");
    expect(ran).toEqual([]);
    const planned = await db.jobStep.findMany({ where: { jobId }, orderBy: { index: "asc" } });
    expect(planned.map((s) => [s.title, s.state])).toEqual([
      ["Create a", "pending"],
      ["Create b", "pending"],
    ]);

    await confirmJobRow(db, admin(), { jobId, confirmName: "", force: false });
    await w.tick();
    await w.idle();
    expect(await waitForState(jobId, ["succeeded"])).toBe("succeeded");
    const host = `pve1-${clusterId}`;
    expect(ran).toEqual([`${host}: test -e a`, `${host}: touch a`, `${host}: test -e b`, `${host}: touch b`]);
    const steps = await db.jobStep.findMany({ where: { jobId }, orderBy: { index: "asc" } });
    expect(steps.map((s) => s.state)).toEqual(["done", "done"]);
    const logs = await db.jobLog.findMany({ where: { jobId }, orderBy: { seq: "asc" } });
    expect(logs.map((l) => l.seq)).toEqual(logs.map((_, i) => i + 1));
    expect(logs.map((l) => l.line)).toEqual(
      expect.arrayContaining(["[1/2] Create a (on " + host + ")", "$ touch a", "touch done", "Job succeeded."]),
    );
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(job).toMatchObject({ leaseOwner: null, confirmedById: adminId });
    expect(job.finishedAt).not.toBeNull();
    expect((await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).jobLockId).toBeNull();
  });

  it("never runs two mutating jobs of one cluster at once", async () => {
    let release = () => {};
    gate = new Promise<void>((r) => (release = r));
    const first = await enqueueJob(db, { clusterId, kind: "test.markers", input: { markers: ["x"], block: true }, createdById: adminId });
    const second = await enqueueJob(db, { clusterId, kind: "test.markers", input: { markers: ["y"] }, createdById: adminId });
    const w1 = newWorker("w1");
    const w2 = newWorker("w2");
    await w1.tick();
    await w1.idle();
    for (const id of [first, second]) await confirmJobRow(db, admin(), { jobId: id, confirmName: "", force: false });
    await w1.tick();
    await w2.tick();
    await waitForState(first, ["running"]);
    await new Promise((r) => setTimeout(r, 100));
    await w2.tick();
    expect((await db.job.findUniqueOrThrow({ where: { id: second } })).state).toBe("confirmed");
    expect((await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).jobLockId).toBe(first);
    release();
    await waitForState(first, ["succeeded"]);
    await w2.tick();
    await w2.idle();
    expect(await waitForState(second, ["succeeded"])).toBe("succeeded");
  });

  it("marks a job whose lease ran out as interrupted; resume skips the finished steps", async () => {
    const jobId = await enqueueJob(db, { clusterId, kind: "test.markers", input: { markers: ["a", "b"] }, createdById: adminId });
    const w = newWorker("w1");
    await w.tick();
    await w.idle();
    await confirmJobRow(db, admin(), { jobId, confirmName: "", force: false });
    // A worker that claimed the job, finished step 1 and died: its lease is 50 ms and nobody renews it.
    const [claimed] = await claimJobs(db, { owner: "dead-worker", now: new Date(), leaseMs: 50, limit: 1, isMutating: () => true });
    expect(claimed).toMatchObject({ id: jobId, state: "running", holdsClusterLock: true });
    hostState.set(`pve1-${clusterId}`, new Set(["a"]));
    await db.jobStep.updateMany({ where: { jobId, index: 0 }, data: { state: "done" } });
    await db.jobStep.updateMany({ where: { jobId, index: 1 }, data: { state: "running" } });
    await new Promise((r) => setTimeout(r, 80));
    await w.tick();
    expect(await waitForState(jobId, ["interrupted"])).toBe("interrupted");
    const interrupted = await db.job.findUniqueOrThrow({ where: { id: jobId }, include: { steps: { orderBy: { index: "asc" } } } });
    expect(interrupted.reports).toEqual([expect.objectContaining({ code: "JOB_INTERRUPTED", params: { worker: "dead-worker", state: "running" } })]);
    expect(interrupted.steps.map((s) => s.state)).toEqual(["done", "pending"]);

    await resumeJobRow(db, admin(), jobId);
    await w.tick();
    await w.idle();
    expect(await waitForState(jobId, ["succeeded"])).toBe("succeeded");
    const host = `pve1-${clusterId}`;
    expect(ran).toEqual([`${host}: test -e a`, `${host}: test -e b`, `${host}: touch b`]);
  });

  it("stops at a failure, then undoes the finished steps in reverse", async () => {
    failOn = "c";
    const jobId = await enqueueJob(db, { clusterId, kind: "test.markers", input: { markers: ["a", "b", "c"] }, createdById: adminId });
    const w = newWorker("w1");
    await w.tick();
    await w.idle();
    await confirmJobRow(db, admin(), { jobId, confirmName: "", force: false });
    await w.tick();
    await w.idle();
    expect(await waitForState(jobId, ["failed"])).toBe("failed");
    const failed = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(failed.reports).toEqual([expect.objectContaining({ code: "STEP_FAILED", params: expect.objectContaining({ stepId: "c", stderr: "touch: cannot touch 'c': Read-only file system" }) })]);
    ran.length = 0;
    await undoJobRow(db, admin(), jobId);
    await w.tick();
    await w.idle();
    expect(await waitForState(jobId, ["undone"])).toBe("undone");
    const host = `pve1-${clusterId}`;
    expect(ran).toEqual([`${host}: rm b`, `${host}: rm a`]);
    expect([...(hostState.get(host) ?? [])]).toEqual([]);
    const steps = await db.jobStep.findMany({ where: { jobId }, orderBy: { index: "asc" } });
    expect(steps.map((s) => s.state)).toEqual(["undone", "undone", "failed"]);
  });

  it("runs a read-only host check without confirmation", async () => {
    const jobId = await enqueueJob(db, { clusterId, kind: "host.check", input: {}, createdById: adminId });
    const w = newWorker("w1");
    for (let i = 0; i < 2; i++) {
      await w.tick();
      await w.idle();
    }
    expect(await waitForState(jobId, ["succeeded"])).toBe("succeeded");
    expect(ran.map((r) => r.split(": ")[1])).toEqual(["uname -a", "cat /etc/os-release", "uptime", "hostname --fqdn"]);
  });

  it("two workers on two connections never claim the same job", async () => {
    const other = new (db.constructor as new (o: unknown) => PrismaClient)({
      adapter: new (await import("@prisma/adapter-better-sqlite3")).PrismaBetterSQLite3({ url: tmp.url }),
    });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) ids.push(await enqueueJob(db, { clusterId: null, kind: "test.markers", input: { markers: [] }, createdById: adminId }));
      const claims = await Promise.all(
        [db, other, db, other].map(async (client, n) => {
          const got: string[] = [];
          for (let round = 0; round < 6; round++) {
            const c = await claimJobs(client, { owner: `w${n}`, now: new Date(), leaseMs: 10_000, limit: 2, isMutating: () => true });
            got.push(...c.map((j) => j.id));
          }
          return got;
        }),
      );
      const all = claims.flat();
      expect(all.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
      expect(new Set(all).size).toBe(all.length);
    } finally {
      await other.$disconnect();
    }
  });
});
