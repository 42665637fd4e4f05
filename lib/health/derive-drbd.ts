import { drbdResourceView } from "@/agents/drbd/dashboard";
import type { TDrbdResource } from "@/agents/drbd/model";
import type { THostProbe } from "./model";
import type { THealthDrbdResource } from "./model-drbd";

// DRBD per resource across the hosts that should hold it: those that report it, and those its
// reporters name as peers (a 2-node resource in a 3-node cluster is not "down" on the third
// host; a peer that stopped reporting it is). An unreachable host's view is unknown, not
// down, so it is left out rather than reported missing. Pure.
export function deriveDrbd(probes: readonly THostProbe[]): THealthDrbdResource[] {
  const reachable = new Set(probes.filter((p) => p.reachable).map((p) => p.host));
  const byResource = new Map<string, Map<string, TDrbdResource>>();
  for (const p of probes) {
    for (const r of p.drbd?.resources ?? []) {
      const name = r.name ?? `minor ${r.volumes[0]?.minor ?? "?"}`;
      const hosts = byResource.get(name) ?? new Map<string, TDrbdResource>();
      hosts.set(p.host, r);
      byResource.set(name, hosts);
    }
  }
  const views: THealthDrbdResource[] = [];
  for (const [name, reported] of [...byResource].sort(([a], [b]) => a.localeCompare(b))) {
    const expected = new Set(reported.keys());
    for (const r of reported.values()) for (const c of r.connections) if (c.peer && reachable.has(c.peer)) expected.add(c.peer);
    const status = Object.fromEntries([...expected].sort().map((h) => [h, reported.get(h) ?? null]));
    const logs = Object.fromEntries(probes.map((p) => [p.host, (p.drbd?.kernelLog ?? []).filter((e) => e.resource === null || e.resource === name)]));
    views.push(drbdResourceView(name, status, logs));
  }
  return views;
}
