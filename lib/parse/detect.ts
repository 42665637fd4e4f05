import { runParse, type TParseOutcome } from "./run-parse";

// Guesses the format of a pasted capture from the lines that give each tool away, then
// confirms the guess by parsing. Order matters: more specific signatures first.
const SIGNATURES: [string, RegExp][] = [
  ["crm-mon-xml", /<(pacemaker-result|crm_mon)[\s>]|<nodes>\s*<node /],
  ["drbd-events2", /^(exists|create|change|destroy) (resource|device|connection|peer-device|path|-)/m],
  ["drbd-status-json", /"(peer_devices|peer-devices|connections)"\s*:/],
  ["proc-drbd", /^\s*\d+: cs:\S+|^version: 8\.\d/m],
  ["drbd-status", /^\S+ (node-id:\d+ )?role:(Primary|Secondary|Unknown)/m],
  // pvecm prints node ids in hex; corosync-quorumtool in decimal.
  ["pvecm-status", /^Cluster information\s*$|^Votequorum information[\s\S]*\b0x[0-9a-f]{8}\b/m],
  // `pvecm nodes` is `corosync-quorumtool -l` underneath: the same text, the same model.
  ["corosync-quorum", /^(Quorum|Votequorum|Membership) information\s*$/m],
  ["corosync-cfgtool-n", /^\s*LINK: \d+ /m],
  ["corosync-links", /^(Printing ring status|Printing link status|Local node ID \d+)/m],
  ["qnetd-tool", /^QNetd address:|^Cluster "[^"]+":/m],
  ["qdevice-tool", /^Qdevice information/m],
  ["corosync-conf", /^\s*totem\s*\{/m],
  ["drbd-res", /^\s*resource\s+\S+\s*\{/m],
  ["crm-mon-text", /^\s*(\* )?(Cluster Summary:|Stack: |Current DC:|Last updated:|Cluster name:|Node List:)/m],
  ["ha-manager-status", /^quorum (OK|No quorum)|^master \S+ \(/m],
  ["pvesr-status", /^JobID\s+Enabled\s+Target/m],
  ["qm-migrate-log", /starting migration of (VM|CT) \d+|TASK (OK|ERROR)/],
  ["pve-storage-cfg", /^(dir|lvmthin|lvm|zfspool|nfs|rbd|cephfs|drbd|cifs|pbs): \S+/m],
  ["pve-replication-cfg", /^local: \d+-\d+/m],
  ["pve-ha-rules-cfg", /^(node-affinity|resource-affinity): \S+/m],
  ["pve-ha-groups-cfg", /^group: \S+/m],
  ["pve-ha-resources-cfg", /^(vm|ct): \d+/m],
  ["ha-manager-config", /^(vm|ct):\d+\s*$/m],
  ["pve-cluster-status-json", /"type"\s*:\s*"cluster"/],
  ["pve-resources-json", /"type"\s*:\s*"(qemu|lxc|node|storage)"/],
  ["pve-ha-manager-status-json", /"master_node"/],
  ["ceph-status-json", /"(fsid|health)"\s*:.*"(osdmap|pgmap|monmap)"/s],
  ["ceph-osd-tree-json", /"nodes"\s*:\s*\[.*"type"\s*:\s*"(root|host|osd)"/s],
  ["ceph-osd-df-json", /"nodes"\s*:\s*\[.*"utilization"/s],
  ["ceph-health-json", /"checks"\s*:/],
  ["ceph-status-text", /^\s*(cluster:|cluster [0-9a-f-]{36})/m],
  ["ceph-osd-tree-text", /^\s*ID\s+(CLASS\s+)?WEIGHT\s+TYPE NAME/m],
  ["ceph-osd-df-text", /^\s*ID\s+CLASS\s+WEIGHT\s+REWEIGHT\s+SIZE/m],
  ["ceph-health-text", /^HEALTH_(OK|WARN|ERR)/m],
  ["linstor-resources-table", /[┊|]\s*ResourceName\s*[┊|]/],
  ["linstor-resources-json", /"node_name"\s*:.*"(volumes|layer_object)"/s],
  ["linstor-nodes-json", /"connection_status"\s*:/],
  ["linstor-storage-pools-json", /"provider_kind"\s*:/],
];

export function detectAndParse(text: string): TParseOutcome | null {
  for (const [format, signature] of SIGNATURES) {
    if (!signature.test(text)) continue;
    const outcome = runParse(format, text);
    if (outcome.ok) return outcome;
  }
  return null;
}
