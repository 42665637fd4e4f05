import { z } from "zod";
import { ZReport } from "@/lib/reports/report";

// Where one step of a plan stands. Kept per step (JobStep rows) so a job can be resumed or
// undone after the process that ran it is gone.
export const ZStepStatus = z.enum(["pending", "running", "done", "skipped", "failed", "undone"]);
export type TStepStatus = z.infer<typeof ZStepStatus>;

// What only apply time knows and undo needs: the file content a write replaced.
export const ZStepUndoData = z.object({ previous: z.string().nullable(), changed: z.boolean() });
export type TStepUndoData = z.infer<typeof ZStepUndoData>;

export const ZStepState = z.object({
  status: ZStepStatus,
  note: z.string().nullable(),
  undo: ZStepUndoData.nullable(),
  report: ZReport.nullable(),
});
export type TStepState = z.infer<typeof ZStepState>;

export const pendingState = (): TStepState => ({ status: "pending", note: null, undo: null, report: null });
