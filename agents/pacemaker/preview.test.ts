import { describe, expect, it } from "vitest";
import type { TPlanStep } from "@/lib/plan/plan";
import { shScript } from "@/lib/ssh/argv";
import { FakeRunner, type TFakeCall } from "@/lib/ssh/fake-runner";
import { ZPacemakerDesired } from "./desired";
import { CIB_SCRIPTS, planPacemakerConfig } from "./plan";
import { PREVIEW_SCRIPTS, previewPacemakerPlan } from "./preview";
import { observedWith } from "./__fixtures__/observed";

const plan = planPacemakerConfig(
  ZPacemakerDesired.parse({ primitives: [{ id: "svc", agent: "ocf:pacemaker:Dummy" }] }),
  observedWith("cib-lab-empty.xml"),
  "lab1",
);
const dir = plan.steps[0]?.action.kind === "command" ? (plan.steps[0].action.argv.at(-1) ?? "") : "";
const call = (step: TPlanStep | undefined, result: TFakeCall["result"] = {}): TFakeCall => {
  if (step?.action.kind !== "command") throw new Error("not a command step");
  return { argv: step.action.argv, ...(step.action.stdin !== undefined ? { stdin: step.action.stdin } : {}), result };
};
const SIMULATE = "Transition Summary:\n  * Start      svc     ( lab1 )\n";

describe("previewPacemakerPlan", () => {
  it("builds the work copy, adds crm_verify, crm_simulate and crm_diff as dry runs, and removes the copy", async () => {
    expect(plan.steps.map((s) => s.id)).toEqual(["pcmk-copy", "pcmk-edit-1", "pcmk-verify", "pcmk-push"]);
    const runner = new FakeRunner([
      call(plan.steps[0]),
      call(plan.steps[1]),
      call(plan.steps[2]),
      { argv: ["crm_simulate", "--xml-file", `${dir}/new.xml`, "--simulate"], result: { stdout: SIMULATE } },
      { argv: shScript(PREVIEW_SCRIPTS.diff, [dir]), result: { code: 1, stdout: '<diff format="2"/>\n' } },
      { argv: shScript(CIB_SCRIPTS.removeWorkDir, [dir]) },
    ]);
    const previewed = await previewPacemakerPlan(plan, runner);
    runner.assertDone();
    expect(previewed.reports).toEqual([]);
    expect(previewed.steps).toEqual(plan.steps);
    expect(previewed.dryRuns.map((d) => [d.title, d.code, d.output])).toEqual([
      ["crm_verify of the changed copy", 0, ""],
      ["crm_simulate: what the cluster will do", 0, SIMULATE],
      ["crm_diff: the patch that will be pushed", 1, '<diff format="2"/>\n'],
    ]);
  });

  it("turns crm_verify's errors into a blocking report", async () => {
    const stderr = "error: Resource svc: operation monitor has an invalid interval\nErrors found during check: config not valid\n";
    const runner = new FakeRunner([
      call(plan.steps[0]),
      call(plan.steps[1]),
      call(plan.steps[2], { code: 78, stderr }),
      { argv: ["crm_simulate", "--xml-file", `${dir}/new.xml`, "--simulate"] },
      { argv: shScript(PREVIEW_SCRIPTS.diff, [dir]), result: { code: 1 } },
      { argv: shScript(CIB_SCRIPTS.removeWorkDir, [dir]) },
    ]);
    const previewed = await previewPacemakerPlan(plan, runner);
    runner.assertDone();
    expect(previewed.reports.map((r) => [r.severity, r.code])).toEqual([["error", "PACEMAKER_VERIFY_FAILED"]]);
    expect(previewed.reports[0]?.message).toContain("operation monitor has an invalid interval");
  });

  it("stops at a work-copy edit that fails, naming the step, and still removes the copy", async () => {
    const runner = new FakeRunner([
      call(plan.steps[0]),
      call(plan.steps[1], { code: 76, stderr: "Call cib_create failed (-76): Name not unique on network\n" }),
      { argv: shScript(CIB_SCRIPTS.removeWorkDir, [dir]) },
    ]);
    const previewed = await previewPacemakerPlan(plan, runner);
    runner.assertDone();
    expect(previewed.reports.map((r) => [r.code, r.params.stepId])).toEqual([["PACEMAKER_PREVIEW_FAILED", "pcmk-edit-1"]]);
  });
});
