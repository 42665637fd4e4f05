import type { TCorosyncConfig } from "@/agents/corosync/model";
import type { TPacemakerDesiredInput, TPcmkPrimitive } from "@/agents/pacemaker/desired";
import type { TWizardContext, TWizardDraft } from "./model";

// A finished draft → what the agents plan from: the corosync cluster (stage 1, with the
// QDevice's witness when there is one) and the Pacemaker configuration (stage 2). Pure; call
// it only on a draft that validateWizardUpTo(6) accepts.

export type TWizardQdevice = { witness: string; witnessAddress: string };

export type TWizardDesired = {
  corosync: TCorosyncConfig;
  qdevice: TWizardQdevice | null;
  pacemaker: TPacemakerDesiredInput;
};

// Debian's packaged default: a log file, no syslog duplicate.
const LOGGING: TCorosyncConfig["logging"] = {
  toLogfile: true,
  logfile: "/var/log/corosync/corosync.log",
  toSyslog: false,
  toStderr: false,
  timestamp: true,
  debug: null,
};

export function corosyncFromDraft(draft: TWizardDraft, clusterName: string): TCorosyncConfig {
  const twoNode = draft.nodeCount === 2 && draft.quorum.mode === "two_node";
  return {
    clusterName,
    configVersion: null,
    // knet with encryption: what pvecm and pcs set up today.
    transport: "knet",
    ipVersion: null,
    secauth: null,
    cryptoCipher: "aes256",
    cryptoHash: "sha256",
    linkMode: null,
    links: draft.links.map((_, i) => ({ linknumber: i, knetLinkPriority: null, knetTransport: null, bindnetaddr: null, mcastport: null })),
    nodes: draft.nodes.map((name, i) => ({ nodeid: i + 1, name, addrs: draft.links.map((l) => l[name] ?? ""), quorumVotes: null })),
    // two_node implies wait_for_all; the QDevice block is added by the qdevice planner.
    quorum: { provider: "corosync_votequorum", twoNode, waitForAll: null, expectedVotes: null, device: null },
    logging: LOGGING,
  };
}

export function qdeviceFromDraft(draft: TWizardDraft, ctx: TWizardContext): TWizardQdevice | null {
  if (draft.nodeCount !== 2 || draft.quorum.mode !== "qdevice" || !draft.quorum.witness) return null;
  const witness = ctx.hosts.find((h) => h.name === draft.quorum.witness);
  return witness ? { witness: witness.name, witnessAddress: witness.address } : null;
}

export const fenceDeviceId = (clusterName: string) => `fence_${clusterName.replace(/-/g, "_")}`;

export function pacemakerFromDraft(draft: TWizardDraft, clusterName: string): TPacemakerDesiredInput {
  const ha = draft.ha;
  const fencing = ha.fencing === "device" && ha.fenceAgent !== null;
  const primitives: TPcmkPrimitive[] = [];
  const g = ha.group;
  if (g?.vip) {
    primitives.push({
      id: `${g.id}_ip`,
      agent: "ocf:heartbeat:IPaddr2",
      params: { ip: g.vip.ip, cidr_netmask: String(g.vip.cidrNetmask), nic: g.vip.nic },
      meta: {},
      ops: [{ name: "monitor", interval: "10s", timeout: "20s", role: null }],
    });
  }
  if (g?.service === "dummy") {
    primitives.push({ id: `${g.id}_service`, agent: "ocf:pacemaker:Dummy", params: {}, meta: {}, ops: [{ name: "monitor", interval: "10s", timeout: "20s", role: null }] });
  } else if (g?.service === "systemd") {
    primitives.push({ id: `${g.id}_service`, agent: `systemd:${g.systemdUnit}`, params: {}, meta: {}, ops: [{ name: "monitor", interval: "30s", timeout: "100s", role: null }] });
  }
  return {
    properties: {
      "stonith-enabled": fencing ? "true" : "false",
      // Without quorum a partition stops its resources: the safe default, spelled out.
      "no-quorum-policy": "stop",
    },
    rscDefaults: { "resource-stickiness": String(ha.resourceStickiness) },
    primitives,
    groups: g && primitives.length > 0 ? [{ id: g.id, members: primitives.map((p) => p.id), meta: {} }] : [],
    stonith: fencing
      ? [
          {
            id: fenceDeviceId(clusterName),
            agent: ha.fenceAgent ?? "",
            params: { pcmk_host_list: draft.nodes.join(" "), ...Object.fromEntries(ha.fenceParams.map((p) => [p.name, p.value])) },
            meta: {},
            ops: [{ name: "monitor", interval: "60s", timeout: null, role: null }],
          },
        ]
      : [],
  };
}

export function wizardDesired(draft: TWizardDraft, ctx: TWizardContext): TWizardDesired {
  return {
    corosync: corosyncFromDraft(draft, ctx.clusterName),
    qdevice: qdeviceFromDraft(draft, ctx),
    pacemaker: pacemakerFromDraft(draft, ctx.clusterName),
  };
}
