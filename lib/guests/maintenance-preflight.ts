import { clusterNodes, nodeOnline } from "@/agents/proxmox/cluster-view";
import { errorReport, report, warningReport, type TReport } from "@/lib/reports/report";
import { MIN_FORCE_REASON } from "@/lib/validations/guests";
import { bestTarget } from "./best-target";
import { nodesInMaintenance, type TGuestContext } from "./context";
import { migrationPreflight } from "./migrate-preflight";
import { quorumWithout, type TQuorumAfter } from "./quorum";

// What entering maintenance on a node does: its HA guests are moved by the HA manager, its
// other running guests are migrated one after the other to their best target, and while it
// is down the cluster has fewer votes. What would break the cluster (lose quorum, make HA nodes
// fence) is refused unless the admin forces it and writes why. Pure.

// How long an HA node without quorum waits for its watchdog before it resets (PVE's fixed value).
export const HA_FENCE_SECONDS = 60;

export type TMaintenanceMove = { vmid: number; name: string | null; kind: "qemu" | "lxc"; target: string; online: boolean };

export type TMaintenancePreflight = {
  node: string;
  enable: boolean;
  quorumAfter: TQuorumAfter;
  haGuests: number[];
  moves: TMaintenanceMove[];
  // Guests that stay on the node, with why.
  stays: { vmid: number; why: string }[];
  reports: TReport[];
  ok: boolean;
};

export function maintenancePreflight(
  ctx: TGuestContext,
  input: { node: string; enable: boolean; force?: boolean; reason?: string | null },
): TMaintenancePreflight {
  const { node, enable } = input;
  const reports: TReport[] = [];
  const params = { node };
  const quorumAfter = quorumWithout(ctx.quorum, [node]);
  const base = { node, enable, quorumAfter, haGuests: [] as number[], moves: [] as TMaintenanceMove[], stays: [] as { vmid: number; why: string }[] };
  const done = (): TMaintenancePreflight => ({ ...base, reports, ok: !reports.some((r) => r.severity === "error") });
  if (!clusterNodes(ctx.view).includes(node)) {
    reports.push(errorReport("GUESTS_MAINT_NO_SUCH_NODE", `${node} is not a node of this cluster.`, { ...params, field: "node" }));
    return done();
  }
  const inMaintenance = nodesInMaintenance(ctx);
  if (!enable) {
    if (!inMaintenance.includes(node)) reports.push(report("info", "GUESTS_MAINT_NOT_IN", `${node} is not in maintenance; leaving it changes nothing.`, params));
    else reports.push(report("info", "GUESTS_MAINT_LEAVE", `${node} leaves maintenance: the HA manager brings its HA guests back; migrated guests stay where they are.`, params));
    return done();
  }
  if (ctx.quorum.quorate === false) {
    reports.push(errorReport("GUESTS_MAINT_NO_QUORUM", "The cluster has no quorum now; nothing can be migrated and /etc/pve is read-only.", params));
  }
  if (nodeOnline(ctx.view, node) !== true) {
    reports.push(errorReport("GUESTS_MAINT_NODE_OFFLINE", `${node} is offline; its guests cannot be migrated away (HA recovers its HA guests on its own).`, params));
  }
  const others = inMaintenance.filter((n) => n !== node);
  if (others.length > 0) {
    reports.push(warningReport("GUESTS_MAINT_OTHERS", `${others.join(", ")} ${others.length === 1 ? "is" : "are"} in maintenance already; their guests cannot come here and ${node}'s cannot go there.`, { ...params, others }));
  }
  const haActive = ctx.view.haResources.length > 0;
  const { remaining, expected, needed, quorate } = quorumAfter;
  const votes = `${remaining} of ${expected} vote${expected === 1 ? "" : "s"}`;
  if (!quorate) {
    const consequence = haActive ? `the cluster loses quorum and HA nodes fence themselves in ${HA_FENCE_SECONDS} s` : "the cluster loses quorum and /etc/pve turns read-only on the others (no guest can start, stop or move)";
    const fix = ctx.quorum.nodes.length % 2 === 0 && ctx.quorum.qdeviceVotes === 0 ? " Add a QDevice to keep quorum with one node down." : " Bring the offline nodes back first.";
    const message = `Taking ${node} down leaves ${votes} (quorum needs ${needed}): ${consequence}.${fix}`;
    const reason = input.reason?.trim() ?? "";
    if (input.force && reason.length >= MIN_FORCE_REASON) {
      reports.push(warningReport("GUESTS_MAINT_BREAKS_QUORUM_FORCED", `${message} Forced: "${reason}".`, { ...params, remaining, expected, needed, reason }));
    } else {
      reports.push(
        errorReport("GUESTS_MAINT_BREAKS_QUORUM", `${message}${input.force ? ` Forcing needs a written reason of at least ${MIN_FORCE_REASON} characters.` : ""}`, { ...params, remaining, expected, needed, field: "force" }),
      );
    }
  } else {
    reports.push(report("info", "GUESTS_MAINT_QUORUM_KEPT", `While ${node} is down the cluster keeps ${votes} (quorum needs ${needed}): it stays quorate.`, { ...params, remaining, expected, needed }));
  }
  for (const g of ctx.view.resources.guests.filter((x) => x.node === node && x.type !== "openvz" && !x.template)) {
    if (g.hastate !== null) {
      base.haGuests.push(g.vmid);
      continue;
    }
    if (g.status !== "running") {
      base.stays.push({ vmid: g.vmid, why: `${g.status}; stopped guests stay` });
      continue;
    }
    const target = bestTarget(ctx, g.vmid);
    const pre = target ? migrationPreflight(ctx, g.vmid, target.node) : null;
    if (!target || !pre?.ok) {
      const why = target ? (pre?.reports.find((r) => r.severity === "error")?.message ?? "its preflight failed") : "no online node has room for it";
      base.stays.push({ vmid: g.vmid, why });
      reports.push(warningReport("GUESTS_MAINT_GUEST_STAYS", `Guest ${g.vmid} stays on ${node} and goes down with it: ${why}`, { ...params, vmid: g.vmid }));
      continue;
    }
    base.moves.push({ vmid: g.vmid, name: g.name, kind: g.type === "lxc" ? "lxc" : "qemu", target: target.node, online: true });
  }
  if (base.haGuests.length > 0) {
    reports.push(report("info", "GUESTS_MAINT_HA_MOVES", `The HA manager moves ${base.haGuests.map((v) => `guest ${v}`).join(", ")} away and keeps ${base.haGuests.length === 1 ? "it" : "them"} off ${node} until maintenance ends.`, { ...params, vmids: base.haGuests }));
  }
  return done();
}
