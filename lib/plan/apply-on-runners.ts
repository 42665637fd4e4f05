import { errorReport, ReportError } from "@/lib/reports/report";
import type { Runner } from "@/lib/ssh/runner";
import { applyPlan, type TApplyOptions, type TApplyResult } from "./apply";
import type { TPlan } from "./plan";

// Runs a plan with one Runner per host given up front. The job layer uses applyPlan with its
// own audited runners; this is for callers that already hold the runners (tests, CLI, bench).
export function applyPlanOnRunners(plan: TPlan, runners: Readonly<Record<string, Runner>>, opts: Omit<TApplyOptions, "runnerFor"> = {}): Promise<TApplyResult> {
  return applyPlan(plan, null, {
    ...opts,
    runnerFor: (host) => {
      const runner = runners[host];
      if (!runner) throw new ReportError(errorReport("HOST_NOT_CONNECTED", `No connection to ${host} was given for this plan.`, { host }));
      return runner;
    },
  });
}
