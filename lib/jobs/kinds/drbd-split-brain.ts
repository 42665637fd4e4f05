import { planDrbdSplitBrainRecovery } from "@/agents/drbd/split-brain";
import { ZDrbdSplitBrainInput } from "@/lib/health/split-brain";
import { probeSplitBrain } from "@/lib/health/split-brain-probe";
import { warningReport } from "@/lib/reports/report";
import { defineJobKind } from "../kind";

// Recovering a DRBD resource from split brain: the plan re-reads every host now (the assistant
// page may be minutes old) and is the DRBD agent's documented recovery for the victim the admin
// picked, built only when the resource name was typed. Discarding data: admins only, and the
// cluster's name is typed again to confirm.

export const DRBD_SPLIT_BRAIN_KIND = "drbd.split-brain";

export const drbdSplitBrainJob = defineJobKind({
  kind: DRBD_SPLIT_BRAIN_KIND,
  title: "Recover DRBD from split brain",
  requiresConfirmation: true,
  destructive: true,
  role: "admin",
  inputSchema: ZDrbdSplitBrainInput,
  plan: async ({ input, hosts, runnerFor, log }) => {
    log(`Reading ${input.resource} on ${hosts.map((h) => h.name).join(", ")} (read-only).`);
    const { detection, unreachable } = await probeSplitBrain(
      hosts.map((h) => h.name),
      runnerFor,
      input.resource,
      input.minors,
    );
    log(`Split brain: ${detection.splitBrain ? "yes" : "no"}; signs: ${detection.signs.map((s) => s.code).join(", ") || "none"}; recommended victim: ${detection.recommendedVictim ?? "none"}.`);
    const plan = planDrbdSplitBrainRecovery(detection, { victim: input.victim, confirmation: input.confirmation });
    const blind = unreachable.map((u) =>
      warningReport("DRBD_SPLIT_BRAIN_HOST_UNREACHABLE", `${u.host} could not be read (${u.error}): if it holds ${input.resource}, its side of the split is unknown`, { host: u.host }),
    );
    return { ...plan, reports: [...plan.reports, ...blind] };
  },
});
