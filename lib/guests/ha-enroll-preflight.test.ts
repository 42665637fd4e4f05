import { describe, expect, it } from "vitest";
import { clusterView } from "@/agents/proxmox/__fixtures__/cluster-view";
import { allOnline, guestContext, twoNodes } from "./__fixtures__/context";
import { haEnrollPreflight, scheduleMinutes } from "./ha-enroll-preflight";

const CIB = `<cib><configuration><resources><primitive id="vm103-kvm" class="ocf" provider="heartbeat" type="VirtualDomain"><instance_attributes id="i"><nvpair id="i-c" name="config" value="/etc/pve/qemu-server/103.conf"/></instance_attributes></primitive></resources></configuration></cib>`;

describe("HA enrollment preflight", () => {
  it("enrolls a guest on shared storage directly", () => {
    const pre = haEnrollPreflight(guestContext(allOnline()), 103);
    expect(pre).toMatchObject({ ok: true, node: "pve2", path: { kind: "shared", storages: ["nas"] } });
    expect(pre.reports.map((r) => r.code)).toEqual(["GUESTS_HA_SHARED"]);
  });

  it("a guest on local ZFS goes through its replication partner and shows the RPO", () => {
    const pre = haEnrollPreflight(guestContext(allOnline()), 100);
    expect(pre.path).toEqual({ kind: "replicate", partner: "pve2", schedule: "*/15", rpoMinutes: 15, existingJob: "100-0" });
    expect(pre.ok).toBe(true);
    expect(pre.reports.map((r) => r.code)).toEqual(["GUESTS_HA_RPO"]);
    expect(pre.reports[0]?.message).toContain("RPO 15 min");
    // No job yet: the best node by memory becomes the partner, with the schedule asked for.
    const fresh = haEnrollPreflight(guestContext({ ...allOnline(), replication: [] }, { states: [] }), 100, { schedule: "*/5" });
    expect(fresh.path).toEqual({ kind: "replicate", partner: "pve2", schedule: "*/5", rpoMinutes: 5, existingJob: null });
  });

  it("refuses storage that is neither shared nor ZFS, saying what would make it possible", () => {
    const pre = haEnrollPreflight(guestContext(allOnline()), 102);
    expect(pre.path).toEqual({ kind: "refused" });
    expect(pre.reports.map((r) => r.code)).toEqual(["GUESTS_HA_STORAGE_UNSUITABLE"]);
    expect(pre.reports[0]?.message).toContain("local-lvm:vm-102-disk-0 (lvmthin)");
    expect(pre.reports[0]?.message).toContain("shared storage (Ceph, LINSTOR/DRBD, NFS)");
  });

  it("refuses HA on two nodes without a QDevice, and warns when Pacemaker manages the guest", () => {
    const pre = haEnrollPreflight(guestContext(twoNodes(), { cib: CIB }), 103);
    expect(pre.ok).toBe(false);
    expect(pre.reports.map((r) => [r.severity, r.code])).toEqual([
      ["error", "GUESTS_HA_NO_REAL_QUORUM"],
      ["warning", "GUESTS_PACEMAKER_OWNS"],
      ["info", "GUESTS_HA_SHARED"],
    ]);
    expect(pre.reports[0]?.message).toContain("2 nodes and no QDevice");
    expect(pre.reports[1]?.params.resources).toEqual(["vm103-kvm"]);
  });

  it("refuses host devices, says when a guest is already under HA, and knows its schedules", () => {
    expect(haEnrollPreflight(guestContext(allOnline()), 101).reports.map((r) => r.code)).toEqual(["GUESTS_HA_LOCAL_DEVICES", "GUESTS_HA_SHARED"]);
    const base = clusterView();
    const managed = guestContext({ resources: { ...base.resources, guests: base.resources.guests.map((g) => (g.vmid === 103 ? { ...g, hastate: "started" } : g)) } });
    expect(haEnrollPreflight(managed, 103).path).toEqual({ kind: "already", state: "started" });
    expect([scheduleMinutes("*/5"), scheduleMinutes("02:30"), scheduleMinutes("mon..fri 22:00")]).toEqual([5, 1440, 15]);
  });
});
