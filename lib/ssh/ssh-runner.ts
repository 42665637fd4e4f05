import "server-only";
import { errorReport, ReportError } from "@/lib/reports/report";
import { toRemoteCommand } from "./argv";
import { boundText, stdinLength, type TCommandEvent } from "./command-event";
import type { SshPool } from "./pool";
import { checkExitCode, type Runner, type TRunOptions, type TRunResult } from "./runner";
import { poolKeyOf, targetLabel, ZSshTarget, type TSshTargetInput } from "./target";

// A Runner for one host over the shared pool. `context` (job id, user id) is copied into
// every audit event so the lead can file commands under the job that ran them.
export function createSshRunner(pool: SshPool, targetInput: TSshTargetInput, context: Record<string, string> = {}): Runner {
  const target = ZSshTarget.parse(targetInput);
  const label = targetLabel(target);

  const emit = (event: TCommandEvent) => {
    if (!pool.onCommand) return;
    // The command already ran: a failing audit sink must not turn its result into an error.
    Promise.resolve()
      .then(() => pool.onCommand?.(event))
      .catch((err: unknown) => console.error(`audit listener failed for a command on ${label}:`, err));
  };

  return {
    async run(argv: string[], opts: TRunOptions = {}): Promise<TRunResult> {
      const timeoutMs = opts.timeoutMs ?? pool.settings.commandTimeoutMs;
      const command = toRemoteCommand(argv, opts.env, timeoutMs);
      const startedAt = new Date();
      const started = performance.now();
      const max = pool.settings.auditOutputChars;
      const base = { hostId: target.hostId ?? null, host: poolKeyOf(target), argv: [...argv], startedAt, stdinBytes: stdinLength(opts.stdin), context };
      let outcome;
      try {
        outcome = await pool
          .connectionFor(target)
          .exec(command, { stdin: opts.stdin, timeoutMs });
      } catch (err) {
        const report = err instanceof ReportError ? err.report : errorReport("RUNNER_INTERNAL_ERROR", String(err));
        const durationMs = Math.round(performance.now() - started);
        emit({ ...base, durationMs, code: null, stdout: "", stderr: "", stdoutTruncated: false, stderrTruncated: false, error: report });
        throw err;
      }
      const result: TRunResult = { ...outcome, durationMs: Math.round(performance.now() - started) };
      const stdout = boundText(result.stdout, max);
      const stderr = boundText(result.stderr, max);
      emit({
        ...base,
        durationMs: result.durationMs,
        code: result.code,
        stdout: stdout.text,
        stderr: stderr.text,
        stdoutTruncated: stdout.truncated,
        stderrTruncated: stderr.truncated,
      });
      return checkExitCode(argv, result, opts.okCodes);
    },
  };
}
