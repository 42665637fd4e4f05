"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { installPanelKeyWithPassword } from "@/lib/actions/hosts";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ActionError } from "./action-error";

export function BootstrapForm({ hostId, user }: { hostId: string; user: string }) {
  const router = useRouter();
  const { execute, result, isPending } = useAction(installPanelKeyWithPassword, { onSuccess: () => router.refresh() });
  return (
    <form
      aria-label="Install the panel's key"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        execute({ hostId, password: String(new FormData(form).get("password") ?? "") });
        form.reset();
      }}
    >
      <Field id="bootstrap-password" label={`Password of ${user} (used once)`} hint="Logs in once to add the panel's public key to authorized_keys. Never stored or logged.">
        <Input id="bootstrap-password" name="password" type="password" required autoComplete="off" />
      </Field>
      <ActionError message={result.serverError} />
      {result.data ? (
        <p role="status" className="text-sm text-green-800">
          The panel&apos;s key is installed; reading the host&apos;s facts.
        </p>
      ) : null}
      <Button type="submit" disabled={isPending}>
        {isPending ? "Installing…" : "Install the panel's key"}
      </Button>
    </form>
  );
}
