// Fault: the panel's data disk fills up. The database lives on a small tmpfs of its own (so the
// machine's disk is never touched); a job runs and a health snapshot is written while a file
// takes every free byte. Expected: the server log says "data disk is full" in words (no stack
// trace), nothing already stored is lost or corrupted, the job caught mid-run is not left
// "running" once there is room again, and resume finishes it. Needs root (mount).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PanelSQLiteAdapter } from "@/lib/db-adapter";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { deriveClusterHealth } from "@/lib/health/derive";
import { latestSnapshot, saveSnapshot } from "@/lib/health/snapshot";
import { logWriteFailure } from "@/lib/db-errors";
import { confirmJobRow, resumeJobRow } from "@/lib/jobs/control";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { defineJobKind } from "@/lib/jobs/kind";
import { registerJobKind, unregisterJobKind } from "@/lib/jobs/registry";
import { JobWorker, type TRunnerFactory } from "@/lib/jobs/worker";
import { buildPlan, commandStep } from "@/lib/plan/build";
import type { TRunResult } from "@/lib/ssh/runner";
import { waitFor } from "@/lib/testing/wait-for";

const root = path.resolve(import.meta.dirname, "../..");
const KIND = "fault.disk";
const LEASE_MS = 1_500;

let mnt = "";
let dbUrl = "";
let db: PrismaClient;
let admin: { id: string; role: string };
let clusterId: string;
const onHost = new Set<string>();
let gate: Promise<void> = Promise.resolve();

// The host side is a stand-in: this fault is about the panel's own disk.
const factory: TRunnerFactory = () => ({
  async run(argv) {
    const ok = (code = 0): TRunResult => ({ code, stdout: `${argv.join(" ")} ok\n`, stderr: "", durationMs: 1 });
    const [cmd, arg = ""] = argv;
    if (cmd === "test") return onHost.has(argv[2] ?? "") ? ok() : { code: 1, stdout: "", stderr: "", durationMs: 1 };
    if (cmd === "wait") await gate;
    if (cmd === "touch") onHost.add(arg);
    return ok();
  },
});

const kind = defineJobKind({
  kind: KIND,
  title: "Disk-full markers",
  requiresConfirmation: true,
  role: "operator",
  inputSchema: z.object({ names: z.array(z.string()), wait: z.boolean() }),
  plan: ({ input }) =>
    buildPlan({
      title: "markers",
      steps: [
        ...(input.wait ? [commandStep({ id: "wait", title: "Wait for the test", host: "node1", argv: ["wait"] })] : []),
        ...input.names.map((n) => commandStep({ id: n, title: `Create ${n}`, host: "node1", argv: ["touch", n], check: { kind: "command", argv: ["test", "-e", n] } })),
      ],
    }),
});

const df = (dir: string) => execFileSync("df", ["-k", "--output=avail", dir], { encoding: "utf8" }).trim().split("\n").at(-1)?.trim();
const fill = () => execFileSync("sh", ["-c", 'dd if=/dev/zero of="$1/fill" bs=64k 2>/dev/null; sync; exit 0', "--", mnt]);
const unfill = () => rmSync(path.join(mnt, "fill"), { force: true });

const openDb = () => new PrismaClient({ adapter: new PanelSQLiteAdapter({ url: dbUrl }) });

function newWorker(owner: string): JobWorker {
  return new JobWorker({ db, runnerFactory: factory, owner, leaseMs: LEASE_MS, pollMs: 100, flushMs: 20 });
}

async function stateOf(jobId: string): Promise<string> {
  return (await db.job.findUniqueOrThrow({ where: { id: jobId } })).state;
}

async function runJob(worker: JobWorker, names: string[], wait = false): Promise<string> {
  const jobId = await enqueueJob(db, { clusterId, kind: KIND, input: { names, wait }, createdById: admin.id });
  await waitFor("the plan", 10_000, async () => (await stateOf(jobId)) === "awaiting-confirmation", 50);
  await confirmJobRow(db, admin, { jobId, confirmName: "", force: false });
  return jobId;
}

// What a round derives when no host answered: a valid model, enough for storing and reading back.
const snapshotModel = deriveClusterHealth([]);

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error("the disk-full fault mounts a tmpfs and must run as root");
  mnt = mkdtempSync(path.join(os.tmpdir(), "panel-fault-disk-"));
  mkdirSync(mnt, { recursive: true });
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=6m,mode=0700", "tmpfs", mnt]);
  const url = `file:${path.join(mnt, "panel.db")}`;
  execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
  dbUrl = url;
  db = openDb();
  registerJobKind(kind);
  admin = { id: (await db.user.create({ data: { username: "alice", passwordHash: "x", role: "admin" } })).id, role: "admin" };
  clusterId = (await db.cluster.create({ data: { name: "full", kind: "pacemaker" } })).id;
  await db.host.create({ data: { name: "node1", address: "192.0.2.1", clusterId } });
}, 60_000);

afterAll(async () => {
  unregisterJobKind(KIND);
  await db?.$disconnect();
  if (mnt) {
    execFileSync("umount", ["-l", mnt], { stdio: "ignore" });
    rmSync(mnt, { recursive: true, force: true });
  }
});

describe("fault: the panel's data disk is full", () => {
  it("says so in words, keeps what was stored, and after freeing space a restarted panel finds the job interrupted and resumes it", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const worker = newWorker("w-before");
    worker.start();
    // Before: a finished job and a snapshot, which must survive.
    const before = await runJob(worker, ["a", "b"]);
    await waitFor("the first job", 10_000, async () => (await stateOf(before)) === "succeeded", 50);
    const logBefore = await db.jobLog.findMany({ where: { jobId: before }, orderBy: { seq: "asc" } });
    await saveSnapshot(db, clusterId, new Date(), { intervalMs: 5_000, collector: "test", model: snapshotModel });
    const snapBefore = await latestSnapshot(db, clusterId);
    expect(snapBefore).not.toBeNull();

    // A job that is running (in its first step) when the disk fills.
    let release = () => {};
    gate = new Promise<void>((r) => (release = r));
    const during = await runJob(worker, ["c"], true);
    await waitFor("the second job to run", 10_000, async () => (await stateOf(during)) === "running", 50);
    fill();
    expect(df(mnt)).toBe("0");
    release();
    // The worker's writes (step update, log flush, lease renewal) now fail with SQLITE_FULL; it
    // is stopped as a panel that gets restarted. Its client must not be wedged (lib/db-adapter.ts):
    // once there is room again, the same client writes.
    await new Promise((r) => setTimeout(r, 1_500));
    await worker.stop();

    // A single write (a health round's snapshot) fails at once with SQLITE_FULL, and the
    // collector's log line says so in words, without a stack trace.
    const reader = openDb();
    const err = await saveSnapshot(reader, clusterId, new Date(), { intervalMs: 5_000, collector: "test", model: snapshotModel }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: "SQLITE_FULL" });
    logWriteFailure("health collector for cluster c1", "the health snapshot", err);
    expect(String(errors.mock.calls.at(-1)?.[0])).toMatch(
      /^health collector for cluster c1: The panel's data disk is full, so the health snapshot could not be saved\. Free space on the disk that holds the panel's data directory/,
    );
    expect(errors.mock.calls.at(-1)).toHaveLength(1);
    // Reads still work: the pages keep showing the last state, and nothing stored is lost.
    expect(await latestSnapshot(reader, clusterId)).toEqual(snapBefore);
    expect(await reader.jobLog.findMany({ where: { jobId: before }, orderBy: { seq: "asc" } })).toEqual(logBefore);
    expect(onHost.has("c")).toBe(false);
    await reader.$disconnect();

    // Room again: the first client writes at once, and a restarted panel finds the half-recorded
    // job interrupted (not running); resume finishes it.
    unfill();
    await db.cluster.update({ where: { id: clusterId }, data: { wizard: { after: "full" } } });
    const freedAt = Date.now();
    const restarted = openDb();
    const after = new JobWorker({ db: restarted, runnerFactory: factory, owner: "w-after", leaseMs: LEASE_MS, pollMs: 100, flushMs: 20 });
    after.start();
    const state = async (id: string) => (await restarted.job.findUniqueOrThrow({ where: { id } })).state;
    try {
      await waitFor("the stranded job to be interrupted", LEASE_MS + 10_000, async () => (await state(during)) === "interrupted", 100);
      console.log(`fault figure: space freed → stranded job interrupted after ${Date.now() - freedAt} ms (lease ${LEASE_MS} ms)`);
      const job = await restarted.job.findUniqueOrThrow({ where: { id: during } });
      expect(job.reports).toEqual([expect.objectContaining({ code: "JOB_INTERRUPTED" })]);
      await resumeJobRow(restarted, admin, during);
      await waitFor("the resumed job", 10_000, async () => ["succeeded", "failed"].includes(await state(during)), 100);
      expect(await state(during)).toBe("succeeded");
      expect(onHost.has("c")).toBe(true);
      await saveSnapshot(restarted, clusterId, new Date(), { intervalMs: 5_000, collector: "test", model: snapshotModel });
      expect(await restarted.healthSnapshot.count({ where: { clusterId } })).toBe(2);
      expect(await restarted.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
      expect(await restarted.job.count({ where: { state: { in: ["running", "planning", "undoing"] } } })).toBe(0);
    } finally {
      await after.stop();
      await restarted.$disconnect();
      errors.mockRestore();
    }
  }, 60_000);
});
