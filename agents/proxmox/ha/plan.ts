import { z } from "zod";
import { buildPlan } from "@/lib/plan/build";
import type { TPlan, TPlanStep } from "@/lib/plan/plan";
import { errorReport, warningReport, type TReport } from "@/lib/reports/report";
import { PVE_FILES, sectionAbsentCheck, sectionHasCheck } from "../checks";
import { clusterNodes, type TPveClusterView } from "../cluster-view";
import { localDevices, localDisks } from "../guest-config";
import { renderNodePriorities } from "../ha-cfg";
import { validateInput, ZConfigId, ZPveNodeName, ZVmid } from "../ids";
import type { THaResource } from "../model-config";
import { pveStep } from "../steps";

// Proxmox HA: node preferences (groups on PVE 8, node-affinity rules on PVE 9) and the guests
// the HA manager runs, with their restart/relocate limits and requested state. Enrollment is
// storage-aware: a guest whose disks only one node holds cannot fail over, so it is refused.
// Pure.

const ZNodePrio = z.object({ node: ZPveNodeName, priority: z.number().int().min(0).max(1000).nullable().default(null) });

export const ZPveHaDesired = z.object({
  pveMajor: z.union([z.literal(8), z.literal(9)]),
  groups: z
    .array(z.object({ id: ZConfigId, nodes: z.array(ZNodePrio).min(1), restricted: z.boolean().default(false), nofailback: z.boolean().default(false) }))
    .default([]),
  rules: z.array(z.object({ id: ZConfigId, vmids: z.array(ZVmid).min(1), nodes: z.array(ZNodePrio).min(1), strict: z.boolean().default(false) })).default([]),
  resources: z
    .array(
      z.object({
        vmid: ZVmid,
        state: z.enum(["started", "stopped", "disabled", "ignored"]).default("started"),
        maxRestart: z.number().int().min(0).max(10).default(1),
        maxRelocate: z.number().int().min(0).max(10).default(1),
        group: ZConfigId.nullable().default(null),
      }),
    )
    .default([]),
  // Guests to take out of HA (the guest itself stays).
  remove: z.array(ZVmid).default([]),
});
export type TPveHaDesiredInput = z.input<typeof ZPveHaDesired>;
type TPveHaDesired = z.infer<typeof ZPveHaDesired>;

type TResourceDesired = TPveHaDesired["resources"][number];

const sidOf = (view: TPveClusterView, vmid: number) => `${view.resources.guests.find((g) => g.vmid === vmid)?.type === "lxc" ? "ct" : "vm"}:${vmid}`;
const headerOf = (sid: string) => sid.replace(":", ": ");

// Can this guest fail over? Its disks must be on shared storage or replicated to the nodes it
// may move to, and no host device may tie it to its node.
export function precheckHaEnrollment(vmid: number, view: TPveClusterView, allowedNodes: readonly string[] | null): TReport[] {
  const guest = view.resources.guests.find((g) => g.vmid === vmid);
  const params = { vmid, field: "resources.vmid" };
  if (!guest) return [errorReport("PVE_HA_NO_SUCH_GUEST", `There is no guest ${vmid} in the cluster.`, params)];
  const config = view.guestConfigs[vmid];
  if (!config) return [errorReport("PVE_HA_CONFIG_UNKNOWN", `The configuration of guest ${vmid} was not read; its storage cannot be checked.`, params)];
  const out: TReport[] = [];
  const local = localDisks(config, view.storage);
  if (local.length > 0) {
    const targets = view.replication.filter((j) => j.guest === vmid && j.disable !== true).map((j) => j.target ?? "");
    if (targets.length === 0) {
      out.push(
        errorReport(
          "PVE_HA_LOCAL_STORAGE",
          `Guest ${vmid} has disks on storage only ${guest.node ?? "its node"} holds (${local.map((d) => d.volid).join(", ")}) and no replication job: HA could not start it anywhere else. Put its disks on shared storage or add a replication job first.`,
          { ...params, volumes: local.map((d) => d.volid) },
        ),
      );
    } else {
      const others = (allowedNodes ?? clusterNodes(view)).filter((n) => n !== guest.node);
      const missing = others.filter((n) => !targets.includes(n));
      if (missing.length > 0) {
        out.push(
          warningReport(
            "PVE_HA_NOT_REPLICATED_EVERYWHERE",
            `Guest ${vmid} is replicated to ${targets.join(", ")} but not to ${missing.join(", ")}; HA may recover it there without its disks. Restrict it to the replicated nodes or add jobs.`,
            { ...params, missing },
          ),
        );
      }
      out.push(
        warningReport(
          "PVE_HA_REPLICATED_DATA_LOSS",
          `Guest ${vmid} lives on replicated local storage: after a node failure it restarts from the last replica, losing what was written since (up to one replication interval).`,
          { ...params, targets },
        ),
      );
    }
  }
  const devices = localDevices(config);
  if (devices.length > 0) {
    out.push(
      errorReport("PVE_HA_LOCAL_DEVICES", `Guest ${vmid} uses host devices (${devices.join(", ")}) that exist on one node only; HA cannot move it. Remove them or pass them over the network.`, {
        ...params,
        devices,
      }),
    );
  }
  return out;
}

function resourceLines(r: TResourceDesired): string[] {
  return [`state ${r.state}`, `max_restart ${r.maxRestart}`, `max_relocate ${r.maxRelocate}`, ...(r.group ? [`group ${r.group}`] : [])];
}

function resourceArgs(r: TResourceDesired): string[] {
  return ["--state", r.state, "--max_restart", String(r.maxRestart), "--max_relocate", String(r.maxRelocate), ...(r.group ? ["--group", r.group] : [])];
}

function differs(have: THaResource, r: TResourceDesired): boolean {
  return (have.state ?? "started") !== r.state || (have.maxRestart ?? 1) !== r.maxRestart || (have.maxRelocate ?? 1) !== r.maxRelocate || (have.group ?? null) !== r.group;
}

function allowedNodesFor(d: TPveHaDesired, r: TResourceDesired): string[] | null {
  const group = r.group ? d.groups.find((g) => g.id === r.group) : undefined;
  if (group?.restricted) return group.nodes.map((n) => n.node);
  const rule = d.rules.find((x) => x.strict && x.vmids.includes(r.vmid));
  return rule ? rule.nodes.map((n) => n.node) : null;
}

export function planPveHa(input: TPveHaDesiredInput, view: TPveClusterView, host: string): TPlan {
  const { value: d, reports } = validateInput(ZPveHaDesired, input, "PVE_HA_INVALID", "HA");
  const title = "Proxmox HA";
  if (!d) return buildPlan({ title, steps: [], reports });
  const nodes = clusterNodes(view);
  if (d.pveMajor === 9 && d.groups.length > 0) {
    reports.push(errorReport("PVE_HA_GROUPS_ON_PVE9", "PVE 9 replaced HA groups with node-affinity rules; give rules instead.", { field: "groups" }));
  }
  if (d.pveMajor === 8 && d.rules.length > 0) {
    reports.push(errorReport("PVE_HA_RULES_ON_PVE8", "HA rules need PVE 9; on PVE 8 use HA groups.", { field: "rules" }));
  }
  for (const n of [...d.groups.flatMap((g) => g.nodes), ...d.rules.flatMap((r) => r.nodes)]) {
    if (!nodes.includes(n.node)) reports.push(errorReport("PVE_HA_NO_SUCH_NODE", `${n.node} is not a node of this cluster.`, { field: "nodes", node: n.node }));
  }
  const steps: TPlanStep[] = [];
  for (const g of d.groups) {
    const nodesText = renderNodePriorities(g.nodes);
    const lines = [`nodes ${nodesText}`, ...(g.restricted ? ["restricted 1"] : []), ...(g.nofailback ? ["nofailback 1"] : [])];
    const opts = ["--nodes", nodesText, ...(g.restricted ? ["--restricted", "1"] : []), ...(g.nofailback ? ["--nofailback", "1"] : [])];
    const have = view.haGroups.find((x) => x.group === g.id);
    if (have && renderNodePriorities(have.nodes) === nodesText && (have.restricted === true) === g.restricted && (have.nofailback === true) === g.nofailback) continue;
    steps.push(
      pveStep({
        id: `ha-group-${g.id}`,
        title: `${have ? "Change" : "Add"} HA group ${g.id} (${nodesText})`,
        host,
        argv: ["ha-manager", have ? "groupset" : "groupadd", g.id, ...opts],
        check: sectionHasCheck(PVE_FILES.haGroups, `group: ${g.id}`, lines),
        ...(have ? {} : { undo: { kind: "command" as const, argv: ["ha-manager", "groupremove", g.id] } }),
      }),
    );
  }
  for (const r of d.rules) {
    const nodesText = renderNodePriorities(r.nodes);
    const sids = r.vmids.map((v) => sidOf(view, v));
    const lines = [`resources ${sids.join(",")}`, `nodes ${nodesText}`, `strict ${r.strict ? 1 : 0}`];
    const have = view.haRules.find((x) => x.id === r.id);
    if (have && have.type !== "node-affinity") {
      reports.push(errorReport("PVE_HA_RULE_TYPE_CONFLICT", `HA rule ${r.id} exists as a ${have.type} rule.`, { field: "rules.id", rule: r.id }));
      continue;
    }
    if (have && have.resources.join(",") === sids.join(",") && renderNodePriorities(have.nodes ?? []) === nodesText && (have.strict === true) === r.strict) continue;
    steps.push(
      pveStep({
        id: `ha-rule-${r.id}`,
        title: `${have ? "Change" : "Add"} HA node-affinity rule ${r.id} (${sids.join(", ")} on ${nodesText})`,
        host,
        argv: ["ha-manager", "rules", have ? "set" : "add", "node-affinity", r.id, "--resources", sids.join(","), "--nodes", nodesText, "--strict", r.strict ? "1" : "0"],
        check: sectionHasCheck(PVE_FILES.haRules, `node-affinity: ${r.id}`, lines),
        ...(have ? {} : { undo: { kind: "command" as const, argv: ["ha-manager", "rules", "remove", r.id] } }),
      }),
    );
  }
  for (const r of d.resources) {
    const sid = sidOf(view, r.vmid);
    if (r.group && !d.groups.some((g) => g.id === r.group) && !view.haGroups.some((g) => g.group === r.group)) {
      reports.push(errorReport("PVE_HA_NO_SUCH_GROUP", `HA group ${r.group} for guest ${r.vmid} does not exist and is not planned.`, { field: "resources.group", vmid: r.vmid }));
      continue;
    }
    const have = view.haResources.find((x) => x.sid === sid);
    if (!have) reports.push(...precheckHaEnrollment(r.vmid, view, allowedNodesFor(d, r)));
    if (have && !differs(have, r)) continue;
    steps.push(
      pveStep({
        id: `ha-resource-${sid}`,
        title: have ? `Change HA settings of ${sid} (${r.state}, max_restart ${r.maxRestart}, max_relocate ${r.maxRelocate})` : `Put ${sid} under HA (${r.state}, max_restart ${r.maxRestart}, max_relocate ${r.maxRelocate})`,
        host,
        argv: ["ha-manager", have ? "set" : "add", sid, ...resourceArgs(r)],
        check: sectionHasCheck(PVE_FILES.haResources, headerOf(sid), resourceLines(r)),
        undo: have
          ? {
              kind: "command",
              argv: ["ha-manager", "set", sid, "--state", have.state ?? "started", "--max_restart", String(have.maxRestart ?? 1), "--max_relocate", String(have.maxRelocate ?? 1)],
            }
          : { kind: "command", argv: ["ha-manager", "remove", sid] },
      }),
    );
  }
  for (const vmid of d.remove) {
    const have = view.haResources.find((x) => x.vmid === vmid);
    if (!have) continue;
    steps.push(
      pveStep({
        id: `ha-remove-${have.sid}`,
        title: `Take ${have.sid} out of HA (the guest stays as it is)`,
        host,
        argv: ["ha-manager", "remove", have.sid],
        check: sectionAbsentCheck(PVE_FILES.haResources, headerOf(have.sid)),
        undo: { kind: "command", argv: ["ha-manager", "add", have.sid, "--state", have.state ?? "started"] },
      }),
    );
  }
  if (reports.some((r) => r.severity === "error")) return buildPlan({ title, steps: [], reports });
  return buildPlan({ title, steps, reports });
}
