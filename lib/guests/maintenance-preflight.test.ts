import { describe, expect, it } from "vitest";
import { clusterView } from "@/agents/proxmox/__fixtures__/cluster-view";
import type { THaResource } from "@/agents/proxmox/model-config";
import { allOnline, guestContext, haStatus, twoNodes } from "./__fixtures__/context";
import { maintenancePreflight } from "./maintenance-preflight";

describe("maintenance preflight", () => {
  it("keeps quorum on three nodes and plans the moves: replicated VM to its replica, unmovable ones stay", () => {
    const pre = maintenancePreflight(guestContext(allOnline()), { node: "pve1", enable: true });
    expect(pre.quorumAfter).toEqual({ remaining: 2, expected: 3, needed: 2, quorate: true });
    expect(pre.moves).toEqual([
      { vmid: 100, name: "vm100", kind: "qemu", target: "pve2", online: true },
      { vmid: 200, name: "vm200", kind: "lxc", target: "pve2", online: true },
    ]);
    expect(pre.stays.map((s) => s.vmid)).toEqual([101, 102]);
    expect(pre.stays[0]?.why).toContain("usb0");
    expect(pre.reports.map((r) => [r.severity, r.code])).toEqual([
      ["info", "GUESTS_MAINT_QUORUM_KEPT"],
      ["warning", "GUESTS_MAINT_GUEST_STAYS"],
      ["warning", "GUESTS_MAINT_GUEST_STAYS"],
    ]);
    expect(pre.ok).toBe(true);
  });

  it("refuses to take down a node that leaves 1 of 2 votes, naming the HA fence; a written reason forces it", () => {
    const haResources = [{ sid: "vm:103", type: "vm", vmid: 103, state: "started", group: null, maxRestart: null, maxRelocate: null, comment: null, failback: null, extra: {} }];
    const ctx = guestContext({ ...twoNodes(), haResources: haResources as THaResource[] });
    const pre = maintenancePreflight(ctx, { node: "pve2", enable: true });
    expect(pre.ok).toBe(false);
    const refusal = pre.reports.find((r) => r.code === "GUESTS_MAINT_BREAKS_QUORUM");
    expect(refusal?.message).toBe(
      "Taking pve2 down leaves 1 of 2 votes (quorum needs 2): the cluster loses quorum and HA nodes fence themselves in 60 s. Add a QDevice to keep quorum with one node down.",
    );
    expect(maintenancePreflight(ctx, { node: "pve2", enable: true, force: true, reason: "short" }).ok).toBe(false);
    const forced = maintenancePreflight(ctx, { node: "pve2", enable: true, force: true, reason: "disk swap, guests are down anyway" });
    expect(forced.ok).toBe(true);
    expect(forced.reports.find((r) => r.code === "GUESTS_MAINT_BREAKS_QUORUM_FORCED")?.severity).toBe("warning");
  });

  it("with one node already offline, taking another down loses quorum; HA guests are left to the HA manager", () => {
    const base = clusterView();
    const guests = base.resources.guests.map((g) => (g.vmid === 100 ? { ...g, hastate: "started" } : g));
    const pre = maintenancePreflight(guestContext({ resources: { ...base.resources, guests } }), { node: "pve1", enable: true });
    expect(pre.reports[0]?.message).toBe(
      "Taking pve1 down leaves 1 of 3 votes (quorum needs 2): the cluster loses quorum and /etc/pve turns read-only on the others (no guest can start, stop or move). Bring the offline nodes back first.",
    );
    expect(pre.haGuests).toEqual([100]);
  });

  it("leaving maintenance refuses nothing; an unknown or offline node is refused", () => {
    const ha = haStatus([{ node: "pve1", state: "maintenance mode" }]);
    expect(maintenancePreflight(guestContext(allOnline(), { ha }), { node: "pve1", enable: false }).reports.map((r) => r.code)).toEqual(["GUESTS_MAINT_LEAVE"]);
    expect(maintenancePreflight(guestContext(), { node: "pve9", enable: true }).reports.map((r) => r.code)).toEqual(["GUESTS_MAINT_NO_SUCH_NODE"]);
    expect(maintenancePreflight(guestContext(), { node: "pve3", enable: true }).reports.map((r) => r.code)).toContain("GUESTS_MAINT_NODE_OFFLINE");
  });
});
