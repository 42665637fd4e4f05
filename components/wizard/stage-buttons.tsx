"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { continueWizard, retryWizardStage } from "@/lib/actions/wizard";

// Stage 1 is done: plan stage 2 against the cluster it formed. Runs once when shown.
export function AutoContinue({ clusterId }: { clusterId: string }) {
  const router = useRouter();
  const { execute, result } = useAction(continueWizard, { onSuccess: () => router.refresh() });
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
    <p className="text-sm text-slate-600">Planning stage 2 against the running cluster…</p>
  );
}

// "Retry from here": plans the stage again; what already ran is checked and skipped.
export function RetryStageButton({ clusterId, stage }: { clusterId: string; stage: 1 | 2 }) {
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
