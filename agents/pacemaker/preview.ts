import { buildPlan } from "@/lib/plan/build";
import type { TDryRun, TPlan } from "@/lib/plan/plan";
import { errorReport, type TReport } from "@/lib/reports/report";
import { shScript } from "@/lib/ssh/argv";
import type { Runner } from "@/lib/ssh/runner";
import { CIB_SCRIPTS, isCopyOnlyStep } from "./plan";

// Before the admin confirms: build the plan's work copy on the node, and show what the tools
// themselves say about it: crm_verify's findings, crm_simulate's transition (which resources
// start, stop or move where) and the exact patch that would be pushed. The live CIB is never
// touched; the work copy is removed afterwards.

export const PREVIEW_SCRIPTS = {
  diff: 'cd -- "$1" && crm_diff --original live.xml --new new.xml',
} as const;

const OUTPUT_LIMIT = 20_000;
const clip = (text: string) => (text.length > OUTPUT_LIMIT ? `${text.slice(0, OUTPUT_LIMIT)}\n… ${text.length - OUTPUT_LIMIT} more characters` : text);

function workDirOf(plan: TPlan): string | null {
  const copy = plan.steps.find((s) => s.id === "pcmk-copy");
  return copy?.action.kind === "command" ? (copy.action.argv.at(-1) ?? null) : null;
}

export async function previewPacemakerPlan(plan: TPlan, runner: Runner): Promise<TPlan> {
  const dir = workDirOf(plan);
  const host = plan.steps[0]?.host ?? null;
  if (dir === null || host === null) return plan;
  const dryRuns: TDryRun[] = [];
  const reports: TReport[] = [];
  try {
    for (const step of plan.steps.filter(isCopyOnlyStep)) {
      if (step.action.kind !== "command") continue;
      const r = await runner.run(step.action.argv, { stdin: step.action.stdin, okCodes: "any" });
      if (step.id === "pcmk-verify") {
        dryRuns.push({ title: "crm_verify of the changed copy", host, argv: step.action.argv, code: r.code, output: clip(`${r.stdout}${r.stderr}`) });
        if (r.code !== 0) {
          reports.push(
            errorReport("PACEMAKER_VERIFY_FAILED", `crm_verify refuses the changed configuration: ${r.stderr.trim() || r.stdout.trim() || `exit code ${r.code}`}`, {
              host,
              output: clip(r.stderr || r.stdout),
            }),
          );
        }
        continue;
      }
      if (r.code !== 0) {
        reports.push(
          errorReport("PACEMAKER_PREVIEW_FAILED", `"${step.title}" failed on the work copy on ${host}: ${r.stderr.trim() || `exit code ${r.code}`}`, {
            host,
            stepId: step.id,
            stderr: step.sensitive ? "" : clip(r.stderr),
          }),
        );
        return buildPlan({ ...plan, dryRuns: [...plan.dryRuns, ...dryRuns], reports: [...plan.reports, ...reports] });
      }
    }
    const simulate = ["crm_simulate", "--xml-file", `${dir}/new.xml`, "--simulate"];
    const sim = await runner.run(simulate, { okCodes: "any" });
    dryRuns.push({ title: "crm_simulate: what the cluster will do", host, argv: simulate, code: sim.code, output: clip(`${sim.stdout}${sim.stderr}`) });
    const diffArgv = shScript(PREVIEW_SCRIPTS.diff, [dir]);
    const diff = await runner.run(diffArgv, { okCodes: "any" });
    if (!plan.steps.some((s) => s.sensitive)) {
      dryRuns.push({ title: "crm_diff: the patch that will be pushed", host, argv: diffArgv, code: diff.code, output: clip(diff.stdout) });
    }
  } finally {
    await runner.run(shScript(CIB_SCRIPTS.removeWorkDir, [dir]), { okCodes: "any" });
  }
  return buildPlan({ ...plan, dryRuns: [...plan.dryRuns, ...dryRuns], reports: [...plan.reports, ...reports] });
}
