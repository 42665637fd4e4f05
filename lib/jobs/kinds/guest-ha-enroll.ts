import { planPveHa } from "@/agents/proxmox/ha/plan";
import type { TReplicationJob } from "@/agents/proxmox/model-config";
import { planPveReplication } from "@/agents/proxmox/replication/plan";
import { runReplicationNowArgv } from "@/agents/proxmox/replication/probe";
import { pveStep } from "@/agents/proxmox/steps";
import { guestOf } from "@/lib/guests/context";
import { haEnrollPreflight } from "@/lib/guests/ha-enroll-preflight";
import type { TPlanStep } from "@/lib/plan/plan";
import { errorReport, ReportError } from "@/lib/reports/report";
import { ZGuestHaEnrollInput } from "@/lib/validations/guests";
import { defineJobKind } from "../kind";
import { hostOfNode, probeClusterGuests } from "./guest-context";

// Puts one guest under Proxmox HA the way its storage allows (lib/guests/ha-enroll-preflight):
// shared storage → `ha-manager add`; local ZFS → a replication job to the HA partner, its
// first sync, an HA group restricted to the two nodes that hold the disks, then the guest.
// A refused enrollment still shows the step it would take, blocked by the preflight's errors.

export const GUEST_HA_ENROLL_KIND = "guest.ha-enroll";
export const haGroupFor = (vmid: number) => `panel-${vmid}`;

export const guestHaEnrollJob = defineJobKind({
  kind: GUEST_HA_ENROLL_KIND,
  title: "Enroll a guest in HA",
  requiresConfirmation: true,
  role: "operator",
  inputSchema: ZGuestHaEnrollInput,
  plan: async ({ input, hosts, runnerFor, log }) => {
    const ctx = await probeClusterGuests(hosts, runnerFor, log);
    const guest = guestOf(ctx, input.vmid);
    const pre = haEnrollPreflight(ctx, input.vmid, { partner: input.partner, schedule: input.schedule });
    const title = `Enroll guest ${input.vmid}${guest?.name ? ` (${guest.name})` : ""} in HA`;
    if (pre.path.kind === "already") return { title, steps: [], reports: pre.reports };
    if (!guest?.node) throw new ReportError(pre.reports[0] ?? errorReport("GUESTS_NO_SUCH_GUEST", `There is no guest ${input.vmid} in the cluster.`, { vmid: input.vmid }));
    const host = hostOfNode(hosts, guest.node);
    const sid = `${guest.type === "lxc" ? "ct" : "vm"}:${input.vmid}`;
    if (!pre.ok) {
      const blocked = pveStep({ id: `ha-resource-${sid}`, title: `Put ${sid} under HA`, host, argv: ["ha-manager", "add", sid, "--state", "started"] });
      return { title, steps: [blocked], reports: pre.reports };
    }
    const steps: TPlanStep[] = [];
    const reports = [...pre.reports];
    let view = ctx.view;
    const pveMajor = ctx.view.haRules.length > 0 ? 9 : 8;
    if (pre.path.kind === "replicate") {
      const { partner, schedule } = pre.path;
      const repl = planPveReplication({ jobs: [{ guest: input.vmid, target: partner, schedule }] }, ctx.view, host);
      reports.push(...repl.reports);
      steps.push(...repl.steps);
      const created = repl.steps.find((s) => s.id.startsWith("pvesr-create-"));
      const jobId = created && created.action.kind === "command" ? (created.action.argv[2] ?? null) : pre.path.existingJob;
      if (created && jobId) {
        steps.push(pveStep({ id: `pvesr-first-sync-${jobId}`, title: `Run the first sync of ${jobId} now, so ${partner} holds a replica before HA relies on it`, host, argv: runReplicationNowArgv(jobId), timeoutMs: 3_600_000 }));
        const planned: TReplicationJob = { type: "local", id: jobId, guest: input.vmid, jobnum: null, target: partner, schedule, rate: null, comment: null, disable: null, source: guest.node, removeJob: null, extra: {} };
        view = { ...ctx.view, replication: [...ctx.view.replication, planned] };
      }
      const nodes = [
        { node: guest.node, priority: 2 },
        { node: partner, priority: 1 },
      ];
      const desired =
        pveMajor === 9
          ? { pveMajor: 9 as const, rules: [{ id: haGroupFor(input.vmid), vmids: [input.vmid], nodes, strict: true }], resources: [{ vmid: input.vmid }] }
          : { pveMajor: 8 as const, groups: [{ id: haGroupFor(input.vmid), nodes, restricted: true }], resources: [{ vmid: input.vmid, group: haGroupFor(input.vmid) }] };
      const ha = planPveHa(desired, view, host);
      // GUESTS_HA_RPO already says what a failover loses, with the numbers.
      reports.push(...ha.reports.filter((r) => r.code !== "PVE_HA_REPLICATED_DATA_LOSS"));
      steps.push(...ha.steps);
    } else {
      const ha = planPveHa({ pveMajor, resources: [{ vmid: input.vmid }] }, view, host);
      reports.push(...ha.reports);
      steps.push(...ha.steps);
    }
    return { title, steps, reports };
  },
});
