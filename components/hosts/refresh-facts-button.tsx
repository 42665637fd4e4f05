"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { refreshHostFacts } from "@/lib/actions/hosts";
import { Button } from "@/components/ui/button";
import { ActionError } from "./action-error";

export function RefreshFactsButton({ hostId }: { hostId: string }) {
  const router = useRouter();
  const { execute, result, isPending } = useAction(refreshHostFacts, { onSuccess: () => router.refresh() });
  return (
    <div className="flex items-center gap-2">
      <ActionError message={result.serverError} />
      <Button variant="secondary" onClick={() => execute({ hostId })} disabled={isPending}>
        Refresh facts
      </Button>
    </div>
  );
}
