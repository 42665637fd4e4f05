"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAction } from "next-safe-action/hooks";
import { confirmJob } from "@/lib/actions/jobs";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

// The form only helps; the server checks the typed name, the force flag and the role again.
export function ConfirmForm(props: { jobId: string; confirmWord: string | null; hasWarnings: boolean; hasErrors: boolean; canConfirm: boolean; role: string }) {
  const { jobId, confirmWord, hasWarnings, hasErrors, canConfirm, role } = props;
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const [force, setForce] = useState(false);
  const { execute, result, isPending } = useAction(confirmJob, { onSuccess: () => router.refresh() });
  if (hasErrors) return <p className="text-sm text-red-800">The plan has errors, so it cannot run. Fix the cause and start the job again, or cancel it.</p>;
  if (!canConfirm) return <p className="text-sm text-slate-700">Confirming this plan needs the {role} role.</p>;
  const armed = (!confirmWord || typed.trim() === confirmWord) && (!hasWarnings || force) && !isPending;
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        execute({ jobId, confirmName: typed, force });
      }}
    >
      {confirmWord ? (
        <Field id="confirm-name" label={`This plan is destructive. Type ${confirmWord} to confirm`}>
          <Input id="confirm-name" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
        </Field>
      ) : null}
      {hasWarnings ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          Run despite the warnings above
        </label>
      ) : null}
      {result.serverError ? (
        <p role="alert" className="text-sm text-red-700">
          {result.serverError}
        </p>
      ) : null}
      <Button type="submit" variant={confirmWord ? "danger" : "primary"} disabled={!armed}>
        Confirm and run
      </Button>
    </form>
  );
}
