import { z } from "zod";

// Errors and warnings are data, not strings: a code the UI and tests can match on, the
// parameters that explain it, and a message for people. Errors block a plan; warnings
// block it too unless the admin forces them.
export const ZSeverity = z.enum(["error", "warning", "info"]);
export type TSeverity = z.infer<typeof ZSeverity>;

export const ZReport = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  severity: ZSeverity,
  message: z.string(),
  params: z.record(z.string(), z.unknown()).default({}),
});
export type TReport = z.infer<typeof ZReport>;

export function report(
  severity: TSeverity,
  code: string,
  message: string,
  params: Record<string, unknown> = {},
): TReport {
  return { code, severity, message, params };
}

export const errorReport = (code: string, message: string, params: Record<string, unknown> = {}) =>
  report("error", code, message, params);
export const warningReport = (code: string, message: string, params: Record<string, unknown> = {}) =>
  report("warning", code, message, params);

// Whether a list of reports stops a plan: any error does; warnings do unless forced.
export function blockingReports(reports: readonly TReport[], force: boolean): TReport[] {
  return reports.filter((r) => r.severity === "error" || (r.severity === "warning" && !force));
}

// Thrown where a report must travel up through code that only knows exceptions.
export class ReportError extends Error {
  readonly report: TReport;
  constructor(r: TReport) {
    super(r.message);
    this.name = "ReportError";
    this.report = r;
  }
}
