import type { TPveNodeObserved } from "@/agents/proxmox/cluster/model";
import type { TPveClusterView } from "@/agents/proxmox/cluster-view";
import type { THaGroup } from "@/agents/proxmox/model-config";
import type { TWizardContext, TWizardDraftInput } from "../model";
import { labContext, labHost, lab3Draft } from "./lab-context";

// The lab's hosts as bare Proxmox nodes with two NICs (eth0 10.99.0.0/24, eth1 10.98.0.0/24),
// what the Proxmox agent's probe says of them before and after they form cluster "wiz3", and
// the cluster view stage 2 plans against.

export const FP = Array.from({ length: 32 }, (_, i) => (i % 16).toString(16).toUpperCase().padStart(2, "0")).join(":");

export const pveContext = (over: Partial<TWizardContext> = {}): TWizardContext =>
  labContext({
    kind: "pve",
    hosts: ([1, 2, 3] as const).map((i) =>
      labHost(i, {
        addresses: [
          { iface: "eth0", address: `10.99.0.1${i}`, prefixLength: 24, family: "inet" },
          { iface: "eth1", address: `10.98.0.1${i}`, prefixLength: 24, family: "inet" },
          { iface: "eth0", address: `fd00::1${i}`, prefixLength: 64, family: "inet6" },
        ],
      }),
    ),
    ...over,
  });

// Three nodes, two links, the migration network on eth1, an HA group preferring lab1.
export const pve3Draft = (over: TWizardDraftInput = {}) =>
  lab3Draft({
    links: [
      { lab1: "10.99.0.11", lab2: "10.99.0.12", lab3: "10.99.0.13" },
      { lab1: "10.98.0.11", lab2: "10.98.0.12", lab3: "10.98.0.13" },
    ],
    network: { migrationCidr: "10.98.0.0/24" },
    ha: { pve: { watchdog: "softdog", group: { id: "prefer_lab1", priorities: { lab1: 3, lab2: 2, lab3: 1 } } } },
    ...over,
  });

export const bareNode = (name: string, over: Partial<TPveNodeObserved> = {}): TPveNodeObserved => ({
  hostname: name,
  corosyncConfText: null,
  clusterName: null,
  members: [],
  qdeviceHost: null,
  online: null,
  quorate: null,
  fingerprint: FP,
  vms: 0,
  containers: 0,
  qdevicePackage: true,
  errors: [],
  ...over,
});

export const memberNode = (name: string, names: readonly string[], over: Partial<TPveNodeObserved> = {}): TPveNodeObserved =>
  bareNode(name, {
    clusterName: "wiz3",
    members: names.map((n, i) => ({ name: n, nodeid: i + 1, addrs: [`10.99.0.1${i + 1}`, `10.98.0.1${i + 1}`] })),
    online: [...names],
    quorate: true,
    ...over,
  });

export const haGroup = (group: string, nodes: [string, number | null][]): THaGroup => ({
  group,
  nodes: nodes.map(([node, priority]) => ({ node, priority })),
  restricted: null,
  nofailback: null,
  comment: null,
  extra: {},
});

export function labPveView(haGroups: THaGroup[] = []): TPveClusterView {
  const names = ["lab1", "lab2", "lab3"];
  return {
    resources: { nodes: [], guests: [], storages: [], pools: [], sdn: [], others: [] },
    status: {
      cluster: { name: "wiz3", version: 3, quorate: true, nodes: 3 },
      nodes: names.map((name, i) => ({ name, nodeid: i + 1, online: true, local: i === 0, ip: `10.99.0.1${i + 1}`, level: null })),
    },
    storage: [],
    replication: [],
    haResources: [],
    haGroups,
    haRules: [],
    guestConfigs: {},
  };
}
