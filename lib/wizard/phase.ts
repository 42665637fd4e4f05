import type { TWizardIssue, TWizardStep } from "./model";

// Where the wizard stands, from its two stage jobs. Pure.

export type TStageLike = { state: string; plan: { steps: readonly unknown[] } | null };

// A stage that ran to the end without a single step: the hosts already matched.
export const stageUnchanged = (s: TStageLike | null): boolean => s !== null && s.state === "succeeded" && (s.plan?.steps.length ?? 0) === 0;

const BEFORE_APPLY = ["queued", "planning", "awaiting-confirmation", "cancelled"];

// A later stage after unchanged ones: still reviewing until it is confirmed.
function laterPhase(stage: TStageLike | null): "review" | "apply" | "unchanged" {
  if (!stage || ["queued", "planning", "cancelled"].includes(stage.state)) return "review";
  return stageUnchanged(stage) ? "unchanged" : stage.state === "awaiting-confirmation" ? "review" : "apply";
}

// edit: nothing planned; review: a plan waits for confirmation (or is being made); apply: a
// stage was confirmed and runs or ran; unchanged: every stage found nothing to do. stage3 is
// undefined when the draft has no storage (there is no stage 3).
export function wizardPhase(stage1: TStageLike | null, stage2: TStageLike | null, stage3?: TStageLike | null): "edit" | "review" | "apply" | "unchanged" {
  if (!stage1 || stage1.state === "cancelled") return "edit";
  if (stageUnchanged(stage1)) {
    const second = laterPhase(stage2);
    return second === "unchanged" && stage3 !== undefined ? laterPhase(stage3) : second;
  }
  return BEFORE_APPLY.includes(stage1.state) ? "review" : "apply";
}

// The furthest step a saved draft may claim: the first step that still has issues.
export function reachableStep(wanted: TWizardStep, issues: readonly TWizardIssue[]): TWizardStep {
  const firstBad = Math.min(...issues.map((i) => i.step), 7);
  return Math.min(wanted, firstBad) as TWizardStep;
}
