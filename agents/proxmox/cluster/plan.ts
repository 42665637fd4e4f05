import { buildPlan } from "@/lib/plan/build";
import type { TPlan, TPlanStep } from "@/lib/plan/plan";
import { errorReport, warningReport, type TReport } from "@/lib/reports/report";
import { shScript } from "@/lib/ssh/argv";
import { nodeInClusterCheck, QDEVICE_ABSENT_SCRIPT } from "../checks";
import { validateInput } from "../ids";
import { pveStep } from "../steps";
import { ZPveClusterDesired, type TPveClusterDesired, type TPveClusterNode, type TPveNodeObserved } from "./model";

// (desired cluster, what each node sees) → `pvecm create` on the first node, then `pvecm add`
// on each other node, one after the other (PVE joins one node at a time). A QDevice in the way
// of a third node is removed first. Pure.

export type TPveClusterPlanOptions = {
  // root password of the first node for the API join (sent on stdin, step marked sensitive).
  // Without it the join goes over SSH (--use_ssh), which needs root SSH between the nodes.
  joinPassword?: string;
};

const JOIN_TIMEOUT_MS = 180_000;

function linkArgs(node: TPveClusterNode): string[] {
  return ["--link0", node.link0, ...(node.link1 ? ["--link1", node.link1] : [])];
}

const isMember = (o: TPveNodeObserved, name: string) => o.members.some((m) => m.name === name);

function createStep(d: TPveClusterDesired, founder: TPveClusterNode): TPlanStep {
  return pveStep({
    id: `pvecm-create-${founder.name}`,
    title: `Create cluster ${d.clusterName} on ${founder.name}`,
    host: founder.name,
    argv: ["pvecm", "create", d.clusterName, ...linkArgs(founder)],
    check: nodeInClusterCheck(d.clusterName, founder.name),
    timeoutMs: JOIN_TIMEOUT_MS,
  });
}

function addStep(d: TPveClusterDesired, founder: TPveClusterNode, node: TPveClusterNode, fingerprint: string, opts: TPveClusterPlanOptions): TPlanStep {
  const password = opts.joinPassword;
  return pveStep({
    id: `pvecm-add-${node.name}`,
    title: `Join ${node.name} to cluster ${d.clusterName} through ${founder.name} (${founder.link0})`,
    host: node.name,
    argv: ["pvecm", "add", founder.link0, ...linkArgs(node), "--fingerprint", fingerprint, ...(password === undefined ? ["--use_ssh"] : [])],
    ...(password === undefined ? {} : { stdin: `${password}\n`, sensitive: true }),
    check: nodeInClusterCheck(d.clusterName, node.name),
    timeoutMs: JOIN_TIMEOUT_MS,
    destructive: true,
  });
}

function qdeviceRemoveStep(host: string): TPlanStep {
  return pveStep({
    id: "pvecm-qdevice-remove",
    title: "Remove the QDevice before a third node joins",
    host,
    argv: ["pvecm", "qdevice", "remove"],
    check: { kind: "command", argv: shScript(QDEVICE_ABSENT_SCRIPT) },
  });
}

function nodeReports(d: TPveClusterDesired, founder: TPveClusterNode, observed: Readonly<Record<string, TPveNodeObserved>>): TReport[] {
  const out: TReport[] = [];
  for (const node of d.nodes) {
    const o = observed[node.name];
    if (!o) {
      out.push(errorReport("PVE_NODE_NOT_PROBED", `${node.name} was not probed; probe every node before planning.`, { host: node.name }));
      continue;
    }
    if (o.hostname !== null && o.hostname !== node.name) {
      out.push(
        errorReport("PVE_NODE_NAME_MISMATCH", `The host given as ${node.name} calls itself ${o.hostname}; a Proxmox node joins under its host name.`, {
          host: node.name,
          hostname: o.hostname,
          field: "nodes.name",
        }),
      );
    }
    if (isMember(o, node.name)) {
      if (o.clusterName !== d.clusterName) {
        out.push(
          errorReport("PVE_NODE_IN_OTHER_CLUSTER", `${node.name} already belongs to cluster ${o.clusterName ?? "(unnamed)"}, not ${d.clusterName}. Remove it there first (pvecm delnode on that cluster).`, {
            host: node.name,
            clusterName: o.clusterName,
          }),
        );
      }
      const member = o.members.find((m) => m.name === node.name);
      if (member && member.addrs[0] !== undefined && member.addrs[0] !== node.link0) {
        out.push(
          errorReport("PVE_LINK_CHANGE_UNSUPPORTED", `${node.name} is a member on ${member.addrs.join(", ")}; moving it to ${node.link0} means editing /etc/pve/corosync.conf by hand, which this plan does not do.`, {
            host: node.name,
            field: "nodes.link0",
            current: member.addrs,
          }),
        );
      }
      continue;
    }
    if (node === founder) continue;
    const guests = (o.vms ?? 0) + (o.containers ?? 0);
    if (guests > 0) {
      out.push(
        errorReport(
          "PVE_JOIN_NODE_HAS_GUESTS",
          `${node.name} has ${o.vms ?? 0} VM(s) and ${o.containers ?? 0} container(s); pvecm add refuses a node with guests. Back them up (vzdump), remove them, join, then restore them under new VMIDs.`,
          { host: node.name, vms: o.vms, containers: o.containers },
        ),
      );
    } else if (o.vms === null || o.containers === null) {
      out.push(warningReport("PVE_JOIN_GUESTS_UNKNOWN", `Could not list the guests on ${node.name} (${o.errors.join("; ")}); pvecm add will refuse it if it has any.`, { host: node.name }));
    }
  }
  return out;
}

export function planPveCluster(input: unknown, observed: Readonly<Record<string, TPveNodeObserved>>, opts: TPveClusterPlanOptions = {}): TPlan {
  const { value: d, reports } = validateInput(ZPveClusterDesired, input, "PVE_CLUSTER_INVALID", "Cluster");
  const founder = d?.nodes[0];
  if (!d || !founder) return buildPlan({ title: "Proxmox VE cluster", steps: [], reports });
  const title = `Proxmox VE cluster ${d.clusterName} on ${d.nodes.map((n) => n.name).join(", ")}`;
  const names = d.nodes.map((n) => n.name);
  if (new Set(names).size !== names.length) reports.push(errorReport("PVE_CLUSTER_INVALID", "Cluster: a node is listed twice.", { field: "nodes" }));
  reports.push(...nodeReports(d, founder, observed));
  if (reports.some((r) => r.severity === "error")) return buildPlan({ title, steps: [], reports });

  const f = observed[founder.name] as TPveNodeObserved;
  const joining = d.nodes.filter((n) => n !== founder && !isMember(observed[n.name] as TPveNodeObserved, n.name));
  const steps: TPlanStep[] = [];
  if (!isMember(f, founder.name)) steps.push(createStep(d, founder));
  if (joining.length > 0) {
    if (f.fingerprint === null) {
      reports.push(
        errorReport("PVE_FINGERPRINT_UNKNOWN", `The certificate fingerprint of ${founder.name} could not be read (${f.errors.join("; ") || "no pve-ssl.pem"}); pvecm add needs it.`, {
          host: founder.name,
        }),
      );
      return buildPlan({ title, steps: [], reports });
    }
    const membersAfter = new Set([...f.members.map((m) => m.name), ...d.nodes.map((n) => n.name)]);
    if (f.qdeviceHost !== null && membersAfter.size > 2) {
      reports.push(
        warningReport(
          "PVE_QDEVICE_REMOVED_FOR_THIRD_NODE",
          `The cluster has a QDevice on ${f.qdeviceHost}; with a third node it would make the vote count even, so it is removed (pvecm qdevice remove) before ${joining.map((n) => n.name).join(", ")} join${joining.length === 1 ? "s" : ""}.`,
          { qdeviceHost: f.qdeviceHost },
        ),
      );
      steps.push(qdeviceRemoveStep(founder.name));
    }
    for (const node of joining) steps.push(addStep(d, founder, node, f.fingerprint, opts));
  }
  const extra = f.members.map((m) => m.name).filter((m) => !names.includes(m));
  if (extra.length > 0) {
    reports.push(
      warningReport("PVE_CLUSTER_EXTRA_NODES", `The cluster also has ${extra.join(", ")}, which is not in the desired nodes; this plan does not remove nodes (pvecm delnode).`, { nodes: extra }),
    );
  }
  return buildPlan({ title, steps, reports });
}
