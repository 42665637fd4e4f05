import { z } from "zod";
import type { TWizardContext, TWizardDraft, TWizardHost, TWizardIssue, TWizardStep } from "./model";
import { storageIssues } from "./storage-choices";
import { pveHaIssues, pveNetworkIssues } from "./validate-pve";

// Step by step checks of a draft against the inventory. Pure: the browser runs them on every
// keystroke and the server runs the same ones before it saves or plans anything. Each issue
// names the step and the field, and says in words what to do.

// Why a host cannot be picked as a node (or witness) right now; null when it can.
export function hostUnavailableReason(host: TWizardHost, clusterId: string): string | null {
  if (host.clusterId && host.clusterId !== clusterId) return `already a node of cluster ${host.clusterName ?? host.clusterId}`;
  if (host.keyState === "not-trusted") return "its host key is not trusted yet: confirm the fingerprint on the host's page";
  if (host.keyState === "changed") return "its host key CHANGED since it was pinned: check it and re-pin on the host's page";
  if (!host.hasCredential) return "no SSH credential yet: paste a key or install the panel's key on the host's page";
  if (!host.factsAt) return "its facts have not been read yet: refresh them on the host's page";
  return null;
}

// A witness only runs corosync-qnetd: it needs a working login, not free facts.
export function witnessUnavailableReason(host: TWizardHost, draft: TWizardDraft, clusterId: string): string | null {
  if (draft.nodes.includes(host.name)) return "it is one of the two nodes; the witness must be a third machine";
  if (host.clusterId === clusterId) return "it is a node of this cluster";
  if (host.keyState !== "trusted") return host.keyState === "changed" ? "its host key CHANGED: re-pin it on the host's page" : "its host key is not trusted yet";
  if (!host.hasCredential) return "no SSH credential yet";
  return null;
}

function clusterStep(draft: TWizardDraft): TWizardIssue[] {
  return draft.nodeCount === 2 || draft.nodeCount === 3 ? [] : [{ step: 1, path: "nodeCount", message: "Choose two or three nodes." }];
}

function hostsStep(draft: TWizardDraft, ctx: TWizardContext): TWizardIssue[] {
  const out: TWizardIssue[] = [];
  const byName = new Map(ctx.hosts.map((h) => [h.name, h]));
  if (draft.nodes.length !== draft.nodeCount) {
    out.push({ step: 2, path: "nodes", message: `Pick ${draft.nodeCount} hosts (${draft.nodes.length} picked).` });
  }
  if (new Set(draft.nodes).size !== draft.nodes.length) out.push({ step: 2, path: "nodes", message: "A host is picked twice." });
  draft.nodes.forEach((name, i) => {
    const host = byName.get(name);
    if (!host) out.push({ step: 2, path: `nodes.${i}`, message: `${name} is not in the inventory (any more).` });
    else {
      const why = hostUnavailableReason(host, ctx.clusterId);
      if (why) out.push({ step: 2, path: `nodes.${i}`, message: `${name} cannot be a node: ${why}.` });
    }
  });
  return out;
}

const isIp = (s: string) => z.union([z.ipv4(), z.ipv6()]).safeParse(s).success;

function networkStep(draft: TWizardDraft, ctx: TWizardContext): TWizardIssue[] {
  const out: TWizardIssue[] = [];
  if (draft.links.length === 0) return [{ step: 3, path: "links", message: "Choose at least link 0: one address per node." }];
  const byName = new Map(ctx.hosts.map((h) => [h.name, h]));
  draft.links.forEach((link, li) => {
    const used = new Set<string>();
    for (const node of draft.nodes) {
      const addr = link[node] ?? "";
      const path = `links.${li}.${node}`;
      if (addr === "") {
        out.push({ step: 3, path, message: `Link ${li}: choose an address for ${node}.` });
        continue;
      }
      if (!isIp(addr)) out.push({ step: 3, path, message: `Link ${li}: ${addr} is not an IP address.` });
      else if (!byName.get(node)?.addresses.some((a) => a.address === addr)) {
        out.push({ step: 3, path, message: `Link ${li}: ${node} has no interface with ${addr} (per its facts); refresh its facts if it changed.` });
      }
      if (used.has(addr)) out.push({ step: 3, path, message: `Link ${li}: ${addr} is used by two nodes.` });
      used.add(addr);
    }
  });
  const [first, second] = draft.links;
  if (first && second) {
    for (const node of draft.nodes) {
      if (first[node] && first[node] === second[node]) {
        out.push({ step: 3, path: `links.1.${node}`, message: `${node} uses ${first[node]} for both links: a second link on the same address adds no redundancy.` });
      }
    }
  }
  return out;
}

function quorumStep(draft: TWizardDraft, ctx: TWizardContext): TWizardIssue[] {
  if (draft.nodeCount === 3) return [];
  const q = draft.quorum;
  if (q.mode === null) return [{ step: 4, path: "quorum.mode", message: "Two nodes need a tie-breaker: choose a QDevice host or two_node." }];
  if (q.mode === "two_node") {
    return q.twoNodeAcknowledged ? [] : [{ step: 4, path: "quorum.twoNodeAcknowledged", message: "Tick that you accept two_node's consequences, or choose a QDevice." }];
  }
  if (!q.witness) return [{ step: 4, path: "quorum.witness", message: "Choose the host that runs corosync-qnetd." }];
  const host = ctx.hosts.find((h) => h.name === q.witness);
  if (!host) return [{ step: 4, path: "quorum.witness", message: `${q.witness} is not in the inventory.` }];
  const why = witnessUnavailableReason(host, draft, ctx.clusterId);
  return why ? [{ step: 4, path: "quorum.witness", message: `${q.witness} cannot be the witness: ${why}.` }] : [];
}

function haStep(draft: TWizardDraft): TWizardIssue[] {
  const out: TWizardIssue[] = [];
  const ha = draft.ha;
  if (ha.fencing === null) out.push({ step: 6, path: "ha.fencing", message: "Choose how nodes are fenced." });
  if (ha.fencing === "device" && !ha.fenceAgent) out.push({ step: 6, path: "ha.fenceAgent", message: "Choose the fencing agent." });
  if (ha.fencing === "none" && !ha.noFencingAcknowledged) {
    out.push({ step: 6, path: "ha.noFencingAcknowledged", message: "Tick that you accept running without fencing, or configure a fencing device." });
  }
  const names = new Set<string>();
  ha.fenceParams.forEach((p, i) => {
    if (names.has(p.name)) out.push({ step: 6, path: `ha.fenceParams.${i}.name`, message: `Parameter ${p.name} is set twice.` });
    names.add(p.name);
    if (p.name === "pcmk_host_list") out.push({ step: 6, path: `ha.fenceParams.${i}.name`, message: "pcmk_host_list is set by the wizard (every node)." });
  });
  const g = ha.group;
  if (g) {
    if (g.vip) {
      if (!z.ipv4().safeParse(g.vip.ip).success) out.push({ step: 6, path: "ha.group.vip.ip", message: "The floating IP must be an IPv4 address." });
      else if (Object.values(draft.links[0] ?? {}).includes(g.vip.ip)) out.push({ step: 6, path: "ha.group.vip.ip", message: `${g.vip.ip} is a node's own address.` });
      if (!/^[A-Za-z0-9_.:@-]{1,15}$/.test(g.vip.nic)) out.push({ step: 6, path: "ha.group.vip.nic", message: "Choose the interface that carries the floating IP." });
    }
    if (g.service === "systemd" && !/^[A-Za-z0-9@_.:-]{1,128}$/.test(g.systemdUnit)) {
      out.push({ step: 6, path: "ha.group.systemdUnit", message: "Type the systemd unit (for example nginx)." });
    }
    if (!g.vip && g.service === "none") out.push({ step: 6, path: "ha.group", message: "A resource group needs a floating IP or a service; or add no group." });
  }
  return out;
}

const STEP_CHECKS: Record<number, (d: TWizardDraft, c: TWizardContext) => TWizardIssue[]> = {
  1: clusterStep,
  2: hostsStep,
  3: (d, c) => [...networkStep(d, c), ...(c.kind === "pve" ? pveNetworkIssues(d, c) : [])],
  4: quorumStep,
  5: storageIssues,
  6: (d, c) => (c.kind === "pve" ? pveHaIssues(d) : haStep(d)),
};

export function validateWizardStep(step: TWizardStep, draft: TWizardDraft, ctx: TWizardContext): TWizardIssue[] {
  return STEP_CHECKS[step]?.(draft, ctx) ?? [];
}

// Everything up to and including `step`: what must hold before the wizard moves past it.
export function validateWizardUpTo(step: TWizardStep, draft: TWizardDraft, ctx: TWizardContext): TWizardIssue[] {
  const out: TWizardIssue[] = [];
  for (let s = 1; s <= Math.min(step, 6); s++) out.push(...validateWizardStep(s as TWizardStep, draft, ctx));
  return out;
}
