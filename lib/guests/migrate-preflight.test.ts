import { describe, expect, it } from "vitest";
import { allOnline, guestContext, haStatus, replState } from "./__fixtures__/context";
import { migrationPreflight } from "./migrate-preflight";

const CIB = `<resources><primitive id="vm101" class="ocf" provider="pve" type="pve"><instance_attributes id="a"><nvpair id="a-v" name="vmid" value="101"/></instance_attributes></primitive></resources>`;

describe("migration preflight", () => {
  it("passes a replicated VM to its replica's node and says how old the replica is", () => {
    const pre = migrationPreflight(guestContext(), 100, "pve2");
    expect(pre).toMatchObject({ ok: true, source: "pve1", kind: "qemu", online: true, haManaged: false });
    expect(pre.reports.map((r) => [r.severity, r.code, r.message])).toEqual([["info", "GUESTS_REPLICA_FRESH", "The replica on pve2 is 3 min old (job 100-0); only the changes since then are sent."]]);
  });

  it("refuses a VM with USB pass-through, naming the device; Pacemaker's claim is a warning", () => {
    const pre = migrationPreflight(guestContext(allOnline(), { cib: CIB }), 101, "pve2");
    expect(pre.ok).toBe(false);
    expect(pre.reports.map((r) => r.code)).toEqual(["PVE_MIGRATE_LOCAL_DEVICES", "GUESTS_PACEMAKER_OWNS"]);
    expect(pre.reports[0]?.message).toContain("usb0");
    expect(pre.reports[1]?.params.resources).toEqual(["vm101"]);
  });

  it("refuses an offline target and warns about a failing replica and a target in maintenance", () => {
    expect(migrationPreflight(guestContext(), 103, "pve3").reports.map((r) => r.code)).toEqual(["PVE_MIGRATE_TARGET_OFFLINE"]);
    const ha = haStatus([{ node: "pve2", state: "maintenance mode" }]);
    const pre = migrationPreflight(guestContext(allOnline(), { ha, states: [replState("100-0", { failCount: 1, error: "no space" })] }), 100, "pve2");
    expect(pre.ok).toBe(true);
    expect(pre.reports.map((r) => [r.severity, r.code])).toEqual([
      ["warning", "GUESTS_REPLICA_FAILING"],
      ["warning", "GUESTS_TARGET_IN_MAINTENANCE"],
    ]);
  });

  it("a replication job that never synced warns that the disks are copied in full", () => {
    const pre = migrationPreflight(guestContext({}, { states: [replState("100-0", { lastSync: null })] }), 100, "pve2");
    expect(pre.reports.map((r) => r.code)).toEqual(["GUESTS_REPLICA_NEVER_SYNCED"]);
  });
});
