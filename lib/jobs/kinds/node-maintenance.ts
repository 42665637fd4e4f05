import { migrationSteps, waitHaGuestsGoneStep } from "@/agents/proxmox/actions/migrate-steps";
import { planHaMaintenance } from "@/agents/proxmox/ha/maintenance";
import { maintenancePreflight } from "@/lib/guests/maintenance-preflight";
import type { TPlanStep } from "@/lib/plan/plan";
import { ZNodeMaintenanceInput } from "@/lib/validations/guests";
import { defineJobKind } from "../kind";
import { hostOfNode, probeClusterGuests } from "./guest-context";

// Enter: migrate the node's running non-HA guests one after the other to their best target,
// then switch the node to HA maintenance (the HA manager moves its HA guests and keeps them
// away) and wait until they have left. Leave: end HA maintenance (HA guests come back).
// The quorum preflight's refusal blocks the plan unless the admin forced it with a reason;
// a forced plan is destructive (an admin confirms it with the cluster's name).

export const NODE_MAINTENANCE_KIND = "node.maintenance";

export const nodeMaintenanceJob = defineJobKind({
  kind: NODE_MAINTENANCE_KIND,
  title: "Node maintenance",
  requiresConfirmation: true,
  role: "operator",
  inputSchema: ZNodeMaintenanceInput,
  plan: async ({ input, hosts, runnerFor, log }) => {
    const ctx = await probeClusterGuests(hosts, runnerFor, log);
    const pre = maintenancePreflight(ctx, input);
    const title = `${input.enable ? "Enter" : "Leave"} maintenance on ${input.node}`;
    const node = hostOfNode(hosts, input.node);
    // HA commands run on another member: the node itself may be going down.
    const via = hosts.find((h) => h.name !== node && ctx.quorum.nodes.some((n) => n.name === h.name && n.online))?.name ?? node;
    const forcedBreak = pre.reports.some((r) => r.code === "GUESTS_MAINT_BREAKS_QUORUM_FORCED");
    const steps: TPlanStep[] = [];
    if (input.enable) {
      for (const m of pre.moves) {
        log(`Guest ${m.vmid} goes to ${m.target}.`);
        steps.push(...migrationSteps({ vmid: m.vmid, kind: m.kind, source: node, target: hostOfNode(hosts, m.target), online: m.online }));
      }
    }
    const ha = planHaMaintenance({ node: input.node, enable: input.enable }, ctx.ha, via);
    steps.push(...ha.steps.map((s) => ({ ...s, destructive: s.destructive || forcedBreak })));
    if (input.enable && pre.haGuests.length > 0) {
      const guests = pre.haGuests.map((vmid) => ({ vmid, kind: ctx.view.resources.guests.find((g) => g.vmid === vmid)?.type === "lxc" ? ("lxc" as const) : ("qemu" as const) }));
      steps.push(waitHaGuestsGoneStep(input.node, guests, via));
    }
    return { title, steps, reports: [...pre.reports, ...ha.reports] };
  },
});
