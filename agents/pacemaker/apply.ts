import { applyPlan, type TApplyOptions, type TApplyResult } from "@/lib/plan/apply";
import type { TPlan } from "@/lib/plan/plan";
import { errorReport, ReportError } from "@/lib/reports/report";
import type { Runner } from "@/lib/ssh/runner";

// Runs a Pacemaker configuration or operation plan with one Runner per host. The job layer
// uses applyPlan with its own audited runners; this is for callers that already hold the
// runners (tests, CLI). A node that stops answering fails its step with STEP_FAILED naming the
// host and the step; configuration plans push nothing before their last step.
export function applyPacemakerPlan(
  plan: TPlan,
  runners: Readonly<Record<string, Runner>>,
  opts: Omit<TApplyOptions, "runnerFor"> = {},
): Promise<TApplyResult> {
  return applyPlan(plan, null, {
    ...opts,
    runnerFor: (host) => {
      const runner = runners[host];
      if (!runner) throw new ReportError(errorReport("HOST_NOT_CONNECTED", `No connection to ${host} was given for this plan.`, { host }));
      return runner;
    },
  });
}
