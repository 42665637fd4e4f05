"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { setHostPrivateKey } from "@/lib/actions/hosts";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ActionError, fieldError } from "./action-error";

// The key goes to the server once and is never shown again; the form clears on success.
export function PrivateKeyForm({ hostId }: { hostId: string }) {
  const router = useRouter();
  const { execute, result, isPending } = useAction(setHostPrivateKey, { onSuccess: () => router.refresh() });
  return (
    <form
      aria-label="Paste a private key"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        execute({ hostId, privateKey: String(new FormData(form).get("privateKey") ?? "") });
        form.reset();
      }}
    >
      <Field id="private-key" label="Private key" hint="OpenSSH or PEM, without a passphrase. Stored encrypted; never shown again." error={fieldError(result.validationErrors, "privateKey")}>
        <textarea
          id="private-key"
          name="privateKey"
          rows={6}
          required
          spellCheck={false}
          autoComplete="off"
          placeholder="The contents of the key file, e.g. ~/.ssh/id_ed25519"
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs text-slate-900 focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600"
        />
      </Field>
      <ActionError message={result.serverError} />
      {result.data ? (
        <p role="status" className="text-sm text-green-800">
          Key {result.data.fingerprint} saved; reading the host&apos;s facts.
        </p>
      ) : null}
      <Button type="submit" disabled={isPending}>
        Save key
      </Button>
    </form>
  );
}
