import { z } from "zod";
import type { TWizardContext, TWizardDraft, TWizardHost, TWizardIssue, TWizardStorage, TWizardStorageKind } from "./model";

// Step 5: which storage kinds fit this cluster and its hosts' facts, each disabled choice with
// the reason in words, the defaults a choice starts from, and the step's checks. Pure: the
// browser and the server judge a draft the same way.

// What the hosts' facts say of DRBD, by inventory name (absent: not known).
export type TStorageFacts = Readonly<Record<string, { drbdKernel: string | null }>>;

export const STORAGE_LABEL: Record<TWizardStorageKind, string> = { none: "No shared storage", drbd: "DRBD", linstor: "LINSTOR", zfs: "ZFS + replication", ceph: "Ceph" };

export type TStorageChoice = { kind: TWizardStorageKind; label: string; note: string; disabledReason: string | null };
export type TOption<T extends string> = { value: T; label: string; disabledReason: string | null };

const nodeHosts = (draft: TWizardDraft, ctx: TWizardContext): TWizardHost[] => draft.nodes.flatMap((n) => ctx.hosts.find((h) => h.name === n) ?? []);

// Nodes that have no empty disk at all, per their facts.
function withoutFreeDisk(draft: TWizardDraft, ctx: TWizardContext, need = 1): string[] {
  return nodeHosts(draft, ctx)
    .filter((h) => h.freeDisks.length < need)
    .map((h) => h.name);
}

const noDiskReason = (names: string[]) => `${names.join(", ")} ${names.length === 1 ? "has" : "have"} no empty disk (per ${names.length === 1 ? "its" : "their"} facts): add a disk and refresh the facts`;

export function storageChoices(ctx: TWizardContext, draft: TWizardDraft): TStorageChoice[] {
  const pve = ctx.kind === "pve";
  const bare = withoutFreeDisk(draft, ctx);
  const disks = bare.length > 0 ? noDiskReason(bare) : null;
  const needsPve = (what: string) => (pve ? null : `${what} is storage for Proxmox VE guests; this is a plain corosync/Pacemaker cluster`);
  return [
    { kind: "none", label: STORAGE_LABEL.none, note: "Set storage up later. Guests and services then keep their data on each node's own disks.", disabledReason: null },
    {
      kind: "drbd",
      label: STORAGE_LABEL.drbd,
      note: pve ? "A replicated block device on one disk per node, with LVM on top for guest disks (shared, live migration)." : "A replicated block device on one disk per node; Pacemaker decides where it is Primary.",
      disabledReason: disks,
    },
    { kind: "linstor", label: STORAGE_LABEL.linstor, note: "DRBD volumes per guest disk, created on demand from a thin pool on one disk per node.", disabledReason: needsPve("LINSTOR") ?? disks },
    { kind: "zfs", label: STORAGE_LABEL.zfs, note: "A local ZFS pool per node; guest disks are copied to a partner node on a schedule (asynchronous).", disabledReason: needsPve("ZFS replication") ?? disks },
    {
      kind: "ceph",
      label: STORAGE_LABEL.ceph,
      note: "Distributed storage: every block in 3 copies across the nodes' OSD disks.",
      disabledReason: needsPve("Ceph") ?? (draft.nodeCount !== 3 ? "Ceph needs three nodes (a monitor majority and three copies); this cluster has two" : disks),
    },
  ];
}

// DRBD's generation per node, from the kernel module the facts saw.
const generationOf = (v: string | null): "9" | "8.4" | null => (v === null ? null : v.startsWith("9.") ? "9" : v.startsWith("8.4.") ? "8.4" : null);

export function drbdVersionOptions(draft: TWizardDraft, facts: TStorageFacts = {}): TOption<"9" | "8.4">[] {
  const known = draft.nodes.flatMap((n) => {
    const g = generationOf(facts[n]?.drbdKernel ?? null);
    return g ? [{ node: n, g, v: facts[n]?.drbdKernel ?? "" }] : [];
  });
  const other = (g: "9" | "8.4") => known.find((k) => k.g !== g);
  const reason = (g: "9" | "8.4") => {
    const o = other(g);
    return o ? `${o.node} runs DRBD ${o.v}` : null;
  };
  return [
    { value: "9", label: "DRBD 9", disabledReason: reason("9") },
    { value: "8.4", label: "DRBD 8.4", disabledReason: draft.nodeCount === 3 ? "DRBD 8.4 replicates between two nodes only" : reason("8.4") },
  ];
}

export function drbdModeOptions(ctx: TWizardContext): TOption<"pacemaker" | "lvm">[] {
  const pve = ctx.kind === "pve";
  return [
    { value: "pacemaker", label: "Managed by Pacemaker", disabledReason: pve ? "a Proxmox VE cluster runs no Pacemaker; use LVM on DRBD" : null },
    { value: "lvm", label: "LVM on DRBD (Proxmox VE shared LVM)", disabledReason: pve ? null : "LVM on DRBD serves Proxmox VE guests; on a Pacemaker cluster, Pacemaker manages DRBD" },
  ];
}

// corosync link 1 when there is one (usually the dedicated replication network), else link 0.
export const defaultReplicationAddresses = (draft: TWizardDraft): Record<string, string> => ({ ...(draft.links[1] ?? draft.links[0] ?? {}) });

const firstDisks = (draft: TWizardDraft, ctx: TWizardContext): Record<string, string> =>
  Object.fromEntries(nodeHosts(draft, ctx).flatMap((h) => (h.freeDisks[0] ? [[h.name, h.freeDisks[0].name]] : [])));

// What a newly picked kind starts with: the first empty disk of every node, the versions and
// modes that fit.
export function defaultStorage(kind: TWizardStorageKind, ctx: TWizardContext, draft: TWizardDraft, facts: TStorageFacts = {}): TWizardStorage {
  const disks = firstDisks(draft, ctx);
  switch (kind) {
    case "none":
      return { kind };
    case "drbd": {
      const version = drbdVersionOptions(draft, facts).find((v) => v.disabledReason === null)?.value ?? "9";
      return { kind, version, mode: ctx.kind === "pve" ? "lvm" : "pacemaker", resource: "r0", disks, addresses: defaultReplicationAddresses(draft) };
    }
    case "linstor":
      return { kind, poolType: "lvmthin", disks };
    case "zfs":
      return { kind, pool: "tank", disks, schedule: "*/15", rpoMinutes: 15 };
    case "ceph":
      return { kind, osds: Object.fromEntries(Object.entries(disks).map(([n, d]) => [n, [d]])), size: 3, minSize: 2 };
  }
}

const isIp = (s: string) => z.union([z.ipv4(), z.ipv6()]).safeParse(s).success;

// Step 5's checks. A disk must be empty per the host's facts until the wizard has planned
// once: a re-run finds the disks used by the storage it built, and the agents' probes judge
// them (they refuse a disk that is mounted or used by anything else).
export function storageIssues(draft: TWizardDraft, ctx: TWizardContext): TWizardIssue[] {
  const s = draft.storage;
  if (s.kind === "none") return [];
  const issue = (path: string, message: string): TWizardIssue => ({ step: 5, path, message });
  const choice = storageChoices(ctx, draft).find((c) => c.kind === s.kind);
  if (choice?.disabledReason) return [issue("storage.kind", `${choice.label} is not available: ${choice.disabledReason}.`)];
  const out: TWizardIssue[] = [];
  const planned = draft.stage1JobId !== null || draft.stage3JobId !== null;
  const checkDisk = (node: string, disk: string | undefined, path: string) => {
    if (!disk) {
      out.push(issue(path, `Choose a disk on ${node}.`));
      return;
    }
    const host = ctx.hosts.find((h) => h.name === node);
    if (!planned && !host?.freeDisks.some((d) => d.name === disk)) out.push(issue(path, `${node} has no empty disk ${disk} (per its facts); refresh its facts if it changed.`));
  };
  if (s.kind === "ceph") {
    if (draft.nodeCount !== 3) out.push(issue("storage.kind", "Ceph needs three nodes."));
    for (const node of draft.nodes) {
      const osds = s.osds[node] ?? [];
      if (osds.length === 0) out.push(issue(`storage.osds.${node}`, `Choose at least one OSD disk on ${node}.`));
      osds.forEach((d, i) => checkDisk(node, d, `storage.osds.${node}.${i}`));
      if (new Set(osds).size !== osds.length) out.push(issue(`storage.osds.${node}`, `A disk of ${node} is picked twice.`));
    }
    // Ceph's own guard rails (agents/ceph/validate.ts), said before anything is planned.
    if (s.size <= s.minSize) out.push(issue("storage.size", `size ${s.size} must be larger than min_size ${s.minSize}: with size = min_size one OSD down blocks I/O.`));
    if (s.minSize < 2) out.push(issue("storage.minSize", "min_size 1 is refused: Ceph would acknowledge writes held on a single disk."));
    return out;
  }
  for (const node of draft.nodes) checkDisk(node, s.disks[node], `storage.disks.${node}`);
  if (s.kind !== "drbd") return out;
  if (s.version === "8.4" && draft.nodeCount === 3) out.push(issue("storage.version", "DRBD 8.4 replicates between two nodes only: choose DRBD 9."));
  const mode = drbdModeOptions(ctx).find((m) => m.value === s.mode);
  if (mode?.disabledReason) out.push(issue("storage.mode", `${mode.label}: not for this cluster (${mode.disabledReason}).`));
  const used = new Set<string>();
  for (const node of draft.nodes) {
    const addr = s.addresses[node] ?? "";
    const path = `storage.addresses.${node}`;
    if (addr === "") out.push(issue(path, `Choose the replication address of ${node}.`));
    else if (!isIp(addr)) out.push(issue(path, `${addr} is not an IP address.`));
    else if (!ctx.hosts.find((h) => h.name === node)?.addresses.some((a) => a.address === addr)) out.push(issue(path, `${node} has no interface with ${addr} (per its facts).`));
    else if (used.has(addr)) out.push(issue(path, `${addr} is used by two nodes.`));
    used.add(addr);
  }
  return out;
}
