import type { TWizardContext, TWizardDraft, TWizardIssue } from "./model";
import { ZPveGroupId, ZWatchdogModule } from "./model-pve";
import { migrationCandidates } from "./network-pve";

// The step checks only a Proxmox VE cluster has (validate.ts calls them for kind pve). Pure,
// run in the browser and again on the server.

export function pveNetworkIssues(draft: TWizardDraft, ctx: TWizardContext): TWizardIssue[] {
  const cidr = draft.network.migrationCidr;
  if (cidr === null) return [];
  if (!migrationCandidates(draft, ctx).some((c) => c.cidr === cidr)) {
    return [{ step: 3, path: "network.migrationCidr", message: `Migration network: not every node has an address in ${cidr} (per their facts); choose one of the networks offered.` }];
  }
  return [];
}

export function pveHaIssues(draft: TWizardDraft): TWizardIssue[] {
  const out: TWizardIssue[] = [];
  const ha = draft.ha.pve;
  if (ha.watchdog === "hardware" && !ZWatchdogModule.safeParse(ha.watchdogModule).success) {
    out.push({ step: 6, path: "ha.pve.watchdogModule", message: "Choose or type the watchdog's kernel module (for example ipmi_watchdog)." });
  }
  const g = ha.group;
  if (g) {
    if (!ZPveGroupId.safeParse(g.id).success) out.push({ step: 6, path: "ha.pve.group.id", message: "HA group id: letters, digits, - or _, starting with a letter (at least 2)." });
    for (const node of Object.keys(g.priorities)) {
      if (!draft.nodes.includes(node)) out.push({ step: 6, path: `ha.pve.group.priorities.${node}`, message: `${node} is not one of the nodes.` });
    }
  }
  return out;
}
