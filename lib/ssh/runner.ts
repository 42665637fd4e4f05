import { z } from "zod";
import { errorReport, ReportError } from "@/lib/reports/report";

// The contract between agents (probe/apply) and hosts. Agents only ever see this type, so the
// same code runs over SSH, against the fake runner in unit tests, or against the lab.

export const ZRunOptions = z.object({
  // Secrets and file contents travel here, never in argv (argv lands in the audit log).
  stdin: z.union([z.string(), z.instanceof(Buffer)]).optional(),
  timeoutMs: z.number().int().positive().optional(),
  // Locale variables only (LANG, LANGUAGE, LC_*); LC_ALL=C is the default.
  env: z.record(z.string(), z.string()).optional(),
  // Exit codes that count as success. Default [0]; "any" hands every code back to the caller.
  okCodes: z.union([z.array(z.number().int()).readonly(), z.literal("any")]).optional(),
});
export type TRunOptions = z.infer<typeof ZRunOptions>;

export const ZRunResult = z.object({
  code: z.number().int(),
  stdout: z.string(),
  stderr: z.string(),
  durationMs: z.number().nonnegative(),
});
export type TRunResult = z.infer<typeof ZRunResult>;

export type Runner = {
  run(argv: string[], opts?: TRunOptions): Promise<TRunResult>;
};

const STDERR_IN_REPORT = 2000;

// Thrown when a command ran to completion but its exit code is not one the caller accepts.
export class CommandFailedError extends ReportError {
  readonly result: TRunResult;
  constructor(argv: readonly string[], result: TRunResult) {
    const stderr = result.stderr.trim().slice(0, STDERR_IN_REPORT);
    super(
      errorReport("COMMAND_FAILED", `${argv[0] ?? "command"} exited with code ${result.code}${stderr ? `: ${stderr}` : ""}`, {
        argv: [...argv],
        code: result.code,
        stderr,
      }),
    );
    this.name = "CommandFailedError";
    this.result = result;
  }
}

export function checkExitCode(argv: readonly string[], result: TRunResult, okCodes: TRunOptions["okCodes"]): TRunResult {
  if (okCodes === "any") return result;
  if ((okCodes ?? [0]).includes(result.code)) return result;
  throw new CommandFailedError(argv, result);
}
