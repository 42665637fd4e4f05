import { migrationSteps } from "@/agents/proxmox/actions/migrate-steps";
import { guestOf } from "@/lib/guests/context";
import { migrationPreflight } from "@/lib/guests/migrate-preflight";
import { report, ReportError } from "@/lib/reports/report";
import { ZGuestMigrateInput } from "@/lib/validations/guests";
import { defineJobKind } from "../kind";
import { hostOfNode, probeClusterGuests } from "./guest-context";

// One guest to another node: the preflight (re-run against the cluster as it is now) becomes
// the plan's reports, so a refused migration cannot be confirmed; the steps start the
// migration detached and wait for it, and the guests job page polls its task log for the
// progress bar (lib/actions/guests.ts migrationProgress).

export const GUEST_MIGRATE_KIND = "guest.migrate";

export const guestMigrateJob = defineJobKind({
  kind: GUEST_MIGRATE_KIND,
  title: "Migrate a guest",
  requiresConfirmation: true,
  role: "operator",
  inputSchema: ZGuestMigrateInput,
  plan: async ({ input, hosts, runnerFor, log }) => {
    const ctx = await probeClusterGuests(hosts, runnerFor, log);
    const guest = guestOf(ctx, input.vmid);
    const title = `Migrate guest ${input.vmid}${guest?.name ? ` (${guest.name})` : ""} to ${input.target}`;
    if (guest?.node === input.target) {
      return { title, steps: [], reports: [report("info", "GUESTS_ALREADY_THERE", `Guest ${input.vmid} already runs on ${input.target}.`, { ...input })] };
    }
    const pre = migrationPreflight(ctx, input.vmid, input.target);
    const blocking = pre.reports.find((r) => r.severity === "error");
    if (!guest?.node) throw new ReportError(blocking ?? report("error", "GUESTS_NO_SUCH_GUEST", `There is no guest ${input.vmid} in the cluster.`, { vmid: input.vmid }));
    log(`Preflight: ${pre.reports.length === 0 ? "no findings" : pre.reports.map((r) => `${r.severity} ${r.code}`).join(", ")}.`);
    return {
      title,
      steps: migrationSteps({ vmid: input.vmid, kind: pre.kind, source: hostOfNode(hosts, guest.node), target: input.target, online: pre.online, haManaged: pre.haManaged }),
      reports: pre.reports,
    };
  },
});
