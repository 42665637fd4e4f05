import { describe, expect, it } from "vitest";
import { reachableStep, stageUnchanged, wizardPhase } from "./phase";

const stage = (state: string, steps = 1) => ({ state, plan: { steps: Array.from({ length: steps }, (_, i) => i) } });

describe("wizardPhase", () => {
  it("is edit before any plan and after the plan was cancelled", () => {
    expect(wizardPhase(null, null)).toBe("edit");
    expect(wizardPhase(stage("cancelled"), null)).toBe("edit");
  });

  it("is review while stage 1 is planned or waits for confirmation, apply once it was confirmed", () => {
    expect(wizardPhase(stage("planning"), null)).toBe("review");
    expect(wizardPhase(stage("awaiting-confirmation", 9), null)).toBe("review");
    expect(wizardPhase(stage("running", 9), null)).toBe("apply");
    expect(wizardPhase(stage("failed", 9), null)).toBe("apply");
    expect(wizardPhase(stage("succeeded", 9), stage("awaiting-confirmation", 4))).toBe("apply");
  });

  it("stays on review when stage 1 found nothing, until stage 2 is known", () => {
    expect(wizardPhase(stage("succeeded", 0), null)).toBe("review");
    expect(wizardPhase(stage("succeeded", 0), stage("planning", 0))).toBe("review");
    expect(wizardPhase(stage("succeeded", 0), stage("awaiting-confirmation", 2))).toBe("review");
    expect(wizardPhase(stage("succeeded", 0), stage("running", 2))).toBe("apply");
  });

  it("is unchanged when both stages found nothing to do", () => {
    expect(wizardPhase(stage("succeeded", 0), stage("succeeded", 0))).toBe("unchanged");
    expect(stageUnchanged(stage("succeeded", 3))).toBe(false);
    expect(stageUnchanged({ state: "succeeded", plan: null })).toBe(true);
  });
});

describe("wizardPhase with a storage stage", () => {
  it("a re-run is unchanged only when stage 3 also found nothing; a planned stage 3 keeps it on review", () => {
    const same = stage("succeeded", 0);
    expect(wizardPhase(same, same, null)).toBe("review");
    expect(wizardPhase(same, same, stage("awaiting-confirmation", 3))).toBe("review");
    expect(wizardPhase(same, same, stage("running", 3))).toBe("apply");
    expect(wizardPhase(same, same, stage("succeeded", 0))).toBe("unchanged");
    // No storage: stage 2 decides, as before.
    expect(wizardPhase(same, same, undefined)).toBe("unchanged");
  });
});

describe("reachableStep", () => {
  it("stops at the first step with an issue, and at review when there is none", () => {
    expect(reachableStep(6, [{ step: 3, path: "links", message: "x" }, { step: 6, path: "ha.fencing", message: "y" }])).toBe(3);
    expect(reachableStep(2, [{ step: 3, path: "links", message: "x" }])).toBe(2);
    expect(reachableStep(8, [])).toBe(7);
  });
});
