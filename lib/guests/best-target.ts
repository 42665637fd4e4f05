import { clusterNodes, nodeOnline } from "@/agents/proxmox/cluster-view";
import { guestOf, mib, ageText, nodesInMaintenance, type TGuestContext } from "./context";

// Where a guest should go: an online node not in maintenance, preferring one that already
// holds a healthy replica (only the changes since the last sync move, and the guest stays
// protected), then one where its memory fits, then the most free memory. Pure.

export type TTargetCandidate = {
  node: string;
  freeBytes: number | null;
  fits: boolean;
  replica: { jobId: string; lagSeconds: number | null; healthy: boolean } | null;
  // Why it ranks where it does, in words for the dialog.
  why: string;
};

export function rankTargets(ctx: TGuestContext, vmid: number): TTargetCandidate[] {
  const guest = guestOf(ctx, vmid);
  if (!guest) return [];
  const maintenance = nodesInMaintenance(ctx);
  const candidates = clusterNodes(ctx.view)
    .filter((n) => n !== guest.node && nodeOnline(ctx.view, n) === true && !maintenance.includes(n))
    .map((node): TTargetCandidate => {
      const res = ctx.view.resources.nodes.find((r) => r.name === node);
      const freeBytes = res && res.maxmem !== null && res.mem !== null ? res.maxmem - res.mem : null;
      const fits = freeBytes === null || guest.maxmem === null || freeBytes >= guest.maxmem;
      const job = ctx.replication.find((j) => j.guest === vmid && j.target === node && j.enabled);
      const replica = job ? { jobId: job.id, lagSeconds: job.lagSeconds, healthy: job.state === "ok" || job.state === "lagging" } : null;
      const parts = [
        replica ? (replica.healthy && replica.lagSeconds !== null ? `replica ${ageText(replica.lagSeconds)} old` : `replication ${job?.state ?? "unknown"}`) : null,
        freeBytes !== null ? `${mib(freeBytes)} free` : "free memory unknown",
        fits ? null : "memory does not fit",
      ].filter((p): p is string => p !== null);
      return { node, freeBytes, fits, replica, why: parts.join(", ") };
    });
  const score = (c: TTargetCandidate) => (c.fits ? 4 : 0) + (c.replica?.healthy ? 2 : c.replica ? 1 : 0);
  return candidates.sort((a, b) => score(b) - score(a) || (b.freeBytes ?? 0) - (a.freeBytes ?? 0) || a.node.localeCompare(b.node));
}

export function bestTarget(ctx: TGuestContext, vmid: number): TTargetCandidate | null {
  const best = rankTargets(ctx, vmid)[0];
  return best && best.fits ? best : null;
}
