import { applyPlanOnRunners } from "@/lib/plan/apply-on-runners";

// Runs a Pacemaker configuration or operation plan with one Runner per host. The job layer
// uses applyPlan with its own audited runners; this is for callers that already hold the
// runners (tests, CLI). A node that stops answering fails its step with STEP_FAILED naming the
// host and the step; configuration plans push nothing before their last step.
export const applyPacemakerPlan = applyPlanOnRunners;
