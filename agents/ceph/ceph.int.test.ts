// The Ceph agent against the lab with --ceph: lab1 runs a real Ceph 16 (1 mon, 1 mgr, 3
// memstore OSDs). pveceph is simulated on every host; its install/init/mon/mgr/osd steps act
// on simulated disks, while `pveceph pool create` and `ceph` on lab1 drive the real cluster,
// so the pool, its settings and the health below are Ceph's own. Fails (never skips) when the
// lab cannot come up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLab, type TLabStatus } from "@/e2e/lab/lab-env";
import { labRunner, SshPool } from "@/e2e/lab/lab-runner";
import { blockingReports } from "@/lib/reports/report";
import type { Runner } from "@/lib/ssh/runner";
import { waitFor } from "@/lib/testing/wait-for";
import { applyCephPlan } from "./apply";
import { ZCephDesired, type TCephDesiredInput } from "./desired";
import { summarizeCephHealth } from "./health";
import { planCephCluster } from "./plan";
import { probeCephHost, type TCephHostObserved } from "./probe";

const HOSTS = ["lab1", "lab2", "lab3"] as const;
const POOL = "panelpool";

const desired = (over: Partial<TCephDesiredInput> = {}) =>
  ZCephDesired.parse({
    nodes: [...HOSTS],
    network: "10.99.0.0/24",
    monitors: [...HOSTS],
    managers: [...HOSTS],
    osds: HOSTS.map((host) => ({ host, disk: "/dev/sdb" })),
    pools: [{ name: POOL, size: 3, minSize: 2, pgNum: 16, storage: { id: POOL } }],
    ...over,
  });

describe("ceph agent on the lab's real Ceph", () => {
  let lab: TLabStatus;
  const pool = new SshPool();
  let runners: Record<string, Runner>;
  const on = (h: string) => runners[h] as Runner;
  // Hosts in parallel: each simulator call starts a node process, and the budget is ~90 s.
  const eachHost = (fn: (h: (typeof HOSTS)[number]) => Promise<unknown>) => Promise.all(HOSTS.map(fn));
  const probeAll = async (): Promise<Record<string, TCephHostObserved>> =>
    Object.fromEntries(await Promise.all(HOSTS.map(async (h) => [h, await probeCephHost(on(h))] as const)));

  beforeAll(async () => {
    lab = await ensureLab({ mode: "cluster", nodes: 3, ceph: true });
    runners = Object.fromEntries(HOSTS.map((h) => [h, labRunner(pool, lab, h)]));
    await eachHost(async (h) => {
      await on(h).run(["sim-disks", "clear"]);
      await on(h).run(["sim-disks", "add", "sdb", "10G", "--ssd"]);
    });
    await on("lab2").run(["sim-disks", "add", "sdc", "10G", "--partitions", "1", "--part-fstype", "ext4"]);
  }, 300_000);

  afterAll(async () => {
    // Back to what the mode expects: no pool of ours in the real cluster, no simulated Ceph.
    const lab1 = on("lab1");
    await lab1.run(["/usr/bin/ceph", "osd", "pool", "rm", POOL, POOL, "--yes-i-really-really-mean-it"], { okCodes: "any" });
    await lab1.run(["pvesm", "remove", POOL], { okCodes: "any" });
    await lab1.run(["rm", "-f", "/etc/pve/ceph.conf", "/etc/pve/.sim/ceph.json"]);
    await eachHost(async (h) => {
      await on(h).run(["rm", "-f", "/var/lib/panel-sim/ceph-installed.json"]);
      await on(h).run(["sim-disks", "clear"]);
    });
    await pool.closeAll();
  }, 60_000);

  it("refuses min_size 1 and a partitioned disk before anything runs", async () => {
    const observed = await probeAll();
    const minSizeOne = planCephCluster(desired({ pools: [{ name: POOL, size: 2, minSize: 1 }] }), observed);
    expect(minSizeOne.steps).toEqual([]);
    expect(minSizeOne.reports.map((r) => [r.code, r.params.field])).toEqual([["CEPH_POOL_MIN_SIZE_ONE", "pools.0.minSize"]]);

    const partitioned = planCephCluster(desired({ osds: [{ host: "lab2", disk: "/dev/sdc" }] }), observed);
    expect(partitioned.steps).toEqual([]);
    expect(partitioned.reports.filter((r) => r.severity === "error").map((r) => [r.code, r.params.field, r.params.usedBy])).toEqual([
      ["CEPH_OSD_DISK_IN_USE", "osds.0.disk", ["partition sdc1"]],
    ]);
    const after = await probeAll();
    expect(HOSTS.map((h) => after[h]?.pveceph)).toEqual(["not-installed", "not-installed", "not-installed"]);
  }, 60_000);

  it("builds Ceph, creates a size 3 / min_size 2 pool on the real cluster, shows its health; planning again finds nothing", async () => {
    const observed = await probeAll();
    // lab1's real monitor is already in quorum; everything else is still to do.
    const plan = planCephCluster(desired(), observed);
    expect(plan.steps.map((s) => s.id)).toEqual([
      "ceph-install-lab1",
      "ceph-install-lab2",
      "ceph-install-lab3",
      "ceph-init",
      "ceph-mon-lab2",
      "ceph-mon-lab3",
      "ceph-mgr-lab1",
      "ceph-mgr-lab2",
      "ceph-mgr-lab3",
      "ceph-osd-lab1-sdb",
      "ceph-osd-lab2-sdb",
      "ceph-osd-lab3-sdb",
      `ceph-pool-${POOL}`,
      `ceph-storage-${POOL}`,
    ]);
    expect(blockingReports(plan.reports, false)).toEqual([]);
    expect(plan.reports.find((r) => r.code === "CEPH_CAPACITY_AFTER_HOST_LOSS")?.params).toMatchObject({ poolSize: 3, hostsBefore: 3, hostsAfter: 2 });

    const result = await applyCephPlan(plan, runners);
    expect(result.failure).toBeNull();
    expect(result.outcome).toBe("succeeded");

    // The pool is the real cluster's, with the settings asked for.
    const real = JSON.parse((await on("lab1").run(["/usr/bin/ceph", "osd", "pool", "ls", "detail", "-f", "json"])).stdout) as { pool_name: string; size: number; min_size: number; pg_autoscale_mode: string }[];
    expect(real.find((p) => p.pool_name === POOL)).toMatchObject({ size: 3, min_size: 2, pg_autoscale_mode: "on" });

    let lab1: TCephHostObserved | undefined;
    await waitFor("the real cluster to report HEALTH_OK with the new pool's PGs active+clean", 60_000, async () => {
      lab1 = await probeCephHost(on("lab1"));
      return lab1.status !== null && summarizeCephHealth(lab1.status, lab1.tree).ok;
    });
    const status = lab1?.status;
    if (!status) throw new Error("no status from lab1");
    const health = summarizeCephHealth(status, lab1?.tree ?? null, lab1?.pools ?? null, lab1?.poolUsage ?? null);
    expect(health).toMatchObject({ health: "HEALTH_OK", ok: true, monitors: { inQuorum: ["lab1"] }, osds: { total: 3, up: 3, in: 3 } });
    expect(health.hosts).toEqual([{ name: "lab1", osds: 3, down: [], out: [] }]);
    expect(lab1?.pools?.find((p) => p.name === POOL)).toMatchObject({ size: 3, minSize: 2, autoscaleMode: "on", applications: ["rbd"] });
    // Usage is the real cluster's `ceph df`: a new, empty pool on 3 memstore OSDs.
    const row = health.pools.find((p) => p.name === POOL);
    expect(row).toMatchObject({ size: 3, minSize: 2, autoscaleMode: "on", storedBytes: 0, usedRatio: 0 });
    expect(row?.maxAvailBytes).toBeGreaterThan(0);

    const again = await probeAll();
    expect(again.lab1?.storages?.find((s) => s.id === POOL)).toMatchObject({ type: "rbd", pool: POOL });
    expect(planCephCluster(desired(), again).steps).toEqual([]);

    // The same pool name with other settings is refused, not changed.
    const clash = planCephCluster(desired({ pools: [{ name: POOL, size: 3, minSize: 2, pgAutoscaleMode: "warn" }] }), again);
    expect(clash.steps).toEqual([]);
    expect(clash.reports.filter((r) => r.severity === "error").map((r) => [r.code, r.params.field])).toEqual([["CEPH_POOL_EXISTS", "pools.0.name"]]);
  }, 120_000);
});
