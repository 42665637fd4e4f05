import { applyPlanOnRunners } from "@/lib/plan/apply-on-runners";

// Runs a DRBD plan (resource lifecycle or split-brain recovery) with one Runner per host. The
// job layer uses applyPlan with its own audited runners; this is for callers that already hold
// the runners (tests, CLI).
export const applyDrbdPlan = applyPlanOnRunners;
