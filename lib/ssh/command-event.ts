import type { TReport } from "@/lib/reports/report";

// What the audit log receives for every command: enough to answer "who ran what where and
// what happened", bounded in size. stdin is deliberately reduced to its length: it carries
// file contents and secrets.
export type TCommandEvent = {
  hostId: string | null;
  host: string;
  argv: string[];
  startedAt: Date;
  durationMs: number;
  code: number | null;
  stdout: string;
  stderr: string;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  stdinBytes: number;
  error?: TReport;
  // Whatever the caller attached to the runner (job id, user id) for the audit row.
  context: Record<string, string>;
};

export type TCommandListener = (event: TCommandEvent) => void | Promise<void>;

export function boundText(text: string, maxChars: number): { text: string; truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false };
  // Do not cut a surrogate pair in half: the audit store would receive an invalid string.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
  return { text: text.slice(0, end), truncated: true };
}

export function stdinLength(stdin: string | Buffer | undefined): number {
  if (stdin === undefined) return 0;
  return typeof stdin === "string" ? Buffer.byteLength(stdin) : stdin.length;
}
