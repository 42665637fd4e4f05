"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { trustHostKey } from "@/lib/actions/hosts";
import { Button } from "@/components/ui/button";
import { ActionError } from "./action-error";

// Sends back the fingerprint shown on this page, so the server pins exactly what the admin compared.
export function TrustKeyForm({ hostId, fingerprint }: { hostId: string; fingerprint: string }) {
  const router = useRouter();
  const { execute, result, isPending } = useAction(trustHostKey, { onSuccess: () => router.refresh() });
  return (
    <div className="space-y-2">
      <ActionError message={result.serverError} />
      <Button onClick={() => execute({ hostId, fingerprint })} disabled={isPending}>
        Trust this key
      </Button>
    </div>
  );
}
