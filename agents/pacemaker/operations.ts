import { z } from "zod";
import { buildPlan, commandStep } from "@/lib/plan/build";
import type { TPlan, TPlanStep } from "@/lib/plan/plan";
import { errorReport, warningReport, type TReport } from "@/lib/reports/report";
import { shScript } from "@/lib/ssh/argv";
import { resourceIds } from "./cib-xml";
import type { TPacemakerObserved } from "./probe";
import { XML_ID } from "./validate";

// Day-to-day operations as one-step plans: node standby/online, resource cleanup, move and
// clear, maintenance mode. Each has a check (so a repeated click is a no-op) and, where
// Pacemaker can take it back, an undo. An operation that is already in effect plans nothing.

const ZName = z.string().min(1);
export const ZPacemakerOperation = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("standby"), node: ZName }),
  z.object({ kind: z.literal("online"), node: ZName }),
  z.object({ kind: z.literal("cleanup"), resource: ZName, node: ZName.nullable().default(null) }),
  z.object({ kind: z.literal("move"), resource: ZName, node: ZName }),
  z.object({ kind: z.literal("clear"), resource: ZName }),
  z.object({ kind: z.literal("maintenance"), on: z.boolean() }),
]);
export type TPacemakerOperation = z.infer<typeof ZPacemakerOperation>;
export type TPacemakerOperationInput = z.input<typeof ZPacemakerOperation>;

// Node names are host names (corosync/uname), which are also valid XML-id-like tokens.
const NODE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

export const OPERATION_SCRIPTS = {
  nodeAttributeIs: '[ "$(crm_attribute --type nodes --node "$1" --name "$2" --query --quiet 2>/dev/null)" = "$3" ]',
  clusterPropertyIs: '[ "$(crm_attribute --type crm_config --name "$1" --query --quiet 2>/dev/null)" = "$2" ]',
  // The preference `crm_resource --move` leaves is a location constraint cli-prefer-<rsc>.
  movedTo: "cibadmin --query --xpath \"//rsc_location[@id='cli-prefer-$1'][@node='$2']\" >/dev/null 2>&1",
  cleared: "! cibadmin --query --xpath \"//rsc_location[@rsc='$1'][starts-with(@id,'cli-')]\" >/dev/null 2>&1",
} as const;

function nodeReports(node: string, observed: TPacemakerObserved, field: string): TReport[] {
  if (!NODE_NAME.test(node)) return [errorReport("PACEMAKER_INVALID_NODE", `${JSON.stringify(node)} is not a node name.`, { field })];
  const known = observed.cib?.nodes.map((n) => n.uname) ?? [];
  if (!known.includes(node)) return [errorReport("PACEMAKER_UNKNOWN_NODE", `${node} is not a node of this cluster (${known.join(", ") || "none known"}).`, { field, node })];
  return [];
}

function resourceReports(resource: string, observed: TPacemakerObserved, field: string): TReport[] {
  if (!XML_ID.test(resource)) return [errorReport("PACEMAKER_INVALID_ID", `${JSON.stringify(resource)} is not a valid resource id.`, { field })];
  const known = new Set((observed.cib?.resources ?? []).flatMap(resourceIds));
  if (!known.has(resource)) return [errorReport("PACEMAKER_UNKNOWN_RESOURCE", `There is no resource ${resource} in the cluster.`, { field, id: resource })];
  return [];
}

function standbyStep(node: string, on: boolean, host: string): TPlanStep {
  const value = on ? "on" : "off";
  return commandStep({
    id: `pcmk-${on ? "standby" : "online"}-${node}`,
    title: on ? `Put ${node} in standby (its resources move away)` : `Bring ${node} back online`,
    host,
    argv: ["crm_attribute", "--type", "nodes", "--node", node, "--name", "standby", "--update", value],
    check: { kind: "command", argv: shScript(OPERATION_SCRIPTS.nodeAttributeIs, [node, "standby", value]) },
    undo: { kind: "command", argv: ["crm_attribute", "--type", "nodes", "--node", node, "--name", "standby", "--update", on ? "off" : "on"] },
  });
}

function standbyPlan(node: string, on: boolean, observed: TPacemakerObserved, host: string): { steps: TPlanStep[]; reports: TReport[] } {
  const nodes = observed.status?.nodes ?? [];
  const current = nodes.find((n) => n.name === node);
  if (current && current.standby === on) return { steps: [], reports: [] };
  const reports: TReport[] = [];
  if (on && !nodes.some((n) => n.name !== node && n.online && !n.standby)) {
    reports.push(warningReport("PACEMAKER_LAST_ACTIVE_NODE", `${node} is the last online node that is not in standby: every resource will stop.`, { field: "node", node }));
  }
  return { steps: [standbyStep(node, on, host)], reports };
}

function hasCliConstraint(resource: string, observed: TPacemakerObserved): boolean {
  return (observed.cib?.constraints ?? []).some((c) => c.attrs.rsc === resource && (c.attrs.id ?? "").startsWith("cli-"));
}

function plan(op: TPacemakerOperation, observed: TPacemakerObserved, host: string): { steps: TPlanStep[]; reports: TReport[] } {
  switch (op.kind) {
    case "standby":
    case "online":
      return standbyPlan(op.node, op.kind === "standby", observed, host);
    case "cleanup": {
      const failed = (observed.status?.failures ?? []).some((f) => f.resource === op.resource && (op.node === null || f.node === op.node));
      const failedResource = (observed.status?.resources ?? []).some((r) => (r.id === op.resource || r.parent === op.resource) && r.failed);
      if (!failed && !failedResource) return { steps: [], reports: [] };
      return {
        steps: [
          commandStep({
            id: `pcmk-cleanup-${op.resource}`,
            title: `Clean up the failures of ${op.resource}${op.node ? ` on ${op.node}` : ""} (Pacemaker re-probes it)`,
            host,
            argv: ["crm_resource", "--cleanup", "--resource", op.resource, ...(op.node ? ["--node", op.node] : [])],
          }),
        ],
        reports: [],
      };
    }
    case "move": {
      const running = (observed.status?.resources ?? []).filter((r) => r.id === op.resource || r.parent === op.resource).flatMap((r) => r.nodes);
      if (running.length > 0 && running.every((n) => n === op.node)) return { steps: [], reports: [] };
      return {
        steps: [
          commandStep({
            id: `pcmk-move-${op.resource}`,
            title: `Move ${op.resource} to ${op.node}`,
            host,
            argv: ["crm_resource", "--move", "--resource", op.resource, "--node", op.node],
            check: { kind: "command", argv: shScript(OPERATION_SCRIPTS.movedTo, [op.resource, op.node]) },
            undo: { kind: "command", argv: ["crm_resource", "--clear", "--resource", op.resource] },
          }),
        ],
        reports: [
          warningReport(
            "PACEMAKER_MOVE_PINS",
            `Moving leaves a preference for ${op.node} (constraint cli-prefer-${op.resource}): ${op.resource} will come back there after a failover until you clear it.`,
            { field: "resource", resource: op.resource },
          ),
        ],
      };
    }
    case "clear":
      if (!hasCliConstraint(op.resource, observed)) return { steps: [], reports: [] };
      return {
        steps: [
          commandStep({
            id: `pcmk-clear-${op.resource}`,
            title: `Clear the move/ban constraints of ${op.resource}`,
            host,
            argv: ["crm_resource", "--clear", "--resource", op.resource],
            check: { kind: "command", argv: shScript(OPERATION_SCRIPTS.cleared, [op.resource]) },
          }),
        ],
        reports: [],
      };
    case "maintenance": {
      const value = op.on ? "true" : "false";
      const current = observed.cib?.properties["maintenance-mode"] ?? "false";
      if (current === value) return { steps: [], reports: [] };
      return {
        steps: [
          commandStep({
            id: `pcmk-maintenance-${op.on ? "on" : "off"}`,
            title: op.on ? "Put the cluster in maintenance mode (Pacemaker stops managing resources)" : "Take the cluster out of maintenance mode",
            host,
            argv: ["crm_attribute", "--type", "crm_config", "--name", "maintenance-mode", "--update", value],
            check: { kind: "command", argv: shScript(OPERATION_SCRIPTS.clusterPropertyIs, ["maintenance-mode", value]) },
            undo: { kind: "command", argv: ["crm_attribute", "--type", "crm_config", "--name", "maintenance-mode", "--update", current] },
          }),
        ],
        reports: [],
      };
    }
  }
}

export function planPacemakerOperation(input: TPacemakerOperationInput, observed: TPacemakerObserved, host: string): TPlan {
  const parsed = ZPacemakerOperation.safeParse(input);
  if (!parsed.success) {
    return buildPlan({
      title: "Pacemaker operation",
      steps: [],
      reports: parsed.error.issues.map((i) => errorReport("PACEMAKER_OPERATION_INVALID", `${i.path.join(".") || "operation"}: ${i.message}`, { field: i.path.join(".") })),
    });
  }
  const op = parsed.data;
  const title = `Pacemaker: ${op.kind}${"resource" in op ? ` ${op.resource}` : ""}${"node" in op && op.node ? ` ${op.node}` : ""}`;
  const reports = [
    ...("node" in op && op.node !== null ? nodeReports(op.node, observed, "node") : []),
    ...("resource" in op ? resourceReports(op.resource, observed, "resource") : []),
  ];
  if (!observed.cib) reports.push(errorReport("PACEMAKER_CIB_UNREADABLE", `The CIB could not be read on ${host}: ${observed.cibError ?? "no answer"}.`, { host }));
  if (reports.some((r) => r.severity === "error")) return buildPlan({ title, steps: [], reports });
  const planned = plan(op, observed, host);
  return buildPlan({ title, steps: planned.steps, reports: [...reports, ...planned.reports] });
}
