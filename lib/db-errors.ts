import { errorReport, type TReport } from "@/lib/reports/report";

// A full data disk makes every database write fail (SQLITE_FULL: "database or disk is full"),
// while reads keep working. The background loops (job worker, job log, health collector) cannot
// store a report then, so they say it in the server log in one line instead of a stack trace.

function errorCode(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

export function isDiskFull(err: unknown): boolean {
  const code = errorCode(err);
  if (code === "SQLITE_FULL" || code === "ENOSPC") return true;
  return err instanceof Error && /database or disk is full|ENOSPC|no space left on device/i.test(err.message);
}

export function diskFullReport(what: string): TReport {
  return errorReport(
    "PANEL_DISK_FULL",
    `The panel's data disk is full, so ${what} could not be saved. Free space on the disk that holds the panel's data directory ` +
      "(PANEL_DATA_DIR, default ./data). What is already stored is kept; the panel carries on once there is room.",
    { what },
  );
}

// For a background loop's catch: one plain line for a full disk, the error itself otherwise.
export function logWriteFailure(context: string, what: string, err: unknown): void {
  if (isDiskFull(err)) console.error(`${context}: ${diskFullReport(what).message}`);
  else console.error(`${context}:`, err);
}
