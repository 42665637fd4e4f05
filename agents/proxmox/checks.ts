import { shScript } from "@/lib/ssh/argv";
import type { TStepCheck } from "@/lib/plan/plan";

// Step checks on Proxmox's own files, so a re-run or a resumed job sees what is already done.
// Scripts are constants; ids and values arrive as positional arguments.

export const PVE_FILES = {
  corosync: "/etc/pve/corosync.conf",
  storage: "/etc/pve/storage.cfg",
  replication: "/etc/pve/replication.cfg",
  haResources: "/etc/pve/ha/resources.cfg",
  haGroups: "/etc/pve/ha/groups.cfg",
  haRules: "/etc/pve/ha/rules.cfg",
} as const;

// $1 file, $2 the section header ("local: 100-0"), then "key value" lines the section must
// hold (compared without their indent). Exit 0 = the section is there with those lines.
export const SECTION_HAS_SCRIPT =
  'f=$1; h=$2; shift 2; [ -f "$f" ] || exit 1; ' +
  "sec=$(awk -v h=\"$h\" '$0==h{p=1;print \"@\";next} p&&$0==\"\"{exit} p{sub(/^[ \\t]+/,\"\");print}' \"$f\"); " +
  '[ -n "$sec" ] || exit 1; for kv in "$@"; do printf "%s\\n" "$sec" | grep -qxF -- "$kv" || exit 1; done';

// $1 file, $2 header. Exit 0 = no such section (a missing file has none).
export const SECTION_ABSENT_SCRIPT = '[ -f "$1" ] || exit 0; ! grep -qxF -- "$2" "$1"';

export function sectionHasCheck(file: string, header: string, lines: readonly string[] = []): TStepCheck {
  return { kind: "command", argv: shScript(SECTION_HAS_SCRIPT, [file, header, ...lines]) };
}

export function sectionAbsentCheck(file: string, header: string): TStepCheck {
  return { kind: "command", argv: shScript(SECTION_ABSENT_SCRIPT, [file, header]) };
}

// $1 cluster name, $2 node name: the cluster config names this cluster and lists the node.
export const NODE_IN_CLUSTER_SCRIPT =
  'f=/etc/pve/corosync.conf; [ -f "$f" ] || exit 1; ' +
  "awk -v c=\"$1\" -v n=\"$2\" '$1==\"cluster_name:\"&&$2==c{a=1} $1==\"name:\"&&$2==n{b=1} END{exit !(a&&b)}' \"$f\"";

export const nodeInClusterCheck = (cluster: string, node: string): TStepCheck => ({
  kind: "command",
  argv: shScript(NODE_IN_CLUSTER_SCRIPT, [cluster, node]),
});

// $1 witness address: the quorum device block points at it.
export const QDEVICE_HOST_SCRIPT = "[ -f /etc/pve/corosync.conf ] && awk -v a=\"$1\" '$1==\"host:\"&&$2==a{f=1} END{exit !f}' /etc/pve/corosync.conf";
// No quorum device block at all.
export const QDEVICE_ABSENT_SCRIPT = "[ -f /etc/pve/corosync.conf ] || exit 0; awk '$1==\"device\"{f=1} END{exit f}' /etc/pve/corosync.conf";
