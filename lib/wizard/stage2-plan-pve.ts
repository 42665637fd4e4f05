import { z } from "zod";
import type { TPveClusterView } from "@/agents/proxmox/cluster-view";
import { planPveHa } from "@/agents/proxmox/ha/plan";
import { ZPveNodeName } from "@/agents/proxmox/ids";
import { buildPlan, writeFileStep } from "@/lib/plan/build";
import type { TFileDiff, TPlan, TPlanStep } from "@/lib/plan/plan";
import { report, type TReport } from "@/lib/reports/report";
import { ZPveGroupId, ZWatchdogModule } from "./model-pve";

// Stage 2 of the wizard for a Proxmox VE cluster: Proxmox HA. Fencing is the HA stack's own
// watchdog (a node that loses quorum stops feeding it and resets), so there is no fence
// device: the only choice is softdog (the default) or a hardware watchdog module, written to
// /etc/default/pve-ha-manager on every node. Then an HA group (PVE 8) with the nodes'
// priorities, through the Proxmox HA agent. Pure.

export const HA_MANAGER_DEFAULTS = "/etc/default/pve-ha-manager";

export const ZPveStage2Input = z.object({
  nodes: z.array(ZPveNodeName).min(1).max(3),
  // The node that runs ha-manager; /etc/pve is the same on every member.
  via: ZPveNodeName,
  // null: softdog.
  watchdogModule: ZWatchdogModule.nullable(),
  group: z
    .object({
      id: ZPveGroupId,
      nodes: z.array(z.object({ node: ZPveNodeName, priority: z.number().int().min(0).max(1000).nullable() })).min(1),
      restricted: z.boolean(),
      nofailback: z.boolean(),
    })
    .nullable(),
});
export type TPveStage2Input = z.infer<typeof ZPveStage2Input>;

export type TPveStage2Observed = {
  view: TPveClusterView;
  pveMajor: 8 | 9;
  // /etc/default/pve-ha-manager per node (null: no such file).
  haManagerDefaults: Readonly<Record<string, string | null>>;
};

const MODULE_LINE = /^\s*WATCHDOG_MODULE\s*=/;

// The defaults file with WATCHDOG_MODULE set to `module`, or commented out for softdog; every
// other line kept. null when there is no file and softdog is wanted (nothing to write).
export function renderWatchdogDefaults(current: string | null, module: string | null): string | null {
  if (current === null && module === null) return null;
  const lines = (current ?? "# select watchdog module (default is softdog)\n").split("\n").filter((l, i, all) => !(l === "" && i === all.length - 1));
  const at = lines.findIndex((l) => MODULE_LINE.test(l));
  if (module === null) {
    if (at < 0) return current;
    lines[at] = `#${lines[at]?.trim() ?? ""}`;
  } else if (at >= 0) lines[at] = `WATCHDOG_MODULE=${module}`;
  else lines.push(`WATCHDOG_MODULE=${module}`);
  return `${lines.join("\n")}\n`;
}

export function planPveWizardStage2(input: TPveStage2Input, observed: TPveStage2Observed): TPlan {
  const title = "Proxmox HA (watchdog, HA group)";
  const parsed = ZPveStage2Input.safeParse(input);
  if (!parsed.success) {
    const reports = parsed.error.issues.map((i) => report("error", "WIZARD_PVE_HA_INVALID", `Proxmox HA: ${i.path.join(".") || "value"} ${i.message}.`, { field: i.path.join(".") }));
    return buildPlan({ title, steps: [], reports });
  }
  const d = parsed.data;
  const steps: TPlanStep[] = [];
  const diffs: TFileDiff[] = [];
  const reports: TReport[] = [];
  for (const node of d.nodes) {
    const current = observed.haManagerDefaults[node] ?? null;
    const content = renderWatchdogDefaults(current, d.watchdogModule);
    if (content === null || content === current) continue;
    const w = writeFileStep({
      id: `pve-watchdog-${node}`,
      title: d.watchdogModule ? `Use the ${d.watchdogModule} watchdog on ${node}` : `Use softdog on ${node}`,
      host: node,
      path: HA_MANAGER_DEFAULTS,
      content,
      observed: current,
    });
    steps.push(w.step);
    diffs.push(w.diff);
  }
  if (steps.length > 0) {
    reports.push(
      report("warning", "WIZARD_PVE_WATCHDOG_REBOOT", "watchdog-mux loads the watchdog module when it starts: the change takes effect at each node's next reboot (one node at a time, its guests migrated first).", {
        module: d.watchdogModule,
      }),
    );
  }
  if (d.group && observed.pveMajor === 9) {
    reports.push(
      report("warning", "WIZARD_PVE_NO_GROUPS_ON_PVE9", `PVE 9 replaced HA groups with node-affinity rules, which name guests: group ${d.group.id} is not created. Set node preferences when you put guests under HA.`, {
        group: d.group.id,
      }),
    );
  } else if (d.group) {
    const ha = planPveHa({ pveMajor: 8, groups: [d.group] }, observed.view, d.via);
    if (ha.reports.some((r) => r.severity === "error")) return buildPlan({ title, steps: [], reports: [...reports, ...ha.reports], diffs: [] });
    steps.push(...ha.steps);
    reports.push(...ha.reports);
  }
  return buildPlan({ title, steps, reports, diffs });
}
