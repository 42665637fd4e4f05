import { z } from "zod";
import { ZReport, type TReport } from "@/lib/reports/report";

// A plan is what a job will do, shown to the admin before anything runs: ordered steps in
// words, each with the exact argv or file write, how to tell it is already done (so running
// the plan again is a no-op), and how to take it back. Plans are data (stored in Job.plan),
// so the page, the apply engine and tests all read the same thing.

const ZArgv = z.array(z.string()).min(1);

export const ZCommandAction = z.object({
  kind: z.literal("command"),
  argv: ZArgv,
  // File contents and other data go here, never into argv (argv is shown and audited).
  stdin: z.string().optional(),
  okCodes: z.array(z.number().int()).optional(),
  timeoutMs: z.number().int().positive().optional(),
});

export const ZWriteFileAction = z.object({
  kind: z.literal("write-file"),
  path: z.string().startsWith("/"),
  content: z.string(),
  mode: z.string().regex(/^0?[0-7]{3,4}$/).optional(),
  // Runs on the temp file before it replaces the target; "{tmp}" stands for its path.
  validate: ZArgv.optional(),
});

export const ZStepAction = z.discriminatedUnion("kind", [ZCommandAction, ZWriteFileAction]);
export type TStepAction = z.infer<typeof ZStepAction>;

export const ZStepCheck = z.discriminatedUnion("kind", [
  // Exit code 0 means the step is already done; any other code means it still has to run.
  z.object({ kind: z.literal("command"), argv: ZArgv }),
  // Done when the file holds exactly this content (compared by hash on the host, so the
  // content is not echoed back into the audit log).
  z.object({ kind: z.literal("file-content"), path: z.string().startsWith("/"), content: z.string() }),
]);
export type TStepCheck = z.infer<typeof ZStepCheck>;

export const ZStepUndo = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("command"), argv: ZArgv, stdin: z.string().optional() }),
  // Put back what the file held before the step wrote it (captured at apply time); a file
  // that did not exist is removed again.
  z.object({ kind: z.literal("restore-file") }),
]);
export type TStepUndo = z.infer<typeof ZStepUndo>;

export const ZPlanStep = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  // Host name from the inventory: every step runs on exactly one host.
  host: z.string().min(1),
  action: ZStepAction,
  check: ZStepCheck.nullable().default(null),
  // Run after the action; non-zero exit fails the step although the action succeeded.
  verify: ZArgv.nullable().default(null),
  undo: ZStepUndo.nullable().default(null),
  destructive: z.boolean().default(false),
  // Output of a sensitive step (file contents, keys) is kept out of the job log and the audit log.
  sensitive: z.boolean().default(false),
  reports: z.array(ZReport).default([]),
});
export type TPlanStep = z.infer<typeof ZPlanStep>;
export type TPlanStepInput = z.input<typeof ZPlanStep>;

export const ZFileDiff = z.object({
  stepId: z.string(),
  host: z.string().nullable(),
  path: z.string(),
  before: z.string().nullable(),
  after: z.string(),
  // Unified diff (jsdiff); empty when before === after.
  patch: z.string(),
  // A sensitive file (keys, secrets): only its path is shown, never its content.
  hidden: z.boolean().default(false),
});
export type TFileDiff = z.infer<typeof ZFileDiff>;

// A tool's own preview (crm_simulate, drbdadm -d adjust, crm_verify), shown verbatim.
export const ZDryRun = z.object({
  title: z.string(),
  host: z.string().nullable(),
  argv: ZArgv,
  code: z.number().int(),
  output: z.string(),
});
export type TDryRun = z.infer<typeof ZDryRun>;

export const ZPlan = z.object({
  title: z.string(),
  steps: z.array(ZPlanStep),
  diffs: z.array(ZFileDiff).default([]),
  dryRuns: z.array(ZDryRun).default([]),
  // Findings that concern the plan as a whole (a node that will lose quorum, ...).
  reports: z.array(ZReport).default([]),
});
export type TPlan = z.infer<typeof ZPlan>;
export type TPlanInput = z.input<typeof ZPlan>;

export function isPlanEmpty(plan: TPlan): boolean {
  return plan.steps.length === 0;
}

export function isPlanDestructive(plan: TPlan): boolean {
  return plan.steps.some((s) => s.destructive);
}

// Plan-level reports first, then each step's, in step order.
export function planReports(plan: TPlan): TReport[] {
  return [...plan.reports, ...plan.steps.flatMap((s) => s.reports)];
}

export type TPlanSummary = {
  steps: number;
  hosts: string[];
  commands: number;
  fileWrites: number;
  destructive: boolean;
  undoable: boolean;
  errors: number;
  warnings: number;
  text: string;
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function planSummary(plan: TPlan): TPlanSummary {
  const hosts = [...new Set(plan.steps.map((s) => s.host))].sort();
  const fileWrites = plan.steps.filter((s) => s.action.kind === "write-file").length;
  const reports = planReports(plan);
  const errors = reports.filter((r) => r.severity === "error").length;
  const warnings = reports.filter((r) => r.severity === "warning").length;
  const destructive = isPlanDestructive(plan);
  const parts = isPlanEmpty(plan)
    ? ["Nothing to change"]
    : [`${plural(plan.steps.length, "step")} on ${plural(hosts.length, "host")}`, ...(fileWrites ? [`${plural(fileWrites, "file")} written`] : [])];
  if (destructive) parts.push("destructive");
  if (errors) parts.push(plural(errors, "error"));
  if (warnings) parts.push(plural(warnings, "warning"));
  return {
    steps: plan.steps.length,
    hosts,
    commands: plan.steps.length - fileWrites,
    fileWrites,
    destructive,
    undoable: plan.steps.every((s) => s.undo !== null),
    errors,
    warnings,
    text: parts.join(", "),
  };
}
