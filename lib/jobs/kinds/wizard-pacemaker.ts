import { z } from "zod";
import { ZPacemakerDesired } from "@/agents/pacemaker/desired";
import { planPacemakerConfig } from "@/agents/pacemaker/plan";
import { previewPacemakerPlan } from "@/agents/pacemaker/preview";
import { probePacemaker } from "@/agents/pacemaker/probe";
import { ZWizardHostName } from "@/lib/wizard/model";
import { defineJobKind } from "../kind";

// Stage 2 of the setup wizard: the Pacemaker configuration (properties, fencing, the HA
// group), planned against the live CIB of the cluster stage 1 formed, with crm_verify,
// crm_simulate and the exact patch as the tools' own dry runs.

export const WIZARD_PACEMAKER_KIND = "wizard.pacemaker";
export const ZStage2Input = z.object({
  desired: ZPacemakerDesired,
  // The node whose CIB copy is edited and pushed; any quorate node would do.
  via: ZWizardHostName,
});

export const wizardPacemakerJob = defineJobKind({
  kind: WIZARD_PACEMAKER_KIND,
  title: "Setup wizard: configure Pacemaker (fencing, HA group)",
  requiresConfirmation: true,
  destructive: true,
  role: "admin",
  inputSchema: ZStage2Input,
  plan: async ({ input, runnerFor, log }) => {
    const runner = await runnerFor(input.via);
    log(`Reading the live CIB on ${input.via} (read-only).`);
    const plan = planPacemakerConfig(input.desired, await probePacemaker(runner), input.via);
    if (plan.steps.length === 0) return plan;
    log("Building the change on a work copy for crm_verify and crm_simulate (the live CIB is not touched).");
    return previewPacemakerPlan(plan, runner);
  },
});
