import { createTwoFilesPatch } from "diff";
import { toShellCommand } from "./argv";
import { checkExitCode, type Runner, type TRunOptions, type TRunResult } from "./runner";

// A Runner for unit tests, after pcs's mock_runner: it expects an exact, ordered list of
// commands and answers each with canned output. Any other call fails the test with a diff.

export type TFakeCall = {
  argv: string[];
  // Exact stdin the call must send; leave out for calls that send none.
  stdin?: string;
  env?: Record<string, string>;
  // Exit code 0 and empty output unless given.
  result?: Partial<Pick<TRunResult, "code" | "stdout" | "stderr">>;
  // Thrown instead of returning, to simulate SSH failures (e.g. an SshError).
  error?: Error;
};

type TShape = { argv: string[]; stdin?: string; env?: Record<string, string> };

const render = (shape: TShape) => JSON.stringify(shape, null, 2) + "\n";

export class FakeRunner implements Runner {
  readonly calls: { argv: string[]; opts: TRunOptions }[] = [];
  private used = 0;
  private readonly mismatches: Error[] = [];

  constructor(private readonly expected: readonly TFakeCall[]) {}

  async run(argv: string[], opts: TRunOptions = {}): Promise<TRunResult> {
    // The same argv/env checks the SSH runner applies, so invalid commands fail here too.
    toShellCommand(argv, opts.env);
    this.calls.push({ argv: [...argv], opts });
    const actual: TShape = {
      argv,
      ...(opts.stdin !== undefined ? { stdin: opts.stdin.toString() } : {}),
      ...(opts.env ? { env: opts.env } : {}),
    };
    const index = this.used;
    const next = this.expected[index];
    if (!next) {
      throw this.mismatch(`FakeRunner: unexpected call #${index + 1} (all ${this.expected.length} expected calls were used):\n${render(actual)}`);
    }
    const expected: TShape = {
      argv: next.argv,
      ...(next.stdin !== undefined ? { stdin: next.stdin } : {}),
      ...(next.env ? { env: next.env } : {}),
    };
    if (render(expected) !== render(actual)) {
      const patch = createTwoFilesPatch("expected", "actual", render(expected), render(actual), undefined, undefined, { context: 20 });
      throw this.mismatch(`FakeRunner: call #${index + 1} does not match the expected one:\n${patch}`);
    }
    this.used++;
    if (next.error) throw next.error;
    const result: TRunResult = { code: 0, stdout: "", stderr: "", durationMs: 0, ...next.result };
    return checkExitCode(argv, result, opts.okCodes);
  }

  // Call at the end of a test: fails on any mismatch seen (even one the code under test
  // caught and swallowed) and on expected calls that never happened.
  assertDone(): void {
    const first = this.mismatches[0];
    if (first) throw first;
    const left = this.expected.slice(this.used);
    if (left.length > 0) {
      throw new Error(`FakeRunner: ${left.length} expected call(s) never happened, starting with:\n${render({ argv: left[0]?.argv ?? [] })}`);
    }
  }

  private mismatch(message: string): Error {
    const error = new Error(message);
    this.mismatches.push(error);
    return error;
  }
}
