import { commandStep } from "@/lib/plan/build";
import { ZPlanStep, type TPlanStep } from "@/lib/plan/plan";

type TCommandStepInput = Parameters<typeof commandStep>[0];

// commandStep plus the action fields it does not take (a longer timeout for joins and
// migrations, exit codes that count as success).
export function pveStep(step: TCommandStepInput & { timeoutMs?: number; okCodes?: number[] }): TPlanStep {
  const { timeoutMs, okCodes, ...rest } = step;
  const built = commandStep(rest);
  if (built.action.kind !== "command") return built;
  return ZPlanStep.parse({
    ...built,
    action: { ...built.action, ...(timeoutMs !== undefined ? { timeoutMs } : {}), ...(okCodes ? { okCodes } : {}) },
  });
}
