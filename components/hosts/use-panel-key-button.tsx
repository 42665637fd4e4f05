"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { attachPanelKeyToHost } from "@/lib/actions/hosts";
import { Button } from "@/components/ui/button";
import { ActionError } from "./action-error";

export function UsePanelKeyButton({ hostId }: { hostId: string }) {
  const router = useRouter();
  const { execute, result, isPending } = useAction(attachPanelKeyToHost, { onSuccess: () => router.refresh() });
  return (
    <div className="space-y-2">
      <ActionError message={result.serverError} />
      <Button variant="secondary" onClick={() => execute({ hostId })} disabled={isPending}>
        Use the panel&apos;s key
      </Button>
    </div>
  );
}
