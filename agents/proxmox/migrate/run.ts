import { ParseError } from "@/agents/common/parse-error";
import { errorReport, ReportError, type TReport } from "@/lib/reports/report";
import { shScript } from "@/lib/ssh/argv";
import type { Runner } from "@/lib/ssh/runner";
import { ZPveNodeName, ZVmid } from "../ids";
import type { TQmMigrateLog } from "../model-status";
import { parseQmMigrateLog } from "../parse-qm-migrate-log";

// Runs `qm migrate ID TARGET --online` (or `pct migrate ID TARGET --restart`) on the guest's
// node, detached from the SSH session, with the task log going to a file; polling that file
// gives the progress lines as they come, and the exit code file the end.

export type TMigrationKind = "qemu" | "lxc";

export type TMigrationProgress = { lines: string[]; log: TQmMigrateLog | null; percent: number | null };

export type TMigrationResult = {
  ok: boolean;
  exitCode: number;
  durationSeconds: number | null;
  downtimeMs: number | null;
  log: TQmMigrateLog | null;
  lines: string[];
  // An HA-managed guest: qm only asked the HA manager, which moves it on its own (watch the HA status).
  haRequested: boolean;
  reports: TReport[];
};

// $1 log file, then the command. The child outlives the SSH channel (nohup, all fds
// redirected) and writes its exit code to "$1.rc" when done.
export const START_DETACHED_SCRIPT =
  'log=$1; shift; rm -f "$log" "$log.rc"; nohup /bin/sh -c \'"$@" > "$0" 2>&1; echo $? > "$0.rc"\' "$log" "$@" </dev/null >/dev/null 2>&1 &';
// First line: "RC <code>" when finished, "RUNNING" before; then the log so far.
export const POLL_SCRIPT = 'if [ -f "$1.rc" ]; then printf "RC %s\\n" "$(cat "$1.rc")"; else echo RUNNING; fi; cat "$1" 2>/dev/null; exit 0';

export const migrationLogPath = (vmid: number) => `/var/tmp/panel-migrate-${ZVmid.parse(vmid)}.log`;

export function migrateArgv(kind: TMigrationKind, vmid: number, target: string, opts: { online: boolean; withLocalDisks?: boolean }): string[] {
  const id = String(ZVmid.parse(vmid));
  const node = ZPveNodeName.parse(target);
  if (kind === "lxc") return ["pct", "migrate", id, node, ...(opts.online ? ["--restart"] : [])];
  return ["qm", "migrate", id, node, ...(opts.online ? ["--online"] : []), ...(opts.withLocalDisks ? ["--with-local-disks"] : [])];
}

function readLog(lines: string[]): TQmMigrateLog | null {
  try {
    return parseQmMigrateLog(lines.join("\n"));
  } catch (err) {
    if (err instanceof ParseError) return null;
    throw err;
  }
}

export function progressOf(lines: string[]): TMigrationProgress {
  const log = readLog(lines);
  const p = log?.progress;
  const percent = log?.finished && log.ok ? 100 : p && p.transferred !== null && p.total ? Math.min(99, Math.round((p.transferred / p.total) * 100)) : null;
  return { lines, log, percent };
}

// The lines that say why a migration failed: errors and aborts, then the last lines.
export function explainingLines(lines: readonly string[], tail = 8): string[] {
  const why = lines.filter((l) => /ERROR|abort|fail|can't|unable/i.test(l));
  const last = lines.slice(-tail);
  return [...new Set([...why, ...last])];
}

export function migrationResult(exitCode: number, lines: string[], req: { vmid: number; target: string }): TMigrationResult {
  const log = readLog(lines);
  const ok = exitCode === 0 && (log === null || !log.finished || log.ok);
  const reports: TReport[] = [];
  if (!ok) {
    const explain = explainingLines(lines);
    const reason = log?.errors[0] ?? explain[0] ?? `exit code ${exitCode}`;
    reports.push(
      errorReport("PVE_MIGRATE_FAILED", `Migrating guest ${req.vmid} to ${req.target} failed: ${reason}`, {
        vmid: req.vmid,
        target: req.target,
        exitCode,
        logLines: explain,
      }),
    );
  }
  return {
    ok,
    exitCode,
    durationSeconds: log?.durationSeconds ?? null,
    downtimeMs: log?.downtimeMs ?? null,
    log,
    lines,
    haRequested: log?.ha === true && !log.finished,
    reports,
  };
}

export async function startMigration(runner: Runner, argv: string[], logPath: string): Promise<void> {
  await runner.run(shScript(START_DETACHED_SCRIPT, [logPath, ...argv]), { timeoutMs: 30_000 });
}

export async function pollMigration(runner: Runner, logPath: string): Promise<{ exitCode: number | null; lines: string[] }> {
  const r = await runner.run(shScript(POLL_SCRIPT, [logPath]), { timeoutMs: 30_000 });
  const [head = "", ...rest] = r.stdout.split("\n");
  if (rest.at(-1) === "") rest.pop();
  const rc = /^RC (\d+)$/.exec(head.trim());
  return { exitCode: rc ? Number(rc[1]) : null, lines: rest };
}

export async function migrateGuest(
  runner: Runner,
  req: { vmid: number; kind: TMigrationKind; target: string; online: boolean; withLocalDisks?: boolean },
  opts: { onProgress?: (p: TMigrationProgress) => void; pollMs?: number; timeoutMs?: number } = {},
): Promise<TMigrationResult> {
  const logPath = migrationLogPath(req.vmid);
  await startMigration(runner, migrateArgv(req.kind, req.vmid, req.target, req), logPath);
  const deadline = Date.now() + (opts.timeoutMs ?? 3_600_000);
  let seen = -1;
  for (;;) {
    const { exitCode, lines } = await pollMigration(runner, logPath);
    if (lines.length !== seen) {
      seen = lines.length;
      opts.onProgress?.(progressOf(lines));
    }
    if (exitCode !== null) return migrationResult(exitCode, lines, req);
    if (Date.now() > deadline) {
      throw new ReportError(
        errorReport("PVE_MIGRATE_TIMEOUT", `Migration of guest ${req.vmid} to ${req.target} has not finished in time; it may still run (log: ${logPath}).`, {
          vmid: req.vmid,
          logLines: explainingLines(lines),
        }),
      );
    }
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 1_000));
  }
}
