import { z } from "zod";
import { PACKAGE_INSTALLED_SCRIPT } from "@/agents/qdevice/probe";
import { buildPlan } from "@/lib/plan/build";
import type { TPlan, TPlanStep } from "@/lib/plan/plan";
import { errorReport, type TReport } from "@/lib/reports/report";
import { shScript } from "@/lib/ssh/argv";
import { QDEVICE_ABSENT_SCRIPT, QDEVICE_HOST_SCRIPT } from "../checks";
import { validateInput, ZIpAddress, ZPveNodeName } from "../ids";
import { pveStep } from "../steps";
import type { TPveNodeObserved } from "./model";

// A QDevice for a two-node Proxmox cluster through PVE's own tooling: `pvecm qdevice setup`
// (certificates, corosync.conf, qdevice daemons) against a host running corosync-qnetd, and
// `pvecm qdevice remove`. Pure.

export const ZPveQdeviceDesired = z.object({
  // The cluster's nodes (inventory names); the first runs the pvecm commands.
  nodes: z.array(ZPveNodeName).min(1),
  // null: no QDevice wanted (removes one that is configured).
  witnessAddress: ZIpAddress.nullable(),
  // Inventory name of the witness when the panel manages it, to install corosync-qnetd.
  witnessHost: ZPveNodeName.nullable().default(null),
});
export type TPveQdeviceDesired = z.input<typeof ZPveQdeviceDesired>;

export type TPveQdeviceObserved = {
  nodes: Readonly<Record<string, TPveNodeObserved>>;
  // Whether corosync-qnetd is installed on the witness (null: not probed).
  witnessQnetdInstalled: boolean | null;
};

const INSTALL = 'DEBIAN_FRONTEND=noninteractive exec apt-get install -y --no-install-recommends "$1"';
const REMOVE = 'DEBIAN_FRONTEND=noninteractive exec apt-get remove -y "$1"';

function installStep(host: string, pkg: string): TPlanStep {
  return pveStep({
    id: `pve-install-${pkg}-${host}`,
    title: `Install ${pkg} on ${host}`,
    host,
    argv: shScript(INSTALL, [pkg]),
    check: { kind: "command", argv: shScript(PACKAGE_INSTALLED_SCRIPT, [pkg]) },
    undo: { kind: "command", argv: shScript(REMOVE, [pkg]) },
    timeoutMs: 300_000,
  });
}

const removeStep = (host: string, why: string): TPlanStep =>
  pveStep({
    id: "pvecm-qdevice-remove",
    title: `Remove the QDevice (${why})`,
    host,
    argv: ["pvecm", "qdevice", "remove"],
    check: { kind: "command", argv: shScript(QDEVICE_ABSENT_SCRIPT) },
  });

export function planPveQdevice(input: TPveQdeviceDesired, observed: TPveQdeviceObserved): TPlan {
  const { value: d, reports } = validateInput(ZPveQdeviceDesired, input, "PVE_QDEVICE_INVALID", "QDevice");
  const first = d?.nodes[0];
  if (!d || !first) return buildPlan({ title: "QDevice", steps: [], reports });
  const title = d.witnessAddress ? `QDevice on ${d.witnessAddress} for ${d.nodes.join(", ")}` : `No QDevice for ${d.nodes.join(", ")}`;
  const f = observed.nodes[first];
  if (!f) return buildPlan({ title, steps: [], reports: [errorReport("PVE_NODE_NOT_PROBED", `${first} was not probed.`, { host: first })] });
  const current = f.qdeviceHost;
  if (d.witnessAddress === null) {
    return buildPlan({ title, steps: current === null ? [] : [removeStep(first, "none wanted")], reports });
  }
  if (current === d.witnessAddress) return buildPlan({ title, steps: [], reports });

  reports.push(...setupReports(d.nodes, f));
  if (reports.some((r) => r.severity === "error")) return buildPlan({ title, steps: [], reports });
  const steps: TPlanStep[] = [];
  if (d.witnessHost !== null && observed.witnessQnetdInstalled === false) steps.push(installStep(d.witnessHost, "corosync-qnetd"));
  for (const node of d.nodes) {
    if (observed.nodes[node]?.qdevicePackage === false) steps.push(installStep(node, "corosync-qdevice"));
  }
  if (current !== null) steps.push(removeStep(first, `it points at ${current}`));
  steps.push(
    pveStep({
      id: "pvecm-qdevice-setup",
      title: `Set up the QDevice against corosync-qnetd on ${d.witnessAddress}`,
      host: first,
      argv: ["pvecm", "qdevice", "setup", d.witnessAddress],
      check: { kind: "command", argv: shScript(QDEVICE_HOST_SCRIPT, [d.witnessAddress]) },
      undo: { kind: "command", argv: ["pvecm", "qdevice", "remove"] },
      timeoutMs: 180_000,
    }),
  );
  return buildPlan({ title, steps, reports });
}

// pvecm qdevice setup refuses an odd node count and a cluster with a node offline.
function setupReports(nodes: string[], f: TPveNodeObserved): TReport[] {
  const out: TReport[] = [];
  const members = f.members.map((m) => m.name);
  if (f.clusterName === null || !members.includes(nodes[0] ?? "")) {
    out.push(errorReport("PVE_QDEVICE_NO_CLUSTER", `${nodes[0]} is not in a cluster yet; create the cluster first.`, { host: nodes[0] }));
    return out;
  }
  if (members.length % 2 === 1) {
    out.push(
      errorReport(
        "PVE_QDEVICE_ODD_NODES",
        `The cluster has ${members.length} node${members.length === 1 ? "" : "s"}; a QDevice is for an even count (two nodes). With an odd count it would cost, not add, availability.`,
        { members },
      ),
    );
  }
  const offline = f.online === null ? [] : members.filter((m) => !(f.online ?? []).includes(m));
  if (offline.length > 0) {
    out.push(errorReport("PVE_QDEVICE_NODES_OFFLINE", `All nodes must be online to set up a QDevice; offline: ${offline.join(", ")}.`, { nodes: offline }));
  }
  return out;
}
