import { clusterNodes, nodeOnline } from "@/agents/proxmox/cluster-view";
import type { TReport } from "@/lib/reports/report";
import { bestTarget, rankTargets } from "./best-target";
import { nodesInMaintenance, type TGuestContext } from "./context";
import { guestRows, type TGuestRow } from "./guest-rows";
import { haEnrollPreflight, type THaEnrollPreflight } from "./ha-enroll-preflight";
import { maintenancePreflight, type TMaintenancePreflight } from "./maintenance-preflight";
import { migrationPreflight } from "./migrate-preflight";
import type { TQuorumFacts } from "./quorum";

// What the guests page shows, computed on the server from one probe: every row with its
// migration preflight for each possible target (so the dialog shows it before the button),
// its HA enrollment path, and each node's maintenance preflight. Plain data for the client.

export type TMigrateTarget = { node: string; why: string; suggested: boolean; ok: boolean; reports: TReport[] };
export type TGuestPageRow = TGuestRow & { targets: TMigrateTarget[]; ha: THaEnrollPreflight };
export type TNodePageRow = { name: string; online: boolean; maintenance: boolean; guests: number; preflight: TMaintenancePreflight };
export type TGuestsPageModel = { rows: TGuestPageRow[]; nodes: TNodePageRow[]; quorum: TQuorumFacts };

export function guestsPageModel(ctx: TGuestContext): TGuestsPageModel {
  const nodes = clusterNodes(ctx.view);
  const maintenance = nodesInMaintenance(ctx);
  const rows = guestRows(ctx).map((row): TGuestPageRow => {
    const ranked = rankTargets(ctx, row.vmid);
    const best = bestTarget(ctx, row.vmid);
    const order = [...ranked.map((c) => c.node), ...nodes.filter((n) => n !== row.node && !ranked.some((c) => c.node === n))];
    const targets = order.map((node): TMigrateTarget => {
      const pre = migrationPreflight(ctx, row.vmid, node);
      const why = ranked.find((c) => c.node === node)?.why ?? (nodeOnline(ctx.view, node) === true ? "in maintenance" : "offline");
      return { node, why, suggested: best?.node === node, ok: pre.ok, reports: pre.reports };
    });
    return { ...row, targets, ha: haEnrollPreflight(ctx, row.vmid) };
  });
  return {
    rows,
    nodes: nodes.map((name) => {
      const inMaintenance = maintenance.includes(name);
      return {
        name,
        online: nodeOnline(ctx.view, name) === true,
        maintenance: inMaintenance,
        guests: ctx.view.resources.guests.filter((g) => g.node === name && !g.template).length,
        preflight: maintenancePreflight(ctx, { node: name, enable: !inMaintenance }),
      };
    }),
    quorum: ctx.quorum,
  };
}
