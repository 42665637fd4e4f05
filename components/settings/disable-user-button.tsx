"use client";
import { useAction } from "next-safe-action/hooks";
import { disableUser } from "@/lib/actions/users";
import { Button } from "@/components/ui/button";

export function DisableUserButton({ userId, username }: { userId: string; username: string }) {
  const { execute, result, isPending } = useAction(disableUser);
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" disabled={isPending} onClick={() => execute({ userId })} aria-label={`Disable ${username}`}>
        Disable
      </Button>
      {result.serverError ? <span role="alert" className="text-xs text-red-700">{result.serverError}</span> : null}
    </span>
  );
}
