import { buildPlan } from "@/lib/plan/build";
import type { TPlan } from "@/lib/plan/plan";
import { shScript } from "@/lib/ssh/argv";
import { validateInput, ZPveNodeName } from "../ids";
import type { THaManagerStatus } from "../model-status";
import { pveStep } from "../steps";
import { z } from "zod";

// Node maintenance through the HA manager: the CRM moves the node's HA guests away and keeps
// them off until maintenance ends, then brings them back. Pure.

// $1 node: exit 0 when its LRM reports maintenance mode.
export const LRM_IN_MAINTENANCE_SCRIPT = "ha-manager status | awk -v n=\"$1\" '$1==\"lrm\"&&$2==n&&$3==\"(maintenance\"{f=1} END{exit !f}'";
export const LRM_NOT_IN_MAINTENANCE_SCRIPT = "ha-manager status | awk -v n=\"$1\" '$1==\"lrm\"&&$2==n&&$3==\"(maintenance\"{f=1} END{exit f}'";

const ZMaintenance = z.object({ node: ZPveNodeName, enable: z.boolean() });

export function planHaMaintenance(input: z.input<typeof ZMaintenance>, status: THaManagerStatus | null, host: string): TPlan {
  const { value: d, reports } = validateInput(ZMaintenance, input, "PVE_HA_INVALID", "Maintenance");
  if (!d) return buildPlan({ title: "HA node maintenance", steps: [], reports });
  const title = `${d.enable ? "Enter" : "Leave"} HA maintenance on ${d.node}`;
  const lrm = status?.lrms.find((l) => l.node === d.node);
  const inMaintenance = lrm?.state.startsWith("maintenance") ?? false;
  if (inMaintenance === d.enable && status !== null) return buildPlan({ title, steps: [], reports });
  const verb = d.enable ? "enable" : "disable";
  return buildPlan({
    title,
    reports,
    steps: [
      pveStep({
        id: `ha-maintenance-${verb}-${d.node}`,
        title: d.enable ? `Put ${d.node} in HA maintenance: its HA guests migrate away` : `End HA maintenance on ${d.node}: its HA guests come back`,
        host,
        argv: ["ha-manager", "crm-command", "node-maintenance", verb, d.node],
        check: { kind: "command", argv: shScript(d.enable ? LRM_IN_MAINTENANCE_SCRIPT : LRM_NOT_IN_MAINTENANCE_SCRIPT, [d.node]) },
        undo: { kind: "command", argv: ["ha-manager", "crm-command", "node-maintenance", d.enable ? "disable" : "enable", d.node] },
      }),
    ],
  });
}
