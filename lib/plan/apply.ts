import { createHash } from "node:crypto";
import { errorReport, ReportError, warningReport, type TReport } from "@/lib/reports/report";
import { shScript } from "@/lib/ssh/argv";
import { CommandFailedError, type Runner } from "@/lib/ssh/runner";
import { FILE_SCRIPTS, writeFileAtomic } from "@/lib/ssh/write-file";
import type { TPlan, TPlanStep, TStepCheck } from "./plan";
import { openStepSecrets } from "./seal";
import { pendingState, type TStepState } from "./step-state";

// Runs a plan step by step through Runners, stopping at the first failure. Everything it
// learns goes out as events (the job layer turns them into JobStep/JobLog rows) and into the
// returned step states, which are also its input when a job is resumed or undone.

export type TRunnerFor = (host: string, opts: { sensitive: boolean }) => Runner | Promise<Runner>;

export type TLogStream = "info" | "stdout" | "stderr" | "error" | "step";

export type TApplyEvent =
  | { type: "step-started"; index: number; step: TPlanStep; phase: "apply" | "undo" }
  | { type: "step-finished"; index: number; state: TStepState; phase: "apply" | "undo" }
  | { type: "step-failed"; index: number; state: TStepState; phase: "apply" | "undo" }
  | { type: "log"; stream: TLogStream; line: string };

export type TApplyOptions = {
  runnerFor: TRunnerFor;
  onEvent?: (event: TApplyEvent) => void | Promise<void>;
  // Asked between steps: true stops cleanly (the job lost its lease or is shutting down).
  shouldStop?: () => boolean;
  // Sealed secrets (lib/plan/seal.ts): opened right before a step's data goes to its host; a
  // sensitive file's previous content is sealed before it is kept for undo.
  secrets?: { open: (text: string) => string; seal: (text: string) => string };
};

export type TApplyResult = {
  outcome: "succeeded" | "failed" | "stopped";
  states: TStepState[];
  failure: TReport | null;
};

export type TUndoResult = {
  outcome: "undone" | "failed" | "stopped";
  states: TStepState[];
  failure: TReport | null;
  // Finished steps that have no undo: left as they are, each named here.
  warnings: TReport[];
};

// Prints the hash of a file, or exits 3 when there is none. Only the hash comes back, so a
// check on a secret file does not copy the secret into the audit log.
export const CHECK_SCRIPTS = {
  fileHash: '[ -e "$1" ] || exit 3; exec sha256sum < "$1"',
} as const;

const OUTPUT_LINES_IN_LOG = 200;
const STDERR_IN_REPORT = 2000;

export const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
// What the admin reads: plain words stay plain, anything else goes in single quotes (as
// `set -x` prints it) rather than shell-quote's backslash before every ':' and ','.
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
const displayWord = (word: string) => (PLAIN_WORD.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`);
export const displayArgv = (argv: readonly string[]) => argv.map(displayWord).join(" ");

function actionLine(step: TPlanStep): string {
  const a = step.action;
  if (a.kind === "command") return `$ ${displayArgv(a.argv)}`;
  return `write ${a.path} (${Buffer.byteLength(a.content)} bytes${a.mode ? `, mode ${a.mode}` : ""})`;
}

async function isDone(runner: Runner, check: TStepCheck): Promise<boolean> {
  if (check.kind === "command") return (await runner.run(check.argv, { okCodes: "any" })).code === 0;
  const r = await runner.run(shScript(CHECK_SCRIPTS.fileHash, [check.path]), { okCodes: "any" });
  return r.code === 0 && r.stdout.trim().split(/\s+/)[0] === sha256Hex(check.content);
}

function causeOf(err: unknown): TReport {
  if (err instanceof ReportError) return err.report;
  return errorReport("STEP_INTERNAL_ERROR", err instanceof Error ? err.message : String(err));
}

export function stepFailure(step: TPlanStep, index: number, err: unknown, phase: "apply" | "undo" | "verify"): TReport {
  const cause = causeOf(err);
  const stderr = !step.sensitive && err instanceof CommandFailedError ? err.result.stderr.trim().slice(0, STDERR_IN_REPORT) : "";
  const what = phase === "undo" ? "Undoing step" : "Step";
  const how = phase === "verify" ? "ran but its verification failed" : "failed";
  return errorReport(
    phase === "undo" ? "STEP_UNDO_FAILED" : phase === "verify" ? "STEP_VERIFY_FAILED" : "STEP_FAILED",
    `${what} ${index + 1} "${step.title}" ${how} on ${step.host}: ${cause.message}`,
    { stepId: step.id, index, host: step.host, cause: cause.code, causeParams: step.sensitive ? {} : cause.params, stderr },
  );
}

function outputLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  if (lines.length <= OUTPUT_LINES_IN_LOG) return lines;
  return [...lines.slice(0, OUTPUT_LINES_IN_LOG), `… ${lines.length - OUTPUT_LINES_IN_LOG} more lines not shown`];
}

async function logOutput(emit: (e: TApplyEvent) => Promise<void>, step: TPlanStep, stdout: string, stderr: string) {
  if (step.sensitive) return;
  for (const line of outputLines(stdout)) await emit({ type: "log", stream: "stdout", line });
  for (const line of outputLines(stderr)) await emit({ type: "log", stream: "stderr", line });
}

// Runs the step's action; returns the undo data a write captured.
async function execute(runner: Runner, step: TPlanStep, emit: (e: TApplyEvent) => Promise<void>): Promise<TStepState["undo"]> {
  const a = step.action;
  if (a.kind === "command") {
    try {
      const r = await runner.run(a.argv, { stdin: a.stdin, okCodes: a.okCodes, timeoutMs: a.timeoutMs });
      await logOutput(emit, step, r.stdout, r.stderr);
    } catch (err) {
      if (err instanceof CommandFailedError) await logOutput(emit, step, err.result.stdout, err.result.stderr);
      throw err;
    }
    return null;
  }
  const written = await writeFileAtomic(runner, { path: a.path, content: a.content, mode: a.mode, validate: a.validate });
  if (!written.changed) await emit({ type: "log", stream: "info", line: `${a.path} already had this content` });
  return { previous: written.previous, changed: written.changed };
}

export async function applyPlan(plan: TPlan, prior: readonly TStepState[] | null, opts: TApplyOptions): Promise<TApplyResult> {
  const states = plan.steps.map((_, i) => prior?.[i] ?? pendingState());
  const emit = async (e: TApplyEvent) => {
    await opts.onEvent?.(e);
  };
  for (const [index, step] of plan.steps.entries()) {
    if (opts.shouldStop?.()) {
      await emit({ type: "log", stream: "info", line: `Stopped before step ${index + 1}.` });
      return { outcome: "stopped", states, failure: null };
    }
    await emit({ type: "step-started", index, step, phase: "apply" });
    await emit({ type: "log", stream: "step", line: `[${index + 1}/${plan.steps.length}] ${step.title} (on ${step.host})` });
    const next = await applyStep(step, index, states[index] ?? pendingState(), opts, emit);
    states[index] = next;
    if (next.status === "failed") {
      await emit({ type: "log", stream: "error", line: next.report?.message ?? "step failed" });
      await emit({ type: "step-failed", index, state: next, phase: "apply" });
      return { outcome: "failed", states, failure: next.report };
    }
    if (next.note) await emit({ type: "log", stream: "info", line: next.note });
    await emit({ type: "step-finished", index, state: next, phase: "apply" });
  }
  return { outcome: "succeeded", states, failure: null };
}

async function applyStep(
  stored: TPlanStep,
  index: number,
  before: TStepState,
  opts: TApplyOptions,
  emit: (e: TApplyEvent) => Promise<void>,
): Promise<TStepState> {
  // On a re-run keep the content from before the job's first write: that is what undo restores.
  let undo = before.undo;
  let step = stored;
  try {
    if (opts.secrets) step = openStepSecrets(stored, opts.secrets.open);
    const runner = await opts.runnerFor(step.host, { sensitive: step.sensitive });
    const wasDone = before.status === "done" || before.status === "skipped";
    if (step.check && (await isDone(runner, step.check))) {
      // A step finished in an earlier run keeps its "done" and its undo data.
      return wasDone ? { ...before, note: "done in an earlier run; its check confirms it" } : { ...pendingState(), status: "skipped", note: "already done" };
    }
    if (!step.check && wasDone) return { ...before, note: "done in an earlier run" };
    await emit({ type: "log", stream: "info", line: actionLine(step) });
    const captured = await execute(runner, step, emit);
    undo = before.undo ?? sealPrevious(step, captured, opts);
    if (step.verify) {
      try {
        await runner.run(step.verify, { okCodes: [0] });
      } catch (err) {
        return { status: "failed", note: null, undo, report: stepFailure(step, index, err, "verify") };
      }
    }
    return { status: "done", note: null, undo, report: null };
  } catch (err) {
    return { status: "failed", note: null, undo, report: stepFailure(step, index, err, "apply") };
  }
}

function sealPrevious(step: TPlanStep, captured: TStepState["undo"], opts: TApplyOptions): TStepState["undo"] {
  if (!captured?.previous || !step.sensitive || !opts.secrets) return captured;
  return { ...captured, previous: opts.secrets.seal(captured.previous) };
}

async function undoStep(runner: Runner, step: TPlanStep, state: TStepState, emit: (e: TApplyEvent) => Promise<void>, opts: TApplyOptions): Promise<void> {
  const undo = step.undo;
  if (!undo) return;
  if (undo.kind === "command") {
    await emit({ type: "log", stream: "info", line: `$ ${displayArgv(undo.argv)}` });
    const r = await runner.run(undo.argv, { stdin: undo.stdin });
    await logOutput(emit, step, r.stdout, r.stderr);
    return;
  }
  if (step.action.kind !== "write-file") throw new ReportError(errorReport("UNDO_INVALID", "restore-file undo on a step that writes no file", { stepId: step.id }));
  const path = step.action.path;
  if (!state.undo || !state.undo.changed) {
    await emit({ type: "log", stream: "info", line: `${path} was not changed by this job; nothing to restore` });
    return;
  }
  if (state.undo.previous === null) {
    await emit({ type: "log", stream: "info", line: `remove ${path} (it did not exist before)` });
    await runner.run(shScript(FILE_SCRIPTS.remove, [path]));
    return;
  }
  await emit({ type: "log", stream: "info", line: `restore the previous content of ${path}` });
  await writeFileAtomic(runner, { path, content: opts.secrets ? opts.secrets.open(state.undo.previous) : state.undo.previous });
}

// Takes back the finished steps, last first, stopping at the first undo that fails (the
// earlier steps' undo may depend on the later ones being gone).
export async function undoFinished(plan: TPlan, states: readonly TStepState[], opts: TApplyOptions): Promise<TUndoResult> {
  const out = plan.steps.map((_, i) => states[i] ?? pendingState());
  const warnings: TReport[] = [];
  const emit = async (e: TApplyEvent) => {
    await opts.onEvent?.(e);
  };
  for (let index = plan.steps.length - 1; index >= 0; index--) {
    const step = plan.steps[index];
    const state = out[index];
    if (!step || !state || state.status !== "done") continue;
    if (opts.shouldStop?.()) return { outcome: "stopped", states: out, failure: null, warnings };
    if (!step.undo) {
      const w = warningReport("STEP_NOT_UNDOABLE", `Step ${index + 1} "${step.title}" on ${step.host} has no undo; it stays as it is.`, { stepId: step.id, index, host: step.host });
      warnings.push(w);
      await emit({ type: "log", stream: "error", line: w.message });
      continue;
    }
    await emit({ type: "step-started", index, step, phase: "undo" });
    await emit({ type: "log", stream: "step", line: `Undo [${index + 1}/${plan.steps.length}] ${step.title} (on ${step.host})` });
    let live = step;
    try {
      if (opts.secrets) live = openStepSecrets(step, opts.secrets.open);
      const runner = await opts.runnerFor(live.host, { sensitive: live.sensitive });
      await undoStep(runner, live, state, emit, opts);
    } catch (err) {
      const failure = stepFailure(live, index, err, "undo");
      const failedState = { ...state, report: failure };
      out[index] = failedState;
      await emit({ type: "log", stream: "error", line: failure.message });
      await emit({ type: "step-failed", index, state: failedState, phase: "undo" });
      return { outcome: "failed", states: out, failure, warnings };
    }
    const undone: TStepState = { ...state, status: "undone", note: "undone", report: null };
    out[index] = undone;
    await emit({ type: "step-finished", index, state: undone, phase: "undo" });
  }
  return { outcome: "undone", states: out, failure: null, warnings };
}
