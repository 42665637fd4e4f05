import { z } from "zod";
import { ZPveClusterDesired, type TPveNodeObserved } from "@/agents/proxmox/cluster/model";
import { planPveCluster } from "@/agents/proxmox/cluster/plan";
import { planPveQdevice } from "@/agents/proxmox/cluster/qdevice";
import { ZIpAddress, ZPveNodeName } from "@/agents/proxmox/ids";
import { pveStep } from "@/agents/proxmox/steps";
import { buildPlan, writeFileStep } from "@/lib/plan/build";
import type { TFileDiff, TPlan, TPlanStep } from "@/lib/plan/plan";
import { report, type TReport } from "@/lib/reports/report";
import { shScript } from "@/lib/ssh/argv";
import { migrationValue, networkOf } from "./network-pve";

// Stage 1 of the wizard for a Proxmox VE cluster: `pvecm create` on node 1 and `pvecm add` on
// the others (the Proxmox cluster agent), then the tie-breaker of two nodes (the agent's
// QDevice plan, or two_node written into corosync.conf), the migration network in
// datacenter.cfg, and a wait until corosync counts every node quorate. Stage 2 (Proxmox HA)
// needs that running cluster. Pure.

export const DATACENTER_CFG = "/etc/pve/datacenter.cfg";

// An IPv4 network address with its prefix length (10.99.0.0/24, not 10.99.0.7/24).
const ZCidr = z.string().refine((c) => {
  const [ip = "", prefix = "", more] = c.split("/");
  return more === undefined && /^\d{1,2}$/.test(prefix) && networkOf(ip, Number(prefix)) === c;
}, "is not an IPv4 network such as 10.99.0.0/24");

export const ZPveStage1Input = z.object({
  kind: z.literal("pve"),
  cluster: ZPveClusterDesired,
  qdevice: z.object({ witness: ZPveNodeName, witnessAddress: ZIpAddress }).nullable(),
  twoNode: z.boolean(),
  migrationCidr: ZCidr.nullable(),
});
export type TPveStage1Input = z.input<typeof ZPveStage1Input>;

export type TPveStage1Observed = {
  nodes: Readonly<Record<string, TPveNodeObserved>>;
  // corosync-qnetd installed on the witness (null: no witness, or not probed).
  witnessQnetdInstalled: boolean | null;
  // /etc/pve/datacenter.cfg as node 1 has it (null: no such file).
  datacenterCfg: string | null;
};

// PVE's documented way to change corosync.conf by hand: edit a copy, bump config_version,
// move it over the original (pmxcfs then hands it to corosync on every node). two_node goes
// into the quorum section, after its provider line, with that line's indent.
export const TWO_NODE_SCRIPT = [
  "set -e",
  "f=/etc/pve/corosync.conf",
  `awk '$1=="config_version:"{sub(/[0-9]+/, $2+1)} {print} $1=="provider:"&&$2=="corosync_votequorum"{match($0,/^[ \\t]*/); print substr($0,1,RLENGTH) "two_node: 1"}' "$f" > "$f.new"`,
  'mv -f -- "$f.new" "$f"',
].join("\n");
export const TWO_NODE_SET_SCRIPT = "grep -Eq '^[[:space:]]*two_node:[[:space:]]*1[[:space:]]*$' /etc/pve/corosync.conf";

// $1 = how many nodes must be members, $2 = how many one-second tries. corosync-quorumtool
// exits non-zero without quorum; its "Quorate:" and "Nodes:" lines say enough.
export const PVE_READY_SCRIPT = [
  "i=0",
  'while [ "$i" -lt "$2" ]; do',
  "  x=$(corosync-quorumtool -s 2>/dev/null) || x=''",
  `  n=$(printf '%s\\n' "$x" | awk '$1=="Nodes:"{print $2}')`,
  `  if printf '%s\\n' "$x" | grep -q '^Quorate: *Yes' && [ "\${n:-0}" -ge "$1" ]; then exit 0; fi`,
  "  i=$((i + 1))",
  '  [ "$i" -lt "$2" ] && sleep 1',
  "done",
  "exit 1",
].join("\n");
const READY_TRIES = 90;

// datacenter.cfg with its `migration` property set to the wizard's value; every other line kept.
export function renderDatacenterMigration(current: string | null, cidr: string): string {
  const line = `migration: ${migrationValue(cidr)}`;
  const lines = (current ?? "").split("\n").filter((l, i, all) => !(l === "" && i === all.length - 1));
  const at = lines.findIndex((l) => /^migration\s*:/.test(l));
  if (at >= 0) lines[at] = line;
  else lines.push(line);
  return `${lines.join("\n")}\n`;
}

const unique = (xs: readonly string[]) => [...new Set(xs)];

// Node 1 as it will be once the plan's create and joins ran: the QDevice is planned against it.
function founderAfterJoins(o: TPveNodeObserved, d: z.infer<typeof ZPveClusterDesired>, joins: boolean): TPveNodeObserved {
  if (!joins) return o;
  const have = o.members.map((m) => m.name);
  const added = d.nodes.filter((n) => !have.includes(n.name)).map((n, i) => ({ name: n.name, nodeid: have.length + i + 1, addrs: [n.link0, ...(n.link1 ? [n.link1] : [])] }));
  return { ...o, clusterName: d.clusterName, members: [...o.members, ...added], online: unique([...(o.online ?? []), ...d.nodes.map((n) => n.name)]), quorate: true };
}

function readyStep(host: string, nodes: number): TPlanStep {
  return pveStep({
    id: "pve-quorate",
    title: `Wait until corosync counts all ${nodes} nodes, quorate (up to ${READY_TRIES} s)`,
    host,
    argv: shScript(PVE_READY_SCRIPT, [String(nodes), String(READY_TRIES)]),
    check: { kind: "command", argv: shScript(PVE_READY_SCRIPT, [String(nodes), "1"]) },
    undo: { kind: "command", argv: ["true"] },
    timeoutMs: (READY_TRIES + 30) * 1000,
  });
}

export function planPveWizardStage1(input: TPveStage1Input, observed: TPveStage1Observed): TPlan {
  const parsed = ZPveStage1Input.safeParse(input);
  if (!parsed.success) {
    const reports = parsed.error.issues.map((i) => report("error", "WIZARD_PVE_INVALID", `Proxmox cluster: ${i.path.join(".") || "value"} ${i.message}.`, { field: i.path.join(".") }));
    return buildPlan({ title: "Proxmox VE cluster", steps: [], reports });
  }
  const d = parsed.data;
  // Without a root password the joins go over SSH between the nodes (pvecm add --use_ssh).
  const cluster = planPveCluster(d.cluster, observed.nodes);
  const founder = d.cluster.nodes[0];
  if (!founder || cluster.reports.some((r) => r.severity === "error")) return cluster;
  const names = d.cluster.nodes.map((n) => n.name);
  const steps: TPlanStep[] = [...cluster.steps];
  const reports: TReport[] = [...cluster.reports];
  const diffs: TFileDiff[] = [...cluster.diffs];
  if (cluster.steps.some((s) => s.id.startsWith("pvecm-add-"))) {
    reports.push(
      report("info", "WIZARD_PVE_JOIN_OVER_SSH", `The other nodes join over SSH to ${founder.name} as root (pvecm add --use_ssh): root must be able to log in from each node to ${founder.name} with a key.`, {
        host: founder.name,
      }),
    );
  }
  const f = observed.nodes[founder.name] as TPveNodeObserved;
  if (d.qdevice) {
    const after = founderAfterJoins(f, d.cluster, cluster.steps.length > 0);
    const q = planPveQdevice(
      { nodes: names, witnessAddress: d.qdevice.witnessAddress, witnessHost: d.qdevice.witness },
      { nodes: { ...observed.nodes, [founder.name]: after }, witnessQnetdInstalled: observed.witnessQnetdInstalled },
    );
    if (q.reports.some((r) => r.severity === "error")) return buildPlan({ title: cluster.title, steps: [], reports: [...reports, ...q.reports], diffs });
    steps.push(...q.steps);
    reports.push(...q.reports);
  } else if (d.twoNode && !/^\s*two_node:\s*1\s*$/m.test(f.corosyncConfText ?? "")) {
    reports.push(
      report("warning", "WIZARD_PVE_TWO_NODE", "two_node: each node keeps quorum alone; only the HA watchdog's self-fencing decides after a split. A QDevice is the safer tie-breaker.", {}),
    );
    steps.push(
      pveStep({
        id: "pve-two-node",
        title: "Set two_node in /etc/pve/corosync.conf (config_version bumped)",
        host: founder.name,
        argv: shScript(TWO_NODE_SCRIPT),
        check: { kind: "command", argv: shScript(TWO_NODE_SET_SCRIPT) },
      }),
    );
  }
  if (d.migrationCidr) {
    const content = renderDatacenterMigration(observed.datacenterCfg, d.migrationCidr);
    if (content !== observed.datacenterCfg) {
      // pmxcfs keeps every file 0640 and allows a chmod only to that mode.
      const w = writeFileStep({
        id: "pve-migration-network",
        title: `Live migrations over ${d.migrationCidr} (datacenter.cfg: migration ${migrationValue(d.migrationCidr)})`,
        host: founder.name,
        path: DATACENTER_CFG,
        content,
        observed: observed.datacenterCfg,
        mode: "0640",
      });
      steps.push(w.step);
      diffs.push(w.diff);
    }
  }
  // Waiting is only worth a step when something changed; a cluster that already matches
  // plans empty ("nothing to change").
  if (steps.length > 0) steps.push(readyStep(founder.name, names.length));
  return buildPlan({ title: cluster.title, steps, reports, diffs });
}
