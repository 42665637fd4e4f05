"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAction } from "next-safe-action/hooks";
import { fetchNewHostKey, repinHostKey } from "@/lib/actions/hosts";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ActionError } from "./action-error";

// A deliberate re-pin: fetch what the host presents now, compare old and new, type the host's name.
export function RepinKeyForm({ hostId, name, offered }: { hostId: string; name: string; offered: string | null }) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const fetchKey = useAction(fetchNewHostKey, { onSuccess: () => router.refresh() });
  const repin = useAction(repinHostKey, { onSuccess: () => router.refresh() });
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={() => fetchKey.execute({ hostId })} disabled={fetchKey.isPending}>
          Fetch the host&apos;s current key
        </Button>
        {fetchKey.result.data && !fetchKey.result.data.changed ? (
          <span role="status" className="text-sm text-slate-700">
            The host still presents the pinned key.
          </span>
        ) : null}
      </div>
      <ActionError message={fetchKey.result.serverError} />
      {offered ? (
        <form
          aria-label="Re-pin host key"
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            repin.execute({ hostId, fingerprint: offered, confirmName: typed });
          }}
        >
          <Field id="repin-name" label={`Type ${name} to pin the new key`}>
            <Input id="repin-name" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          </Field>
          <ActionError message={repin.result.serverError} />
          <Button type="submit" variant="danger" disabled={typed !== name || repin.isPending}>
            Re-pin to the new key
          </Button>
        </form>
      ) : null}
    </div>
  );
}
