import { ParseError } from "@/agents/common/parse-error";
import { parsePveversion } from "@/agents/host/parse-pveversion";
import { probePveClusterView } from "@/agents/proxmox/cluster-view";
import { readFileIfExists } from "@/lib/ssh/write-file";
import { HA_MANAGER_DEFAULTS, planPveWizardStage2, ZPveStage2Input } from "@/lib/wizard/stage2-plan-pve";
import { defineJobKind } from "../kind";

// Stage 2 of the setup wizard for a Proxmox VE cluster: the HA watchdog and an HA group,
// planned against the cluster stage 1 formed. A kind of its own rather than a branch in
// wizard.pacemaker: its input, probes and title have nothing in common with the CIB's.

export const WIZARD_PVE_HA_KIND = "wizard.pve-ha";

export const wizardPveHaJob = defineJobKind({
  kind: WIZARD_PVE_HA_KIND,
  title: "Setup wizard: configure Proxmox HA (watchdog, HA group)",
  requiresConfirmation: true,
  destructive: true,
  role: "admin",
  inputSchema: ZPveStage2Input,
  plan: async ({ input, runnerFor, log }) => {
    const runner = await runnerFor(input.via);
    log(`Reading the cluster's HA configuration through ${input.via} (read-only).`);
    const view = await probePveClusterView(runner);
    const version = await runner.run(["pveversion"], { okCodes: "any", timeoutMs: 30_000 });
    let pveMajor: 8 | 9 = view.haRules.length > 0 ? 9 : 8;
    try {
      if (version.code === 0) pveMajor = parsePveversion(version.stdout).major >= 9 ? 9 : 8;
      else log(`pveversion exited ${version.code}; taking PVE ${pveMajor} from the HA files.`);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      log(`pveversion's output could not be read (${err.message}); taking PVE ${pveMajor} from the HA files.`);
    }
    const haManagerDefaults: Record<string, string | null> = {};
    for (const node of input.nodes) haManagerDefaults[node] = await readFileIfExists(await runnerFor(node), HA_MANAGER_DEFAULTS);
    return planPveWizardStage2(input, { view, pveMajor, haManagerDefaults });
  },
});
