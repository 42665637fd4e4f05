// Fault: the target host of a live migration loses power half-way. A 3-node Proxmox cluster is
// built from the lab's bare hosts as agents/proxmox/guests.int.test.ts builds it (simulated
// pvecm/qm over the real corosync); the panel's guest.migrate job runs through the real job
// worker and SSH runner. Expected, as on real PVE: the task fails ("online migrate failure",
// "migration finished with problems"), qm exits 255, the job ends failed (not running) with a
// report naming the host, the guest stays on the source, unlocked; after `boot` a new migration
// succeeds. Fails (never skips) without the lab; leaves the lab down (it built a PVE cluster).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPvePlan } from "@/agents/proxmox/apply";
import { planPveCluster } from "@/agents/proxmox/cluster/plan";
import { probePveNode } from "@/agents/proxmox/cluster/probe";
import { probePveClusterView } from "@/agents/proxmox/cluster-view";
import { migrationLogPath } from "@/agents/proxmox/migrate/run";
import { ensureLab, labDown, labFault, type TLabStatus } from "@/e2e/lab/lab-env";
import { labRunner, SshPool } from "@/e2e/lab/lab-runner";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { confirmJobRow } from "@/lib/jobs/control";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { GUEST_MIGRATE_KIND } from "@/lib/jobs/kinds/guest-migrate";
import { JobWorker } from "@/lib/jobs/worker";
import type { Runner } from "@/lib/ssh/runner";
import { createTempDb } from "@/lib/testing/temp-db";
import { waitFor } from "@/lib/testing/wait-for";

const HOSTS = ["lab1", "lab2", "lab3"] as const;
const CLUSTER = { clusterName: "labpve", nodes: [1, 2, 3].map((i) => ({ name: `lab${i}`, link0: `10.99.0.1${i}` })) };
const VMID = 104;
const SOURCE = "lab1";
const TARGET = "lab2";

let lab: TLabStatus;
let tmp: ReturnType<typeof createTempDb>;
let db: PrismaClient;
let worker: JobWorker;
let clusterId: string;
let admin: { id: string; role: string };
const pool = new SshPool({ connectTimeoutMs: 3_000, connectAttempts: 1 });
let runners: Record<string, Runner>;
const run = (h: string) => runners[h] as Runner;
const onHost = (h: string, argv: string[]) => run(h).run(argv, { okCodes: "any" });

const jobOf = (jobId: string) => db.job.findUniqueOrThrow({ where: { id: jobId }, include: { steps: { orderBy: { index: "asc" } } } });
const logOf = async (jobId: string) => (await db.jobLog.findMany({ where: { jobId }, orderBy: { seq: "asc" } })).map((l) => l.line);
// Where pmxcfs holds the guest's config: the one fact that says which node owns it.
const ownersOf = async (vmid: number) =>
  (await onHost(SOURCE, ["sh", "-c", 'ls -d /etc/pve/nodes/*/qemu-server/"$0".conf 2>/dev/null', String(vmid)])).stdout
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => l.split("/")[4]);
const onlineNodes = async () => (await probePveClusterView(run(SOURCE))).status.nodes.filter((n) => n.online === true).map((n) => n.name).sort();

async function startMigrationJob(target: string): Promise<string> {
  const jobId = await enqueueJob(db, { clusterId, kind: GUEST_MIGRATE_KIND, input: { vmid: VMID, target }, createdById: admin.id });
  await waitFor("the migration plan", 60_000, async () => (await jobOf(jobId)).state === "awaiting-confirmation", 100);
  await confirmJobRow(db, admin, { jobId, confirmName: "", force: false });
  return jobId;
}

const ended = (state: string) => !["queued", "planning", "awaiting-confirmation", "confirmed", "running"].includes(state);

beforeAll(async () => {
  lab = await ensureLab({ mode: "bare", nodes: 3 });
  runners = Object.fromEntries(HOSTS.map((h) => [h, labRunner(pool, lab, h)]));
  const observed = Object.fromEntries(await Promise.all(HOSTS.map(async (h) => [h, await probePveNode(run(h))] as const)));
  const cluster = await applyPvePlan(planPveCluster(CLUSTER, observed, { joinPassword: "lab" }), runners);
  expect(cluster.failure).toBeNull();
  await waitFor("3 nodes online in /cluster/status", 45_000, async () => (await onlineNodes()).length === 3);
  await run(SOURCE).run(["pvesm", "add", "nfs", "shared-nfs", "--server", "10.99.0.1", "--export", "/srv/pve", "--path", "/mnt/pve/shared-nfs", "--content", "images"]);
  await run(SOURCE).run(["sim-pve", "seed-guest", SOURCE, String(VMID), "--name", "crashtest", "--disk", "shared-nfs:8", "--memory", "1024", "--running"]);

  tmp = createTempDb();
  db = tmp.db;
  admin = { id: (await db.user.create({ data: { username: "alice", passwordHash: "x", role: "admin" } })).id, role: "admin" };
  clusterId = (await db.cluster.create({ data: { name: CLUSTER.clusterName, kind: "pve" } })).id;
  for (const h of HOSTS) await db.host.create({ data: { name: h, address: `10.99.0.1${h.slice(3)}`, clusterId } });
  worker = new JobWorker({ db, runnerFactory: (host) => labRunner(pool, lab, host.name), owner: "migration-crash", pollMs: 100, flushMs: 50 });
  worker.start();
}, 300_000);

afterAll(async () => {
  await worker?.stop();
  await pool.closeAll();
  await tmp?.cleanup();
  // The lab now runs a PVE cluster that no lab mode expects.
  await labDown();
}, 120_000);

describe("fault: the target host crashes during a live migration", () => {
  it("the job fails with the host named, the guest stays on the source; after boot a new migration succeeds", async () => {
    const jobId = await startMigrationJob(TARGET);
    // Pull the plug once the VM state is being copied (phase 2 of QemuMigrate).
    await waitFor("the migration to copy the VM state", 30_000, async () => (await onHost(SOURCE, ["cat", migrationLogPath(VMID)])).stdout.includes("start migrate command"), 100);
    // Counted from the start of `crash`: the plug is pulled within that command.
    const crashedAt = Date.now();
    await labFault("crash", TARGET);

    await waitFor("the job to end", 60_000, async () => ended((await jobOf(jobId)).state), 200);
    const failedAfterMs = Date.now() - crashedAt;
    const job = await jobOf(jobId);
    expect(job.state).toBe("failed");
    expect(job.leaseOwner).toBeNull();
    expect(job.steps.map((s) => [s.host, s.state])).toEqual([
      [SOURCE, "done"],
      [SOURCE, "failed"],
    ]);
    const report = (job.reports as { code: string; message: string; params: Record<string, unknown> }[])[0];
    expect(report).toMatchObject({ code: "STEP_FAILED", params: expect.objectContaining({ host: SOURCE, stepId: `migrate-${VMID}-wait`, cause: "COMMAND_FAILED" }) });
    expect(report?.message).toContain(`Wait for guest ${VMID} to arrive on ${TARGET}" failed on ${SOURCE}: /bin/sh exited with code 255`);
    // Proxmox's own reason is in the report, not only in the job log.
    expect(report?.params.stderr).toMatch(/ERROR: .*(migration|migrate)/);
    // The task log, as PVE ends it when the target vanished, is in the job's log.
    const log = (await logOf(jobId)).map((l) => l.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /, ""));
    expect(log).toEqual(
      expect.arrayContaining([
        "ERROR: online migrate failure - aborting",
        "aborting phase 2 - cleanup resources",
        `ERROR: command '/usr/bin/ssh -e none -o 'BatchMode=yes' -o 'HostKeyAlias=${TARGET}' root@10.99.0.12 qm stop ${VMID} --skiplock --migratedfrom ${SOURCE}' failed: exit code 255`,
        "migration problems",
      ]),
    );
    expect(log.some((l) => /^ERROR: migration finished with problems \(duration 00:00:0\d\)$/.test(l))).toBe(true);
    expect(log.some((l) => l.startsWith("migration finished successfully"))).toBe(false);
    // The guest is on the source only, still running, and not left locked.
    expect(await ownersOf(VMID)).toEqual([SOURCE]);
    expect((await onHost(SOURCE, ["qm", "status", String(VMID)])).stdout).toBe("status: running\n");
    expect((await onHost(SOURCE, ["qm", "config", String(VMID)])).stdout).not.toMatch(/^lock:/m);
    console.log(`fault figure: target crashed mid-migration → job failed after ${failedAfterMs} ms: ${report?.message}`);

    await labFault("boot", TARGET);
    // pvecm (simulated) starts corosync without enabling it, so a booted lab host does not start
    // it; on a real PVE node corosync is enabled and comes back with the host.
    await onHost(TARGET, ["systemctl", "start", "corosync"]);
    await waitFor("lab2 back in /cluster/status", 45_000, async () => (await onlineNodes()).length === 3, 500);
    const again = await startMigrationJob(TARGET);
    await waitFor("the second migration", 60_000, async () => ended((await jobOf(again)).state), 200);
    expect((await jobOf(again)).state).toBe("succeeded");
    expect(await ownersOf(VMID)).toEqual([TARGET]);
    expect((await logOf(again)).some((l) => /migration finished successfully \(duration 00:00:05\)$/.test(l))).toBe(true);
  }, 150_000);
});
