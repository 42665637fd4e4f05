// Storage, replication, HA and migration on a 3-node Proxmox cluster the cluster agent builds
// from the lab's bare hosts (simulated pvecm, pvesm, pvesr, ha-manager, qm over the real
// corosync). Guests are seeded with `sim-pve seed-guest`; a failing replication run comes
// from `sim-pve replication-fail`, a migration failing half-way from a `sim-fault` rule.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLab, labDown, type TLabStatus } from "@/e2e/lab/lab-env";
import { labRunner, SshPool } from "@/e2e/lab/lab-runner";
import type { Runner } from "@/lib/ssh/runner";
import { waitFor } from "@/lib/testing/wait-for";
import { applyPvePlan } from "./apply";
import { planPveCluster } from "./cluster/plan";
import { probePveNode } from "./cluster/probe";
import { probePveClusterView, type TPveClusterView } from "./cluster-view";
import { planHaMaintenance } from "./ha/maintenance";
import { planPveHa } from "./ha/plan";
import { haHealth } from "./ha/status";
import { precheckMigration } from "./migrate/precheck";
import { migrateGuest, type TMigrationProgress } from "./migrate/run";
import { parseHaManagerStatus } from "./parse-ha-manager-status";
import { planPveReplication } from "./replication/plan";
import { probeReplicationStates, runReplicationNowArgv } from "./replication/probe";
import { replicationHealth } from "./replication/status";
import { planPveStorage } from "./storage/plan";
import { probePveStorage } from "./storage/probe";

const HOSTS = ["lab1", "lab2", "lab3"] as const;
const CLUSTER = { clusterName: "labpve", nodes: [1, 2, 3].map((i) => ({ name: `lab${i}`, link0: `10.99.0.1${i}` })) };
const STORAGE = [
  { type: "zfspool", id: "local-zfs", pool: "rpool/data", content: ["images", "rootdir"], sparse: true },
  { type: "nfs", id: "shared-nfs", server: "10.99.0.1", export: "/srv/pve", path: "/mnt/pve/shared-nfs", content: ["images"] },
  { type: "nfs", id: "backup", server: "10.99.0.1", export: "/srv/backup", path: "/mnt/pve/backup", content: ["backup"], maxBackups: 3 },
];
const failedLog = readFileSync(path.join(import.meta.dirname, "__fixtures__", "qm-migrate-pve7-online-failed.log"), "utf8");

describe("Proxmox guests on a lab cluster: storage, replication, HA, migration", () => {
  let lab: TLabStatus;
  const pool = new SshPool({ connectTimeoutMs: 3_000, connectAttempts: 1 });
  let runners: Record<string, Runner>;
  const run = (h: string) => runners[h] as Runner;
  const view = (vmids: number[] = []): Promise<TPveClusterView> => probePveClusterView(run("lab1"), { guestConfigsFor: vmids });
  const sim = (h: string, ...args: string[]) => run(h).run(["sim-pve", ...args]);

  beforeAll(async () => {
    lab = await ensureLab({ mode: "bare", nodes: 3 });
    runners = Object.fromEntries(HOSTS.map((h) => [h, labRunner(pool, lab, h)]));
    const observed = Object.fromEntries(await Promise.all(HOSTS.map(async (h) => [h, await probePveNode(run(h))] as const)));
    const cluster = await applyPvePlan(planPveCluster(CLUSTER, observed, { joinPassword: "lab" }), runners);
    expect(cluster.failure).toBeNull();
    await waitFor("3 nodes online in /cluster/status", 45_000, async () => (await view()).status.nodes.every((n) => n.online === true));
  }, 300_000);

  afterAll(async () => {
    await pool.closeAll();
    await labDown();
  }, 120_000);

  it("storage.cfg: adds zfspool and NFS entries through pvesm, then finds nothing to change", async () => {
    const plan = planPveStorage(STORAGE, await probePveStorage(run("lab1")), "lab1");
    expect(plan.steps.map((s) => s.id)).toEqual(["pvesm-add-local-zfs", "pvesm-add-shared-nfs", "pvesm-add-backup"]);
    expect((await applyPvePlan(plan, runners)).failure).toBeNull();
    const after = await probePveStorage(run("lab2"));
    expect(after.find((e) => e.id === "backup")).toMatchObject({ type: "nfs", server: "10.99.0.1", export: "/srv/backup", content: ["backup"], extra: { "prune-backups": "keep-last=3" } });
    expect(planPveStorage(STORAGE, after, "lab1").steps).toEqual([]);
    const wider = [{ ...STORAGE[2], content: ["backup", "iso"] }];
    const changed = planPveStorage(wider, after, "lab1");
    expect(changed.steps.map((s) => s.action)).toEqual([{ kind: "command", argv: ["pvesm", "set", "backup", "--content", "backup,iso"] }]);
    expect((await applyPvePlan(changed, runners)).failure).toBeNull();
    expect(planPveStorage(wider, await probePveStorage(run("lab3")), "lab1").steps).toEqual([]);
  }, 60_000);

  it("replication: one job syncs, one fails with the pvesr error; bad jobs are refused", async () => {
    await sim("lab1", "seed-guest", "lab1", "100", "--disk", "local-zfs:8", "--running");
    await sim("lab1", "seed-guest", "lab1", "101", "--disk", "local-zfs:4", "--running");
    const desired = {
      jobs: [
        { guest: 100, target: "lab2", schedule: "*/5", rate: 50, rpoMinutes: 10 },
        { guest: 101, target: "lab3", schedule: "*/5", rpoMinutes: 10 },
      ],
    };
    const plan = planPveReplication(desired, await view([100, 101]), "lab1");
    expect(plan.reports).toEqual([]);
    expect(plan.steps.map((s) => s.action)).toEqual([
      { kind: "command", argv: ["pvesr", "create-local-job", "100-0", "lab2", "--schedule", "*/5", "--rate", "50"] },
      { kind: "command", argv: ["pvesr", "create-local-job", "101-0", "lab3", "--schedule", "*/5"] },
    ]);
    expect((await applyPvePlan(plan, runners)).failure).toBeNull();
    expect(planPveReplication(desired, await view([100, 101]), "lab1").steps).toEqual([]);

    await run("lab1").run(runReplicationNowArgv("100-0"));
    await sim("lab1", "replication-fail", "101-0", "command 'zfs snapshot rpool/data/vm-101-disk-0@__replicate_101-0_1__' failed: exit code 1");
    const failed = await run("lab1").run(runReplicationNowArgv("101-0"), { okCodes: "any" });
    expect(failed.code).toBe(255);
    const v = await view();
    const health = replicationHealth(v.replication, await probeReplicationStates(run("lab1"), ["lab1", "lab2", "lab3"]), {
      nowSeconds: Date.now() / 1000,
      rpoMinutesByJob: { "100-0": 10, "101-0": 10 },
    });
    expect(health.map((h) => [h.id, h.state, h.failCount, h.target])).toEqual([
      ["100-0", "ok", 0, "lab2"],
      ["101-0", "failing", 1, "lab3"],
    ]);
    expect(health[0]?.lagSeconds).toBeLessThan(60);
    expect(health[0]?.durationSeconds).toBeGreaterThan(0);
    expect(health[1]?.reports.map((r) => r.code)).toEqual(["PVE_REPL_FAILING"]);
    expect(health[1]?.error).toContain("zfs snapshot");

    const bad = planPveReplication({ jobs: [{ guest: 100, target: "lab1" }, { guest: 999, target: "lab2" }] }, v, "lab1");
    expect(bad.steps).toEqual([]);
    expect(bad.reports.map((r) => r.code)).toEqual(["PVE_REPL_TARGET_IS_SOURCE", "PVE_REPL_NO_SUCH_GUEST"]);
  }, 60_000);

  it("HA: a group and a replicated guest are enrolled; a guest on local storage is refused; status names master and LRMs", async () => {
    await sim("lab1", "seed-guest", "lab1", "102", "--disk", "local-zfs:4", "--running");
    const refused = planPveHa({ pveMajor: 8, resources: [{ vmid: 102 }] }, await view([102]), "lab1");
    expect(refused.steps).toEqual([]);
    expect(refused.reports.map((r) => [r.code, r.params.vmid])).toEqual([["PVE_HA_LOCAL_STORAGE", 102]]);

    const desired = {
      pveMajor: 8 as const,
      groups: [{ id: "prefer-lab1", nodes: [{ node: "lab1", priority: 2 }, { node: "lab2", priority: 1 }], restricted: true }],
      resources: [{ vmid: 100, maxRestart: 2, maxRelocate: 1, group: "prefer-lab1" }],
    };
    const plan = planPveHa(desired, await view([100]), "lab1");
    expect(plan.reports.map((r) => r.code)).toEqual(["PVE_HA_REPLICATED_DATA_LOSS"]);
    expect(plan.steps.map((s) => s.action)).toEqual([
      { kind: "command", argv: ["ha-manager", "groupadd", "prefer-lab1", "--nodes", "lab1:2,lab2:1", "--restricted", "1"] },
      { kind: "command", argv: ["ha-manager", "add", "vm:100", "--state", "started", "--max_restart", "2", "--max_relocate", "1", "--group", "prefer-lab1"] },
    ]);
    expect((await applyPvePlan(plan, runners)).failure).toBeNull();
    expect(planPveHa(desired, await view([100]), "lab1").steps).toEqual([]);

    const status = () => run("lab2").run(["ha-manager", "status"]).then((r) => parseHaManagerStatus(r.stdout));
    const health = haHealth(await status());
    expect(health).toMatchObject({ quorate: true, master: { node: "lab1", state: "active" } });
    expect(health.lrms.map((l) => [l.node, l.ok])).toEqual([["lab1", true], ["lab2", true], ["lab3", true]]);
    expect(health.services).toEqual([{ sid: "vm:100", node: "lab1", state: "started", ok: true }]);

    const enter = planHaMaintenance({ node: "lab3", enable: true }, await status(), "lab1");
    expect((await applyPvePlan(enter, runners)).failure).toBeNull();
    expect(haHealth(await status()).lrms.find((l) => l.node === "lab3")?.maintenance).toBe(true);
    expect(planHaMaintenance({ node: "lab3", enable: true }, await status(), "lab1").steps).toEqual([]);
    expect((await applyPvePlan(planHaMaintenance({ node: "lab3", enable: false }, await status(), "lab1"), runners)).failure).toBeNull();
    expect(haHealth(await status()).lrms.find((l) => l.node === "lab3")?.maintenance).toBe(false);
  }, 60_000);

  it("migration: prechecks refuse bad moves; an online migration reports progress, duration and downtime; a half-way failure carries its log lines", async () => {
    await sim("lab1", "seed-guest", "lab1", "104", "--disk", "shared-nfs:8", "--memory", "1024", "--running");
    await sim("lab1", "seed-guest", "lab1", "105", "--disk", "shared-nfs:8", "--usb", "--running");
    await sim("lab1", "node-down", "lab3");
    try {
      const v = await view([104, 105]);
      expect(precheckMigration({ vmid: 999, target: "lab2" }, v).map((r) => r.code)).toEqual(["PVE_MIGRATE_NO_SUCH_GUEST"]);
      expect(precheckMigration({ vmid: 104, target: "lab3" }, v).map((r) => r.code)).toEqual(["PVE_MIGRATE_TARGET_OFFLINE"]);
      expect(precheckMigration({ vmid: 105, target: "lab2" }, v).map((r) => [r.code, r.params.devices])).toEqual([["PVE_MIGRATE_LOCAL_DEVICES", ["usb0"]]]);
      expect(precheckMigration({ vmid: 104, target: "lab2" }, v)).toEqual([]);
    } finally {
      await sim("lab1", "node-up", "lab3");
    }

    const progress: TMigrationProgress[] = [];
    const done = await migrateGuest(run("lab1"), { vmid: 104, kind: "qemu", target: "lab2", online: true }, { onProgress: (p) => progress.push(p), pollMs: 300 });
    expect(done.reports).toEqual([]);
    expect(done).toMatchObject({ ok: true, exitCode: 0, durationSeconds: 5 });
    expect(done.downtimeMs).toBeGreaterThan(0);
    const percents = progress.map((p) => p.percent).filter((p): p is number => p !== null);
    expect(percents.some((p) => p > 0 && p < 100)).toBe(true);
    expect(percents.at(-1)).toBe(100);
    const moved = await view([104]);
    expect(moved.resources.guests.find((g) => g.vmid === 104)?.node).toBe("lab2");
    expect(precheckMigration({ vmid: 104, target: "lab2" }, moved).map((r) => r.code)).toEqual(["PVE_MIGRATE_TARGET_IS_SOURCE"]);

    await run("lab2").run(["sim-fault", "add", JSON.stringify({ command: "qm", argsPattern: "^migrate 104 ", exitCode: 255, stdout: failedLog, stderr: "migration problems\n", hangMs: 1500, remaining: 1 })]);
    const failed = await migrateGuest(run("lab2"), { vmid: 104, kind: "qemu", target: "lab1", online: true }, { pollMs: 300 });
    expect(failed.ok).toBe(false);
    expect(failed.reports.map((r) => r.code)).toEqual(["PVE_MIGRATE_FAILED"]);
    expect(failed.reports[0]?.message).toContain("online migrate failure - aborting");
    expect(failed.reports[0]?.params.logLines).toEqual(expect.arrayContaining(["2024-05-02 14:00:05 ERROR: online migrate failure - aborting", "TASK ERROR: migration problems"]));
  }, 90_000);
});
