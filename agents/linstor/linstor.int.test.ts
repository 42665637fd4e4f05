// The LINSTOR agent against the lab's cluster mode. LINSTOR cannot run here: `linstor` on every
// host is the simulator, with one cluster-wide database in /etc/pve/.sim/linstor.json, and
// `pvesm` writes the shared /etc/pve/storage.cfg. The plan goes through the panel's SSH Runner
// like on real hosts; the replicas' sync (Inconsistent → SyncTarget → UpToDate) is the
// simulator's. Fails (never skips) when the lab cannot come up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLab, type TLabStatus } from "@/e2e/lab/lab-env";
import { labRunner, SshPool } from "@/e2e/lab/lab-runner";
import { blockingReports } from "@/lib/reports/report";
import { shScript } from "@/lib/ssh/argv";
import type { Runner } from "@/lib/ssh/runner";
import { waitFor } from "@/lib/testing/wait-for";
import { applyLinstorPlan } from "./apply";
import { ZLinstorDesired, type TLinstorDesiredInput } from "./desired";
import { planLinstorCluster } from "./plan";
import { probeLinstorCluster, probeLinstorHost, type TLinstorClusterObserved, type TLinstorHostObserved } from "./probe";
import { summarizeLinstor } from "./status";
import { parseLinstorDesired } from "./validate";

const HOSTS = ["lab1", "lab2", "lab3"] as const;
const ADDRESS: Record<string, string> = { lab1: "10.99.0.11", lab2: "10.99.0.12", lab3: "10.99.0.13" };
// The replication network: an extra address per host, on lo so it disturbs no route of the lab.
const DATA: Record<string, string> = { lab1: "10.99.1.11", lab2: "10.99.1.12", lab3: "10.99.1.13" };
const SIM_DB = "/etc/pve/.sim/linstor.json";
const STORAGE = "linstor_int";
const RESOURCE = "vm-990-disk-0";

const input = (over: Partial<TLinstorDesiredInput> = {}): TLinstorDesiredInput => ({
  nodes: HOSTS.map((name) => ({ name, address: ADDRESS[name] ?? "", dataAddress: DATA[name] ?? "" })),
  // The lab has no linstor-satellite/-controller units: the simulator is the running cluster.
  manageServices: false,
  controller: { host: "lab1" },
  storagePools: [
    { name: "drbdpool", driver: "lvmthin", backing: "drbdvg/thinpool" },
    { name: "filepool", driver: "filethin", backing: "/var/lib/linstor-pools/filepool" },
  ],
  drbdOptions: { afterSb0pri: "discard-zero-changes", afterSb1pri: "discard-secondary", afterSb2pri: "disconnect", maxBuffers: 36864, cMaxRate: 4194304, cFillTarget: 1048576 },
  resourceGroups: [{ name: "pve_rg", placeCount: 3, storagePool: "drbdpool" }],
  resources: [{ name: RESOURCE, resourceGroup: "pve_rg", sizeMib: 64 }],
  storage: { id: STORAGE, resourceGroup: "pve_rg" },
  ...over,
});
const desired = (over: Partial<TLinstorDesiredInput> = {}) => ZLinstorDesired.parse(input(over));

describe("linstor agent on the lab (simulated LINSTOR)", () => {
  let lab: TLabStatus;
  const pool = new SshPool();
  let runners: Record<string, Runner>;
  const on = (h: string) => runners[h] as Runner;
  const probe = async (): Promise<{ hosts: Record<string, TLinstorHostObserved>; cluster: TLinstorClusterObserved }> => {
    const hosts: Record<string, TLinstorHostObserved> = {};
    for (const h of HOSTS) hosts[h] = await probeLinstorHost(on(h));
    return { hosts, cluster: await probeLinstorCluster(on("lab1")) };
  };

  beforeAll(async () => {
    lab = await ensureLab({ mode: "cluster", nodes: 3 });
    runners = Object.fromEntries(HOSTS.map((h) => [h, labRunner(pool, lab, h)]));
    // A fresh LINSTOR database whose new replicas take 4 s to sync (the simulator's default is 30).
    await on("lab1").run(shScript('mkdir -p "$(dirname -- "$1")" && printf "%s\\n" "$2" > "$1"', [SIM_DB, '{"syncSeconds": 4}']));
    for (const h of HOSTS) await on(h).run(["ip", "addr", "replace", `${DATA[h]}/32`, "dev", "lo"]);
  }, 300_000);

  afterAll(async () => {
    // Back to what cluster mode expects: no LINSTOR database, storage entry, client config or address.
    await on("lab1").run(["pvesm", "remove", STORAGE], { okCodes: "any" });
    await on("lab1").run(["rm", "-f", SIM_DB]);
    for (const h of HOSTS) {
      await on(h).run(["rm", "-rf", "/etc/linstor"]);
      await on(h).run(["ip", "addr", "del", `${DATA[h]}/32`, "dev", "lo"], { okCodes: "any" });
    }
    await pool.closeAll();
  }, 60_000);

  it("refuses hostile names, a too large redundancy and an existing pool name before anything runs", async () => {
    const hostile = parseLinstorDesired(input({ resources: [{ name: "vm-1;reboot", resourceGroup: "pve_rg", sizeMib: 64 }] }));
    expect(hostile.desired).toBeNull();
    expect(hostile.reports.map((r) => [r.code, r.params.field])).toEqual([["LINSTOR_DESIRED_INVALID", "resources.0.name"]]);
    const hostileBacking = parseLinstorDesired(input({ storagePools: [{ name: "drbdpool", driver: "filethin", backing: "/srv/$(reboot)" }] }));
    expect(hostileBacking.reports.map((r) => [r.code, r.params.field])).toEqual([["LINSTOR_DESIRED_INVALID", "storagePools.0.backing"]]);

    const before = await probe();
    expect(before.cluster.nodes).toEqual([]);
    // Three replicas wanted from a pool that only two nodes get.
    const tooMany = planLinstorCluster(
      desired({ storagePools: [{ name: "drbdpool", driver: "lvmthin", backing: "drbdvg/thinpool", nodes: ["lab1", "lab2"] }] }),
      before.hosts,
      before.cluster,
    );
    expect(tooMany.steps).toEqual([]);
    expect(tooMany.reports.map((r) => [r.code, r.params.field])).toEqual([["LINSTOR_REDUNDANCY_EXCEEDS_NODES", "resourceGroups.0.placeCount"]]);
    // Nothing ran: the database is still empty.
    expect((await probeLinstorCluster(on("lab2"))).nodes).toEqual([]);
  }, 60_000);

  it("builds three satellites, places a resource three times and shows it UpToDate; planning again finds nothing", async () => {
    const before = await probe();
    const plan = planLinstorCluster(desired(), before.hosts, before.cluster);
    expect(blockingReports(plan.reports, false)).toEqual([]);
    expect(plan.steps.map((s) => s.id)).toEqual([
      ...HOSTS.flatMap((h) => [`linstor-client-dir-${h}`, `linstor-client-conf-${h}`]),
      ...HOSTS.flatMap((h) => [`linstor-node-${h}`, `linstor-netif-${h}`, `linstor-prefnic-${h}`]),
      ...HOSTS.map((h) => `linstor-pool-drbdpool-${h}`),
      ...HOSTS.map((h) => `linstor-pool-filepool-${h}`),
      "linstor-controller-drbd-options",
      "linstor-rg-pve_rg",
      `linstor-resource-${RESOURCE}`,
      `linstor-storage-${STORAGE}`,
    ]);
    const result = await applyLinstorPlan(plan, runners);
    expect(result.failure).toBeNull();
    expect(result.outcome).toBe("succeeded");
    // A resumed job finds every step done by its check.
    const rerun = await applyLinstorPlan(plan, runners);
    expect(rerun.outcome).toBe("succeeded");
    expect(plan.steps.filter((_, i) => rerun.states[i]?.status !== "skipped").map((s) => s.id)).toEqual([]);

    // Any node's client now reaches the controller through the written client config.
    const seen = await probeLinstorCluster(on("lab3"));
    expect(seen.nodes?.map((n) => [n.name, n.online, n.netInterfaces.map((i) => `${i.name}=${i.address}`)])).toEqual(
      HOSTS.map((h) => [h, true, [`default=${ADDRESS[h]}`, `data=${DATA[h]}`]]),
    );
    expect(Object.fromEntries(HOSTS.map((h) => [h, seen.nodeProps?.[h]?.PrefNic]))).toEqual({ lab1: "data", lab2: "data", lab3: "data" });
    expect(seen.storagePools?.filter((p) => p.pool === "filepool").map((p) => [p.node, p.providerKind])).toEqual(HOSTS.map((h) => [h, "FILE_THIN"]));

    const summary = () => summarizeLinstor(seen.nodes ?? [], seen.storagePools ?? [], seen.resources ?? []);
    expect(summary().resources.map((r) => [r.name, r.diskful])).toEqual([[RESOURCE, 3]]);
    await waitFor(`${RESOURCE} UpToDate on all three nodes`, 30_000, async () => {
      Object.assign(seen, await probeLinstorCluster(on("lab1")));
      return summary().ok;
    });
    const s = summary();
    expect(s.problems).toEqual([]);
    expect(s.resources).toEqual([
      {
        name: RESOURCE,
        diskful: 3,
        upToDate: 3,
        healthy: true,
        replicas: HOSTS.map((node) => ({ node, disk: "UpToDate", diskless: false, syncPercent: null, disconnectedFrom: [], inUse: false })),
      },
    ]);

    const after = await probe();
    expect(after.cluster.controllerProps).toMatchObject({ "DrbdOptions/Net/after-sb-0pri": "discard-zero-changes", "DrbdOptions/Net/max-buffers": "36864" });
    expect(after.cluster.storages?.find((e) => e.id === STORAGE)).toMatchObject({ type: "drbd", resourcegroup: "pve_rg", controller: ADDRESS.lab1 });
    const again = planLinstorCluster(desired(), after.hosts, after.cluster);
    expect(again.reports).toEqual([]);
    expect(again.steps).toEqual([]);

    // An existing pool name with another driver is refused, naming the field.
    const clash = planLinstorCluster(desired({ storagePools: [{ name: "drbdpool", driver: "zfsthin", backing: "tank/drbd" }] }), after.hosts, after.cluster);
    expect(clash.steps).toEqual([]);
    expect(clash.reports.map((r) => [r.code, r.params.field, r.params.host])).toEqual(
      HOSTS.map((h) => ["LINSTOR_STORAGE_POOL_EXISTS", "storagePools.0.name", h]),
    );
  }, 90_000);
});
