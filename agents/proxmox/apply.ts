import { applyPlan, type TApplyOptions, type TApplyResult } from "@/lib/plan/apply";
import type { TPlan } from "@/lib/plan/plan";
import { errorReport, ReportError } from "@/lib/reports/report";
import type { Runner } from "@/lib/ssh/runner";

// Runs a Proxmox plan with one Runner per node. The job layer calls applyPlan with its own
// audited runners; this is for callers that already hold the runners (tests, CLI).
export function applyPvePlan(plan: TPlan, runners: Readonly<Record<string, Runner>>, opts: Omit<TApplyOptions, "runnerFor"> = {}): Promise<TApplyResult> {
  return applyPlan(plan, null, {
    ...opts,
    runnerFor: (host) => {
      const runner = runners[host];
      if (!runner) throw new ReportError(errorReport("HOST_NOT_CONNECTED", `No connection to ${host} was given for this plan.`, { host }));
      return runner;
    },
  });
}
