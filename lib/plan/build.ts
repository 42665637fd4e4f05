import { fileDiff } from "./file-diff";
import { ZPlan, ZPlanStep, type TFileDiff, type TPlan, type TPlanInput, type TPlanStep, type TPlanStepInput } from "./plan";

// Builders agents use in plan.ts so every step gets the same conventions (a check, an undo)
// without repeating them.

export function commandStep(step: Omit<TPlanStepInput, "action"> & { argv: string[]; stdin?: string }): TPlanStep {
  const { argv, stdin, ...rest } = step;
  return ZPlanStep.parse({ ...rest, action: { kind: "command", argv, ...(stdin !== undefined ? { stdin } : {}) } });
}

// A file write whose check is "the file already holds this content" and whose undo restores
// what was there before. `observed` is the content read while planning (null: no such file);
// it gives the diff shown to the admin. Apply re-reads the file, so a change made between
// planning and confirming is still captured for undo.
export function writeFileStep(opts: {
  id: string;
  title: string;
  host: string;
  path: string;
  content: string;
  observed: string | null;
  mode?: string;
  validate?: string[];
  destructive?: boolean;
  sensitive?: boolean;
  reports?: TPlanStepInput["reports"];
}): { step: TPlanStep; diff: TFileDiff } {
  const { id, title, host, path, content, observed, mode, validate, destructive, sensitive, reports } = opts;
  const step = ZPlanStep.parse({
    id,
    title,
    host,
    action: { kind: "write-file", path, content, ...(mode ? { mode } : {}), ...(validate ? { validate } : {}) },
    check: { kind: "file-content", path, content },
    undo: { kind: "restore-file" },
    destructive,
    sensitive,
    reports,
  });
  const diff = sensitive
    ? { stepId: id, host, path, before: null, after: "", patch: "", hidden: true }
    : fileDiff({ stepId: id, host, path, before: observed, after: content });
  return { step, diff };
}

// Validates the whole plan (step ids unique) and fills defaults.
export function buildPlan(input: TPlanInput): TPlan {
  const plan = ZPlan.parse(input);
  const seen = new Set<string>();
  for (const s of plan.steps) {
    if (seen.has(s.id)) throw new Error(`plan "${plan.title}" has two steps with the id ${s.id}`);
    seen.add(s.id);
  }
  return plan;
}
