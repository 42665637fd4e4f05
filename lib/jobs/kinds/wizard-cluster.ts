import { z } from "zod";
import { generateAuthkey } from "@/agents/corosync/authkey";
import { probeCorosync, type TCorosyncObserved } from "@/agents/corosync/probe";
import type { TPveNodeObserved } from "@/agents/proxmox/cluster/model";
import { probePveNode } from "@/agents/proxmox/cluster/probe";
import { probeQdevice, type TQdeviceObserved } from "@/agents/qdevice/probe";
import type { Runner } from "@/lib/ssh/runner";
import { readFileIfExists } from "@/lib/ssh/write-file";
import { planWizardStage1, ZStage1Input, type TPacemakerServiceObserved } from "@/lib/wizard/stage1-plan";
import { DATACENTER_CFG, planPveWizardStage1, ZPveStage1Input } from "@/lib/wizard/stage1-plan-pve";
import { defineJobKind } from "../kind";

// Stage 1 of the setup wizard: corosync (+ QDevice) and Pacemaker running on every node, or
// for a Proxmox VE cluster pvecm create/add (+ QDevice or two_node, the migration network).
// Destructive by kind: it forms a cluster, so an admin types the cluster's name to confirm.

export const WIZARD_CLUSTER_KIND = "wizard.cluster";

async function probePacemakerService(runner: Runner): Promise<TPacemakerServiceObserved> {
  const enabled = await runner.run(["systemctl", "is-enabled", "pacemaker"], { okCodes: "any" });
  const active = await runner.run(["systemctl", "is-active", "pacemaker"], { okCodes: "any" });
  return { enabled: enabled.code === 0 && enabled.stdout.trim() === "enabled", active: active.code === 0 && active.stdout.trim() === "active" };
}

// Read-only: every node as the Proxmox cluster agent sees it, the witness's qnetd package, and
// node 1's datacenter.cfg (the one the cluster keeps after pvecm create).
async function planPve(input: z.infer<typeof ZPveStage1Input>, runnerFor: (host: string) => Promise<Runner>, log: (line: string) => void) {
  const nodes = input.cluster.nodes.map((n) => n.name);
  log(`Probing ${[...nodes, ...(input.qdevice ? [input.qdevice.witness] : [])].join(", ")} (read-only).`);
  const observed: Record<string, TPveNodeObserved> = {};
  await Promise.all(nodes.map(async (host) => (observed[host] = await probePveNode(await runnerFor(host)))));
  const witnessQnetdInstalled = input.qdevice ? (await probeQdevice(await runnerFor(input.qdevice.witness))).qnetdInstalled : null;
  const datacenterCfg = await readFileIfExists(await runnerFor(nodes[0] ?? ""), DATACENTER_CFG);
  return planPveWizardStage1(input, { nodes: observed, witnessQnetdInstalled, datacenterCfg });
}

export const wizardClusterJob = defineJobKind({
  kind: WIZARD_CLUSTER_KIND,
  title: "Setup wizard: form the cluster (corosync, QDevice, Pacemaker)",
  requiresConfirmation: true,
  destructive: true,
  role: "admin",
  inputSchema: z.union([ZPveStage1Input, ZStage1Input]),
  plan: async ({ input, runnerFor, log }) => {
    if ("kind" in input) return planPve(input, runnerFor, log);
    const nodes = input.corosync.nodes.map((n) => n.name);
    const all = [...nodes, ...(input.qdevice ? [input.qdevice.witness] : [])];
    log(`Probing ${all.join(", ")} (read-only).`);
    const corosync: Record<string, TCorosyncObserved> = {};
    const qdevice: Record<string, TQdeviceObserved> = {};
    const pacemaker: Record<string, TPacemakerServiceObserved> = {};
    await Promise.all(
      all.map(async (host) => {
        const runner = await runnerFor(host);
        if (nodes.includes(host)) {
          corosync[host] = await probeCorosync(runner);
          pacemaker[host] = await probePacemakerService(runner);
        }
        if (input.qdevice) qdevice[host] = await probeQdevice(runner);
      }),
    );
    // A fresh key is only used for nodes that lack the cluster's key; the step carrying it is
    // sensitive (never logged) and the plan keeps it until lib/plan has secret references.
    return planWizardStage1(input, { corosync, qdevice, pacemaker }, { authkey: generateAuthkey() });
  },
});
