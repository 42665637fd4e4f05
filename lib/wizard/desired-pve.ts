import { z } from "zod";
import type { TWizardContext, TWizardDraft } from "./model";
import type { TPveStage1Input } from "./stage1-plan-pve";
import type { TPveStage2Input } from "./stage2-plan-pve";

// A finished draft of a Proxmox VE cluster → the inputs of its two stages: pvecm (+ QDevice or
// two_node, + the migration network), then Proxmox HA (watchdog, HA group). Pure; call it only
// on a draft that validateWizardUpTo(6) accepts.

const isIp = (s: string) => z.union([z.ipv4(), z.ipv6()]).safeParse(s).success;

export function pveStage1FromDraft(draft: TWizardDraft, ctx: TWizardContext): TPveStage1Input {
  const [link0 = {}, link1] = draft.links;
  const two = draft.nodeCount === 2;
  const witness = two && draft.quorum.mode === "qdevice" ? ctx.hosts.find((h) => h.name === draft.quorum.witness) : undefined;
  // pvecm qdevice setup takes an address; an inventory address may be a DNS name.
  const witnessAddress = witness ? (isIp(witness.address) ? witness.address : (witness.addresses[0]?.address ?? witness.address)) : null;
  return {
    kind: "pve",
    cluster: {
      clusterName: ctx.clusterName,
      nodes: draft.nodes.map((name) => ({ name, link0: link0[name] ?? "", link1: link1?.[name] ?? null })),
    },
    qdevice: witness && witnessAddress ? { witness: witness.name, witnessAddress } : null,
    twoNode: two && draft.quorum.mode === "two_node",
    migrationCidr: draft.network.migrationCidr,
  };
}

export function pveStage2FromDraft(draft: TWizardDraft): TPveStage2Input {
  const ha = draft.ha.pve;
  const g = ha.group;
  return {
    nodes: draft.nodes,
    via: draft.nodes[0] ?? "",
    watchdogModule: ha.watchdog === "hardware" ? ha.watchdogModule : null,
    group: g ? { id: g.id, nodes: draft.nodes.map((node) => ({ node, priority: g.priorities[node] ?? null })), restricted: g.restricted, nofailback: g.nofailback } : null,
  };
}

// Each node's corosync link addresses in link order (Host.ringAddresses).
export const ringAddressesOf = (draft: Pick<TWizardDraft, "links">, node: string): string[] => draft.links.flatMap((l) => (l[node] ? [l[node]] : []));
