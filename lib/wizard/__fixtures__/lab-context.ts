import type { TWizardContext, TWizardDraftInput, TWizardHost } from "../model";
import { ZWizardDraft } from "../model";

// The lab's three bare hosts as the wizard sees them once onboarded (one NIC, eth0, each).

export const labHost = (i: 1 | 2 | 3, over: Partial<TWizardHost> = {}): TWizardHost => ({
  id: `h${i}`,
  name: `lab${i}`,
  address: `10.99.0.1${i}`,
  clusterId: null,
  clusterName: null,
  keyState: "trusted",
  hasCredential: true,
  factsAt: "2026-11-21T20:00:00.000Z",
  addresses: [{ iface: "eth0", address: `10.99.0.1${i}`, prefixLength: 24, family: "inet" }],
  freeDisks: [],
  corosyncVersion: "3.1.7-1",
  pacemakerVersion: "2.1.5-1",
  os: "Debian GNU/Linux 12 (bookworm)",
  lastError: null,
  ...over,
});

export const labContext = (over: Partial<TWizardContext> = {}): TWizardContext => ({
  clusterId: "c1",
  clusterName: "wiz3",
  kind: "pacemaker",
  hosts: [labHost(1), labHost(2), labHost(3)],
  ...over,
});

// A complete 3-node draft: one link, fence_dummy, a VIP + Dummy group.
export const lab3Draft = (over: TWizardDraftInput = {}) =>
  ZWizardDraft.parse({
    nodeCount: 3,
    nodes: ["lab1", "lab2", "lab3"],
    links: [{ lab1: "10.99.0.11", lab2: "10.99.0.12", lab3: "10.99.0.13" }],
    ha: {
      fencing: "device",
      fenceAgent: "fence_dummy",
      group: { id: "web", vip: { ip: "10.99.0.80", cidrNetmask: 24, nic: "eth0" }, service: "dummy" },
    },
    ...over,
  });
