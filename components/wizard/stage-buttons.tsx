"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { continueWizard, continueWizardStorage, retryWizardStage } from "@/lib/actions/wizard";

// The previous stage is done: plan the next one (2: Pacemaker, 3: storage) against the
// cluster as it now is. Runs once when shown; `stage` never changes for a mounted instance.
export function AutoContinue({ clusterId, stage = 2 }: { clusterId: string; stage?: 2 | 3 }) {
  const router = useRouter();
  const { execute, result } = useAction(stage === 3 ? continueWizardStorage : continueWizard, { onSuccess: () => router.refresh() });
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    execute({ clusterId });
  }, [clusterId, execute]);
  return result.serverError ? (
    <p role="alert" className="text-sm text-red-700">
      {result.serverError}
    </p>
  ) : (
    <p className="text-sm text-slate-600">Planning stage {stage} against the running cluster…</p>
  );
}

// "Retry from here": plans the stage again; what already ran is checked and skipped.
export function RetryStageButton({ clusterId, stage }: { clusterId: string; stage: 1 | 2 | 3 }) {
  const router = useRouter();
  const { execute, result, isPending } = useAction(retryWizardStage, { onSuccess: () => router.refresh() });
  return (
    <div className="flex items-center gap-2">
      <Button disabled={isPending} onClick={() => execute({ clusterId, stage })}>
        Retry from here
      </Button>
      {result.serverError ? (
        <p role="alert" className="text-sm text-red-700">
          {result.serverError}
        </p>
      ) : null}
    </div>
  );
}
