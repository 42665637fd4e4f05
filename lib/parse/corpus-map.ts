// Which format reads each sample in ../shared/corpus, decided from its folder and name.
// Samples that are not status outputs (specs, notes, memory figures) say why they are not
// parsed, so a new sample in the corpus is never silently ignored.
export type TCorpusEntry = { format: string; expectFailure: boolean } | { format: null; reason: string };

const NOT_OUTPUTS: Record<string, string> = {
  "lab-captures/apt-availability.txt": "notes on Debian package availability",
  "lab-captures/apt-sizes.txt": "notes on package sizes",
  "lab-captures/ceph-mem.txt": "memory figures",
  "lab-captures/lab-status-mem.txt": "memory figures of the lab",
  "lab-captures/installed-versions.txt": "package versions list",
  "lab-captures/drbd-env.txt": "notes on the DRBD environment",
  "lab-captures/drbd84-validate.txt": "drbdadm validation transcript",
  "lab-captures/drbd9-validate.txt": "drbdadm validation transcript",
  "lab-captures/drbd-broken-validate.txt": "drbdadm validation transcript",
  "lab-captures/3node-cib.xml": "a CIB, not crm_mon output",
  "lab-captures/3node-cmapctl.txt": "corosync-cmapctl dump",
  "lab-captures/3node-crm_configure_show.txt": "crm configure show (configuration, not status)",
  "lab-captures/3node-crm_verify.txt": "crm_verify transcript",
  "lab-captures/pcs-cluster-setup.txt": "pcs cluster setup transcript",
  "ceph/ceph-mon-dump-octopus.txt": "ceph mon dump (monmap listing, not status)",
  "linstor/REFERENCE-linstor-server-rest_v1_openapi-1.28.0.yaml": "a REST API specification",
  "linstor/golinstor-rest-volume-uptodate.json": "a single REST Volume object, not a resource list",
};

const RULES: [RegExp, string][] = [
  [/^drbd-proc\//, "proc-drbd"],
  [/^drbd9-status\//, "drbd-status"],
  [/^drbd9-json\//, "drbd-status-json"],
  [/^drbd9-events2\//, "drbd-events2"],
  [/^pacemaker-xml\/|crm_mon.*\.xml$/, "crm-mon-xml"],
  [/^pacemaker-text\/|crm_mon.*\.txt$|crm_status\.txt$|pcs_status\.txt$/, "crm-mon-text"],
  [/quorumtool.*\.txt$/, "corosync-quorum"],
  [/cfgtool-n-/, "corosync-cfgtool-n"],
  [/cfgtool.*\.txt$/, "corosync-links"],
  [/corosync.*\.conf$/, "corosync-conf"],
  [/qdevice-tool\.txt$/, "qdevice-tool"],
  [/qnetd-tool\.txt$/, "qnetd-tool"],
  [/drbd-configs\/.*\.(res|conf)$/, "drbd-res"],
  [/pvecm-status-/, "pvecm-status"],
  [/pvecm-nodes-/, "pvecm-nodes"],
  [/ha-manager-status-/, "ha-manager-status"],
  [/ha-manager-config-/, "ha-manager-config"],
  [/ha-manager_status-.*\.json$/, "pve-ha-manager-status-json"],
  [/api-cluster-status-/, "pve-cluster-status-json"],
  [/pvesr-status-/, "pvesr-status"],
  [/qm-migrate-tasklog-/, "qm-migrate-log"],
  [/storage\.cfg-/, "pve-storage-cfg"],
  [/ha-resources\.cfg-/, "pve-ha-resources-cfg"],
  [/ha-groups\.cfg-/, "pve-ha-groups-cfg"],
  [/ha-rules\.cfg-/, "pve-ha-rules-cfg"],
  [/replication\.cfg-/, "pve-replication-cfg"],
  [/ceph-status\.json$|ceph-status-json|datadog-ceph/, "ceph-status-json"],
  [/ceph-s-|ceph-status\.txt$/, "ceph-status-text"],
  [/ceph-health-/, "ceph-health-text"],
  [/ceph-osd-tree-/, "ceph-osd-tree-text"],
  [/ceph-osd-df/, "ceph-osd-df-text"],
  [/linstor-m-node-list/, "linstor-nodes-json"],
  [/linstor-resource-list-table/, "linstor-resources-table"],
];

// Marked in the corpus as incomplete copies: they may fail, but only with a clear message.
const INCOMPLETE = /TRUNCATED|FRAGMENT-not-connected/;

export function corpusEntry(relPath: string): TCorpusEntry {
  const reason = NOT_OUTPUTS[relPath];
  if (reason) return { format: null, reason };
  // Deliberately broken configs from the lab: syntax errors must be a clean ParseError;
  // the semantic ones parse and are caught by the validator (agents/drbd/validate.ts).
  if (/drbd-configs\/broken\//.test(relPath) || /r2-broken\.res$/.test(relPath)) {
    return { format: "drbd-res", expectFailure: true };
  }
  for (const [pattern, format] of RULES) {
    if (pattern.test(relPath)) return { format, expectFailure: INCOMPLETE.test(relPath) };
  }
  return { format: null, reason: "no format matches this file name: add a rule or a reason" };
}
