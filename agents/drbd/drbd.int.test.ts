// The DRBD agent against two bare lab hosts: the real drbdadm (9.22, and drbdadm-84 under an
// 8.4 kernel) validates and drives the simulated DRBD kernel. Configs are written and checked
// on the hosts, a new resource goes through create-md, up, the initial sync and the Pacemaker
// handoff; then a disconnect/reconnect and a split brain with its confirmed recovery.
// Fails (never skips) when the lab cannot come up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLab, type TLabStatus } from "@/e2e/lab/lab-env";
import { labRunner, SshPool } from "@/e2e/lab/lab-runner";
import { blockingReports } from "@/lib/reports/report";
import type { Runner } from "@/lib/ssh/runner";
import { applyDrbdPlan } from "./apply";
import { drbdResourceView } from "./dashboard";
import { diskPathsFor, planDrbdResource, type TDrbdPlanOptions } from "./plan";
import { probeDrbdResource, readDrbdResourceState, type TDrbdObserved } from "./probe";
import { ZDrbdResourceConfig, type TDrbdResourceConfig, type TDrbdResourceConfigInput } from "./res-model";
import { detectDrbdSplitBrain, planDrbdSplitBrainRecovery } from "./split-brain";
import { watchDrbdSync } from "./watch";

const HOSTS = ["lab1", "lab2"] as const;
// Devices nobody else in the lab uses; the simulator keeps meta-data per host by path.
const DISK = "/dev/loop6";
const DISK84 = "/dev/loop7";

const resource = (input: Partial<TDrbdResourceConfigInput> & { name: string; minor: number; port: number; disk: string }): TDrbdResourceConfig => {
  const { minor, port, disk, ...rest } = input;
  return ZDrbdResourceConfig.parse({
    protocol: "C",
    net: { cramHmacAlg: "sha256", sharedSecret: "lab secret 42", afterSb0pri: "disconnect", afterSb1pri: "disconnect", afterSb2pri: "disconnect" },
    disk: { cPlanAhead: 20, cFillTarget: "1M", cMaxRate: "200M", cMinRate: "4M" },
    volumes: [{ volume: 0, device: `/dev/drbd${minor}`, minor, disk }],
    hosts: [
      { name: "lab1", nodeId: 0, address: { host: "10.99.0.11", port } },
      { name: "lab2", nodeId: 1, address: { host: "10.99.0.12", port } },
    ],
    ...rest,
  });
};

const vmdata = resource({ name: "vmdata", minor: 20, port: 7820, disk: DISK });

describe("DRBD agent on two bare lab hosts", () => {
  let lab: TLabStatus;
  const pool = new SshPool({ connectTimeoutMs: 5_000 });
  let runners: Record<string, Runner>;
  const sh = (host: string, argv: string[]) => (runners[host] as Runner).run(argv, { okCodes: "any" });
  const probeAll = async (m: TDrbdResourceConfig): Promise<Record<string, TDrbdObserved>> =>
    Object.fromEntries(
      await Promise.all(
        HOSTS.map(async (h) => [h, await probeDrbdResource(runners[h] as Runner, { name: m.name, minors: m.volumes.map((v) => v.minor), diskPaths: diskPathsFor(m, h) })] as const),
      ),
    );
  const stateOf = async (name: string, minor: number) =>
    Object.fromEntries(await Promise.all(HOSTS.map(async (h) => [h, await readDrbdResourceState(runners[h] as Runner, name, [minor])] as const)));

  // drbdsetup, not drbdadm: it needs no config, so a half-written or foreign .res cannot stop it.
  const cleanup = async () => {
    for (const h of HOSTS) {
      await sh(h, ["sim-drbd", "version", "9"]);
      for (const [name, minor, disk, v] of [["vmdata", 20, DISK, "v09"], ["old84", 21, DISK84, "v08"]] as const) {
        await sh(h, ["drbdsetup", "down", name]);
        await sh(h, ["drbdmeta", "--force", String(minor), v, disk, "internal", "wipe-md"]);
        await sh(h, ["rm", "-f", `/etc/drbd.d/${name}.res`]);
      }
      await sh(h, ["sim-disks", "remove", "loop5"]);
      await sh(h, ["sim-disks", "remove", "loop6"]);
    }
  };

  beforeAll(async () => {
    lab = await ensureLab({ mode: "bare", nodes: 2 });
    runners = Object.fromEntries(HOSTS.map((h) => [h, labRunner(pool, lab, h)]));
    await cleanup();
    for (const h of HOSTS) await sh(h, ["sim-drbd", "wipe"]);
  }, 300_000);

  afterAll(async () => {
    await cleanup();
    await pool.closeAll();
  }, 60_000);

  it("refuses before writing: a mounted backing disk, a missing one, and disks of different sizes", async () => {
    await sh("lab1", ["sim-disks", "add", "loop5", "1G", "--mounted", "/srv/images"]);
    await sh("lab1", ["sim-disks", "add", "loop6", "1G"]);
    await sh("lab2", ["sim-disks", "add", "loop6", "2G"]);
    const mounted = resource({ name: "vmdata", minor: 20, port: 7820, disk: "/dev/loop5" });
    const bad: TDrbdResourceConfig = { ...mounted, hosts: mounted.hosts.map((h, i) => (i === 1 ? { ...h, volumes: [{ volume: 0, disk: "/dev/panel-no-such-disk" }] } : h)) };
    const plan = planDrbdResource(bad, await probeAll(bad), { generation: "9", initialSyncSource: "lab1" });
    expect(plan.steps).toEqual([]);
    expect(plan.reports.map((r) => [r.code, r.params.host, r.params.field])).toEqual([
      ["DRBD_DISK_MOUNTED", "lab1", "volumes.0.disk"],
      ["DRBD_DISK_MISSING", "lab2", "hosts.1.volumes.0.disk"],
    ]);

    try {
      const sizes = planDrbdResource(vmdata, await probeAll(vmdata), { generation: "9", initialSyncSource: "lab1" });
      expect(sizes.reports.map((r) => [r.severity, r.code])).toEqual([["warning", "DRBD_DISK_SIZE_MISMATCH"]]);
      expect(sizes.reports[0]?.params.sizes).toEqual({ lab1: 1073741824, lab2: 2147483648 });
    } finally {
      await sh("lab2", ["sim-disks", "add", "loop6", "1G"]);
    }
  }, 30_000);

  it("a config the real drbdadm rejects is not moved into /etc/drbd.d; the report shows drbdadm's message", async () => {
    const broken: TDrbdResourceConfig = { ...vmdata, net: { ...vmdata.net, extra: { "max-buffers": "lots" } } };
    const plan = planDrbdResource(broken, await probeAll(broken), { generation: "9", initialSyncSource: "lab1" });
    expect(plan.reports).toEqual([]);
    const result = await applyDrbdPlan(plan, runners);
    expect(result.outcome).toBe("failed");
    expect(result.failure).toMatchObject({ code: "STEP_FAILED", params: { host: "lab1", stepId: "drbd-res-lab1", cause: "FILE_VALIDATION_FAILED" } });
    expect(result.failure?.message).toMatch(/Parse error: while parsing value \('lots'\)\s+for max-buffers/);
    expect((await sh("lab1", ["ls", "-A", "/etc/drbd.d"])).stdout).not.toMatch(/vmdata/);
  }, 30_000);

  it("creates a DRBD 9 resource: config checked by drbdadm, create-md, up, initial sync from the chosen host, demoted for Pacemaker", async () => {
    const opts: TDrbdPlanOptions = { generation: "9", initialSyncSource: "lab1", handoff: { kind: "pacemaker" } };
    const plan = planDrbdResource(vmdata, await probeAll(vmdata), opts);
    expect(plan.steps.map((s) => [s.id, s.destructive, s.sensitive])).toEqual([
      ["drbd-res-lab1", false, true],
      ["drbd-res-lab2", false, true],
      ["drbd-create-md-lab1", true, false],
      ["drbd-create-md-lab2", true, false],
      ["drbd-up-lab1", false, false],
      ["drbd-up-lab2", false, false],
      ["drbd-initial-sync-lab1", true, false],
      ["drbd-demote-lab1", false, false],
    ]);
    expect(blockingReports(plan.steps.flatMap((s) => s.reports), false).map((r) => r.code)).toEqual(["DRBD_INITIAL_SYNC_OVERWRITES"]);
    expect(plan.diffs[0]?.after).toContain('shared-secret "********";');

    const logged: string[] = [];
    const result = await applyDrbdPlan(plan, runners, { onEvent: (e) => void (e.type === "log" && logged.push(e.line)) });
    expect(result.failure).toBeNull();
    expect(logged.join("\n")).not.toContain("lab secret 42");
    expect((await sh("lab2", ["stat", "-c", "%a", "/etc/drbd.d/vmdata.res"])).stdout.trim()).toBe("600");

    const during = drbdResourceView("vmdata", await stateOf("vmdata", 20));
    expect(during.health).toBe("syncing");
    expect(during.hosts.map((h) => h.role)).toEqual(["Secondary", "Secondary"]);
    expect(during.sync?.percent).toBeLessThan(100);
    expect(during.sync?.speedKiBps).toBeGreaterThan(0);
    const done = await watchDrbdSync(runners, { name: "vmdata", minors: [20] }, { timeoutMs: 40_000 });
    expect(done.health).toBe("ok");

    const again = await probeAll(vmdata);
    expect(again.lab1?.kernelLog.map((e) => e.kind)).toEqual(expect.arrayContaining(["resync-started", "resync-done"]));
    expect(planDrbdResource(vmdata, again, opts).steps).toEqual([]);
  }, 90_000);

  it("disconnect, writes on the Primary, reconnect: the dashboard sees StandAlone, then a resync of what was written", async () => {
    await sh("lab1", ["drbdadm", "primary", "vmdata"]);
    await sh("lab1", ["drbdadm", "disconnect", "vmdata"]);
    await sh("lab1", ["sim-drbd", "write", "vmdata", "40960"]);
    const apart = drbdResourceView("vmdata", await stateOf("vmdata", 20));
    expect(apart.health).toBe("degraded");
    expect(apart.alerts.map((a) => [a.code, a.params.host])).toEqual([
      ["DRBD_STANDALONE", "lab1"],
      ["DRBD_DISCONNECTED", "lab2"],
    ]);
    expect(detectDrbdSplitBrain("vmdata", await probeAll(vmdata)).splitBrain).toBe(false);

    await sh("lab1", ["drbdadm", "connect", "vmdata"]);
    await watchDrbdSync(runners, { name: "vmdata", minors: [20] }, { timeoutMs: 20_000 });
    const log = (await probeAll(vmdata)).lab2?.kernelLog ?? [];
    expect(log.filter((e) => e.kind === "resync-started").at(-1)?.text).toBe("Began resync as SyncTarget (will sync 40960 KB [10240 bits set]).");
  }, 60_000);

  it("split brain: detected with evidence per node, refused without the typed name, recovered on the victim, resynced", async () => {
    await sh("lab1", ["drbdadm", "disconnect", "vmdata"]);
    await sh("lab1", ["sim-drbd", "write", "vmdata", "30000"]);
    // A failover that should not have happened: lab2 promoted while cut off, and written to.
    await sh("lab2", ["drbdadm", "primary", "vmdata"]);
    await sh("lab2", ["sim-drbd", "write", "vmdata", "5000"]);
    await sh("lab2", ["drbdadm", "secondary", "vmdata"]);
    await sh("lab1", ["drbdadm", "connect", "vmdata"]);

    const observed = await probeAll(vmdata);
    const d = detectDrbdSplitBrain("vmdata", observed);
    expect(d.splitBrain).toBe(true);
    expect(d.signs.map((s) => s.code)).toEqual(expect.arrayContaining(["DRBD_SPLIT_BRAIN_LOGGED", "DRBD_STANDALONE", "DRBD_DATA_DIVERGED"]));
    expect(d.nodes.map((n) => [n.host, n.role, n.connection, n.outOfSyncKiB, n.splitBrainLogged])).toEqual([
      ["lab1", "Primary", "StandAlone", 30000, true],
      ["lab2", "Secondary", "StandAlone", 5000, true],
    ]);
    expect(d.nodes[0]?.gi?.current).not.toBe(d.nodes[1]?.gi?.current);
    expect(d.recommendedVictim).toBe("lab2");
    expect(drbdResourceView("vmdata", await stateOf("vmdata", 20), { lab1: observed.lab1?.kernelLog ?? [] }).health).toBe("split-brain");

    const refused = planDrbdSplitBrainRecovery(d, { victim: "lab2", confirmation: "yes" });
    expect(refused.steps).toEqual([]);
    expect(refused.reports.map((r) => r.code)).toEqual(["DRBD_SPLIT_BRAIN_CONFIRMATION_MISMATCH"]);

    const plan = planDrbdSplitBrainRecovery(d, { victim: "lab2", confirmation: "vmdata" });
    expect(plan.steps.map((s) => [s.host, s.action.kind === "command" ? s.action.argv.join(" ") : "", s.destructive])).toEqual([
      ["lab2", "drbdadm connect --discard-my-data vmdata", true],
      ["lab1", "drbdadm connect vmdata", false],
    ]);
    const result = await applyDrbdPlan(plan, runners);
    expect(result.failure).toBeNull();
    await watchDrbdSync(runners, { name: "vmdata", minors: [20] }, { timeoutMs: 20_000 });

    const after = await probeAll(vmdata);
    expect(after.lab2?.kernelLog.at(-1)?.kind).toBe("resync-done");
    expect(after.lab2?.kernelLog.some((e) => e.text === "Split-Brain detected, manually solved. Sync from peer node")).toBe(true);
    expect(after.lab1?.gi[0]?.current).toBe(after.lab2?.gi[0]?.current);
    expect(detectDrbdSplitBrain("vmdata", after).splitBrain).toBe(false);
    await sh("lab1", ["drbdadm", "secondary", "vmdata"]);
  }, 60_000);

  it("DRBD 8.4: the 8.4 syntax passes drbdadm-84, the resource comes up and syncs; /proc/drbd is read", async () => {
    // A host runs one DRBD generation, and drbdadm-84 reads every .res: the 9 resource goes first.
    for (const h of HOSTS) {
      await sh(h, ["drbdadm", "down", "vmdata"]);
      await sh(h, ["rm", "-f", "/etc/drbd.d/vmdata.res"]);
      await sh(h, ["sim-drbd", "version", "8.4"]);
    }
    const old84 = resource({
      name: "old84",
      minor: 21,
      port: 7821,
      disk: DISK84,
      hosts: [
        { name: "lab1", address: { host: "10.99.0.11", port: 7821 } },
        { name: "lab2", address: { host: "10.99.0.12", port: 7821 } },
      ],
    });
    const observed = await probeAll(old84);
    expect(observed.lab1?.generation).toBe("8.4");
    const plan = planDrbdResource(old84, observed, { generation: "8.4", initialSyncSource: "lab2" });
    const write = plan.steps[0];
    expect(write?.action.kind === "write-file" && write.action.content).toContain("    on lab1 {\n        device /dev/drbd21 minor 21;");
    const result = await applyDrbdPlan(plan, runners);
    expect(result.failure).toBeNull();
    const done = await watchDrbdSync(runners, { name: "old84", minors: [21] }, { timeoutMs: 40_000 });
    expect(done.hosts.map((h) => [h.host, h.role, h.peers[0]?.connection])).toEqual([
      ["lab1", "Secondary", "Connected"],
      ["lab2", "Primary", "Connected"],
    ]);
    expect(planDrbdResource(old84, await probeAll(old84), { generation: "8.4", initialSyncSource: "lab2" }).steps).toEqual([]);
  }, 90_000);
});
