import { describe, expect, it } from "vitest";
import { clusterView, nodeRes } from "./__fixtures__/cluster-view";
import { guestDisks, localDevices, localDisks, parseGuestConfigJson } from "./guest-config";
import { planHaMaintenance } from "./ha/maintenance";
import { planPveHa } from "./ha/plan";
import { haHealth } from "./ha/status";
import { precheckMigration } from "./migrate/precheck";
import { explainingLines, migrateArgv, migrationResult, progressOf } from "./migrate/run";
import { parseHaManagerStatus } from "./parse-ha-manager-status";
import { parsePveReplicationStatusJson } from "./parse-pve-replication-status";
import { planPveReplication } from "./replication/plan";
import { replicationHealth } from "./replication/status";

const argvs = (plan: { steps: { action: { kind: string } }[] }) => plan.steps.map((s) => ("argv" in s.action ? s.action.argv : s.action.kind));

describe("guest config helpers", () => {
  const c = clusterView().guestConfigs;
  it("finds volumes (not CD-ROMs), host devices (not sockets) and local disks", () => {
    expect(guestDisks(c[100] ?? {})).toEqual([{ key: "scsi0", volid: "local-zfs:vm-100-disk-0", storage: "local-zfs" }]);
    expect(localDevices(c[101] ?? {})).toEqual(["usb0"]);
    expect(localDisks(c[102] ?? {}, clusterView().storage).map((d) => d.volid)).toEqual(["local-lvm:vm-102-disk-0", "local-zfs:vm-102-disk-1"]);
    expect(localDisks(c[103] ?? {}, clusterView().storage)).toEqual([]);
  });
  it("reads pvesh config JSON, numbers as text", () => {
    expect(parseGuestConfigJson('{"memory":2048,"name":"web","scsi0":"nas:vm-1,size=8G"}')).toEqual({ memory: "2048", name: "web", scsi0: "nas:vm-1,size=8G" });
    expect(() => parseGuestConfigJson("[1]")).toThrow(/expected an object/);
  });
});

describe("planPveReplication", () => {
  it("creates a job with the next free id, schedule and rate; the existing one is left alone", () => {
    const plan = planPveReplication({ jobs: [{ guest: 100, target: "pve2" }, { guest: 200, target: "pve2", schedule: "*/5", rate: 20 }] }, clusterView(), "pve1");
    expect(plan.reports.map((r) => r.code)).toEqual([]);
    expect(argvs(plan)).toEqual([["pvesr", "create-local-job", "200-0", "pve2", "--schedule", "*/5", "--rate", "20"]]);
  });
  it("updates a changed schedule and deletes an absent job", () => {
    const plan = planPveReplication({ jobs: [{ guest: 100, target: "pve2", schedule: "*/30" }], absent: [{ guest: 100, target: "pve3" }] }, clusterView(), "pve1");
    expect(argvs(plan)).toEqual([["pvesr", "update", "100-0", "--schedule", "*/30"]]);
    expect(plan.steps[0]?.undo).toEqual({ kind: "command", argv: ["pvesr", "update", "100-0", "--schedule", "*/15"] });
    const del = planPveReplication({ absent: [{ guest: 100, target: "pve2" }] }, clusterView(), "pve1");
    expect(argvs(del)).toEqual([["pvesr", "delete", "100-0"]]);
  });
  it("refuses a missing guest, the guest's own node, an unknown node and non-ZFS local disks; warns for an offline target", () => {
    const plan = planPveReplication(
      {
        jobs: [
          { guest: 999, target: "pve2" },
          { guest: 100, target: "pve1" },
          { guest: 100, target: "pve9" },
          { guest: 102, target: "pve2" },
          { guest: 200, target: "pve3" },
        ],
      },
      clusterView(),
      "pve1",
    );
    expect(plan.steps).toEqual([]);
    expect(plan.reports.map((r) => r.code)).toEqual([
      "PVE_REPL_NO_SUCH_GUEST",
      "PVE_REPL_TARGET_IS_SOURCE",
      "PVE_REPL_NO_SUCH_TARGET",
      "PVE_REPL_STORAGE_UNSUPPORTED",
      "PVE_REPL_TARGET_OFFLINE",
    ]);
    expect(plan.reports[3]?.params.volumes).toEqual(["local-lvm:vm-102-disk-0"]);
  });
  it("refuses a hostile schedule", () => {
    expect(planPveReplication({ jobs: [{ guest: 100, target: "pve2", schedule: "$(reboot)" }] }, clusterView(), "pve1").reports.map((r) => r.params.field)).toEqual(["jobs.0.schedule"]);
  });
});

describe("replication status", () => {
  const states = parsePveReplicationStatusJson(
    JSON.stringify([
      { id: "100-0", guest: 100, target: "pve2", source: "pve1", last_sync: 1000, last_try: 1000, next_sync: 1900, duration: 3.25, fail_count: 0 },
      { id: "101-0", guest: 101, target: "pve2", last_sync: 0, last_try: 1500, fail_count: 2, error: "no tunnel IP received" },
    ]),
  );
  const job = (id: string, guest: number) => ({ type: "local", id, guest, jobnum: 0, target: "pve2", schedule: null, rate: null, comment: null, disable: null, source: null, removeJob: null, extra: {} });
  it("reads epoch times (0 = never) and judges lag against the RPO", () => {
    expect(states[1]).toMatchObject({ lastSync: null, lastTry: 1500, failCount: 2, error: "no tunnel IP received" });
    const h = replicationHealth([job("100-0", 100), job("101-0", 101), job("102-0", 102)], states, { nowSeconds: 1000 + 20 * 60, rpoMinutesByJob: { "100-0": 15 } });
    expect(h.map((x) => [x.id, x.state, x.lagSeconds, x.durationSeconds])).toEqual([
      ["100-0", "lagging", 1200, 3.25],
      ["101-0", "failing", null, null],
      ["102-0", "unknown", null, null],
    ]);
    expect(h[0]?.reports.map((r) => r.code)).toEqual(["PVE_REPL_RPO_EXCEEDED"]);
    expect(h[1]?.reports[0]?.message).toContain("no tunnel IP received");
    expect(replicationHealth([job("100-0", 100)], states, { nowSeconds: 1060, rpoMinutesByJob: { "100-0": 15 } })[0]?.state).toBe("ok");
  });
});

describe("planPveHa", () => {
  it("adds a group and a replicated guest restricted to the replicated nodes; re-running with it configured is empty", () => {
    const desired = { pveMajor: 8 as const, groups: [{ id: "g1", nodes: [{ node: "pve1", priority: 2 }, { node: "pve2", priority: 1 }], restricted: true }], resources: [{ vmid: 100, group: "g1" }] };
    const plan = planPveHa(desired, clusterView(), "pve1");
    expect(plan.reports.map((r) => r.code)).toEqual(["PVE_HA_REPLICATED_DATA_LOSS"]);
    expect(argvs(plan)).toEqual([
      ["ha-manager", "groupadd", "g1", "--nodes", "pve1:2,pve2:1", "--restricted", "1"],
      ["ha-manager", "add", "vm:100", "--state", "started", "--max_restart", "1", "--max_relocate", "1", "--group", "g1"],
    ]);
    const configured = clusterView({
      haGroups: [{ group: "g1", nodes: [{ node: "pve1", priority: 2 }, { node: "pve2", priority: 1 }], restricted: true, nofailback: null, comment: null, extra: {} }],
      haResources: [{ sid: "vm:100", type: "vm", id: "100", vmid: 100, state: "started", group: "g1", maxRestart: 1, maxRelocate: 1, failback: null, comment: null, extra: {} }],
    });
    expect(planPveHa(desired, configured, "pve1").steps).toEqual([]);
    expect(argvs(planPveHa({ pveMajor: 8, remove: [100] }, configured, "pve1"))).toEqual([["ha-manager", "remove", "vm:100"]]);
  });
  it("refuses local non-replicated storage, host devices, unknown guests; warns when not replicated to every node", () => {
    const plan = planPveHa({ pveMajor: 8, resources: [{ vmid: 102 }, { vmid: 101 }, { vmid: 999 }, { vmid: 100 }] }, clusterView(), "pve1");
    expect(plan.steps).toEqual([]);
    expect(plan.reports.map((r) => r.code)).toEqual([
      "PVE_HA_LOCAL_STORAGE",
      "PVE_HA_LOCAL_DEVICES",
      "PVE_HA_NO_SUCH_GUEST",
      "PVE_HA_NOT_REPLICATED_EVERYWHERE",
      "PVE_HA_REPLICATED_DATA_LOSS",
    ]);
    expect(plan.reports[3]?.params.missing).toEqual(["pve3"]);
  });
  it("uses node-affinity rules on PVE 9 and refuses groups there", () => {
    const plan = planPveHa({ pveMajor: 9, rules: [{ id: "on12", vmids: [103, 200], nodes: [{ node: "pve1" }, { node: "pve2", priority: 1 }] }] }, clusterView(), "pve1");
    expect(argvs(plan)).toEqual([["ha-manager", "rules", "add", "node-affinity", "on12", "--resources", "vm:103,ct:200", "--nodes", "pve1,pve2:1", "--strict", "0"]]);
    expect(planPveHa({ pveMajor: 9, groups: [{ id: "grp", nodes: [{ node: "pve1" }] }] }, clusterView(), "pve1").reports.map((r) => r.code)).toEqual(["PVE_HA_GROUPS_ON_PVE9"]);
  });
});

const haText = `quorum OK
master pve1 (active, Fri Nov  1 10:00:00 2024)
lrm pve1 (active, Fri Nov  1 10:00:00 2024)
lrm pve2 (maintenance mode, Fri Nov  1 10:00:00 2024)
lrm pve3 (old timestamp - dead?, Fri Nov  1 09:00:00 2024)
service vm:100 (pve1, started)
service vm:101 (pve3, fence)
`;

describe("HA status and maintenance", () => {
  it("names master, LRMs and services, and flags a dead LRM and a fenced service", () => {
    const h = haHealth(parseHaManagerStatus(haText));
    expect(h.master).toEqual({ node: "pve1", state: "active", time: "Fri Nov  1 10:00:00 2024" });
    expect(h.lrms.map((l) => [l.node, l.ok, l.maintenance])).toEqual([["pve1", true, false], ["pve2", true, true], ["pve3", false, false]]);
    expect(h.reports.map((r) => r.code)).toEqual(["PVE_HA_NODE_MAINTENANCE", "PVE_HA_LRM_DEAD", "PVE_HA_SERVICE_STATE"]);
  });
  it("enters maintenance only when the node is not in it yet", () => {
    const status = parseHaManagerStatus(haText);
    expect(argvs(planHaMaintenance({ node: "pve1", enable: true }, status, "pve1"))).toEqual([["ha-manager", "crm-command", "node-maintenance", "enable", "pve1"]]);
    expect(planHaMaintenance({ node: "pve2", enable: true }, status, "pve1").steps).toEqual([]);
    expect(argvs(planHaMaintenance({ node: "pve2", enable: false }, status, "pve1"))).toEqual([["ha-manager", "crm-command", "node-maintenance", "disable", "pve2"]]);
  });
});

describe("migration", () => {
  const codes = (req: Parameters<typeof precheckMigration>[0], view = clusterView()) => precheckMigration(req, view).map((r) => r.code);
  it("passes a replicated VM to its replication target and refuses the bad cases", () => {
    expect(codes({ vmid: 100, target: "pve2" })).toEqual([]);
    expect(codes({ vmid: 999, target: "pve2" })).toEqual(["PVE_MIGRATE_NO_SUCH_GUEST"]);
    expect(codes({ vmid: 100, target: "pve1" })).toEqual(["PVE_MIGRATE_TARGET_IS_SOURCE"]);
    expect(codes({ vmid: 100, target: "pve3" })).toEqual(["PVE_MIGRATE_TARGET_OFFLINE", "PVE_MIGRATE_LOCAL_DISKS"]);
    expect(codes({ vmid: 101, target: "pve2" })).toEqual(["PVE_MIGRATE_LOCAL_DEVICES"]);
    expect(codes({ vmid: 102, target: "pve2", withLocalDisks: true })).toEqual(["PVE_MIGRATE_COPIES_DISKS"]);
    expect(codes({ vmid: 200, target: "pve2" })).toEqual(["PVE_MIGRATE_COPIES_DISKS", "PVE_MIGRATE_CT_RESTART"]);
    const v = clusterView();
    const full = clusterView({ resources: { ...v.resources, nodes: [nodeRes("pve1", true), nodeRes("pve2", true, 15.5), nodeRes("pve3", false)] } });
    expect(precheckMigration({ vmid: 100, target: "pve2" }, full).map((r) => [r.code, r.severity])).toEqual([["PVE_MIGRATE_TARGET_MEMORY", "error"]]);
    expect(precheckMigration({ vmid: 100, target: "pve2" }, full)[0]?.message).toBe("pve2 has 512 MiB free; guest 100 needs 2048 MiB.");
  });
  it("refuses without quorum, on a locked guest, and notes HA management", () => {
    const v = clusterView();
    const locked = clusterView({
      status: { ...v.status, cluster: { name: "prod", version: 5, quorate: false, nodes: 3 } },
      resources: { ...v.resources, guests: v.resources.guests.map((g) => (g.vmid === 103 ? { ...g, lock: "backup", hastate: "started" } : g)) },
    });
    expect(codes({ vmid: 103, target: "pve1" }, locked)).toEqual(["PVE_MIGRATE_NO_QUORUM", "PVE_MIGRATE_GUEST_LOCKED", "PVE_MIGRATE_HA_MANAGED"]);
  });
  it("builds qm/pct argv from validated ids only", () => {
    expect(migrateArgv("qemu", 100, "pve2", { online: true })).toEqual(["qm", "migrate", "100", "pve2", "--online"]);
    expect(migrateArgv("lxc", 200, "pve2", { online: true })).toEqual(["pct", "migrate", "200", "pve2", "--restart"]);
    expect(() => migrateArgv("qemu", 100, "pve2; reboot", { online: true })).toThrow();
  });
  it("reads progress and the result from the task log; a failed run carries the lines that explain it", () => {
    const running = ["2024-05-02 14:00:00 starting migration of VM 200 to node 'pve3' (10.0.0.3)", "2024-05-02 14:00:04 migration active, transferred 1.0 GiB of 4.0 GiB VM-state, 98.7 MiB/s"];
    expect(progressOf(running).percent).toBe(25);
    const ok = migrationResult(0, [...running, "2024-05-02 14:00:09 average migration speed: 400.0 MiB/s - downtime 57 ms", "2024-05-02 14:00:10 migration finished successfully (duration 00:00:10)"], { vmid: 200, target: "pve3" });
    expect(ok).toMatchObject({ ok: true, durationSeconds: 10, downtimeMs: 57, reports: [] });
    const lines = [...running, "2024-05-02 14:00:05 ERROR: online migrate failure - aborting", "2024-05-02 14:00:05 aborting phase 2 - cleanup resources", "2024-05-02 14:00:08 ERROR: migration finished with problems (duration 00:00:08)"];
    const failed = migrationResult(255, lines, { vmid: 200, target: "pve3" });
    expect(failed.ok).toBe(false);
    expect(failed.reports[0]).toMatchObject({ code: "PVE_MIGRATE_FAILED", message: "Migrating guest 200 to pve3 failed: online migrate failure - aborting" });
    expect(failed.reports[0]?.params.logLines).toEqual(explainingLines(lines));
    expect(explainingLines(lines).slice(0, 3)).toEqual([lines[2], lines[3], lines[4]]);
  });
});
