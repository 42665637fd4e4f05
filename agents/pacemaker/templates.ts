import type { TPacemakerDesired, TPcmkPrimitive, TPcmkStonith } from "./desired";

// The seed's storage cluster (seed 002) as a template: a DRBD resource promoted on one node,
// then the service addresses, then the service, in that order and on the same node. What the
// seed did by hand and the panel does not copy: stonith off and no-quorum-policy=ignore on two
// nodes; here fencing devices are part of the template and quorum is left to corosync.

export type TDrbdServiceTemplate = {
  // Prefix of every id (an XML id itself).
  name: string;
  drbdResource: string;
  // The node the service prefers when both are healthy (seed: location PREFER-1 … 50: server1);
  // set on the group, which the promoted DRBD instance follows through the colocation.
  preferredNode: string | null;
  ips: { ip: string; cidrNetmask: string; nic?: string }[];
  filesystem?: { device: string; directory: string; fstype: string } | null;
  // The service itself: "systemd:nfs-server", "ocf:heartbeat:apache", ...
  service: { agent: string; params?: Record<string, string> };
  fencing: TPcmkStonith[];
};

export function drbdServiceTemplate(t: TDrbdServiceTemplate): TPacemakerDesired {
  const drbd: TPcmkPrimitive = {
    id: `${t.name}_drbd`,
    agent: "ocf:linbit:drbd",
    params: { drbd_resource: t.drbdResource },
    meta: {},
    // Pacemaker tells monitors apart by interval: one per role.
    ops: [
      { name: "monitor", interval: "29s", timeout: null, role: "Promoted" },
      { name: "monitor", interval: "31s", timeout: null, role: "Unpromoted" },
    ],
  };
  const fs: TPcmkPrimitive[] = t.filesystem
    ? [{ id: `${t.name}_fs`, agent: "ocf:heartbeat:Filesystem", params: { ...t.filesystem }, meta: {}, ops: [{ name: "monitor", interval: "20s", timeout: "40s", role: null }] }]
    : [];
  const ips: TPcmkPrimitive[] = t.ips.map((ip, i) => ({
    id: `${t.name}_ip${i + 1}`,
    agent: "ocf:heartbeat:IPaddr2",
    params: { ip: ip.ip, cidr_netmask: ip.cidrNetmask, ...(ip.nic ? { nic: ip.nic } : {}) },
    meta: {},
    ops: [{ name: "monitor", interval: "10s", timeout: null, role: null }],
  }));
  const service: TPcmkPrimitive = {
    id: `${t.name}_service`,
    agent: t.service.agent,
    params: t.service.params ?? {},
    meta: {},
    ops: [{ name: "monitor", interval: "30s", timeout: null, role: null }],
  };
  const clone = `${t.name}_drbd_clone`;
  const group = `${t.name}_group`;
  return {
    properties: { "stonith-enabled": t.fencing.length > 0 ? "true" : "false", "no-quorum-policy": "stop" },
    rscDefaults: { "resource-stickiness": "100" },
    primitives: [drbd, ...fs, ...ips, service],
    groups: [{ id: group, members: [...fs, ...ips, service].map((p) => p.id), meta: {} }],
    clones: [
      {
        id: clone,
        child: drbd.id,
        promotable: true,
        meta: { "promoted-max": "1", "promoted-node-max": "1", "clone-max": "2", "clone-node-max": "1", notify: "true" },
      },
    ],
    colocations: [{ id: `${group}_with_${clone}`, rsc: group, withRsc: clone, score: "INFINITY", rscRole: null, withRscRole: "Promoted" }],
    orders: [{ id: `${clone}_before_${group}`, first: clone, firstAction: "promote", then: group, thenAction: "start", kind: "Mandatory" }],
    locations: t.preferredNode ? [{ id: `${group}_prefers_${t.preferredNode}`, rsc: group, node: t.preferredNode, score: "50" }] : [],
    stonith: t.fencing,
  };
}
