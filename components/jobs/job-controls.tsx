"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { cancelJob, resumeJob, undoJob } from "@/lib/actions/jobs";
import { Button } from "@/components/ui/button";

// Cancel (before it runs), resume (interrupted), undo finished steps (failed or interrupted).
export function JobControls({ jobId, state, canAct }: { jobId: string; state: string; canAct: boolean }) {
  const router = useRouter();
  const done = { onSuccess: () => router.refresh() };
  const cancel = useAction(cancelJob, done);
  const resume = useAction(resumeJob, done);
  const undo = useAction(undoJob, done);
  if (!canAct) return null;
  const pending = cancel.isPending || resume.isPending || undo.isPending;
  const error = cancel.result.serverError ?? resume.result.serverError ?? undo.result.serverError;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {["queued", "awaiting-confirmation", "confirmed"].includes(state) ? (
        <Button variant="secondary" disabled={pending} onClick={() => cancel.execute({ jobId })}>
          Cancel job
        </Button>
      ) : null}
      {state === "interrupted" ? (
        <Button disabled={pending} onClick={() => resume.execute({ jobId })}>
          Resume
        </Button>
      ) : null}
      {["failed", "interrupted"].includes(state) ? (
        <Button
          variant="danger"
          disabled={pending}
          onClick={() => {
            if (window.confirm("Undo the finished steps of this job, last first?")) undo.execute({ jobId });
          }}
        >
          Undo finished steps
        </Button>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
