import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { TCommandEvent, TCommandListener } from "@/lib/ssh/command-event";

// Every command run on a host becomes an AuditEvent row: who (the user the runner was made
// for), where, the argv, exit code, duration, bounded output and the job. The SSH runner
// already reduced stdin to its length and bounded the output; the runner's context says
// when a step is sensitive, and then the output is left out too.

export type TAuditContext = { userId?: string; jobId?: string; hostName?: string; sensitive?: "1" };

function outputOf(e: TCommandEvent): string | null {
  const parts = [
    e.stdout + (e.stdoutTruncated ? "\n… (stdout truncated)" : ""),
    e.stderr ? `--- stderr ---\n${e.stderr}${e.stderrTruncated ? "\n… (stderr truncated)" : ""}` : "",
  ].filter((p) => p !== "");
  return parts.length > 0 ? parts.join("\n") : null;
}

export function commandAuditRow(e: TCommandEvent) {
  const ctx = e.context as TAuditContext;
  const hidden = ctx.sensitive === "1";
  return {
    at: e.startedAt,
    action: "command",
    userId: ctx.userId ?? null,
    hostId: e.hostId,
    hostName: ctx.hostName ?? e.host,
    argv: e.argv,
    exitCode: e.code,
    durationMs: Math.round(e.durationMs),
    output: hidden ? null : outputOf(e),
    jobId: ctx.jobId ?? null,
    detail: {
      stdinBytes: e.stdinBytes,
      outputHidden: hidden,
      ...(e.error ? { error: { code: e.error.code, message: e.error.message } } : {}),
    },
  };
}

export function auditCommandListener(db: PrismaClient): TCommandListener {
  return async (event) => {
    await db.auditEvent.create({ data: commandAuditRow(event) });
  };
}
