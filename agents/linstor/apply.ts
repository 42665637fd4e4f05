import { applyPlanOnRunners } from "@/lib/plan/apply-on-runners";

// Runs a LINSTOR plan with one Runner per node. The job layer uses applyPlan with its own
// audited runners; this is for callers that already hold the runners (tests, CLI).
export const applyLinstorPlan = applyPlanOnRunners;
