"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAction } from "next-safe-action/hooks";
import { deleteCluster } from "@/lib/actions/clusters";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

// Typed confirmation: the button only arms when the exact cluster name is typed.
export function DeleteClusterForm({ clusterId, name }: { clusterId: string; name: string }) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const { execute, result, isPending } = useAction(deleteCluster, { onSuccess: () => router.push("/") });
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        execute({ clusterId, confirmName: typed });
      }}
    >
      <p className="text-sm text-slate-700">
        Removes the cluster and its job history from the panel. Nothing changes on the hosts.
      </p>
      <Field id="confirm-name" label={`Type ${name} to confirm`}>
        <Input id="confirm-name" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
      </Field>
      {result.serverError ? (
        <p role="alert" className="text-sm text-red-700">
          {result.serverError}
        </p>
      ) : null}
      <Button type="submit" variant="danger" disabled={typed !== name || isPending}>
        Remove from panel
      </Button>
    </form>
  );
}
