import type { Runner } from "@/lib/ssh/runner";
import { readFileIfExists } from "@/lib/ssh/write-file";
import { PVE_FILES } from "./checks";
import { parseGuestConfigJson, type TGuestConfig } from "./guest-config";
import { parsePveHaGroupsCfg, parsePveHaResourcesCfg, parsePveHaRulesCfg } from "./ha-cfg";
import type { THaGroup, THaResource, THaRule, TReplicationJob, TStorageEntry } from "./model-config";
import type { TPveClusterStatus, TPveResources } from "./model-status";
import { parsePveClusterStatusJson } from "./parse-pve-cluster-status";
import { parsePveResourcesJson } from "./parse-pve-resources";
import { parsePveReplicationCfg } from "./replication-cfg";
import { parsePveStorageCfg } from "./storage-cfg";

// The cluster-wide facts the guest planners (replication, HA, migration) read, from any one
// member: /etc/pve is the same everywhere.

export type TPveClusterView = {
  resources: TPveResources;
  status: TPveClusterStatus;
  storage: TStorageEntry[];
  replication: TReplicationJob[];
  haResources: THaResource[];
  haGroups: THaGroup[];
  haRules: THaRule[];
  // Configs of the guests asked for, by VMID (absent: not asked or the guest does not exist).
  guestConfigs: Record<number, TGuestConfig>;
};

export const CLUSTER_VIEW_COMMANDS = {
  resources: ["pvesh", "get", "/cluster/resources", "--output-format", "json"],
  status: ["pvesh", "get", "/cluster/status", "--output-format", "json"],
} as const;

export const guestConfigArgv = (node: string, kind: "qemu" | "lxc", vmid: number) => [
  "pvesh",
  "get",
  `/nodes/${node}/${kind}/${vmid}/config`,
  "--output-format",
  "json",
];

// Guest inventory: every VM and container with its node, state, HA state and usage.
export async function probeGuestInventory(runner: Runner): Promise<TPveResources> {
  return parsePveResourcesJson((await runner.run([...CLUSTER_VIEW_COMMANDS.resources], { timeoutMs: 30_000 })).stdout);
}

async function readCfg<T>(runner: Runner, path: string, parse: (text: string) => { [k: string]: T[] }, key: string): Promise<T[]> {
  const text = await readFileIfExists(runner, path);
  return text === null || text.trim() === "" ? [] : (parse(text)[key] ?? []);
}

export async function probePveClusterView(runner: Runner, opts: { guestConfigsFor?: readonly number[] } = {}): Promise<TPveClusterView> {
  const resources = await probeGuestInventory(runner);
  const status = parsePveClusterStatusJson((await runner.run([...CLUSTER_VIEW_COMMANDS.status], { timeoutMs: 30_000 })).stdout);
  const guestConfigs: Record<number, TGuestConfig> = {};
  for (const vmid of opts.guestConfigsFor ?? []) {
    const g = resources.guests.find((x) => x.vmid === vmid);
    if (!g?.node || g.type === "openvz") continue;
    const r = await runner.run(guestConfigArgv(g.node, g.type, vmid), { okCodes: "any", timeoutMs: 30_000 });
    if (r.code === 0) guestConfigs[vmid] = parseGuestConfigJson(r.stdout);
  }
  return {
    resources,
    status,
    storage: await readCfg(runner, PVE_FILES.storage, parsePveStorageCfg, "storages"),
    replication: await readCfg(runner, PVE_FILES.replication, parsePveReplicationCfg, "jobs"),
    haResources: await readCfg(runner, PVE_FILES.haResources, parsePveHaResourcesCfg, "resources"),
    haGroups: await readCfg(runner, PVE_FILES.haGroups, parsePveHaGroupsCfg, "groups"),
    haRules: await readCfg(runner, PVE_FILES.haRules, parsePveHaRulesCfg, "rules"),
    guestConfigs,
  };
}

// Node names and whether each is online, from /cluster/status (the membership) with the
// resources list as fallback.
export function nodeOnline(view: Pick<TPveClusterView, "resources" | "status">, node: string): boolean | null {
  const s = view.status.nodes.find((n) => n.name === node);
  if (s && s.online !== null) return s.online;
  const r = view.resources.nodes.find((n) => n.name === node);
  return r ? r.status === "online" : null;
}

export function clusterNodes(view: Pick<TPveClusterView, "resources" | "status">): string[] {
  return [...new Set([...view.status.nodes.map((n) => n.name), ...view.resources.nodes.map((n) => n.name)])].sort();
}
