import { describe, expect, it } from "vitest";
import { nodeRes } from "@/agents/proxmox/__fixtures__/cluster-view";
import { clusterView } from "@/agents/proxmox/__fixtures__/cluster-view";
import { allOnline, guestContext, haStatus, replState } from "./__fixtures__/context";
import { bestTarget, rankTargets } from "./best-target";

describe("best target", () => {
  it("prefers the node holding a fresh replica, and leaves out offline nodes", () => {
    const ctx = guestContext(allOnline());
    expect(rankTargets(ctx, 100).map((c) => [c.node, c.why])).toEqual([
      ["pve2", "replica 3 min old, 12288 MiB free"],
      ["pve3", "12288 MiB free"],
    ]);
    expect(bestTarget(guestContext(), 100)?.node).toBe("pve2");
    expect(rankTargets(guestContext(), 100).map((c) => c.node)).toEqual(["pve2"]);
  });

  it("without replicas picks the most free memory; a node where the guest does not fit is never suggested", () => {
    const base = clusterView(allOnline());
    const nodes = [nodeRes("pve1", true), nodeRes("pve2", true, 15.5), nodeRes("pve3", true, 2)];
    const ctx = guestContext({ ...allOnline(), resources: { ...base.resources, nodes } }, { states: [] });
    expect(rankTargets(ctx, 101).map((c) => [c.node, c.fits])).toEqual([
      ["pve3", true],
      ["pve2", false],
    ]);
    expect(bestTarget(ctx, 101)?.node).toBe("pve3");
    const full = guestContext({ ...allOnline(), resources: { ...base.resources, nodes: [nodeRes("pve1", true), nodeRes("pve2", true, 15.5), nodeRes("pve3", true, 15.5)] } });
    expect(bestTarget(full, 101)).toBeNull();
  });

  it("skips nodes in HA maintenance and sorts a failing replica below a fresh one", () => {
    const ha = haStatus([{ node: "pve1", state: "active" }, { node: "pve2", state: "maintenance mode" }, { node: "pve3", state: "idle" }]);
    expect(rankTargets(guestContext(allOnline(), { ha }), 100).map((c) => c.node)).toEqual(["pve3"]);
    const failing = guestContext(allOnline(), { states: [replState("100-0", { failCount: 2, error: "zfs send failed" })] });
    expect(rankTargets(failing, 100).map((c) => [c.node, c.why])).toEqual([
      ["pve2", "replication failing, 12288 MiB free"],
      ["pve3", "12288 MiB free"],
    ]);
  });
});
